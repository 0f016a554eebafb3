"""Requests and responses: CSRF, security headers, cookies, login throttling, redirects, passwords, errors."""
from __future__ import annotations

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import create_engine, select

from elternbeitraege import db
from elternbeitraege.models import Child, Declaration, Document, User, utcnow
from elternbeitraege.services import demo as seed
from tests.conftest import TODAY
from tests.helpers import commit, pdf_text
from tests.web import two_offices
from tests.web.steps import ADMISSION, document_bytes, newest_case, register

CLERK = "sachbearbeitung@musterstadt.example"
FACILITY = "kita-sonnenblume@musterstadt.example"
GENERIC_LOGIN_ERROR = "E-Mail-Adresse oder Passwort sind nicht richtig."


def csrf_token_of(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def german_error_page(response, title: str) -> None:
    html = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert '<html lang="de">' in html and f"<h1 class=\"kern-heading-large\">{title}</h1>" in html
    assert "Traceback" not in html and "Bad Request" not in html and "Not Found" not in html


# --- CSRF ---------------------------------------------------------------------------------------------------

@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True)


def test_a_login_without_csrf_token_is_refused_with_400_and_a_german_page(csrf_app, demo):
    response = csrf_app.test_client().post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert response.status_code == 400
    german_error_page(response, "Sitzung abgelaufen")


def test_a_login_with_the_csrf_token_of_the_page_works(csrf_app, demo):
    client = csrf_app.test_client()
    token = csrf_token_of(client.get("/anmelden").get_data(as_text=True))
    response = client.post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["none", "forged"])
def test_a_declaration_page_refuses_a_post_without_a_valid_csrf_token_and_saves_nothing(csrf_app, demo, token):
    client = csrf_app.test_client()
    page = client.get("/registrieren").get_data(as_text=True)
    response = client.post("/registrieren", data={
        "code": seed.DEMO_CODE, "email": "julia@beispiel.example", "password": "Regen Fahrrad Kaffee",
        "password_repeat": "Regen Fahrrad Kaffee", "csrf_token": csrf_token_of(page)})
    assert response.status_code == 302
    case_id = newest_case(csrf_app).id
    data = {"confirmed": "y"} | ({"csrf_token": "IjAxMjM0NTY3ODki.forged.token"} if token == "forged" else {})
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/kind", data=data)
    assert response.status_code == 400
    german_error_page(response, "Sitzung abgelaufen")
    with csrf_app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).first()
        assert declaration is None or not declaration.child_confirmed


# --- Headers on every response ------------------------------------------------------------------------------

def _csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def _pages(app, world) -> list[tuple[str, str]]:
    """Return (who, URL) for every GET page: public ones anonymously, the rest as their role with own ids."""
    own = world.cases["a"]
    prefix_role = {"/eltern/": "parent_a", "/amt/": "clerk_a", "/einrichtung/": "facility_a",
                   "/verwaltung/": "admin_a", "/betrieb/": "provider"}
    values = {"case_id": own.case, "document_id": own.document, "proof_id": own.proof, "person": 1, "office_id": 1,
              "user_id": 1, "facility_id": 1, "secret": "ein-gefaelschter-link"}
    pages = [("anonymous", "/gibt-es-nicht")]
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in ("static", "kern"):
                continue
            who = next((role for prefix, role in prefix_role.items() if rule.rule.startswith(prefix)), "anonymous")
            pages.append((who, url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})))
    return pages


@pytest.fixture
def world(app):
    return two_offices.build(app, TODAY)


def test_every_response_carries_the_security_headers_and_pages_are_never_cached(app, world, login):
    clients = {"anonymous": app.test_client()}
    for who in ("parent_a", "clerk_a", "facility_a", "admin_a", "provider"):
        clients[who] = login(app.test_client(), two_offices.LOGINS[who], world.password(who))
    pages = _pages(app, world)
    assert {who for who, _ in pages} == set(clients)
    wrong, html_pages = [], 0
    for who, path in pages:
        response = clients[who].get(path)
        html_pages += response.mimetype == "text/html" and response.status_code == 200
        csp = _csp(response.headers.get("Content-Security-Policy", ""))
        scripts = csp.get("script-src", csp.get("default-src", ["'unsafe-inline'"]))
        problems = [
            "script-src allows inline script" if "'unsafe-inline'" in scripts or "*" in scripts else "",
            "frame-ancestors" if csp.get("frame-ancestors") != ["'none'"] else "",
            "nosniff" if response.headers.get("X-Content-Type-Options") != "nosniff" else "",
            "Referrer-Policy" if not response.headers.get("Referrer-Policy") else "",
            "Cache-Control" if "no-store" not in response.headers.get("Cache-Control", "") else "",
        ]
        if any(problems):
            wrong.append((who, path, response.status_code, [problem for problem in problems if problem]))
    assert html_pages > 15
    assert wrong == []


