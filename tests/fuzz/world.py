"""The fuzz suite's world: the two offices of ``tests.web.two_offices`` and office A's cases in every state that
offers a form.

``two_offices.build`` leaves every case invited (its parents registered, one proof uploaded). The forms of later
states only show on cases in those states, so office A gets, all reported by Kita Sonnenblume:

- ``fresh``: invited, its access code not yet used (the registration form can succeed with it);
- ``declared``: every task of the declaration done, not yet submitted (all declaration pages, the binding submit);
- ``submitted``, ``in_review``: the clerk's "take up" and "decide / ask for documents";
- ``notified``: provisionally settled, notice issued (the parents' change report, the clerk's final check,
  sibling link, care change and departure, the facility's changes);
- ``closed``: settled, ended and closed (the clerk's "reopen").

A persona is who signs in: a key of ``two_offices.LOGINS`` or one of the parents added here.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from flask import Flask
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Document, FeeCase, Proof, User
from elternbeitraege.services.accounts import invitations
from elternbeitraege.services.assessment import review
from elternbeitraege.services.cases import admissions, changes
from elternbeitraege.services.cases.moves import move
from elternbeitraege.services.kernel.actor import SYSTEM, Actor
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.helpers import commit
from tests.web import two_offices
from tests.web.steps import declare_income

PARENT_PASSWORD = two_offices.PARENT_PASSWORD
STAFF_PASSWORD = two_offices.STAFF_PASSWORD
FRESH_CODE = "FFFF-GGGG-HHHH"

# The extra cases of office A: key → (child's first name, access code, parent's e-mail or None: not registered).
EXTRA_CASES = {
    "fresh": ("Fiona", FRESH_CODE, None),
    "declared": ("Dora", "DDDD-EEEE-FFFF", "eltern-dora@beispiel.example"),
    "submitted": ("Sami", "SSSS-TTTT-UUUU", "eltern-sami@beispiel.example"),
    "in_review": ("Ines", "JJJJ-KKKK-LLLL", "eltern-ines@beispiel.example"),
    "notified": ("Nele", "NNNN-PPPP-QQQQ", "eltern-nele@beispiel.example"),
    "closed": ("Carl", "CCCC-DDDD-EEEE", "eltern-carl@beispiel.example"),
}
# Who signs in, by persona; the parents of the extra cases by the key of their case.
LOGINS = {**two_offices.LOGINS, **{f"parent_{key}": email for key, (_, _, email) in EXTRA_CASES.items() if email}}
ROLE_OF = {"visitor": "visitor", "other_facility_a": "facility",
           **{who: who.split("_", 1)[0] for who in LOGINS if who != "other_facility_a"}}
# The cases each persona's pages are walked with (its own, or every case of its office for the clerk).
CASES_OF = {
    "visitor": ("a",),
    # the declared case first: its pages show every form of the declaration
    "parent_declared": ("declared",), "parent_a": ("a",), "parent_submitted": ("submitted",),
    "parent_notified": ("notified",), "parent_closed": ("closed",), "parent_in_review": ("in_review",),
    "facility_a": ("a", "fresh", "notified", "closed"),
    "clerk_a": ("a", "fresh", "declared", "submitted", "in_review", "notified", "closed"),
    "admin_a": ("a",),
    "provider": ("a",),  # office A's pages of the console, with its administrator's account
}
PERSONAS = tuple(CASES_OF)


@dataclass(frozen=True)
class Ids:
    """The ids a case's URLs are filled with: the case, one of its documents, one of its proofs (or 0), its office
    and that office's first administrator (for the provider's console)."""

    case: int
    document: int
    proof: int
    file_number: str
    office: int
    admin: int
    facility: int  # the facility that reported the case (for the administrator's facility pages)
    invited: int  # the office's newest account, invited and without a password (its page offers the invitation)


@dataclass(frozen=True)
class FuzzWorld:
    cases: dict[str, Ids]
    file_numbers: tuple[str, ...] = field(default=())

    def password(self, who: str) -> str:
        return PARENT_PASSWORD if who.startswith("parent") else STAFF_PASSWORD


def build(app: Flask, today: date) -> FuzzWorld:
    """Build both offices and office A's cases in every state; return their ids."""
    base = two_offices.build(app, today)
    with app.app_context():
        session = db.session()
        sonnenblume = _user(session, two_offices.LOGINS["facility_a"])
        for key, (child, code, _email) in EXTRA_CASES.items():
            admission = two_offices._admission(child, "Fuzz", "Petra")  # noqa: SLF001 (shared test data)
            if key == "notified":  # cared for since 2024: the income year 2024 is over, its final check is due
                admission = dataclasses.replace(admission, start_date=date(2024, 8, 1))
            admissions.report_admission(UnitOfWork(session, today, app.config["PUBLIC_URL"]), Actor.of(sonnenblume),
                                        admission, code=code)
        # an administrator invited but not yet signed in: the console offers to send the invitation again
        office_a = sonnenblume.office
        invitations.invite(UnitOfWork(session, today, app.config["PUBLIC_URL"]),
                           Actor.of(_user(session, two_offices.LOGINS["provider"])), "neu-verwaltung@beispiel.example",
                           "Nora Neu", "admin", office_a)
        commit(session)
    for key in ("declared", "submitted", "in_review", "notified", "closed"):
        _declare(app, key)
    with app.app_context():
        session = db.session()
        clerk = Actor.of(_user(session, two_offices.LOGINS["clerk_a"]))
        for key in ("in_review", "notified", "closed"):
            case = _case(session, key)
            review.start_review(UnitOfWork(session, today), clerk, case.id, case.version)
            if key != "in_review":
                review.approve(UnitOfWork(session, today), clerk, case.id, case.version, final=False, comment="")
        closed = _case(session, "closed")
        changes.report_departure(UnitOfWork(session, today), clerk, closed.id, closed.version, date(2025, 9, 30))
        review.approve(UnitOfWork(session, today), clerk, closed.id, closed.version, final=False, comment="")
        move(session, closed, "close", SYSTEM, date(2025, 10, 1))
        commit(session)
        states = {key: _case(session, key).status for key in EXTRA_CASES}
        assert states == {"fresh": "invited", "declared": "invited", "submitted": "submitted",
                          "in_review": "in_review", "notified": "facility_notified", "closed": "closed"}, states
        cases = {key: _ids(session, ids.case) for key, ids in base.cases.items()}
        cases |= {key: _ids(session, _case(session, key).id) for key in EXTRA_CASES}
    return FuzzWorld(cases, tuple(ids.file_number for ids in cases.values()))


