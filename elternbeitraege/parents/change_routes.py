"""What parents do on a settled or open case besides declaring: report a change, or accept the highest fee."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from workflows import Trigger

from .. import db
from ..case_acts import act
from ..case_forms import IncomeChangeForm
from ..services.cases import changes
from ..services.declarations import answers as declarations
from ..services.views import portal
from ..web import actor, role_required, today, unit_of_work
from .blueprint import bp
from .forms import SubmitForm

NOT_NOW = "Zurzeit können Sie keine Änderung melden. Bei Fragen wenden Sie sich an das Jugendamt."


@bp.route("/faelle/<int:case_id>/aenderung", methods=["GET", "POST"])
@role_required("parent")
def income_change(case_id: int):
    view = portal.case_view(db.session(), actor(), case_id, today())
    if request.method == "GET" and Trigger.REPORT_INCOME_CHANGE not in view.actions:
        flash(NOT_NOW, "info")
        return redirect(url_for("parents.case", case_id=case_id))
    # a form sent goes to the service, which says why it is refused (e.g. outdated)
    return act(IncomeChangeForm(), lambda form: changes.report_income_change(
        unit_of_work(), actor(), case_id, form.seen_version(), form.change_from.data, form.what.data),
        back=url_for("parents.case", case_id=case_id), then=url_for("parents.tasks", case_id=case_id),
        done="Ihre Änderung ist gemeldet. Passen Sie jetzt Ihre Angaben an und senden Sie die Erklärung erneut ab.",
        failed_page=lambda form: _change_page(view, form))


def _change_page(view, form: IncomeChangeForm):
    if not form.version.data:
        form.version.data = str(view.case.version)
    return render_template("parents/change.html", view=view, form=form), 400 if form.errors else 200


@bp.post("/faelle/<int:case_id>/erklaerung/hoechstbeitrag")
@role_required("parent")
def accept_highest(case_id: int):
    if SubmitForm().validate_on_submit():  # a second click meets a Conflict: the blueprint says it was sent
        declarations.accept_highest(unit_of_work(), actor(), case_id)
        flash("Sie haben den Höchstbeitrag akzeptiert. Das Jugendamt setzt ihn fest und schickt Ihnen den "
              "Beitragsbescheid.", "success")
    return redirect(url_for("parents.case", case_id=case_id))
