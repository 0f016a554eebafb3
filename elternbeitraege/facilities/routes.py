"""The facility's view: its children and their fee-case status, and the admission report; the case pages are in
``case_routes``."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for

from .. import db
from ..case_forms import HOURS_HINT
from ..services.cases import admissions
from ..services.kernel.errors import InvalidInput
from ..services.views import facilities
from ..web import actor, role_required, send_stored, today, unit_of_work
from .blueprint import bp
from .forms import AdmissionForm, admission_form


@bp.get("/")
@role_required("facility")
def children():
    rows = facilities.children_of(db.session(), actor())
    return render_template("facilities/children.html", rows=rows,
                           letters=facilities.letters_of(db.session(), actor()))


@bp.get("/mitteilungen/<int:document_id>")
@role_required("facility")
def letter(document_id: int):
    stored = facilities.letter_of(db.session(), actor(), document_id)
    return send_stored(stored.content, stored.filename, "application/pdf", stored.sha256)


@bp.route("/aufnahme", methods=["GET", "POST"])
@role_required("facility")
def report():
    care_kind = admissions.care_kind_of(db.session(), actor())
    form = admission_form(care_kind)
    if form.validate_on_submit():
        try:
            admissions.report_admission(unit_of_work(), actor(), _admission(form))
        except InvalidInput as error:
            _show(form, error.errors)
        else:
            # the flash travels in the readable session cookie: no names, no file number
            flash("Die Aufnahme ist gemeldet. Das Jugendamt lädt die Eltern schriftlich ein.", "success")
            return redirect(url_for("facilities.children"))
    elif form.is_submitted():  # every problem at once: what the form read is judged as well
        _show(form, admissions.admission_problems(db.session(), actor(), _admission(form), today()))
    return render_template("facilities/report.html", form=form, childminder=care_kind == "childminder",
                           hours_hint=HOURS_HINT)


def _show(form: AdmissionForm, errors: dict[str, str]) -> None:
    """Put each message beside its field, unless the form has already said what is wrong there."""
    for name, message in errors.items():
        if not form[name].errors:
            form[name].errors = [message]


def _admission(form: AdmissionForm) -> admissions.Admission:
    text = lambda field: field.data or None  # noqa: E731  (the form has normalised it: "" is nothing typed)
    day = lambda field: field.data if isinstance(field.data, date) else None  # noqa: E731  (unread: nothing)
    return admissions.Admission(
        child_first_name=text(form.child_first_name), child_last_name=text(form.child_last_name),
        birth_date=day(form.birth_date), weekly_hours=form.booked_hours(),
        start_date=day(form.start_date), parent1_first_name=text(form.parent1_first_name),
        parent1_last_name=text(form.parent1_last_name), parent2_first_name=text(form.parent2_first_name),
        parent2_last_name=text(form.parent2_last_name), street=text(form.street),
        postcode=text(form.postcode), city=text(form.city),
    )
