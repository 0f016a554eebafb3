"""The provider's commands on the server: ``flask offices …`` does what the console does, with German errors."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, OfficeStatute, OutboxMessage, User, YouthOffice
from elternbeitraege.services import demo as seed

CREATE = ["offices", "create", "--name", "Jugendamt Beispielkreis", "--street", "Kreishaus 1",
          "--postcode-city", "32000 Beispielstadt", "--phone", "05200 100-0",
          "--email", "beitraege@beispielkreis.example", "--website", "www.beispielkreis.example",
          "--court-name", "Verwaltungsgericht Minden", "--court-address", "Königswall 8, 32423 Minden",
          "--dpo-contact", "Datenschutz Kreis Beispielkreis", "--bank-name", "Sparkasse Beispielkreis",
          "--iban", "DE02120300000000202051", "--bic", "BYLADEM1001", "--creditor-id", "DE98ZZZ09999999999"]


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def office_id(app, demo) -> int:
    result = run(app, *CREATE)
    assert result.exit_code == 0, result.output
    with app.app_context():
        return db.session().scalars(select(YouthOffice.id).where(YouthOffice.name == "Jugendamt Beispielkreis")).one()


def test_create_makes_an_office_and_list_shows_it_with_its_state(app, office_id):
    with app.app_context():
        office = db.session().get(YouthOffice, office_id)
        assert (office.iban, office.contact_person, office.active) == ("DE02 1203 0000 0000 2020 51",
                                                                       "Team Elternbeiträge", True)
    listed = run(app, "offices", "list").output
    assert f"{office_id}  Jugendamt Beispielkreis (aktiv, 0 Konten)" in listed
    assert "Jugendamt Musterstadt (aktiv, 5 Konten)" in listed


def test_create_with_a_wrong_iban_and_no_street_fails_with_german_messages_and_makes_nothing(app, demo):
    arguments = [value for value in CREATE]
    arguments[arguments.index("--iban") + 1] = "DE00 0000"
    del arguments[arguments.index("--street"):arguments.index("--street") + 2]
    result = run(app, *arguments)
    assert result.exit_code == 1
    assert "--iban: Prüfen Sie die IBAN auf Tippfehler" in result.output
    assert "--street: Geben Sie Straße und Hausnummer des Jugendamts an" in result.output
    with app.app_context():
        named = select(YouthOffice).where(YouthOffice.name == "Jugendamt Beispielkreis")
        assert db.session().scalars(named).all() == []


def test_edit_changes_only_the_options_given_and_refuses_a_bad_creditor_id(app, office_id):
    assert run(app, "offices", "edit", str(office_id), "--phone", "05200 999").exit_code == 0
    refused = run(app, "offices", "edit", str(office_id), "--creditor-id", "DE00ZZZ1")
    assert refused.exit_code == 1 and "Gläubiger-Identifikationsnummer" in refused.output
    with app.app_context():
        office = db.session().get(YouthOffice, office_id)
        assert (office.phone, office.name, office.creditor_id) == ("05200 999", "Jugendamt Beispielkreis",
                                                                   "DE98ZZZ09999999999")


def test_deactivate_and_reactivate_an_office_are_recorded_and_an_unknown_number_is_explained(app, office_id):
    assert run(app, "offices", "deactivate", str(office_id)).exit_code == 0
    twice = run(app, "offices", "deactivate", str(office_id))
    assert twice.exit_code == 1 and "schon deaktiviert" in twice.output
    assert "(deaktiviert" in run(app, "offices", "list").output
    assert run(app, "offices", "reactivate", str(office_id)).exit_code == 0
    unknown = run(app, "offices", "deactivate", "99999")
    assert unknown.exit_code == 1 and "Ein Jugendamt mit der Nummer 99999 gibt es nicht" in unknown.output
    with app.app_context():
        actions = db.session().scalars(select(AuditEntry.action).where(AuditEntry.subject == "office",
                                                                       AuditEntry.subject_id == office_id)
                                       .order_by(AuditEntry.id)).all()
        assert actions == ["created", "deactivated", "reactivated"]


def test_assign_statute_applies_it_and_explains_a_wrong_date(app, office_id):
    wrong = run(app, "offices", "assign-statute", str(office_id), seed.DEMO_STATUTE, "15.08.2025")
    assert wrong.exit_code == 1 and "ab dem Ersten eines Monats" in wrong.output
    assert run(app, "offices", "assign-statute", str(office_id), seed.DEMO_STATUTE, "kein Datum").exit_code == 1
    right = run(app, "offices", "assign-statute", str(office_id), seed.DEMO_STATUTE, "01.08.2025")
    assert right.exit_code == 0, right.output
    with app.app_context():
        entry = db.session().scalars(select(OfficeStatute).where(OfficeStatute.office_id == office_id)).one()
        assert (entry.statute_id, entry.valid_from) == (seed.DEMO_STATUTE, date(2025, 8, 1))


def test_invite_admin_puts_the_invitation_with_its_link_in_the_outbox(app, office_id):
    result = run(app, "offices", "invite-admin", str(office_id), "anna@beispielkreis.example", "--name", "Anna")
    assert result.exit_code == 0, result.output
    with app.app_context():
        session = db.session()
        user = session.scalars(select(User).where(User.email == "anna@beispielkreis.example")).one()
        assert (user.role, user.office_id) == ("admin", office_id)
        mail = session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == user.email)).one()
        assert "/passwort/setzen/" in mail.text_body and "Jugendamt Beispielkreis" in mail.text_body
    taken = run(app, "offices", "invite-admin", str(office_id), "anna@beispielkreis.example", "--name", "Anna")
    assert taken.exit_code == 1 and "gibt es schon einen Zugang" in taken.output
