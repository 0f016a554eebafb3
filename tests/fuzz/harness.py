"""Run each example on the same world and judge every answer: never a 5xx, never a trace, nothing typed lost.

The world is built once and committed. Then all requests go through one database connection inside one
outer transaction, and each example runs in a SAVEPOINT of its own that is rolled back afterwards: every
example starts from the same world (a declaration submitted, a case withdrawn or a letterhead changed by
one example is gone for the next), so failures reproduce and shrink, and no form becomes unreachable.
The app's sessions join the connection with ``join_transaction_mode="create_savepoint"``, so the app's own
commits and rollbacks stay inside the example.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import sessionmaker

from elternbeitraege import db

from .discovery import Form, field_values, parse_forms
from .wire import Request

ERROR_PAGE = "Es ist ein Fehler aufgetreten"
TRACE_MARKERS = ("Traceback (most recent call last)", "sqlalchemy.exc", "psycopg.errors", "sqlite3.", "__debugger__",
                 'File "/', "werkzeug.exceptions", "jinja2.exceptions")


def open_transaction(app: Flask) -> tuple[Connection, object]:
    """Point the app's sessions at one connection in an outer transaction; return both for the teardown.

    SQLite needs pysqlite's own transaction handling switched off for SAVEPOINTs to nest (SQLAlchemy's
    "Serializable isolation / Savepoints / Transactional DDL" recipe), so that engine is built here.
    """
    url = app.config["DATABASE_URL"]
    engine = db.make_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", lambda dbapi, _record: setattr(dbapi, "isolation_level", None))
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    connection = engine.connect()
    connection.begin()
    app.extensions["db_sessions"] = sessionmaker(bind=connection, expire_on_commit=False,
                                                 join_transaction_mode="create_savepoint")
    return connection, engine


@contextmanager
def example(connection: Connection) -> Iterator[None]:
    """Run a block in a SAVEPOINT that is rolled back afterwards, whatever the block did."""
    savepoint = connection.begin_nested()
    try:
        yield
    finally:
        if savepoint.is_active:
            savepoint.rollback()


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass(repr=False)
class Answer:
    """What came back: the response (or the exception that escaped the app) and the errors logged meanwhile."""

    status: int
    mimetype: str
    body: str
    url: str
    errors: list[str] = field(default_factory=list)
    location: str = ""

    @property
    def location_path(self) -> str:
        return urlsplit(self.location).path

    def __repr__(self) -> str:
        return f"<Answer {self.summary}>"

    @property
    def summary(self) -> str:
        return f"{self.status} {self.mimetype}" + (f"; logged: {' | '.join(self.errors)}" if self.errors else "")


def _logged(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        text += f" → {type(error).__module__}.{type(error).__qualname__}: {str(error)[:300]}"
    return text


def send(app: Flask, cookie: str | None, method: str, url: str, **options) -> Answer:
    """Send one request without following redirects; catch what the app logs as an error, or lets escape."""
    client = app.test_client(use_cookies=False)
    headers = {"Cookie": cookie} if cookie else {}
    errors = _Errors()
    root = logging.getLogger()
    root.addHandler(errors)
    try:
        response = client.open(url, method=method, headers=headers, follow_redirects=False, **options)
    except Exception as error:  # noqa: BLE001 (an exception escaping the app is what this reports)
        return Answer(599, "", "", url, [f"escaped the app: {type(error).__qualname__}: {str(error)[:300]}"])
    finally:
        root.removeHandler(errors)
    return Answer(response.status_code, response.mimetype or "", response.get_data().decode("utf-8", "replace"), url,
                  [_logged(record) for record in errors.records], response.headers.get("Location", ""))


def post(app: Flask, cookie: str | None, request: Request) -> Answer:
    options = {"data": request.body}
    if request.content_type is not None:
        options["content_type"] = request.content_type
    return send(app, cookie, "POST", request.url, **options)


def sign_in(app: Flask, email: str, password: str) -> str:
    """Sign in and return the cookies of the session as one ``Cookie`` header."""
    response = app.test_client().post("/anmelden", data={"email": email, "password": password})
    assert response.status_code == 302, (email, response.status_code, response.get_data(as_text=True)[:500])
    jar = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        jar.load(header)
    return "; ".join(f"{name}={morsel.coded_value}" for name, morsel in jar.items())


# --- The properties ----------------------------------------------------------------------------------------

def server_problems(answer: Answer, sent: str = "") -> list[str]:
    """Return why an answer is a server error: a 5xx, an error logged, the error page, a trace in the body."""
    problems = []
    if answer.status >= 500:
        problems.append(f"answered {answer.status}")
    if answer.errors:
        problems.append("logged " + " | ".join(answer.errors))
    if answer.status < 500 and ERROR_PAGE in answer.body:
        problems.append(f"the error page with status {answer.status}")
    markers = [marker for marker in TRACE_MARKERS if marker in answer.body and marker not in sent]
    if markers:
        problems.append(f"a stack trace in the body ({', '.join(markers)})")
    return problems


def _same_target(action: str, target: str) -> bool:
    """Tell whether a form's action, on the page answered for ``target``, posts to ``target`` again."""
    return urlsplit(urljoin(f"http://localhost{target}", action)).path == urlsplit(target).path


def _normal(text: str) -> str:
    """Newlines as HTML parsing and browsers treat them (CR LF and CR are LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def echo_problems(answer: Answer, request: Request, form: Form) -> list[str]:
    """Return the typed values a refused form did not keep (empty when the form was not refused)."""
    if "data-error-summary" not in answer.body or not request.as_a_browser_sends:
        return []
    kinds = {spec.name: spec.kind for spec in form.fields}
    typed = {}
    for name, kind in kinds.items():
        values = request.values_of(name)
        # Only fields typed by hand and sent once: a second value is not what the field shows, radios and
        # checkboxes show a choice, hidden fields are set by the page, passwords and files are never sent back.
        if kind not in ("text", "email", "number", "tel", "url", "search", "textarea") or len(values) != 1:
            continue
        try:
            text = values[0].decode("utf-8")
        except UnicodeDecodeError:
            continue  # not UTF-8 (a lone surrogate encoded anyway, or junk): no browser can send it
        if "\x00" in text:
            continue  # refused with 400 before any view: no form asks for it and databases cannot store it
        typed[name] = text
    if not typed:
        return []
    refused = [raw for raw in parse_forms(answer.body)
               if any(_same_target(action, request.url) for action in [raw["action"], *raw["formactions"]])]
    if not refused:
        return [f"the error summary is shown but the form for {urlsplit(request.url).path} is not: all typed is lost"]
    shown = field_values(refused[0])
    problems = []
    for name, text in typed.items():
        if name not in shown:
            problems.append(f"{name!r} is not on the refused form any more (typed {text[:80]!r})")
        elif not any(_normal(value) in (_normal(text), _normal(text).strip()) for value in shown[name]):
            problems.append(f"{name!r} typed {text[:80]!r} ({len(text)} chars) but shown {shown[name][0][:80]!r} "
                            f"({len(shown[name][0])} chars)")
    return problems
