"""The clerk's page for correcting a declared income figure with a reason."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from .. import db
from ..case_acts import act
from ..services.assessment import corrections
from ..web import actor, role_required, today, unit_of_work
from .blueprint import bp
from .forms import IncomeCorrectionForm

DONE = "Das Einkommen ist korrigiert. Der Beitrag wird mit dem berichtigten Betrag berechnet."


@bp.route("/faelle/<int:case_id>/einkommen-korrigieren", methods=["GET", "POST"])
@role_required("clerk")
def income_correction(case_id: int):
    view = corrections.correction_view(db.session(), actor(), case_id, today())
    back = url_for("office.case", case_id=case_id)
    if not view.allowed:
        flash(corrections.NOT_ALLOWED, "error")
        return redirect(back)
    if request.method == "GET":
        form = IncomeCorrectionForm(formdata=None, item=request.args.get("posten"), version=str(view.case.version))
        form.offer(view.rows)
        return _page(view, form)
    form = IncomeCorrectionForm()
    form.offer(view.rows)
    return act(form, lambda form: corrections.correct_income(unit_of_work(), actor(), case_id, form.seen_version(),
                                                             form.correction()),
        back=back, done=DONE, failed_page=lambda form: _page(view, form, 400),
        not_done="Das Einkommen wurde nicht korrigiert.")


def _page(view: corrections.CorrectionView, form: IncomeCorrectionForm, status: int = 200):
    return render_template("office/income_correction.html", view=view, form=form), status
