"""Two youth offices in one installation, each with cases, documents and proofs, for the access tests.

Office A is the demo office "Jugendamt Musterstadt" (``seed.seed_demo``). Besides the demo household
(reported by Kita Sonnenblume) it gets a second household, reported by Kita Regenbogen. Office B,
"Jugendamt Beispielhausen", is built here from the models, with its own facility, clerk, administrator
and one case reported through ``admissions.report_admission``. Every case has an invitation letter
(a document) and a parent account that uploaded one proof.
"""
from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import date

from flask import Flask
from pypdf import PdfWriter
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import Base, Declaration, Document, Facility, FeeCase, Proof, User, YouthOffice
from elternbeitraege.services import demo as seed
from elternbeitraege.services.accounts import users as accounts
from elternbeitraege.services.accounts.attempts import Keyring
from elternbeitraege.services.cases import admissions
from elternbeitraege.services.declarations import proofs
from elternbeitraege.services.kernel.actor import SYSTEM, Actor
from elternbeitraege.services.kernel.uow import UnitOfWork
from elternbeitraege.services.office import statutes
from tests.snapshots import built_once

PARENT_PASSWORD = "Regen Fahrrad Kaffee"
STAFF_PASSWORD = seed.DEMO_PASSWORD

# Who signs in, by a short key used in test ids.
LOGINS = {
    "parent_a": "eltern-muster@beispiel.example",           # household of the demo case in office A
    "parent_a2": "eltern-nachbar@beispiel.example",          # another household in office A
    "facility_a": "kita-sonnenblume@musterstadt.example",    # reported the demo case
    "other_facility_a": "kita-regenbogen@musterstadt.example",  # reported the second household's case
    "clerk_a": "sachbearbeitung@musterstadt.example",
    "admin_a": "verwaltung@musterstadt.example",
    "parent_b": "eltern-b@beispielhausen.example",
    "facility_b": "kita-waldwichtel@beispielhausen.example",
    "clerk_b": "sachbearbeitung@beispielhausen.example",
    "admin_b": "verwaltung@beispielhausen.example",
    "provider": "betrieb@it-dienst.example",                 # the installation's operator: no office
}

# The child's name of each case, so pages can be searched for it.
CHILDREN = {"a": "Mia Muster", "a2": "Noah Nachbar", "b": "Bruno Berger"}


@dataclass(frozen=True)
class CaseIds:
    """The ids of one case and of the objects bound to it."""

    case: int
    document: int
    proof: int


@dataclass(frozen=True)
class World:
    """The ids of the three cases: ``a`` (demo household), ``a2`` (second household of A), ``b`` (office B)."""

    cases: dict[str, CaseIds]

    def password(self, who: str) -> str:
        return PARENT_PASSWORD if who.startswith("parent") else STAFF_PASSWORD


def build(app: Flask, today: date) -> World:
    """Seed office A (demo), add a second household to it, build office B; return the ids (built once, restored)."""
    return built_once(app, ("two offices", today), lambda: _build(app, today))


