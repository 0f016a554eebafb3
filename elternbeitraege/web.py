"""What every page shares: login, CSRF, security headers, session timeouts, error pages, KERN assets."""
from __future__ import annotations

import functools
import logging
import re
import secrets
import time
from datetime import date

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    has_request_context,
    render_template,
    request,
    send_from_directory,
    session,
)
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import select
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from workflows import STATE_LABELS, TRIGGER_LABELS, CaseState, Trigger

from . import db
from .formatting import breakable, euro
from .models import Benefit, IncomeChoice, User
from .services.accounts.attempts import Keyring
from .services.declarations.answers import TaskStatus, benefit_period_text
from .services.kernel.actor import Actor
from .services.kernel.errors import NotFound
from .services.kernel.labels import LABELS, german_date, german_datetime, megabytes
from .services.kernel.uow import UnitOfWork, abandon

log = logging.getLogger(__name__)
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Bitte melden Sie sich an, um diese Seite zu sehen."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

HOME_BY_ROLE = {"parent": "parents.cases", "clerk": "office.worklist", "facility": "facilities.children",
                "admin": "admin.overview", "provider": "provider.offices"}
# The largest id the database keeps (PostgreSQL's INTEGER; SQLite's are wider): any larger number names nothing.
MAX_ID = 2**31 - 1


class DatabaseInteger(IntegerConverter):
    """A whole number in ASCII digits within the database's integer range; else the route does not match (404).

    Werkzeug's own reads any Unicode digit (``/amt/faelle/١`` would name case 1): one id has one address.
    """

    regex = r"[0-9]+"
    signed_regex = r"-?[0-9]+"

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max,
                         signed=signed)


