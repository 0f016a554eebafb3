"""The provider (the installation's operator): made on the command line, signs in through the link, sets up youth
offices, their statutes and administrators — and reaches nothing of families, cases or documents."""
from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, OfficeStatute, OutboxMessage, User, YouthOffice
from elternbeitraege.services import demo as seed

PROVIDER = "betrieb@it-dienst.example"
PASSWORD = "Leuchtturm Nebel Brotkorb"
LINK = re.compile(r"http://\S+/passwort/setzen/([A-Za-z0-9_-]+)")
OFFICE = {
    "name": "Jugendamt Beispielkreis", "street": "Kreishaus 1", "postcode_city": "32000 Beispielstadt",
    "contact_person": "Team Elternbeiträge", "phone": "05200 100-0", "email": "beitraege@beispielkreis.example",
    "website": "www.beispielkreis.example", "court_name": "Verwaltungsgericht Minden",
    "court_address": "Königswall 8, 32423 Minden",
    "dpo_contact": "Datenschutz Kreis Beispielkreis, Kreishaus 1, 32000 Beispielstadt",
    "bank_name": "Sparkasse Beispielkreis", "iban": "de02 1203 0000 0000 2020 51", "bic": "BYLADEM1001",
    "creditor_id": "DE98ZZZ09999999999",
}


def create_provider(app, email: str = PROVIDER) -> str:
    """Run ``flask users create-provider`` and return the path of the link it prints."""
    result = app.test_cli_runner().invoke(args=["users", "create-provider", email, "--name", "Paula Betrieb"])
    assert result.exit_code == 0, result.output
    match = LINK.search(result.output)
    assert match, result.output
    return f"/passwort/setzen/{match.group(1)}"


