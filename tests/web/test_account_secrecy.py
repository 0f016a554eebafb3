"""Nothing given away: who has an account, which codes are real; limits on guessing that do not lock people out."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import Attempt, FeeCase, User
from elternbeitraege.services import demo as seed
from elternbeitraege.services.accounts import users as accounts
from elternbeitraege.services.cases import admissions
from tests.conftest import TODAY
from tests.helpers import commit
from tests.web.steps import PARENT_PASSWORD

CLERK = "sachbearbeitung@musterstadt.example"
GENERIC_LOGIN_ERROR = "E-Mail-Adresse oder Passwort sind nicht richtig."
TOO_MANY = "Zu viele Versuche."


def _registration(client, code: str, email: str, address: str = "198.51.100.10"):
    return client.post("/registrieren", data={"code": code, "email": email, "password": PARENT_PASSWORD,
                                              "password_repeat": PARENT_PASSWORD},
                       environ_base={"REMOTE_ADDR": address})


def _sign_in(client, email: str, password: str, address: str = "198.51.100.20", **headers):
    return client.post("/anmelden", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def _flash_after(client, response) -> str:
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _accounts_with(app, email: str) -> list[tuple[str, str]]:
    with app.app_context():
        return [tuple(row) for row in db.session().execute(
            select(User.role, User.password_hash).where(User.email == email))]


# --- Registration ------------------------------------------------------------------------------------------

def test_registering_with_the_address_of_a_staff_account_answers_as_a_new_account_and_changes_nothing(app, demo):
    before = _accounts_with(app, CLERK)
    taken, new = app.test_client(), app.test_client()
    response_taken = _registration(taken, seed.DEMO_CODE, CLERK)
    with app.app_context():
        other_code = _second_case_code(app)
    response_new = _registration(new, other_code, "ganz-neu@beispiel.example")
    assert response_taken.status_code == response_new.status_code == 302
    assert response_taken.headers["Location"] == response_new.headers["Location"] == "/anmelden"
    assert _flash_after(taken, response_taken) == _flash_after(new, response_new)
    assert _accounts_with(app, CLERK) == before  # no second account, the clerk's password untouched
    assert _sign_in(app.test_client(), CLERK, PARENT_PASSWORD).status_code == 200


def _second_case_code(app) -> str:
    """Give the demo case a fresh, unused code (as if a second invitation had gone out); return the code."""
    session = db.session()
    case = session.scalars(select(FeeCase)).first()
    code = "QQQQ-RRRR-SSSS"
    case.access_code_hash = admissions.hash_code(code)
    case.access_code_redeemed_at = None
    commit(session)
    return code


def test_an_unknown_code_and_a_used_code_get_the_same_page(app, demo):
    first = app.test_client()
    assert _registration(first, seed.DEMO_CODE, "erste@beispiel.example").status_code == 302
    used = _registration(app.test_client(), seed.DEMO_CODE, "zweite@beispiel.example").get_data(as_text=True)
    unknown = _registration(app.test_client(), "AAAA-BBBB-CCCC", "zweite@beispiel.example").get_data(as_text=True)
    assert accounts.CODE_REFUSED in used
    assert used.replace(seed.DEMO_CODE, "CODE") == unknown.replace("AAAA-BBBB-CCCC", "CODE")


def test_a_registration_makes_the_account_and_uses_the_code_up_but_does_not_sign_in(app, demo):
    client = app.test_client()
    response = _registration(client, seed.DEMO_CODE, "julia@beispiel.example")
    assert "Melden Sie sich jetzt mit Ihrer E-Mail-Adresse und Ihrem Passwort an" in _flash_after(client, response)
    assert client.get("/eltern/").status_code == 302  # not signed in yet
    assert _sign_in(client, "julia@beispiel.example", PARENT_PASSWORD).status_code == 302
    assert "Mia Muster" in client.get("/eltern/").get_data(as_text=True)
    with app.app_context():
        assert db.session().scalars(select(FeeCase.access_code_redeemed_at)).first() is not None


@pytest.fixture
def seeded(make_app):
    """Return a factory of apps with these settings on the demo data."""
    def make(**settings):
        app = make_app(**settings)
        with app.app_context():
            seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
        return app
    return make


@pytest.fixture
def limited_app(seeded):
    return seeded(REGISTER_ADDRESS_RATE_LIMIT="3/hour", REGISTER_CODE_RATE_LIMIT="2/hour")


def test_code_guesses_from_one_address_are_stopped_even_with_the_right_code_and_another_address_goes_on(
        limited_app):
    app = limited_app
    guesser = app.test_client()
    for guess in ("AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC"):
        assert accounts.CODE_REFUSED in _registration(guesser, guess, "rate@beispiel.example").get_data(as_text=True)
    refused = _registration(guesser, seed.DEMO_CODE, "rate@beispiel.example").get_data(as_text=True)
    assert TOO_MANY in refused and accounts.CODE_REFUSED not in refused
    assert _accounts_with(app, "rate@beispiel.example") == []
    assert _registration(app.test_client(), seed.DEMO_CODE, "rate@beispiel.example",
                         address="198.51.100.99").status_code == 302


def test_one_code_tried_from_many_addresses_is_stopped_after_its_own_limit(limited_app):
    app = limited_app
    for number in range(2):  # a bad password: the code is tried but not used up
        response = app.test_client().post("/registrieren", data={
            "code": seed.DEMO_CODE, "email": f"versuch{number}@beispiel.example", "password": "kurz",
            "password_repeat": "kurz"}, environ_base={"REMOTE_ADDR": f"198.51.100.{number}"})
        assert "mindestens 12 Zeichen" in response.get_data(as_text=True)
    third = _registration(app.test_client(), seed.DEMO_CODE, "dritte@beispiel.example", address="198.51.100.50")
    assert TOO_MANY in third.get_data(as_text=True)


# --- Signing in --------------------------------------------------------------------------------------------

class CountingHash:
    """Count the password hashes computed, whichever account or none."""

    def __init__(self, monkeypatch) -> None:
        self.calls = 0
        real = accounts.check_password_hash

        def counted(stored: str, password: str) -> bool:
            self.calls += 1
            return real(stored, password)

        monkeypatch.setattr(accounts, "check_password_hash", counted)


@pytest.mark.parametrize("situation", ["unknown address", "wrong password", "locked account", "address over its limit",
                                       "right password"])
def test_every_sign_in_costs_exactly_one_password_hash(seeded, monkeypatch, situation):
    app = seeded(LOGIN_ADDRESS_LOCK_AFTER=3)
    client = app.test_client()
    if situation == "locked account":
        for attempt in range(5):
            _sign_in(client, CLERK, f"falsch-{attempt}-falsch", address=f"198.51.100.{attempt}")
    if situation == "address over its limit":
        for attempt in range(3):
            _sign_in(client, f"niemand{attempt}@beispiel.example", "falsch-falsch-falsch")
    email = "niemand@beispiel.example" if situation == "unknown address" else CLERK
    password = seed.DEMO_PASSWORD if situation in ("right password", "locked account", "address over its limit") \
        else "falsch-falsch-falsch"
    counter = CountingHash(monkeypatch)
    response = _sign_in(client, email, password)
    assert counter.calls == 1
    assert (response.status_code == 302) is (situation == "right password")


def _guess_from_one_address(client, times: int) -> None:
    for attempt in range(times):
        response = _sign_in(client, f"gibt-es-nicht-{attempt}@beispiel.example", "falsch-falsch-falsch",
                            address="203.0.113.5")
        assert GENERIC_LOGIN_ERROR in response.get_data(as_text=True)


def test_a_browser_that_signed_in_before_still_signs_in_when_its_address_is_over_the_limit(seeded):
    app = seeded(LOGIN_ADDRESS_LOCK_AFTER=3)
    clerk = app.test_client()
    assert _sign_in(clerk, CLERK, seed.DEMO_PASSWORD, address="203.0.113.5").status_code == 302
    clerk.post("/abmelden")
    _guess_from_one_address(app.test_client(), 3)  # someone behind the same address guesses
    assert _sign_in(clerk, CLERK, seed.DEMO_PASSWORD, address="203.0.113.5").status_code == 302
    stranger = app.test_client()
    assert _sign_in(stranger, CLERK, seed.DEMO_PASSWORD, address="203.0.113.5").status_code == 200


def test_a_known_browser_signs_in_although_someone_else_locked_the_account(app, demo):
    clerk = app.test_client()
    assert _sign_in(clerk, CLERK, seed.DEMO_PASSWORD).status_code == 302
    clerk.post("/abmelden")
    attacker = app.test_client()
    for attempt in range(5):
        _sign_in(attacker, CLERK, f"falsch-{attempt}-falsch", address="192.0.2.66")
    assert _sign_in(attacker, CLERK, seed.DEMO_PASSWORD, address="192.0.2.66").status_code == 200  # locked
    assert _sign_in(clerk, CLERK, seed.DEMO_PASSWORD).status_code == 302


def test_a_known_browser_that_guesses_wrong_loses_its_trust_after_the_account_limit(app, demo):
    browser = app.test_client()
    assert _sign_in(browser, CLERK, seed.DEMO_PASSWORD).status_code == 302
    browser.post("/abmelden")
    for attempt in range(5):
        _sign_in(browser, CLERK, f"falsch-{attempt}-falsch")
    with app.app_context():  # the device's failures counted against the device, not the account
        assert db.session().scalar(select(User.locked_until).where(User.email == CLERK)) is None
    attacker = app.test_client()
    for attempt in range(5):
        _sign_in(attacker, CLERK, f"falsch-{attempt}-falsch", address="192.0.2.66")
    assert _sign_in(browser, CLERK, seed.DEMO_PASSWORD).status_code == 200


@pytest.mark.parametrize("cookie", ["forged", "other account"])
def test_a_forged_device_cookie_or_one_of_another_account_opens_no_locked_door(app, demo, cookie):
    browser = app.test_client()
    if cookie == "other account":
        assert _sign_in(browser, "verwaltung@musterstadt.example", seed.DEMO_PASSWORD).status_code == 302
        browser.post("/abmelden")
    else:
        browser.set_cookie("eb_geraet", "eyJ1IjoxLCJuIjoieCJ9.forged.signature", path="/anmelden")
    for attempt in range(5):
        _sign_in(app.test_client(), CLERK, f"falsch-{attempt}-falsch", address="192.0.2.66")
    assert _sign_in(browser, CLERK, seed.DEMO_PASSWORD).status_code == 200


def test_the_device_cookie_is_httponly_lax_sent_only_to_the_sign_in_page_and_holds_no_name(app, demo):
    response = _sign_in(app.test_client(), CLERK, seed.DEMO_PASSWORD)
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("eb_geraet="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/anmelden" in cookie
    assert "sachbearbeitung" not in cookie.lower() and "@" not in cookie


# --- Behind a reverse proxy --------------------------------------------------------------------------------

def test_behind_a_trusted_proxy_each_client_address_is_limited_on_its_own(seeded):
    app = seeded(LOGIN_ADDRESS_LOCK_AFTER=3, TRUSTED_PROXIES=1)
    guesser = app.test_client()
    for attempt in range(3):
        _sign_in(guesser, f"niemand{attempt}@beispiel.example", "falsch-falsch-falsch", address="10.0.0.2",
                 **{"X-Forwarded-For": "198.51.100.1"})
    assert _sign_in(app.test_client(), CLERK, seed.DEMO_PASSWORD, address="10.0.0.2",
                    **{"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert _sign_in(app.test_client(), CLERK, seed.DEMO_PASSWORD, address="10.0.0.2",
                    **{"X-Forwarded-For": "198.51.100.2"}).status_code == 302


def test_without_the_proxy_setting_a_forwarded_address_is_not_believed(seeded):
    app = seeded(LOGIN_ADDRESS_LOCK_AFTER=3)
    for attempt in range(3):
        _sign_in(app.test_client(), f"niemand{attempt}@beispiel.example", "falsch-falsch-falsch",
                 address="10.0.0.2", **{"X-Forwarded-For": f"198.51.100.{attempt}"})
    assert _sign_in(app.test_client(), CLERK, seed.DEMO_PASSWORD, address="10.0.0.2",
                    **{"X-Forwarded-For": "198.51.100.200"}).status_code == 200


def test_the_attempts_table_keeps_no_address_or_code_as_it_is(limited_app):
    app = limited_app
    _registration(app.test_client(), "AAAA-BBBB-CCCC", "x@beispiel.example", address="198.51.100.77")
    _sign_in(app.test_client(), CLERK, "falsch-falsch-falsch", address="198.51.100.77")
    with app.app_context():
        keys = db.session().scalars(select(Attempt.key)).all()
        assert db.session().scalar(select(func.count()).select_from(Attempt)) == 3
    assert all(len(key) == 64 and "198.51" not in key and "AAAA" not in key for key in keys)