@pytest.mark.parametrize("what", ["document", "proof"])
def test_stored_files_are_sent_as_attachments_never_sniffed_nor_cached(app, world, login, what):
    clerk = login(app.test_client(), CLERK)
    ids = world.cases["a"]
    path = {"document": f"/amt/faelle/{ids.case}/dokumente/{ids.document}",
            "proof": f"/amt/faelle/{ids.case}/nachweise/{ids.proof}"}[what]
    response = clerk.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]


def test_production_sends_hsts_and_marks_the_session_cookie_secure(make_app):
    production = make_app(ENV_NAME="production", SECRET_KEY="x" * 32, PUBLIC_URL="https://beitraege.example")
    response = production.test_client().get("/anmelden")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers.get("Set-Cookie", "")


def test_no_get_request_changes_anything_stored(app, demo, login):
    """Every GET page of every role, with the ids of the demo case (whose declaration is not begun yet)."""
    parent = app.test_client()
    assert register(parent, seed.DEMO_CODE).status_code == 302
    case = newest_case(app)
    with app.app_context():
        invitation = db.session().scalars(select(Document.id).where(Document.case_id == case.id)).one()
    clients = {"/eltern/": parent, "/amt/": login(app.test_client(), CLERK),
               "/einrichtung/": login(app.test_client(), FACILITY),
               "/verwaltung/": login(app.test_client(), "verwaltung@musterstadt.example")}
    values = {"case_id": case.id, "document_id": invitation, "proof_id": 1, "person": 1, "office_id": 1, "user_id": 1,
              "facility_id": 1, "secret": "ein-gefaelschter-link"}
    before = two_offices.snapshot(app)
    visited = []
    with app.test_request_context():
        targets = [(rule.rule, url_for(rule.endpoint, **{name: values[name] for name in rule.arguments}))
                   for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in ("static", "kern")]
    for rule, target in targets:
        client = next((client for prefix, client in clients.items() if rule.startswith(prefix)), app.test_client())
        assert client.get(target).status_code < 500, target
        visited.append(target)
    assert f"/eltern/faelle/{case.id}/erklaerung" in visited
    assert two_offices.snapshot(app) == before


# --- Cookies and sessions -----------------------------------------------------------------------------------

def _session_cookie_header(response) -> str:
    return next(header for header in response.headers.getlist("Set-Cookie") if header.startswith("session="))


def test_the_session_cookie_is_httponly_and_samesite_lax(app, demo):
    response = app.test_client().post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert response.status_code == 302
    attributes = [part.strip() for part in _session_cookie_header(response).split(";")]
    assert "HttpOnly" in attributes and "SameSite=Lax" in attributes


def _session_contents(app, client) -> str:
    cookie = client.get_cookie("session")
    return json.dumps(app.session_interface.get_signing_serializer(app).loads(cookie.value), default=str)


def test_the_readable_session_cookie_holds_no_personal_data_not_even_in_a_flash_message(app, demo, login):
    facility = login(app.test_client(), FACILITY)
    assert FACILITY not in _session_contents(app, facility)
    response = facility.post("/einrichtung/aufnahme", data=ADMISSION)
    assert response.status_code == 302
    case = newest_case(app)
    contents = _session_contents(app, facility)  # the flash waits in the cookie for the next page
    assert [secret for secret in ("Lena", "Beispiel", case.file_number) if secret in contents] == []


def test_logout_makes_a_copy_of_the_old_session_cookie_useless(app, demo, login):
    clerk = login(app.test_client(), CLERK)
    copied = clerk.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/amt/").status_code == 200  # the copy works while the login lasts
    assert clerk.post("/abmelden").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", copied)
    response = replay.get("/amt/")
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/anmelden"


def test_a_session_older_than_the_absolute_limit_ends(make_app, demo, login):
    short = make_app(SESSION_ABSOLUTE_HOURS=0)
    response = login(short.test_client(), CLERK).get("/amt/")
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/anmelden"


# --- Login -----------------------------------------------------------------------------------------------------

