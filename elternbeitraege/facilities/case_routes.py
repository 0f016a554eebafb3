"""A child's case as the facility sees it, and the changes it reports: hours, departure, withdrawal before care."""
from __future__ import annotations

from collections.abc import Callable

from flask import render_template, url_for

from workflows import Trigger

from .. import case_forms as forms
from .. import db
from ..case_acts import act
from ..services.cases import changes
from ..services.views import facilities
from ..web import actor, role_required, today, unit_of_work
from .blueprint import bp

# The form of each change a facility can report, by trigger.
FORMS: dict[str, type[forms.CaseForm]] = {
    Trigger.REPORT_CARE_CHANGE: forms.CareChangeForm,
    Trigger.REPORT_DEPARTURE: forms.DepartureForm,
    Trigger.WITHDRAW: forms.ReasonForm,
}
# The flash travels in the readable session cookie: no names, no file number.
DONE = {
    Trigger.REPORT_CARE_CHANGE: "Die neue Betreuungszeit ist gemeldet. Das Jugendamt prüft den Beitrag neu.",
    Trigger.REPORT_DEPARTURE: "Die Abmeldung ist gemeldet. Das Jugendamt prüft den Beitrag neu.",
    Trigger.WITHDRAW: "Die Aufnahme ist zurückgezogen. Die Eltern müssen nichts mehr tun.",
}


def render_case(case_id: int, failed: forms.CaseForm | None = None, trigger: str | None = None, status: int = 200):
    """Show the child's case with a fresh form for every change, or the failed one with its errors."""
    view = facilities.case_of(db.session(), actor(), case_id, today())
    shown = {name: form(formdata=None) for name, form in forms_for(view.care_kind).items()}
    for form in shown.values():
        form.version.data = str(view.version)
    if failed is not None:
        shown[trigger] = failed  # keeps the version it was shown with: sent again, a stale one is still refused
    return render_template("facilities/case.html", view=view, forms=shown, form=failed,
                           hours_hint=forms.HOURS_HINT), status


def forms_for(care_kind: str) -> dict[str, type[forms.CaseForm]]:
    """Return the form of every change a facility of this care kind reports."""
    return forms.for_care_kind(FORMS, care_kind)


@bp.get("/kinder/<int:case_id>")
@role_required("facility")
def case(case_id: int):
    return render_case(case_id)


def _act(case_id: int, trigger: str, call: Callable[[forms.CaseForm], object]):
    """Run the facility's change from its form and go back to the case; errors stay on the page."""
    form = forms_for(facilities.care_kind_of(db.session(), actor(), case_id))[trigger]()
    return act(form, call, back=url_for("facilities.case", case_id=case_id), done=DONE[trigger],
               failed_page=lambda form: render_case(case_id, form, trigger, 400))


@bp.post("/kinder/<int:case_id>/betreuungszeit")
@role_required("facility")
def care_change(case_id: int):
    return _act(case_id, Trigger.REPORT_CARE_CHANGE, lambda form: changes.report_care_change(
        unit_of_work(), actor(), case_id, form.seen_version(), form.change_from.data, int(form.hours.data)))


@bp.post("/kinder/<int:case_id>/abmeldung")
@role_required("facility")
def departure(case_id: int):
    return _act(case_id, Trigger.REPORT_DEPARTURE, lambda form: changes.report_departure(
        unit_of_work(), actor(), case_id, form.seen_version(), form.last_day.data))


@bp.post("/kinder/<int:case_id>/zurueckziehen")
@role_required("facility")
def withdraw(case_id: int):
    return _act(case_id, Trigger.WITHDRAW, lambda form: changes.withdraw(
        unit_of_work(), actor(), case_id, form.seen_version(), form.reason.data))
