"""The administrator's pages on the office's facilities: the list, one facility, creating and editing it,
deactivating and reactivating it."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from .. import db
from ..services.kernel.errors import InvalidInput
from ..services.office import facilities as commands
from ..services.views import staff as staff_view
from ..web import actor, role_required, unit_of_work
from .blueprint import bp
from .forms import ConfirmForm, FacilityForm


@bp.get("/einrichtungen")
@role_required("admin")
def facilities():
    return render_template("admin/facilities.html", view=staff_view.facility_list(db.session(), actor()))


@bp.get("/einrichtungen/<int:facility_id>")
@role_required("admin")
def facility(facility_id: int):
    view = staff_view.facility_view(db.session(), actor(), facility_id)
    return render_template("admin/facility.html", view=view)


@bp.route("/einrichtungen/neu", methods=["GET", "POST"])
@role_required("admin")
def facility_create():
    form = FacilityForm()
    if form.validate_on_submit():
        try:
            created = commands.create_facility(unit_of_work(), actor(), form.details())
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash(f"{created.name} ist angelegt. Laden Sie jetzt das Konto der Einrichtung ein.", "success")
            return redirect(url_for("admin.facility", facility_id=created.id))
    return render_template("admin/facility_form.html", form=form, facility=None), 400 if form.errors else 200


@bp.route("/einrichtungen/<int:facility_id>/bearbeiten", methods=["GET", "POST"])
@role_required("admin")
def facility_edit(facility_id: int):
    view = staff_view.facility_view(db.session(), actor(), facility_id)
    form = FacilityForm.of(commands.details_of(view.facility)) if request.method == "GET" else FacilityForm()
    if form.validate_on_submit():
        try:
            commands.edit_facility(unit_of_work(), actor(), facility_id, form.details())
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash("Die Angaben zur Einrichtung sind gespeichert.", "success")
            return redirect(url_for("admin.facility", facility_id=facility_id))
    return (render_template("admin/facility_form.html", form=form, facility=view.facility),
            400 if form.errors else 200)


@bp.route("/einrichtungen/<int:facility_id>/deaktivieren", methods=["GET", "POST"])
@role_required("admin")
def facility_deactivate(facility_id: int):
    return _set_active(facility_id, False)


@bp.route("/einrichtungen/<int:facility_id>/reaktivieren", methods=["GET", "POST"])
@role_required("admin")
def facility_reactivate(facility_id: int):
    return _set_active(facility_id, True)


def _set_active(facility_id: int, active: bool):
    """Ask to confirm (GET), then deactivate or reactivate the facility (POST)."""
    view = staff_view.facility_view(db.session(), actor(), facility_id)
    form = ConfirmForm()
    problem = None
    if form.validate_on_submit():
        try:
            commands.set_facility_active(unit_of_work(), actor(), facility_id, active)
        except InvalidInput as error:
            problem = error.errors["facility"]
        else:
            flash(f"{view.facility.name} ist wieder aktiv. Ihre Konten können sich wieder anmelden." if active else
                  f"{view.facility.name} ist deaktiviert. Ihre Konten können sich nicht mehr anmelden; ihre Fälle "
                  "bleiben beim Jugendamt.", "success")
            return redirect(url_for("admin.facility", facility_id=facility_id))
    points = (["Die Einrichtung kann danach wieder Kinder melden, und ihre Konten können sich wieder anmelden.",
               "Einzeln deaktivierte Konten bleiben deaktiviert."] if active else
              ["Die Einrichtung kann keine neuen Kinder mehr melden.",
               f"Ihre {len(view.accounts)} Konten können sich nicht mehr anmelden; wer gerade angemeldet ist, wird "
               "abgemeldet.",
               f"Ihre {view.cases} Fälle bleiben beim Jugendamt und werden weiter bearbeitet; Bescheide und "
               "Nachweise bleiben erhalten.",
               "Sie können die Einrichtung jederzeit wieder aktivieren."])
    page = render_template(
        "admin/confirm.html", form=form, problem=problem, points=points,
        heading=f"{view.facility.name} {'wieder aktivieren' if active else 'deaktivieren'}?",
        button="Einrichtung wieder aktivieren" if active else "Einrichtung deaktivieren",
        action=url_for("admin.facility_reactivate" if active else "admin.facility_deactivate",
                       facility_id=facility_id),
        cancel=url_for("admin.facility", facility_id=facility_id))
    return page, 400 if problem or form.errors else 200
