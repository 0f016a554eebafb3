"""The office's administrator keeps its accounts: invites clerks, administrators and facility accounts, sends the
invitation again or a password-reset link, deactivates and reactivates accounts, changes roles — and keeps the
office's last administrator. Every change is in the record of that office only."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, OutboxMessage, User
from tests.conftest import TODAY
from tests.web import two_offices

ADMIN = "verwaltung@musterstadt.example"
CLERK = "sachbearbeitung@musterstadt.example"
NEW = {"display_name": "Clara Neu", "email": "clara.neu@musterstadt.example", "role": "clerk", "facility_id": ""}
PASSWORD = "Leuchtturm Nebel Brotkorb"
LINK = re.compile(r"http://\S+(/passwort/setzen/[A-Za-z0-9_-]+)")


@pytest.fixture
def admin(app, demo, login):
    return login(app.test_client(), ADMIN)


def user_of(app, email: str) -> User:
    with app.app_context():
        user = db.session().scalars(select(User).where(User.email == email)).one()
        db.session().expunge(user)
        return user


def link_to(app, address: str) -> str:
    with app.app_context():
        message = db.session().scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)
                                       .order_by(OutboxMessage.id.desc())).first()
        assert message is not None, f"no mail to {address} in the outbox"
        match = LINK.search(message.text_body)
        assert match, message.text_body
        return match.group(1)


def test_an_invitation_puts_a_mail_with_a_link_in_the_outbox_and_the_link_sets_the_password(app, admin):
    response = admin.post("/verwaltung/konten/einladen", data=NEW)
    assert response.status_code == 302
    link = link_to(app, NEW["email"])
    client = app.test_client()
    assert client.post("/anmelden", data={"email": NEW["email"], "password": PASSWORD}).status_code == 200
    assert client.post(link, data={"password": PASSWORD, "password_repeat": PASSWORD}).status_code == 302
    signed_in = client.post("/anmelden", data={"email": NEW["email"], "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/amt/")
    assert app.test_client().get(link).status_code != 302  # single use: the link is spent


def test_an_invited_account_is_listed_as_invited_and_can_get_its_invitation_again(app, admin):
    admin.post("/verwaltung/konten/einladen", data=NEW)
    first = link_to(app, NEW["email"])
    user = user_of(app, NEW["email"])
    assert "Eingeladen" in admin.get("/verwaltung/konten").get_data(as_text=True)
    assert admin.post(f"/verwaltung/konten/{user.id}/einladung").status_code == 302
    assert link_to(app, NEW["email"]) != first
    client = app.test_client()
    assert client.post(first, data={"password": PASSWORD, "password_repeat": PASSWORD}).status_code != 302


def test_a_facility_account_is_invited_for_a_facility_of_the_office(app, admin):
    facility_id = user_of(app, "kita-sonnenblume@musterstadt.example").facility_id
    response = admin.post("/verwaltung/konten/einladen",
                          data=NEW | {"role": "facility", "facility_id": str(facility_id)})
    assert response.status_code == 302
    user = user_of(app, NEW["email"])
    assert (user.role, user.facility_id) == ("facility", facility_id)


@pytest.mark.parametrize("changes, field, message", [
    ({"display_name": ""}, "display_name", "Geben Sie den Namen der Person"),
    ({"email": "clara-at-musterstadt"}, "email", "Geben Sie die E-Mail-Adresse mit @ und Domain an"),
    ({"email": CLERK}, "email", "gibt es schon einen Zugang"),
    ({"role": "chef"}, "role", "Wählen Sie die Rolle aus"),
    ({"role": "facility"}, "facility_id", "Wählen Sie die Einrichtung aus"),
])
def test_a_bad_invitation_shows_a_german_message_keeps_what_was_typed_and_sends_nothing(app, admin, changes, field,
                                                                                        message):
    response = admin.post("/verwaltung/konten/einladen", data=NEW | changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and "Fehler: " in page
    typed = (NEW | changes)["display_name"]
    if typed:
        assert f'value="{typed}"' in page
    with app.app_context():
        assert db.session().scalars(select(User).where(User.email == "clara.neu@musterstadt.example")).all() == [] \
            or changes.get("email") == CLERK


def test_deactivating_a_clerk_ends_the_signed_in_session_at_once_and_reactivating_lets_them_back(app, admin, login):
    clerk = login(app.test_client(), CLERK)
    assert clerk.get("/amt/").status_code == 200
    user = user_of(app, CLERK)
    assert admin.get(f"/verwaltung/konten/{user.id}/deaktivieren").status_code == 200
    assert admin.post(f"/verwaltung/konten/{user.id}/deaktivieren").status_code == 302
    assert clerk.get("/amt/").status_code == 302  # back to the login page
    assert app.test_client().post("/anmelden", data={"email": CLERK, "password": two_offices.STAFF_PASSWORD}
                                  ).status_code == 200
    assert admin.post(f"/verwaltung/konten/{user.id}/reaktivieren").status_code == 302
    login(app.test_client(), CLERK)


def test_a_password_reset_link_goes_to_the_outbox_and_is_recorded(app, admin):
    user = user_of(app, CLERK)
    assert admin.post(f"/verwaltung/konten/{user.id}/passwort").status_code == 302
    assert link_to(app, CLERK)
    with app.app_context():
        actions = db.session().scalars(select(AuditEntry.action).where(AuditEntry.subject_id == user.id,
                                                                       AuditEntry.subject == "user")).all()
    assert "password_reset_sent" in actions


def test_a_clerk_made_administrator_is_recorded_with_before_and_after(app, admin):
    user = user_of(app, CLERK)
    assert admin.post(f"/verwaltung/konten/{user.id}/rolle", data={"role": "admin"}).status_code == 302
    assert user_of(app, CLERK).role == "admin"
    with app.app_context():
        entry = db.session().scalars(select(AuditEntry).where(AuditEntry.action == "role_changed")).one()
    assert (json.loads(entry.before), json.loads(entry.after)) == ({"role": "clerk"}, {"role": "admin"})
    record = admin.get("/verwaltung/protokoll").get_data(as_text=True)
    assert "Rolle geändert" in record and "Sachbearbeitung → Fachadministration" in record


def test_the_last_administrator_cannot_demote_or_deactivate_itself(app, admin):
    me = user_of(app, ADMIN)
    demoted = admin.post(f"/verwaltung/konten/{me.id}/rolle", data={"role": "clerk"})
    assert demoted.status_code == 400 and "letzte aktive Konto der Fachadministration" in demoted.get_data(
        as_text=True)
    deactivated = admin.post(f"/verwaltung/konten/{me.id}/deaktivieren")
    assert deactivated.status_code == 400 and "letzte aktive Konto" in deactivated.get_data(as_text=True)
    assert user_of(app, ADMIN).role == "admin" and user_of(app, ADMIN).active
    assert admin.get("/verwaltung/").status_code == 200


def test_with_a_second_administrator_the_first_may_become_a_clerk(app, admin):
    clerk = user_of(app, CLERK)
    admin.post(f"/verwaltung/konten/{clerk.id}/rolle", data={"role": "admin"})
    me = user_of(app, ADMIN)
    response = admin.post(f"/verwaltung/konten/{me.id}/rolle", data={"role": "clerk"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/amt/")
    assert admin.get("/verwaltung/").status_code == 404


def test_a_role_not_offered_is_refused_with_a_message(app, admin):
    clerk = user_of(app, CLERK)
    response = admin.post(f"/verwaltung/konten/{clerk.id}/rolle", data={"role": "provider"})
    assert response.status_code == 400 and "Wählen Sie die neue Rolle aus" in response.get_data(as_text=True)
    assert user_of(app, CLERK).role == "clerk"


@pytest.fixture
def world(app):
    return two_offices.build(app, TODAY)


def test_another_offices_account_answers_404_on_every_page_and_changes_nothing(app, world, login):
    admin = login(app.test_client(), two_offices.LOGINS["admin_a"], world.password("admin_a"))
    other = user_of(app, two_offices.LOGINS["clerk_b"])
    for method, path in (("GET", ""), ("POST", "/einladung"), ("POST", "/passwort"), ("GET", "/deaktivieren"),
                         ("POST", "/deaktivieren"), ("POST", "/reaktivieren"), ("GET", "/rolle"), ("POST", "/rolle")):
        assert admin.open(f"/verwaltung/konten/{other.id}{path}", method=method,
                          data={"role": "admin"}).status_code == 404, (method, path)
    after = user_of(app, two_offices.LOGINS["clerk_b"])
    assert (after.role, after.active) == ("clerk", True)


def test_the_record_lists_only_the_own_offices_changes_newest_first(app, world, login):
    admin_a = login(app.test_client(), two_offices.LOGINS["admin_a"], world.password("admin_a"))
    admin_b = login(app.test_client(), two_offices.LOGINS["admin_b"], world.password("admin_b"))
    admin_a.post("/verwaltung/konten/einladen", data=NEW)
    admin_a.post("/verwaltung/konten/einladen", data=NEW | {"display_name": "Dora Später",
                                                            "email": "dora@musterstadt.example"})
    admin_b.post("/verwaltung/konten/einladen", data=NEW | {"display_name": "Berta Beispiel",
                                                            "email": "berta@beispielhausen.example"})
    page_a = admin_a.get("/verwaltung/protokoll").get_data(as_text=True)
    assert "Clara Neu" in page_a and "Dora Später" in page_a and "Berta Beispiel" not in page_a
    assert page_a.index("Dora Später") < page_a.index("Clara Neu")
    page_b = admin_b.get("/verwaltung/protokoll").get_data(as_text=True)
    assert "Berta Beispiel" in page_b and "Clara Neu" not in page_b


def test_a_page_number_that_is_no_number_shows_the_first_page(admin):
    for text in ("abc", "-1", "99999999999", "١"):
        assert admin.get(f"/verwaltung/protokoll?seite={text}").status_code == 200