def attach_url_rules(app: Flask) -> None:
    """Give every ``<int:…>`` of the routes the database's range; call before any blueprint is registered."""
    app.url_map.converters["int"] = DatabaseInteger


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from the reverse proxies the operator named, and from nobody else."""
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def init_app(app: Flask) -> None:
    """Attach login, CSRF, headers, timeouts and error handlers to the app."""
    attach_url_rules(app)
    trust_proxies(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    app.before_request(_refuse_nul_bytes)
    app.before_request(_enforce_session_limits)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(NotFound, lambda _error: _http_error_page(404))
    app.register_error_handler(Exception, _unexpected_error)
    app.add_url_rule("/kern/<path:filename>", "kern", _kern_asset)
    app.context_processor(lambda: {"session_seconds": int(app.config["PERMANENT_SESSION_LIFETIME"].total_seconds())})
    app.jinja_env.filters.update(euro=euro, german_date=german_date, german_datetime=german_datetime,
                                 breakable=breakable, benefit_period=benefit_period_text)
    app.jinja_env.globals.update(status_label=STATE_LABELS.get, trigger_label=TRIGGER_LABELS.get, labels=LABELS,
                                 CaseState=CaseState, Trigger=Trigger, Benefit=Benefit, IncomeChoice=IncomeChoice,
                                 TaskStatus=TaskStatus)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    identifier, _, token = user_id.partition(":")
    if not re.fullmatch(r"[0-9]{1,10}", identifier) or int(identifier) > MAX_ID:
        return None
    user = db.session().scalars(select(User).where(User.id == int(identifier))).first()
    if user is None or not user.is_active:  # a deactivated account or office: its sessions end at once
        return None
    return user if secrets.compare_digest(user.session_token, token) else None


def actor() -> Actor:
    """Return the signed-in user as an actor for the services."""
    return Actor.of(current_user)


def today() -> date:
    """Return today's date (tests may fix it through the TODAY setting)."""
    fixed = current_app.config.get("TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def public_url() -> str:
    """Return the address parents reach the app at, for links and QR codes in letters.

    Production has it set (it refuses to start without). Development without it follows the address
    the request came to, so that ``make run PORT=5101`` writes letters that point to port 5101.
    """
    if current_app.config.get("PUBLIC_URL_FOLLOWS_REQUEST") and has_request_context():
        return request.host_url.rstrip("/")
    return current_app.config["PUBLIC_URL"]


def unit_of_work() -> UnitOfWork:
    """Open this request's unit of work: its session, today and the public address."""
    return UnitOfWork(db.session(), today(), public_url())


def client_address() -> str:
    """Return the client's address as the trusted proxies report it (``TRUSTED_PROXIES``), else the peer's."""
    return request.remote_addr or "unbekannt"


def keyring() -> Keyring:
    """Return what turns client addresses and codes into the keys the attempts table stores."""
    return Keyring(current_app.secret_key.encode() if isinstance(current_app.secret_key, str)
                   else current_app.secret_key)


def role_required(*roles: str):
    """Let only signed-in users of these roles in; others get 404, strangers the login page."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)
        return wrapped
    return decorate


def _refuse_nul_bytes() -> None:
    """Refuse NUL characters in parameters: no form asks for them and databases cannot store them."""
    values = [*request.args.values(), *(request.form.values() if request.method == "POST" else [])]
    if any("\x00" in value for value in values) or "\x00" in request.path:
        abort(400)


def _enforce_session_limits() -> None:
    """End a login after 30 idle minutes (cookie lifetime) or 12 hours in all."""
    session.permanent = True
    started = session.get("login_at")
    hours = current_app.config["SESSION_ABSOLUTE_HOURS"]
    if started and time.time() - started > hours * 3600:
        session.clear()


def _security_headers(response):
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("Referrer-Policy", "same-origin")  # a page of a link may ask for less
    response.headers["X-Frame-Options"] = "DENY"
    if request.endpoint not in ("static", "kern"):
        response.headers["Cache-Control"] = "no-store"
    if current_app.config["ENV_NAME"] == "production":
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def _kern_asset(filename: str):
    return send_from_directory(current_app.config["KERN_DIST"], filename, max_age=3600)


MESSAGES = {
    400: ("Die Anfrage konnte nicht verarbeitet werden", "Bitte gehen Sie zurück und versuchen Sie es erneut."),
    403: ("Kein Zugriff", "Sie haben keine Berechtigung für diese Seite."),
    404: ("Seite nicht gefunden", "Prüfen Sie die Adresse oder gehen Sie zur Startseite."),
    405: ("Aktion nicht möglich", "Diese Aktion ist auf dieser Seite nicht möglich."),
    413: ("Datei zu groß", "Die Datei ist größer als {limit}. Gehen Sie zurück und wählen Sie eine kleinere "
          "Datei aus."),
    500: ("Es ist ein Fehler aufgetreten", "Bitte versuchen Sie es später erneut. Ihre Angaben bis zum "
          "letzten Speichern sind erhalten."),
}


def _http_error_page(code: int):
    title, text = MESSAGES.get(code, MESSAGES[400])
    text = text.format(limit=megabytes(current_app.config["MAX_UPLOAD_BYTES"]))
    return render_template("errors/error.html", code=code, title=title, text=text), code


def _http_error(error: HTTPException):
    if isinstance(error, RequestEntityTooLarge):
        return _http_error_page(413)
    if error.code is not None and error.code < 400:
        return error
    return _http_error_page(error.code or 500)


def _csrf_error(_error: CSRFError):
    return render_template("errors/error.html", code=400, title="Sitzung abgelaufen",
                           text="Das Formular war zu lange geöffnet oder die Sitzung ist abgelaufen. "
                                "Laden Sie die Seite neu und senden Sie es noch einmal."), 400


def _unexpected_error(error: Exception):
    log.exception("unexpected error on %s %s", request.method, request.path)
    abandon(db.session())
    return _http_error_page(500)


def send_stored(content: bytes, filename: str, media_type: str, etag: str | None = None) -> Response:
    """Send a stored file as an attachment, byte for byte, never sniffed or cached."""
    response = Response(content, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{_ascii(filename)}"'
    if etag:
        response.headers["ETag"] = f'"{etag}"'
    return response


def _ascii(filename: str) -> str:
    return "".join(char if char.isascii() and char.isprintable() and char not in '"\\' else "_" for char in filename)