def test_login_answers_an_unknown_email_and_a_wrong_password_with_the_same_page(app, demo):
    client = app.test_client()
    unknown = client.post("/anmelden", data={"email": "niemand@musterstadt.example", "password": "falsch-falsch-1"})
    wrong = client.post("/anmelden", data={"email": CLERK, "password": "falsch-falsch-1"})
    assert unknown.status_code == wrong.status_code == 200
    assert GENERIC_LOGIN_ERROR in wrong.get_data(as_text=True)
    assert (unknown.get_data(as_text=True).replace("niemand@musterstadt.example", "EMAIL")
            == wrong.get_data(as_text=True).replace(CLERK, "EMAIL"))


@pytest.mark.parametrize(("wrong_attempts", "signed_in"), [(4, True), (5, False)])
def test_after_five_wrong_passwords_even_the_right_one_is_refused(app, demo, wrong_attempts, signed_in):
    assert app.config["LOGIN_LOCK_AFTER"] == 5
    client = app.test_client()
    for attempt in range(wrong_attempts):
        client.post("/anmelden", data={"email": CLERK, "password": f"falsches-passwort-{attempt}"})
    response = client.post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert (response.status_code == 302) is signed_in
    if not signed_in:
        assert GENERIC_LOGIN_ERROR in response.get_data(as_text=True)
        assert client.get("/amt/").status_code == 302


def test_a_locked_account_opens_again_after_the_lock_time(app, demo):
    client = app.test_client()
    for attempt in range(5):
        client.post("/anmelden", data={"email": CLERK, "password": f"falsches-passwort-{attempt}"})
    assert client.post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD}).status_code == 200
    with app.app_context():
        session = db.session()
        user = session.scalars(select(User).where(User.email == CLERK)).one()
        assert user.locked_until is not None
        user.locked_until = utcnow() - timedelta(seconds=1)  # as if the lock time had passed
        commit(session)
    assert client.post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD}).status_code == 302


def test_an_address_that_guesses_across_many_accounts_is_refused_even_the_right_password(make_app, demo):
    app = make_app(LOGIN_ADDRESS_LOCK_AFTER=3)
    client = app.test_client()
    for attempt in range(3):
        client.post("/anmelden", data={"email": f"gibt-es-nicht-{attempt}@example.org", "password": "falsch-falsch"})
    response = client.post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert response.status_code == 200 and GENERIC_LOGIN_ERROR in response.get_data(as_text=True)
    other_address = app.test_client()
    response = other_address.post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD},
                                  environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 302


# --- Redirect targets -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "/\\evil.example", "\\\\evil.example",
                                    "javascript:alert(1)", "///evil.example", "/\t/evil.example",
                                    "http:evil.example"])
def test_login_never_redirects_off_the_site(app, demo, target):
    response = app.test_client().post("/anmelden", query_string={"next": target},
                                      data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.scheme in ("", "http") and parts.netloc in ("", "localhost"), location
    assert not location.startswith("//") and "\\" not in location and "evil" not in location
    assert parts.path == "/amt/"


def test_login_follows_a_next_path_on_the_site(app, demo):
    response = app.test_client().post("/anmelden", query_string={"next": "/amt/?status=submitted"},
                                      data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert response.headers["Location"] == "/amt/?status=submitted"


# --- Passwords ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "message"), [
    ("elf Zeichen", "mindestens 12 Zeichen"),
    ("kurz", "mindestens 12 Zeichen"),
    ("passwort1234", "zu leicht zu erraten"),
    ("123456789012", "zu leicht zu erraten"),
    ("Password1234", "zu leicht zu erraten"),
    ("aaaaaaaaaaaaaaaa", "zu leicht zu erraten"),
    ("julia am strand 2025", "zu leicht zu erraten"),  # the e-mail's name in the password
    ("Regen Fahrrad Kaffee " * 4, "höchstens 64 Zeichen"),
], ids=["11 characters", "4 characters", "common", "digits", "common capitalised", "one letter", "e-mail name",
        "too long"])
def test_registration_refuses_short_or_common_passwords_with_a_german_message(app, demo, password, message):
    client = app.test_client()
    response = client.post("/registrieren", data={"code": seed.DEMO_CODE, "email": "julia@beispiel.example",
                                                  "password": password, "password_repeat": password})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Fehler: " in html and message in html
    with app.app_context():
        assert db.session().scalars(select(User).where(User.email == "julia@beispiel.example")).first() is None
    assert register(client, seed.DEMO_CODE).status_code == 302  # the code was not used up