@pytest.fixture
def provider(app, demo):
    """Return a test client signed in as a provider made by the command and its link."""
    link = create_provider(app)
    client = app.test_client()
    set_it = client.post(link, data={"password": PASSWORD, "password_repeat": PASSWORD})
    assert set_it.status_code == 302 and set_it.headers["Location"].endswith("/anmelden")
    response = client.post("/anmelden", data={"email": PROVIDER, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/betrieb/")
    return client


def office_id_of(app, name: str) -> int:
    with app.app_context():
        return db.session().scalars(select(YouthOffice.id).where(YouthOffice.name == name)).one()


@pytest.fixture
def new_office(app, provider) -> int:
    response = provider.post("/betrieb/jugendaemter/neu", data=OFFICE)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return office_id_of(app, OFFICE["name"])


def test_the_command_makes_a_provider_without_a_usable_password_and_prints_a_link(app, demo, login):
    link = create_provider(app)
    with app.app_context():
        user = db.session().scalars(select(User).where(User.email == PROVIDER)).one()
        assert (user.role, user.office_id, user.display_name) == ("provider", None, "Paula Betrieb")
    for password in (seed.DEMO_PASSWORD, "", "provider"):
        assert app.test_client().post("/anmelden", data={"email": PROVIDER, "password": password}).status_code == 200
    assert app.test_client().get(link).status_code == 200


def test_the_command_refuses_an_address_that_has_an_account_in_german(app, demo):
    result = app.test_cli_runner().invoke(args=["users", "create-provider", "verwaltung@musterstadt.example"])
    assert result.exit_code != 0 and "gibt es schon einen Zugang" in result.output


def test_a_provider_signs_in_and_sees_the_offices_with_their_number_of_accounts_but_no_families(provider):
    page = provider.get("/betrieb/").get_data(as_text=True)
    assert "Jugendamt Musterstadt" in page and "Aktiv" in page
    assert re.search(r"Konten\">\s*5\s*<", page), "clerk, admin, three facilities, nothing of the parents"
    assert "Mia" not in page and "Gartenstraße" not in page and "sachbearbeitung@" not in page


def test_a_provider_creates_an_office_with_its_letterhead_tidied_and_recorded(app, provider, new_office):
    page = provider.get(f"/betrieb/jugendaemter/{new_office}").get_data(as_text=True)
    assert "Jugendamt Beispielkreis" in page and "DE02 1203 0000 0000 2020 51" in page
    with app.app_context():
        entry = db.session().scalars(select(AuditEntry).where(AuditEntry.subject == "office",
                                                              AuditEntry.subject_id == new_office)).one()
        assert entry.action == "created" and entry.actor.email == PROVIDER
        assert json.loads(entry.after)["iban"] == "DE02…2051", "the record keeps no full IBAN"


def test_an_office_without_a_name_and_with_a_wrong_iban_is_refused_field_by_field_and_nothing_typed_is_lost(
        app, provider):
    response = provider.post("/betrieb/jugendaemter/neu", data={**OFFICE, "name": "", "iban": "DE00 1234"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "<title>Fehler: " in page
    assert "Geben Sie den Namen des Jugendamts an" in page and "Prüfen Sie die IBAN auf Tippfehler" in page
    assert 'value="DE00 1234"' in page and 'value="Kreishaus 1"' in page
    with app.app_context():
        assert db.session().scalars(select(YouthOffice).where(YouthOffice.street == "Kreishaus 1")).first() is None


def test_editing_an_office_with_a_bad_iban_shows_a_german_message_keeps_the_input_and_changes_nothing(
        app, provider, new_office):
    response = provider.post(f"/betrieb/jugendaemter/{new_office}/bearbeiten",
                             data={**OFFICE, "name": "Jugendamt Neuer Name", "iban": "DE89 3704 0044 0532 0130 01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Prüfen Sie die IBAN auf Tippfehler" in page
    assert 'value="Jugendamt Neuer Name"' in page and 'value="DE89 3704 0044 0532 0130 01"' in page
    with app.app_context():
        office = db.session().get(YouthOffice, new_office)
        assert (office.name, office.iban) == ("Jugendamt Beispielkreis", "DE02 1203 0000 0000 2020 51")


def test_editing_an_office_keeps_the_change_and_records_before_and_after(app, provider, new_office):
    form = provider.get(f"/betrieb/jugendaemter/{new_office}/bearbeiten").get_data(as_text=True)
    assert 'value="Jugendamt Beispielkreis"' in form
    response = provider.post(f"/betrieb/jugendaemter/{new_office}/bearbeiten",
                             data={**OFFICE, "phone": "05200 100-99"})
    assert response.status_code == 302
    with app.app_context():
        session = db.session()
        assert session.get(YouthOffice, new_office).phone == "05200 100-99"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "edited")).one()
        assert (json.loads(entry.before), json.loads(entry.after)) == ({"phone": "05200 100-0"},
                                                                       {"phone": "05200 100-99"})


def test_deactivating_an_office_asks_first_then_its_users_cannot_sign_in_and_their_sessions_end(
        app, provider, login):
    office = office_id_of(app, "Jugendamt Musterstadt")
    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    assert clerk.get("/amt/").status_code == 200
    confirm = provider.get(f"/betrieb/jugendaemter/{office}/deaktivieren")
    assert confirm.status_code == 200 and "Jugendamt Musterstadt deaktivieren?" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session().get(YouthOffice, office).active, "the question changes nothing"

    assert provider.post(f"/betrieb/jugendaemter/{office}/deaktivieren").status_code == 302

    assert urlsplit_path(clerk.get("/amt/")) == "/anmelden", "the open session ended"
    refused = app.test_client().post("/anmelden", data={"email": "verwaltung@musterstadt.example",
                                                        "password": seed.DEMO_PASSWORD})
    assert refused.status_code == 200
    assert "Deaktiviert" in provider.get("/betrieb/").get_data(as_text=True)
    with app.app_context():
        session = db.session()
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == office,
                                                               AuditEntry.subject == "office")).all() == [
            "deactivated"]


def test_a_reactivated_office_signs_in_again_and_kept_its_data(app, provider, login):
    office = office_id_of(app, "Jugendamt Musterstadt")
    assert provider.post(f"/betrieb/jugendaemter/{office}/deaktivieren").status_code == 302
    again = provider.post(f"/betrieb/jugendaemter/{office}/deaktivieren")
    assert again.status_code == 400 and "schon deaktiviert" in again.get_data(as_text=True)
    assert provider.get(f"/betrieb/jugendaemter/{office}/reaktivieren").status_code == 200
    assert provider.post(f"/betrieb/jugendaemter/{office}/reaktivieren").status_code == 302
    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    worklist = clerk.get("/amt/?tab=all")
    assert worklist.status_code == 200 and "Mia" in worklist.get_data(as_text=True), "the office's cases stayed"


def test_a_provider_applies_a_statute_in_the_office_and_a_wrong_date_is_explained(app, provider, new_office):
    wrong = provider.post(f"/betrieb/jugendaemter/{new_office}/satzungen",
                          data={"statute_id": seed.DEMO_STATUTE, "valid_from-day": "15", "valid_from-month": "8",
                                "valid_from-year": "2025"})
    assert wrong.status_code == 400 and "ab dem Ersten eines Monats" in wrong.get_data(as_text=True)
    assert 'value="15"' in wrong.get_data(as_text=True)
    right = provider.post(f"/betrieb/jugendaemter/{new_office}/satzungen",
                          data={"statute_id": seed.DEMO_STATUTE, "valid_from-day": "1", "valid_from-month": "8",
                                "valid_from-year": "2025"})
    assert right.status_code == 302
    with app.app_context():
        session = db.session()
        entries = session.scalars(select(OfficeStatute).where(OfficeStatute.office_id == new_office)).all()
        assert [(entry.statute_id, entry.valid_from) for entry in entries] == [(seed.DEMO_STATUTE, date(2025, 8, 1))]
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.office_id == new_office)).all()
        assert actions.count("statute_assigned") == 1, "the refused try left no record"


