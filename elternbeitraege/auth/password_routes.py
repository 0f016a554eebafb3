"""Setting a password through a single-use link (an invitation or "Passwort vergessen"), and asking for one."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for

from .. import db
from ..ratelimit import parse_rate
from ..services.accounts import links, resets
from ..services.kernel.errors import InvalidInput
from ..web import client_address, keyring, unit_of_work
from .forms import ForgotPasswordForm, SetPasswordForm
from .routes import bp

PASSWORD_SET = "Ihr Passwort ist gesetzt. Melden Sie sich jetzt mit Ihrer E-Mail-Adresse und dem neuen Passwort an."
# The same answer whether the address has an account or not.
RESET_SENT = ("Wenn es zu dieser Adresse einen Zugang gibt, haben wir einen Link geschickt, mit dem Sie ein neues "
              "Passwort setzen können. Der Link gilt eine Stunde und nur einmal. Kommt keine E-Mail an, prüfen Sie "
              "den Spam-Ordner und die Schreibweise der Adresse.")


def _private(response, status: int = 200):
    """Keep a page of a link out of caches and out of the Referer of any request it leads to."""
    response = current_app.make_response((response, status))
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _refused():
    # 404 for a forged, used, replaced or expired link alike: the answer tells nothing about which it was.
    return _private(render_template("auth/link_refused.html", message=links.LINK_REFUSED), 404)


@bp.route("/passwort/setzen/<secret>", methods=["GET", "POST"])
def set_password(secret: str):
    # The secret is never logged here: it opens an account until it is used.
    if links.valid_link(db.session(), secret) is None:
        return _refused()
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            links.set_password(unit_of_work(), secret, form.password.data)
        except InvalidInput as error:
            if "link" in error.errors:
                return _refused()
            form.password.errors = [*form.password.errors, error.errors["password"]]
        else:
            flash(PASSWORD_SET, "success")
            return redirect(url_for("auth.login"))
    return _private(render_template("auth/set_password.html", form=form), 400 if form.errors else 200)


@bp.route("/passwort/vergessen", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        try:
            resets.request_reset(unit_of_work(), form.email.data, client_address(), _reset_limits(), keyring())
        except InvalidInput as error:
            form.email.errors = [*form.email.errors, error.errors["email"]]
            return render_template("auth/forgot_password.html", form=form), 429
        return render_template("auth/forgot_password_sent.html", message=RESET_SENT)
    return render_template("auth/forgot_password.html", form=form), 400 if form.errors else 200


def _reset_limits() -> resets.ResetLimits:
    config = current_app.config
    return resets.ResetLimits(parse_rate(config["RESET_ADDRESS_RATE_LIMIT"]),
                              parse_rate(config["RESET_EMAIL_RATE_LIMIT"]))
