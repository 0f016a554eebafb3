"""Sign in, sign out, and parents' registration with the access code from their letter."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .. import db
from ..services import accounts, seed
from ..services.errors import InvalidInput
from ..web import HOME_BY_ROLE
from .forms import LoginForm, RegisterForm

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None (no ``//host``, ``\\host`` or schemes)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return None
    if any(ord(char) < 32 for char in target):
        return None
    return target


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for(HOME_BY_ROLE[current_user.role]))
    return render_template("auth/start.html")


@bp.route("/anmelden", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = None if _demo_password_in_production(form.password.data) else accounts.authenticate(
            db.session(), form.email.data, form.password.data, request.remote_addr or "unbekannt", accounts.Throttle(
                current_app.config["LOGIN_LOCK_AFTER"], current_app.config["LOGIN_ADDRESS_LOCK_AFTER"],
                current_app.config["LOGIN_LOCK_SECONDS"]))
        if user is not None:
            return _start_session(user, safe_next(request.args.get("next")))
        form.password.errors.append("E-Mail-Adresse oder Passwort sind nicht richtig. Nach mehreren Fehlversuchen "
                                    "wird das Konto für einige Minuten gesperrt.")
    return render_template("auth/login.html", form=form)


def _demo_password_in_production(password: str) -> bool:
    """Refuse the published demo password on a production installation."""
    return current_app.config["ENV_NAME"] == "production" and password == seed.DEMO_PASSWORD


def _start_session(user, target: str | None):
    session.clear()
    login_user(user, remember=False)
    session["login_at"] = time.time()
    return redirect(target or url_for(HOME_BY_ROLE[user.role]))


@bp.post("/abmelden")
def logout():
    if current_user.is_authenticated:
        accounts.end_session(db.session(), current_user._get_current_object())
    logout_user()
    session.clear()
    flash("Sie sind abgemeldet.", "success")
    return redirect(url_for("auth.login"))


@bp.get("/erklaerung/zugang")
def access():
    return render_template("auth/access.html", code=request.args.get("code", "")[:40])


@bp.route("/registrieren", methods=["GET", "POST"])
def register():
    form = RegisterForm(code=request.args.get("code", "")[:40])
    if form.validate_on_submit():
        try:
            user = accounts.register_parent(db.session(), form.code.data, form.email.data, form.password.data)
        except InvalidInput as error:
            for name, message in error.errors.items():
                form[name].errors.append(message)
        else:
            response = _start_session(user, None)
            flash("Ihr Konto ist angelegt. Sie können jetzt Ihre Einkommenserklärung ausfüllen.", "success")
            return response
    return render_template("auth/register.html", form=form)


@bp.post("/sitzung/verlaengern")
def keep_alive():
    """Answer the timeout dialog's "stay signed in": the request itself renews the idle time."""
    if not current_user.is_authenticated:
        return "", 401
    return "", 204


@bp.get("/datenschutz")
def privacy():
    return render_template("auth/privacy.html")