def test_a_provider_invites_the_first_administrator_who_sets_a_password_through_the_mailed_link(
        app, provider, new_office):
    response = provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/einladen",
                             data={"display_name": "Anna Verwalterin", "email": "Anna@Beispielkreis.example"})
    assert response.status_code == 302
    page = provider.get(f"/betrieb/jugendaemter/{new_office}").get_data(as_text=True)
    assert "Anna Verwalterin" in page and "anna@beispielkreis.example" in page
    assert "Eingeladen, Passwort noch nicht gesetzt" in page and "Einladung erneut senden" in page
    link = mailed_link(app, "anna@beispielkreis.example")

    admin = app.test_client()
    assert admin.post(link, data={"password": PASSWORD, "password_repeat": PASSWORD}).status_code == 302
    signed_in = admin.post("/anmelden", data={"email": "anna@beispielkreis.example", "password": PASSWORD})
    assert signed_in.headers["Location"].endswith("/verwaltung/")
    assert "Jugendamt Beispielkreis" in admin.get("/verwaltung/").get_data(as_text=True)
    page = provider.get(f"/betrieb/jugendaemter/{new_office}").get_data(as_text=True)
    assert "Einladung erneut senden" not in page and ">Aktiv<" in page


def test_resending_an_invitation_voids_the_first_link(app, provider, new_office):
    provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/einladen",
                  data={"display_name": "Anna Verwalterin", "email": "anna@beispielkreis.example"})
    first = mailed_link(app, "anna@beispielkreis.example")
    with app.app_context():
        user_id = db.session().scalars(select(User.id).where(User.email == "anna@beispielkreis.example")).one()
    resent = provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/{user_id}/einladung")
    assert resent.status_code == 302
    second = mailed_link(app, "anna@beispielkreis.example")
    assert first != second
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200


def test_inviting_with_an_address_that_has_an_account_or_no_name_is_refused_and_keeps_the_input(
        app, provider, new_office):
    response = provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/einladen",
                             data={"display_name": "", "email": "verwaltung@musterstadt.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Geben Sie den Namen der Person an" in page
    response = provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/einladen",
                             data={"display_name": "Anton", "email": "verwaltung@musterstadt.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "gibt es schon einen Zugang" in page
    assert 'value="verwaltung@musterstadt.example"' in page and 'value="Anton"' in page


def test_a_provider_cannot_resend_for_an_account_of_another_office_or_role(app, provider, new_office):
    with app.app_context():
        clerk = db.session().scalars(select(User.id).where(User.email == "sachbearbeitung@musterstadt.example")).one()
        admin = db.session().scalars(select(User.id).where(User.email == "verwaltung@musterstadt.example")).one()
    assert provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/{admin}/einladung").status_code == 404
    musterstadt = office_id_of(app, "Jugendamt Musterstadt")
    assert provider.post(f"/betrieb/jugendaemter/{musterstadt}/verwaltung/{clerk}/einladung").status_code == 404


@pytest.mark.parametrize("path", ["/amt/", "/eltern/", "/einrichtung/", "/verwaltung/", "/verwaltung/satzungen",
                                  "/verwaltung/briefkopf", "/amt/faelle/1"])
def test_a_provider_gets_404_on_the_pages_of_clerks_parents_facilities_and_administrators(provider, path):
    assert provider.get(path).status_code == 404


@pytest.mark.parametrize("who", ["sachbearbeitung", "verwaltung", "kita-sonnenblume"])
def test_other_roles_get_404_on_every_page_of_the_console(app, demo, login, who):
    client = login(app.test_client(), f"{who}@musterstadt.example")
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("provider.")]
    assert len(rules) >= 8
    for rule in rules:
        target = rule.rule.replace("<int:office_id>", "1").replace("<int:user_id>", "1")
        for method in sorted(rule.methods & {"GET", "POST"}):
            assert client.open(target, method=method).status_code == 404, (method, target)


def test_a_provider_reaches_every_page_of_the_console(app, provider, new_office):
    with app.app_context():
        provider.post(f"/betrieb/jugendaemter/{new_office}/verwaltung/einladen",
                      data={"display_name": "Anna Verwalterin", "email": "anna@beispielkreis.example"})
        user_id = db.session().scalars(select(User.id).where(User.email == "anna@beispielkreis.example")).one()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("provider.") and "GET" in rule.methods:
            target = rule.rule.replace("<int:office_id>", str(new_office)).replace("<int:user_id>", str(user_id))
            assert provider.get(target).status_code == 200, target
    assert provider.get("/betrieb/jugendaemter/999999").status_code == 404


def mailed_link(app, address: str) -> str:
    """Return the path of the newest set-password link mailed to an address."""
    with app.app_context():
        message = db.session().scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)
                                       .order_by(OutboxMessage.id.desc())).first()
        assert message is not None, f"no mail to {address}"
        match = LINK.search(message.text_body)
        assert match and match.group(0) in message.html_body
        return f"/passwort/setzen/{match.group(1)}"


def urlsplit_path(response) -> str:
    assert response.status_code == 302
    return urlsplit(response.headers["Location"]).path
