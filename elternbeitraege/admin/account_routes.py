"""The administrator's pages on the office's accounts (clerks, administrators, facility accounts): the list, one
account, inviting, resending the invitation, sending a password-reset link, deactivating and reactivating, changing
the role; and the administration's record."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import db
from ..services.kernel.errors import InvalidInput
from ..services.office import staff as commands
from ..services.views import record as record_view
from ..services.views import staff as staff_view
from ..web import actor, role_required, unit_of_work
from .blueprint import bp
from .forms import ConfirmForm, InviteAccountForm, RoleForm


@bp.get("/konten")
@role_required("admin")
def accounts():
    return render_template("admin/accounts.html", view=staff_view.account_list(db.session(), actor()))


@bp.get("/konten/<int:user_id>")
@role_required("admin")
def account(user_id: int):
    return _account_page(user_id)


def _account_page(user_id: int, problem: str | None = None):
    view = staff_view.account_view(db.session(), actor(), user_id)
    page = render_template("admin/account.html", view=view, form=ConfirmForm(), problem=problem)
    return page, 400 if problem else 200


@bp.route("/konten/einladen", methods=["GET", "POST"])
@role_required("admin")
def account_invite():
    facilities = staff_view.active_facilities(db.session(), actor())
    form = InviteAccountForm()
    form.facility_id.choices = [("", "Einrichtung auswählen")] + [
        (str(facility.id), facility.name) for facility in facilities]
    if request.method == "GET":
        chosen = request.args.get("einrichtung", "")
        if chosen in {str(facility.id) for facility in facilities}:
            form.role.data, form.facility_id.data = "facility", chosen
    if form.validate_on_submit():
        try:
            user = commands.invite_staff(unit_of_work(), actor(), form.email.data or "", form.display_name.data or "",
                                         form.role.data or "", form.facility())
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash(f"Die Einladung an {user.email} ist unterwegs. Der Link darin gilt 72 Stunden und nur einmal.",
                  "success")
            return redirect(url_for("admin.account", user_id=user.id))
    page = render_template("admin/account_invite.html", form=form, facilities=facilities)
    return page, 400 if form.errors else 200


@bp.post("/konten/<int:user_id>/einladung")
@role_required("admin")
def account_resend(user_id: int):
    staff_view.account_view(db.session(), actor(), user_id)  # another office's account: 404 before the form
    if not ConfirmForm().validate_on_submit():
        return _account_page(user_id, "Die Sitzung ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es "
                                      "noch einmal.")
    try:
        user = commands.resend_invitation(unit_of_work(), actor(), user_id)
    except InvalidInput as error:
        return _account_page(user_id, error.errors["user"])
    flash(f"Eine neue Einladung an {user.email} ist unterwegs. Ältere Links gelten nicht mehr.", "success")
    return redirect(url_for("admin.account", user_id=user_id))


@bp.post("/konten/<int:user_id>/passwort")
@role_required("admin")
def account_reset_password(user_id: int):
    staff_view.account_view(db.session(), actor(), user_id)
    if not ConfirmForm().validate_on_submit():
        return _account_page(user_id, "Die Sitzung ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es "
                                      "noch einmal.")
    try:
        user = commands.send_password_reset(unit_of_work(), actor(), user_id)
    except InvalidInput as error:
        return _account_page(user_id, error.errors["user"])
    flash(f"Ein Link zum Setzen eines neuen Passworts ist an {user.email} unterwegs. Er gilt eine Stunde und nur "
          "einmal; bis dahin gilt das bisherige Passwort.", "success")
    return redirect(url_for("admin.account", user_id=user_id))


@bp.route("/konten/<int:user_id>/deaktivieren", methods=["GET", "POST"])
@role_required("admin")
def account_deactivate(user_id: int):
    return _set_active(user_id, False)


@bp.route("/konten/<int:user_id>/reaktivieren", methods=["GET", "POST"])
@role_required("admin")
def account_reactivate(user_id: int):
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    """Ask to confirm (GET), then deactivate or reactivate the account (POST)."""
    view = staff_view.account_view(db.session(), actor(), user_id)
    form = ConfirmForm()
    problem = None
    myself = user_id == current_user.id
    user = view.user
    if form.validate_on_submit():
        try:
            commands.set_account_active(unit_of_work(), actor(), user_id, active)
        except InvalidInput as error:
            problem = error.errors["user"]
        else:
            if myself:  # the own account: its session has just ended
                return redirect(url_for("auth.login"))
            flash(f"Das Konto von {user.display_name} ist wieder aktiv. Die Person meldet sich mit ihrem "
                  "bisherigen Passwort an." if active else
                  f"Das Konto von {user.display_name} ist deaktiviert. Die Person ist abgemeldet und kann sich "
                  "nicht mehr anmelden.", "success")
            return redirect(url_for("admin.account", user_id=user_id))
    if active:
        waits = (f" – erst, wenn auch die Einrichtung {user.facility.name} wieder aktiv ist"
                 if user.facility and not user.facility.active else "")
        points = [f"{user.display_name} kann sich danach wieder mit dem bisherigen Passwort anmelden{waits}."]
    else:
        points = [f"{user.display_name} ({user.email}) kann sich danach nicht mehr anmelden.",
                  "Sie werden sofort abgemeldet." if myself else
                  "Ist die Person gerade angemeldet, wird sie sofort abgemeldet.",
                  "Was die Person bearbeitet hat, bleibt erhalten. Sie können das Konto jederzeit wieder aktivieren."]
    whose = "Ihr eigenes Konto" if myself else f"Konto von {user.display_name}"
    page = render_template(
        "admin/confirm.html", form=form, problem=problem, points=points,
        heading=f"{whose} {'wieder aktivieren' if active else 'deaktivieren'}?",
        button="Konto wieder aktivieren" if active else "Konto deaktivieren",
        action=url_for("admin.account_reactivate" if active else "admin.account_deactivate", user_id=user_id),
        cancel=url_for("admin.account", user_id=user_id))
    return page, 400 if problem or form.errors else 200


@bp.route("/konten/<int:user_id>/rolle", methods=["GET", "POST"])
@role_required("admin")
def account_role(user_id: int):
    view = staff_view.account_view(db.session(), actor(), user_id)
    form = RoleForm(data={"role": view.user.role}) if request.method == "GET" else RoleForm()
    if form.validate_on_submit():
        try:
            user = commands.change_role(unit_of_work(), actor(), user_id, form.role.data or "")
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            if user.id == current_user.id:  # no longer an administrator: the clerk's desk
                flash("Ihre Rolle ist jetzt Sachbearbeitung.", "success")
                return redirect(url_for("office.worklist"))
            flash(f"{user.display_name} hat jetzt die Rolle "
                  f"{'Fachadministration' if user.role == 'admin' else 'Sachbearbeitung'}.", "success")
            return redirect(url_for("admin.account", user_id=user_id))
    page = render_template("admin/account_role.html", view=view, form=form, myself=user_id == current_user.id)
    return page, 400 if form.errors else 200


@bp.get("/protokoll")
@role_required("admin")
def record():
    text = request.args.get("seite", "1")
    page = int(text) if text.isascii() and text.isdigit() and len(text) < 7 else 1
    return render_template("admin/record.html", view=record_view.record_page(db.session(), actor(), page))