def _build(app: Flask, today: date) -> World:
    with app.app_context():
        session = db.session()
        seed.seed_demo(session, app.config["PUBLIC_URL"], today)
        public_url = app.config["PUBLIC_URL"]

        regenbogen = _user(session, LOGINS["other_facility_a"])
        unit = UnitOfWork(session, today, public_url)
        admissions.report_admission(unit, Actor.of(regenbogen), _admission("Noah", "Nachbar", "Nina"),
                                    code="NNNN-AAAA-CCCC")

        office_b = YouthOffice(
            name="Jugendamt Beispielhausen", street="Marktplatz 2", postcode_city="44440 Beispielhausen",
            phone="04444 987-0", email="beitraege@beispielhausen.example", website="www.beispielhausen.example",
            court_name="Verwaltungsgericht Münster", court_address="Piusallee 38, 48147 Münster",
            dpo_contact="Datenschutz Beispielhausen, Marktplatz 2, 44440 Beispielhausen",
            bank_name="Sparkasse Beispielhausen", iban="DE02120300000000202051", bic="BYLADEM1001",
            creditor_id="DE98ZZZ09999999998",
        )
        facility_b = Facility(office=office_b, name="Kita Waldwichtel", care_kind="kita", street="Waldweg 1",
                              postcode_city="44440 Beispielhausen")
        session.add_all([office_b, facility_b])
        session.flush()
        statutes.assign_statute(unit, SYSTEM, seed.DEMO_STATUTE, seed.DEMO_STATUTE_FROM,
                                office_id=office_b.id)
        session.add_all([
            accounts.new_user(LOGINS["clerk_b"], STAFF_PASSWORD, "Bernd Bearbeiter", "clerk", office_id=office_b.id),
            accounts.new_user(LOGINS["admin_b"], STAFF_PASSWORD, "Berta Verwalterin", "admin", office_id=office_b.id),
            accounts.new_user(LOGINS["facility_b"], STAFF_PASSWORD, "Kita Waldwichtel", "facility",
                              office_id=office_b.id, facility_id=facility_b.id),
            accounts.new_user(LOGINS["provider"], STAFF_PASSWORD, "Paula Betrieb", "provider"),
        ])
        unit.commit()
        admissions.report_admission(unit, Actor.of(_user(session, LOGINS["facility_b"])),
                                    _admission("Bruno", "Berger", "Berit"), code="BBBB-CCCC-DDDD")

        cases = {}
        for key, code, email in [("a", seed.DEMO_CODE, LOGINS["parent_a"]),
                                 ("a2", "NNNN-AAAA-CCCC", LOGINS["parent_a2"]),
                                 ("b", "BBBB-CCCC-DDDD", LOGINS["parent_b"])]:
            case = admissions.case_by_code(session, code)
            parent = accounts.register_parent(unit, code, email, PARENT_PASSWORD, accounts.Client("192.0.2.1"),
                                              accounts.RegistrationLimits(None, None), Keyring(b"test"))
            proof = proofs.add_proof(unit, Actor.of(parent), case.id, "income",
                                     f"nachweis-{key}.pdf", pdf_file(), proofs.ProofLimits.of(app.config))
            document = session.scalars(select(Document).where(Document.case_id == case.id)).one()
            cases[key] = CaseIds(case.id, document.id, proof.id)
        assert session.scalar(select(Proof.case_id).where(Proof.id == cases["b"].proof)) == cases["b"].case
        return World(cases)


def snapshot(app: Flask) -> tuple:
    """Return the row count of every table, each case's status and version, and the declarations' answers."""
    with app.app_context():
        session = db.session()
        counts = {table.name: session.scalar(select(func.count()).select_from(table))
                  for table in Base.metadata.sorted_tables}
        cases = session.execute(select(FeeCase.id, FeeCase.status, FeeCase.version).order_by(FeeCase.id)).all()
        declarations = session.execute(select(Declaration.case_id, Declaration.child_confirmed,
                                              Declaration.lives_with, Declaration.benefit, Declaration.iban)).all()
        return counts, cases, sorted(declarations)


def _user(session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def _admission(child_first: str, last: str, parent_first: str) -> admissions.Admission:
    return admissions.Admission(
        child_first_name=child_first, child_last_name=last, birth_date=date(2023, 5, 10), weekly_hours=35,
        start_date=date(2025, 8, 1), parent1_first_name=parent_first, parent1_last_name=last,
        parent2_first_name=None, parent2_last_name=None, street="Dorfstraße 9", postcode="44440",
        city="Beispielhausen",
    )


# --- Sample uploads -----------------------------------------------------------------------------------------
# steps.MINIMAL_PDF has no xref table and no startxref, so the app (rightly) refuses it as damaged;
# these files are real ones.

def pdf_file(user_password: str | None = None, owner_password: str | None = None,
             algorithm: str = "RC4-128") -> bytes:
    """Return a one-page PDF, encrypted with ``algorithm`` when a password is given."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password or "", owner_password, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_file() -> bytes:
    """Return a valid 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))
