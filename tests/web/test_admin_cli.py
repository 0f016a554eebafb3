"""The office's facilities and accounts from a shell: ``flask facilities …`` and ``flask staff …`` call the same
services as the administrator's pages, as the system or as a named administrator, and refuse in German."""
from __future__ import annotations

import re

from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, Facility, OutboxMessage, User, YouthOffice
from tests.conftest import TODAY
from tests.web import two_offices

ADMIN = "verwaltung@musterstadt.example"
CLERK = "sachbearbeitung@musterstadt.example"


def facility_id(app, name: str) -> int:
    with app.app_context():
        return db.session().scalars(select(Facility.id).where(Facility.name == name)).one()


def entries(app, subject: str, subject_id: int) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEntry).where(AuditEntry.subject == subject,
                                                                  AuditEntry.subject_id == subject_id)
                                         .order_by(AuditEntry.id)))


def user_of(app, email: str) -> User:
    with app.app_context():
        user = db.session().scalars(select(User).where(User.email == email)).one()
        db.session().expunge(user)
        return user


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def office_a(app) -> int:
    with app.app_context():
        return db.session().scalars(select(YouthOffice.id).where(YouthOffice.name == "Jugendamt Musterstadt")).one()


CREATE = ["--name", "Kita Pusteblume", "--care-kind", "kita", "--street", "Wiesenweg 5",
          "--postcode-city", "33330 Musterstadt", "--number", "K-4711"]


def test_flask_facilities_creates_lists_edits_deactivates_and_reactivates_a_facility(app, demo):
    office = office_a(app)
    created = run(app, "facilities", "create", "--office", str(office), *CREATE)
    assert created.exit_code == 0, created.output
    new = facility_id(app, "Kita Pusteblume")
    assert f"Einrichtung {new} angelegt: Kita Pusteblume." in created.output
    listed = run(app, "facilities", "list", "--office", str(office)).output
    assert f"{new:>4}  Kita Pusteblume (Kita, Nr. K-4711, aktiv, 0 Konten, 0 Fälle)" in listed
    assert "Kita Sonnenblume (Kita, aktiv, 1 Konten, 1 Fälle)" in listed
    edited = run(app, "facilities", "edit", "--office", str(office), str(new), "--contact-name", "Petra Leitung")
    assert edited.exit_code == 0 and "(--contact-name)" in edited.output
    assert run(app, "facilities", "deactivate", "--office", str(office), str(new)).exit_code == 0
    assert "deaktiviert, 0 Konten" in run(app, "facilities", "list", "--office", str(office)).output
    assert run(app, "facilities", "reactivate", "--office", str(office), str(new)).exit_code == 0
    actions = [(entry.action, entry.actor_id) for entry in entries(app, "facility", new)]
    assert actions == [("created", None), ("edited", None), ("deactivated", None), ("reactivated", None)]


def test_flask_facilities_refuses_bad_values_in_german_and_writes_nothing(app, demo):
    office = office_a(app)
    result = run(app, "facilities", "create", "--office", str(office), "--care-kind", "zoo",
                 "--contact-email", "nein")
    assert result.exit_code == 1
    assert "--name: Geben Sie den Namen der Einrichtung an" in result.output
    assert "--care-kind: Wählen Sie eine der angebotenen Betreuungsarten aus" in result.output
    assert "--contact-email: Geben Sie die E-Mail-Adresse mit @ und Domain an" in result.output
    with app.app_context():
        assert len(db.session().scalars(select(Facility)).all()) == 3