def _declare(app: Flask, key: str) -> None:
    """Register the parents of an extra case and fill in the whole declaration through the web; submit it unless
    it is ``declared``."""
    client = app.test_client()
    email = LOGINS[f"parent_{key}"]
    registered = client.post("/registrieren", data={"code": EXTRA_CASES[key][1], "email": email,
                                                    "password": PARENT_PASSWORD, "password_repeat": PARENT_PASSWORD})
    assert registered.status_code == 302, registered.get_data(as_text=True)[:500]
    client = app.test_client()  # registration may or may not sign in: sign in explicitly
    response = client.post("/anmelden", data={"email": email, "password": PARENT_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    with app.app_context():
        case_id = _case(db.session(), key).id
    declare_income(client, case_id)
    if key != "declared":
        assert client.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302


def _user(session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def _case(session, key: str) -> FeeCase:
    child = EXTRA_CASES[key][0]
    return next(case for case in session.scalars(select(FeeCase).order_by(FeeCase.id))
                if case.child.first_name == child)


def _ids(session, case_id: int) -> Ids:
    case = session.get(FeeCase, case_id)
    document = session.scalar(select(Document.id).where(Document.case_id == case_id).order_by(Document.id))
    proof = session.scalar(select(Proof.id).where(Proof.case_id == case_id).order_by(Proof.id))
    admin = session.scalar(select(User.id).where(User.office_id == case.office_id, User.role == "admin")
                           .order_by(User.id))
    invited = session.scalar(select(User.id).where(User.office_id == case.office_id, User.role == "admin")
                             .order_by(User.id.desc()))
    return Ids(case_id, document or 0, proof or 0, case.file_number, case.office_id, admin or 0, case.facility_id,
               invited or 0)