def test_the_demo_password_is_refused_in_production(make_app, app, demo):
    assert app.test_client().post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD}).status_code == 302
    production = make_app(ENV_NAME="production", SECRET_KEY="x" * 32, PUBLIC_URL="https://beitraege.example")
    response = production.test_client().post("/anmelden", data={"email": CLERK, "password": seed.DEMO_PASSWORD})
    assert response.status_code == 200
    assert GENERIC_LOGIN_ERROR in response.get_data(as_text=True)


# --- Error pages and the health check ------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "method", "path", "status", "title"), [
    ("anonymous", "GET", "/gibt-es-nicht", 404, "Seite nicht gefunden"),
    ("clerk", "GET", "/amt/gibt-es-nicht", 404, "Seite nicht gefunden"),
    ("clerk", "GET", "/amt/faelle/999999", 404, "Seite nicht gefunden"),
    ("anonymous", "POST", "/datenschutz", 405, "Aktion nicht möglich"),
])
def test_errors_answer_with_a_german_page_and_the_right_status(app, demo, login, who, method, path, status, title):
    client = login(app.test_client(), CLERK) if who == "clerk" else app.test_client()
    response = client.open(path, method=method)
    assert response.status_code == status
    german_error_page(response, title)


def test_the_health_check_answers_ok_as_json(app):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and response.is_json
    assert response.get_json()["status"] == "ok"


def test_the_health_check_answers_503_as_json_when_the_database_is_unreachable(app):
    app.extensions["db_engine"].dispose()
    unreachable = create_engine("postgresql+psycopg://u@127.0.0.1:1/x", connect_args={"connect_timeout": 2})
    app.extensions["db_engine"] = unreachable  # disposed by the fixture afterwards
    app.extensions["db_sessions"].configure(bind=unreachable)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.is_json
    assert response.get_json()["status"] != "ok"
    assert "127.0.0.1" not in response.get_data(as_text=True)


# --- Hostile input ----------------------------------------------------------------------------------------------

HOSTILE_NAMES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["script", "attribute"])
def test_a_hostile_child_name_shows_escaped_on_every_page_that_lists_it(app, demo, login, name):
    facility = login(app.test_client(), FACILITY)
    response = facility.post("/einrichtung/aufnahme", data={**ADMISSION, "child_first_name": name},
                             follow_redirects=True)
    case = newest_case(app)
    with app.app_context():
        assert db.session().get(Child, case.child_id).first_name == name
    clerk = login(app.test_client(), CLERK)
    pages = {"facility list with message": response.get_data(as_text=True),
             "facility list": facility.get("/einrichtung/").get_data(as_text=True),
             "worklist": clerk.get("/amt/").get_data(as_text=True),
             "clerk's case page": clerk.get(f"/amt/faelle/{case.id}").get_data(as_text=True)}
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    assert {page: (escaped in html, "<script>alert" in html or "<img src=x" in html)
            for page, html in pages.items()} == {page: (True, False) for page in pages}


def test_a_hostile_child_name_is_printed_literally_in_the_invitation_letter(app, demo, login):
    facility = login(app.test_client(), FACILITY)
    facility.post("/einrichtung/aufnahme", data={**ADMISSION, "child_first_name": "<b>Lena</b>"})
    assert "<b>Lena</b> Beispiel" in pdf_text(document_bytes(app, newest_case(app).id, "invitation"))


def test_the_timeout_dialog_renews_only_a_signed_in_session(app, demo, login):
    assert app.test_client().post("/sitzung/verlaengern").status_code == 401
    assert login(app.test_client(), CLERK).post("/sitzung/verlaengern").status_code == 204


def test_signing_in_again_after_a_timeout_returns_to_the_page_left(app, demo):
    response = app.test_client().post("/anmelden", query_string={"next": "/einrichtung/aufnahme"},
                                      data={"email": "kita-sonnenblume@musterstadt.example",
                                            "password": seed.DEMO_PASSWORD})
    assert response.headers["Location"] == "/einrichtung/aufnahme"


@pytest.mark.parametrize(("method", "target", "data"), [
    ("GET", "/amt/?q=M%00ia", None),
    ("POST", "/anmelden", {"email": "sachbearbeitung@musterstadt.example\x00", "password": "x"}),
])
def test_a_nul_character_in_any_parameter_is_refused_with_a_german_page(app, demo, login, method, target, data):
    client = login(app.test_client(), CLERK)
    response = client.open(target, method=method, data=data)
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht verarbeitet werden" in response.get_data(as_text=True)