def test_flask_facilities_acts_for_an_admin_of_the_office_and_refuses_another_offices_facility(app):
    two_offices.build(app, TODAY)
    office = office_a(app)
    waldwichtel = facility_id(app, "Kita Waldwichtel")
    refused = run(app, "facilities", "deactivate", "--office", str(office), str(waldwichtel))
    assert refused.exit_code == 1 and f"Eine Einrichtung mit der Nummer {waldwichtel} gibt es im Jugendamt" in (
        refused.output)
    unknown = run(app, "facilities", "list", "--office", "999")
    assert unknown.exit_code == 1 and "Ein Jugendamt mit der Nummer 999 gibt es nicht." in unknown.output
    stranger = run(app, "facilities", "list", "--office", str(office), "--as", two_offices.LOGINS["admin_b"])
    assert stranger.exit_code == 1 and "ist kein aktives Konto der Fachadministration" in stranger.output
    sonnenblume = facility_id(app, "Kita Sonnenblume")
    acted = run(app, "facilities", "deactivate", "--office", str(office), str(sonnenblume), "--as", ADMIN)
    assert acted.exit_code == 0, acted.output
    [entry] = entries(app, "facility", sonnenblume)
    with app.app_context():
        assert db.session().get(AuditEntry, entry.id).actor.email == ADMIN


# --- flask staff -------------------------------------------------------------------------------------------------

def test_flask_staff_invites_a_clerk_whose_mail_with_a_link_is_in_the_outbox(app, demo):
    office = str(office_a(app))
    result = run(app, "staff", "invite", "--office", office, "--email", "neu@musterstadt.example", "--name",
                 "Nils Neu", "--role", "clerk")
    assert result.exit_code == 0, result.output
    with app.app_context():
        mail = db.session().scalars(select(OutboxMessage).where(
            OutboxMessage.to_address == "neu@musterstadt.example")).one()
    assert re.search(r"/passwort/setzen/[A-Za-z0-9_-]+", mail.text_body)
    listed = run(app, "staff", "list", "--office", office).output
    assert "Nils Neu <neu@musterstadt.example> (Sachbearbeitung, eingeladen)" in listed
    assert run(app, "staff", "resend", "--office", office, "neu@musterstadt.example").exit_code == 0


def test_flask_staff_deactivates_reactivates_resets_and_changes_the_role_of_a_clerk(app, demo):
    office = str(office_a(app))
    clerk = user_of(app, CLERK)
    assert run(app, "staff", "deactivate", "--office", office, CLERK).exit_code == 0
    assert not user_of(app, CLERK).active
    assert run(app, "staff", "reactivate", "--office", office, str(clerk.id)).exit_code == 0
    assert run(app, "staff", "reset-password", "--office", office, CLERK).exit_code == 0
    changed = run(app, "staff", "role", "--office", office, CLERK, "admin")
    assert changed.exit_code == 0 and "Fachadministration" in changed.output
    actions = [entry.action for entry in entries(app, "user", clerk.id)]
    assert actions == ["deactivated", "reactivated", "password_reset_sent", "role_changed"]


def test_flask_staff_keeps_the_last_administrator_and_says_so_in_german(app, demo):
    office = str(office_a(app))
    demoted = run(app, "staff", "role", "--office", office, ADMIN, "clerk", "--as", ADMIN)
    assert demoted.exit_code == 1 and "letzte aktive Konto der Fachadministration" in demoted.output
    deactivated = run(app, "staff", "deactivate", "--office", office, ADMIN)
    assert deactivated.exit_code == 1 and "kann nicht deaktiviert werden" in deactivated.output
    assert user_of(app, ADMIN).role == "admin" and user_of(app, ADMIN).active


def test_flask_staff_refuses_bad_input_and_another_offices_account(app):
    two_offices.build(app, TODAY)
    office = str(office_a(app))
    bad = run(app, "staff", "invite", "--office", office, "--email", "nein", "--role", "chef")
    assert bad.exit_code == 1
    assert "--email: Geben Sie die E-Mail-Adresse" in bad.output and "--name: Geben Sie den Namen" in bad.output
    assert "--role: Wählen Sie die Rolle aus" in bad.output
    other = run(app, "staff", "deactivate", "--office", office, two_offices.LOGINS["clerk_b"])
    assert other.exit_code == 1 and "gibt es im Jugendamt" in other.output
    assert user_of(app, two_offices.LOGINS["clerk_b"]).active
    wrong_role = run(app, "staff", "role", "--office", office, CLERK, "provider")
    assert wrong_role.exit_code == 1 and "Wählen Sie die neue Rolle aus" in wrong_role.output
