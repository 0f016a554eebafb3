"""How every act on a case answers in the browser, for clerks, facilities and parents alike.

The act's form is checked, the service called; then the page goes back to the case with a
message. Bad input stays on the page with the message beside its field, nothing typed lost; a
case changed meanwhile, or in a state that does not allow the act, is said in plain German.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect

from .case_forms import CaseForm
from .services.kernel.errors import Conflict, InvalidInput


def act(form: CaseForm, call: Callable[[CaseForm], object], *, back: str, done: str,
        failed_page: Callable[[CaseForm], object], then: str | None = None,
        not_done: str = "Es wurde nichts geändert."):
    """Run an act from its form; ``back``: the case's address, ``then``: where to go after success (else back)."""
    if form.validate_on_submit():
        try:
            call(form)
        except InvalidInput as error:
            _show_errors(form, error)
        except Conflict as error:
            flash(f"{error} {not_done} Prüfen Sie den aktuellen Stand.", "error")
            return redirect(back)
        else:
            flash(done, "success")
            return redirect(then or back)
    return failed_page(form)


def _show_errors(form: CaseForm, error: InvalidInput) -> None:
    """Put each message beside its field; one without a field goes into the page's messages."""
    for name, message in error.errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            flash(message, "error")
