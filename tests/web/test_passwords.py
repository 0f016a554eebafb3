"""Setting a password through a single-use link, and "Passwort vergessen" for every role, parents included."""
from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from elternbeitraege import db
from elternbeitraege.models import AccountLink, OutboxMessage, User
from elternbeitraege.services import demo as seed
from elternbeitraege.services.accounts import links
from tests.conftest import TODAY
from tests.web import two_offices

NEW_PASSWORD = "Wolke Teekanne Fahrradklingel"
LINK = re.compile(r"http://\S+(/passwort/setzen/[A-Za-z0-9_-]+)")
CLERK = "sachbearbeitung@musterstadt.example"
REFUSED_START = "Dieser Link gilt nicht mehr."


def mails_to(app, address: str) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session().scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)
                                         .order_by(OutboxMessage.id)))


def ask_for_reset(client, email: str):
    return client.post("/passwort/vergessen", data={"email": email})


def reset_link(app, client, email: str = CLERK) -> str:
    assert ask_for_reset(client, email).status_code == 200
    return LINK.search(mails_to(app, email.lower())[-1].text_body).group(1)


def set_password(client, link: str, password: str = NEW_PASSWORD, repeat: str | None = None):
    return client.post(link, data={"password": password, "password_repeat": password if repeat is None else repeat})


def signs_in(app, email: str, password: str) -> bool:
    return app.test_client().post("/anmelden", data={"email": email, "password": password}).status_code == 302


def test_the_login_page_links_to_passwort_vergessen(client):
    page = client.get("/anmelden").get_data(as_text=True)
    assert 'href="/passwort/vergessen"' in page and "Passwort vergessen?" in page


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_a_mail(app, demo):
    known = ask_for_reset(app.test_client(), CLERK)
    unknown = ask_for_reset(app.test_client(), "niemand@musterstadt.example")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert "Wenn es zu dieser Adresse einen Zugang gibt, haben wir einen Link geschickt" in known.get_data(as_text=True)
    assert len(mails_to(app, CLERK)) == 1 and mails_to(app, "niemand@musterstadt.example") == []
    mail = mails_to(app, CLERK)[0]
    assert mail.kind == "password_reset" and "Jugendamt Musterstadt" in mail.text_body


def test_the_reset_link_sets_a_new_password_once_and_the_old_one_stops_working(app, demo):
    link = reset_link(app, app.test_client(), CLERK.upper())  # the address as typed, in capitals
    page = app.test_client().get(link)
    assert page.status_code == 200 and "Neues Passwort setzen" in page.get_data(as_text=True)
    done = set_password(app.test_client(), link)
    assert done.status_code == 302 and done.headers["Location"].endswith("/anmelden")
    assert signs_in(app, CLERK, NEW_PASSWORD) and not signs_in(app, CLERK, two_offices.STAFF_PASSWORD)

    again = set_password(app.test_client(), link, "Noch Ein Ganz Anderes")
    assert again.status_code == 404 and REFUSED_START in again.get_data(as_text=True)
    assert 'href="/passwort/vergessen"' in again.get_data(as_text=True)
    assert signs_in(app, CLERK, NEW_PASSWORD)


def test_after_setting_the_password_the_login_page_says_so(app, demo):
    client = app.test_client()
    set_password(client, reset_link(app, client))
    page = client.get("/anmelden").get_data(as_text=True)
    assert "Ihr Passwort ist gesetzt" in page


def test_a_new_password_ends_the_sessions_that_were_open(app, demo, login):
    signed_in = login(app.test_client(), CLERK)
    assert signed_in.get("/amt/").status_code == 200
    set_password(app.test_client(), reset_link(app, app.test_client()))
    assert signed_in.get("/amt/").status_code == 302


@pytest.mark.parametrize("purpose", [links.PASSWORD_RESET, links.INVITATION])
def test_an_expired_link_is_refused_with_a_plain_explanation(app, demo, purpose):
    with app.app_context():
        session = db.session()
        user = session.scalars(select(User).where(User.email == CLERK)).one()
        secret = links.issue(session, user, purpose)
        session.commit()
        link = session.scalars(select(AccountLink)).one()
        moved = links.LIFETIMES[purpose] + timedelta(minutes=1)
        link.created_at, link.expires_at = link.created_at - moved, link.expires_at - moved
        session.commit()
    for response in (app.test_client().get(f"/passwort/setzen/{secret}"),
                     set_password(app.test_client(), f"/passwort/setzen/{secret}")):
        assert response.status_code == 404
        assert links.LINK_REFUSED[:60] in response.get_data(as_text=True)
    assert not signs_in(app, CLERK, NEW_PASSWORD)


