"""The facility's view: its children and their fee-case status, and the admission report; the case pages are in
``case_routes``."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for

from .. import db
from ..services import admissions, facilities
from ..services.errors import InvalidInput
from ..web import actor, role_required, send_stored, today
from .forms import AdmissionForm

bp = Blueprint("facilities", __name__, url_prefix="/einrichtung")


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
    form = AdmissionForm()
    if form.validate_on_submit():
        try:
            admissions.report_admission(db.session(), actor(), _admission(form),
                                               current_app.config["PUBLIC_URL"], today())
        except InvalidInput as error:
            for name, message in error.errors.items():
                form[name].errors = [*form[name].errors, message]
        else:
            # the flash travels in the readable session cookie: no names, no file number
            flash("Die Aufnahme ist gemeldet. Das Jugendamt lädt die Eltern schriftlich ein.", "success")
            return redirect(url_for("facilities.children"))
    return render_template("facilities/report.html", form=form)


def _admission(form: AdmissionForm) -> admissions.Admission:
    text = lambda field: field.data or None  # noqa: E731  (the form has normalised it: "" is nothing typed)
    return admissions.Admission(
        child_first_name=text(form.child_first_name), child_last_name=text(form.child_last_name),
        birth_date=form.birth_date.data, weekly_hours=int(form.weekly_hours.data),
        start_date=form.start_date.data, parent1_first_name=text(form.parent1_first_name),
        parent1_last_name=text(form.parent1_last_name), parent2_first_name=text(form.parent2_first_name),
        parent2_last_name=text(form.parent2_last_name), street=text(form.street),
        postcode=form.postcode.data, city=text(form.city),
    )


from . import case_routes  # noqa: E402,F401  (registers the case pages on this blueprint)
