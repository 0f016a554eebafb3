"""A deactivated account, facility or office: its users cannot sign in, and a session already open ends."""
from __future__ import annotations

from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Facility, User, YouthOffice
from elternbeitraege.services import demo as seed

CLERK = "sachbearbeitung@musterstadt.example"
KITA = "kita-sonnenblume@musterstadt.example"


def _deactivate(app, model, **where) -> None:
    with app.app_context():
        session = db.session()
        session.scalars(select(model).filter_by(**where)).one().active = False
        session.commit()


def _signs_in(app, email: str) -> bool:
    response = app.test_client().post("/anmelden", data={"email": email, "password": seed.DEMO_PASSWORD})
    return response.status_code == 302


def test_a_deactivated_clerk_cannot_sign_in_and_her_open_session_ends(app, demo, login):
    clerk = login(app.test_client(), CLERK)
    assert clerk.get("/amt/").status_code == 200
    _deactivate(app, User, email=CLERK)
    assert clerk.get("/amt/").status_code == 302
    assert not _signs_in(app, CLERK)


def test_the_users_of_a_deactivated_office_cannot_sign_in(app, demo):
    assert _signs_in(app, CLERK)
    _deactivate(app, YouthOffice, name="Jugendamt Musterstadt")
    assert not _signs_in(app, CLERK)
    assert not _signs_in(app, "verwaltung@musterstadt.example")


def test_the_accounts_of_a_deactivated_facility_cannot_sign_in_but_the_others_can(app, demo):
    _deactivate(app, Facility, name="Kita Sonnenblume")
    assert not _signs_in(app, KITA)
    assert _signs_in(app, "kita-regenbogen@musterstadt.example")


def test_the_parents_of_a_deactivated_office_cannot_sign_in_and_their_session_ends(app, demo):
    parent = app.test_client()
    registered = parent.post("/registrieren", data={"code": seed.DEMO_CODE, "email": "eltern@beispiel.example",
                                                    "password": seed.DEMO_PASSWORD,
                                                    "password_repeat": seed.DEMO_PASSWORD})
    assert registered.status_code == 302
    assert _signs_in(app, "eltern@beispiel.example")
    signed_in = app.test_client()
    signed_in.post("/anmelden", data={"email": "eltern@beispiel.example", "password": seed.DEMO_PASSWORD})
    assert signed_in.get("/eltern/").status_code == 200
    _deactivate(app, YouthOffice, name="Jugendamt Musterstadt")
    assert not _signs_in(app, "eltern@beispiel.example")
    assert signed_in.get("/eltern/").status_code == 302