def test_a_reset_link_lasts_an_hour(app, demo):
    link = reset_link(app, app.test_client())
    with app.app_context():
        stored = db.session().scalars(select(AccountLink)).one()
        assert stored.expires_at - stored.created_at == timedelta(hours=1)
    assert app.test_client().get(link).status_code == 200


@pytest.mark.parametrize("secret", ["forged", "a" * 43, "x" * 500, "%00", "a.b~c"])
def test_a_forged_link_gets_the_same_explanation(app, demo, secret):
    response = app.test_client().get(f"/passwort/setzen/{secret}")
    assert response.status_code in (404, 400)
    if response.status_code == 404:
        assert REFUSED_START in response.get_data(as_text=True)


def test_a_short_or_mismatched_password_is_explained_and_the_link_still_works(app, demo):
    client = app.test_client()
    link = reset_link(app, client)
    short = set_password(client, link, "kurz")
    assert short.status_code == 400 and "mindestens 12 Zeichen" in short.get_data(as_text=True)
    assert "<title>Fehler: " in short.get_data(as_text=True)
    mismatch = set_password(client, link, NEW_PASSWORD, "Etwas Ganz Anderes Hier")
    assert mismatch.status_code == 400 and "stimmen nicht überein" in mismatch.get_data(as_text=True)
    assert set_password(client, link).status_code == 302


def test_the_set_password_page_is_never_cached_and_sends_no_referrer(app, demo):
    response = app.test_client().get(reset_link(app, app.test_client()))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_secret_of_a_link_is_not_written_to_the_log(app, demo, caplog):
    caplog.set_level(logging.DEBUG)
    link = reset_link(app, app.test_client())
    set_password(app.test_client(), link)
    secret = link.rsplit("/", 1)[1]
    assert all(secret not in record.getMessage() for record in caplog.records)


def test_a_parent_asks_for_a_reset_and_gets_a_link_signed_with_the_office(app):
    world = two_offices.build(app, TODAY)
    parent = two_offices.LOGINS["parent_b"]
    link = reset_link(app, app.test_client(), parent)
    assert "Jugendamt Beispielhausen" in mails_to(app, parent)[-1].text_body
    assert set_password(app.test_client(), link).status_code == 302
    assert signs_in(app, parent, NEW_PASSWORD) and world


def test_a_deactivated_account_gets_no_mail_but_the_same_answer(app, demo):
    with app.app_context():
        session = db.session()
        session.execute(update(User).where(User.email == CLERK).values(active=False))
        session.commit()
    response = ask_for_reset(app.test_client(), CLERK)
    assert response.status_code == 200 and "Wenn es zu dieser Adresse" in response.get_data(as_text=True)
    assert mails_to(app, CLERK) == []


def test_a_bad_address_is_explained_and_kept(client):
    response = ask_for_reset(client, "keine-adresse")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "im richtigen Format" in page and 'value="keine-adresse"' in page


def test_requests_from_one_client_address_are_limited(make_app):
    app = make_app(RESET_ADDRESS_RATE_LIMIT="2/hour")
    client = app.test_client()
    assert [ask_for_reset(client, f"person{number}@beispiel.example").status_code for number in range(3)] == [
        200, 200, 429]
    assert "Zu viele Versuche" in ask_for_reset(client, "noch@beispiel.example").get_data(as_text=True)


def test_links_to_one_address_are_limited_without_a_different_answer(make_app):
    app = make_app(RESET_EMAIL_RATE_LIMIT="1/hour")
    with app.app_context():
        seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
    first, second = (ask_for_reset(app.test_client(), CLERK) for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert first.get_data(as_text=True) == second.get_data(as_text=True)
    assert len(mails_to(app, CLERK)) == 1
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(AccountLink)) == 1
