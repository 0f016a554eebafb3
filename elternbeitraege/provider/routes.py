"""The provider's pages: the offices, one office, creating and editing it, deactivating and reactivating it, its
statutes and its administrators."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from .. import db
from ..admin.forms import AssignStatuteForm
from ..services.kernel.errors import InvalidInput
from ..services.office import offices as commands
from ..services.views import offices as offices_view
from ..web import actor, role_required, unit_of_work
from .blueprint import bp
from .forms import ConfirmForm, InviteAdminForm, OfficeForm


@bp.get("/")
@role_required("provider")
def offices():
    return render_template("provider/offices.html", rows=offices_view.office_list(db.session(), actor()))


@bp.route("/jugendaemter/neu", methods=["GET", "POST"])
@role_required("provider")
def office_create():
    form = OfficeForm()
    if form.validate_on_submit():
        try:
            office = commands.create_office(unit_of_work(), actor(), form.letterhead())
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash(f"{office.name} ist angelegt. Wenden Sie jetzt eine Satzung an und laden Sie die "
                  "Fachadministration ein.", "success")
            return redirect(url_for("provider.office", office_id=office.id))
    return render_template("provider/office_form.html", form=form, office=None), 400 if form.errors else 200


@bp.get("/jugendaemter/<int:office_id>")
@role_required("provider")
def office(office_id: int):
    view = offices_view.office_view(db.session(), actor(), office_id)
    return render_template("provider/office.html", view=view, form=ConfirmForm())


@bp.route("/jugendaemter/<int:office_id>/bearbeiten", methods=["GET", "POST"])
@role_required("provider")
def office_edit(office_id: int):
    view = offices_view.office_view(db.session(), actor(), office_id)
    form = OfficeForm.of(view.letterhead) if request.method == "GET" else OfficeForm()
    if form.validate_on_submit():
        try:
            commands.edit_office(unit_of_work(), actor(), office_id, form.letterhead())
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash("Die Angaben zum Jugendamt sind gespeichert.", "success")
            return redirect(url_for("provider.office", office_id=office_id))
    return (render_template("provider/office_form.html", form=form, office=view.office),
            400 if form.errors else 200)


@bp.route("/jugendaemter/<int:office_id>/deaktivieren", methods=["GET", "POST"])
@role_required("provider")
def office_deactivate(office_id: int):
    return _set_active(office_id, False)


@bp.route("/jugendaemter/<int:office_id>/reaktivieren", methods=["GET", "POST"])
@role_required("provider")
def office_reactivate(office_id: int):
    return _set_active(office_id, True)


def _set_active(office_id: int, active: bool):
    """Ask to confirm (GET), then deactivate or reactivate the office (POST)."""
    view = offices_view.office_view(db.session(), actor(), office_id)
    form = ConfirmForm()
    problem = None
    if form.validate_on_submit():
        try:
            commands.set_office_active(unit_of_work(), actor(), office_id, active)
        except InvalidInput as error:
            problem = error.errors["office"]
        else:
            flash(f"{view.office.name} ist wieder aktiv. Seine Konten können sich wieder anmelden." if active else
                  f"{view.office.name} ist deaktiviert. Seine Konten können sich nicht mehr anmelden; seine Daten "
                  "bleiben erhalten.", "success")
            return redirect(url_for("provider.office", office_id=office_id))
    page = render_template("provider/office_active.html", view=view, form=form, active=active, problem=problem)
    return page, 400 if problem or form.errors else 200


@bp.route("/jugendaemter/<int:office_id>/satzungen", methods=["GET", "POST"])
@role_required("provider")
def statute_assign(office_id: int):
    view = offices_view.office_view(db.session(), actor(), office_id)
    form = AssignStatuteForm()
    form.statute_id.choices = [("", "Satzung auswählen")] + [
        (known.statute.id, f"{known.statute.title} ({known.statute.id})") for known in view.statutes]
    if form.validate_on_submit():
        try:
            entry = commands.assign_statute(unit_of_work(), actor(), office_id, form.statute_id.data,
                                           form.valid_from.data)
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash(f"{view.office.name} wendet die Satzung {entry.statute_id} ab dem {entry.valid_from:%d.%m.%Y} an.",
                  "success")
            return redirect(url_for("provider.office", office_id=office_id))
    return render_template("provider/statute_assign.html", form=form, view=view), 400 if form.errors else 200


@bp.route("/jugendaemter/<int:office_id>/verwaltung/einladen", methods=["GET", "POST"])
@role_required("provider")
def admin_invite(office_id: int):
    view = offices_view.office_view(db.session(), actor(), office_id)
    form = InviteAdminForm()
    if form.validate_on_submit():
        try:
            user = commands.invite_admin(unit_of_work(), actor(), office_id, form.email.data, form.display_name.data)
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash(f"Die Einladung an {user.email} ist unterwegs. Der Link darin gilt 72 Stunden.", "success")
            return redirect(url_for("provider.office", office_id=office_id))
    return render_template("provider/admin_invite.html", form=form, view=view), 400 if form.errors else 200


@bp.post("/jugendaemter/<int:office_id>/verwaltung/<int:user_id>/einladung")
@role_required("provider")
def admin_resend(office_id: int, user_id: int):
    # CSRF is checked before any view (web.csrf); the button sends nothing else.
    user = commands.resend_invitation(unit_of_work(), actor(), office_id, user_id)
    flash(f"Eine neue Einladung an {user.email} ist unterwegs. Ältere Links gelten nicht mehr.", "success")
    return redirect(url_for("provider.office", office_id=office_id))
