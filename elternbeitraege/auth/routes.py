"""Sign in, sign out, and parents' registration with the access code from their letter."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..ratelimit import parse_rate
from ..services import demo as seed
from ..services.accounts import users as accounts
from ..services.kernel.errors import InvalidInput
from ..web import HOME_BY_ROLE, client_address, keyring, unit_of_work
from . import devices
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
        client = accounts.Client(client_address(), devices.read(request.cookies.get(devices.COOKIE)))
        user = None if _demo_password_in_production(form.password.data) else accounts.authenticate(
            unit_of_work(), form.email.data, form.password.data, client, _throttle(), keyring())
        if user is not None:
            return devices.remember(_start_session(user, safe_next(request.args.get("next"))), user.id)
        form.password.errors.append("E-Mail-Adresse oder Passwort sind nicht richtig. Nach mehreren Fehlversuchen "
                                    "wird das Konto für einige Minuten gesperrt.")
    return render_template("auth/login.html", form=form)


def _throttle() -> accounts.Throttle:
    config = current_app.config
    return accounts.Throttle(config["LOGIN_LOCK_AFTER"], config["LOGIN_ADDRESS_LOCK_AFTER"],
                             config["LOGIN_LOCK_SECONDS"])


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
        accounts.end_session(unit_of_work(), current_user._get_current_object())
    logout_user()
    session.clear()
    flash("Sie sind abgemeldet.", "success")
    return redirect(url_for("auth.login"))


@bp.get("/erklaerung/zugang")
def access():
    # The letter's QR code carries the access code after "#": browsers never send that part, so the code stays
    # out of every server's and proxy's logs; the page's script hands it on to the registration form.
    return render_template("auth/access.html")


@bp.route("/registrieren", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            accounts.register_parent(unit_of_work(), form.code.data, form.email.data, form.password.data,
                                     accounts.Client(client_address()), _registration_limits(), keyring())
        except InvalidInput as error:
            for name, message in error.errors.items():
                form[name].errors.append(message)
        else:
            # The same answer whether an account was made or the address had one already.
            flash(REGISTERED, "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


REGISTERED = ("Vielen Dank. Melden Sie sich jetzt mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Hatten Sie mit "
              "dieser Adresse schon ein Konto, gilt Ihr bisheriges Passwort.")


def _registration_limits() -> accounts.RegistrationLimits:
    config = current_app.config
    return accounts.RegistrationLimits(parse_rate(config["REGISTER_ADDRESS_RATE_LIMIT"]),
                                       parse_rate(config["REGISTER_CODE_RATE_LIMIT"]))


@bp.post("/sitzung/verlaengern")
def keep_alive():
    """Answer the timeout dialog's "stay signed in": the request itself renews the idle time."""
    if not current_user.is_authenticated:
        return "", 401
    return "", 204


@bp.get("/datenschutz")
def privacy():
    return render_template("auth/privacy.html")
