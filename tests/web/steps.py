"""Steps of the fee-case journey through the web layer, shared by the web tests."""
from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfWriter
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Document, FeeCase, User
from elternbeitraege.services.assessment import review
from elternbeitraege.services.kernel.actor import Actor
from elternbeitraege.services.kernel.uow import UnitOfWork

ADMISSION = {
    "child_first_name": "Lena", "child_last_name": "Beispiel",
    "birth_date-day": "15", "birth_date-month": "3", "birth_date-year": "2024",
    "weekly_hours": "35", "start_date-day": "1", "start_date-month": "8", "start_date-year": "2025",
    "parent1_first_name": "Julia", "parent1_last_name": "Beispiel",
    "parent2_first_name": "Tom", "parent2_last_name": "Beispiel",
    "street": "Hauptstraße 1", "postcode": "33330", "city": "Musterstadt",
}


def report(client, **changes) -> FeeCase:
    """Report an admission as the signed-in facility; return the newest case."""
    response = client.post("/einrichtung/aufnahme", data={**ADMISSION, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return newest_case(client.application)


def newest_case(app) -> FeeCase:
    with app.app_context():
        return db.session().scalars(select(FeeCase).order_by(FeeCase.id.desc())).first()


def document_bytes(app, case_id: int, kind: str) -> bytes:
    with app.app_context():
        document = db.session().scalars(
            select(Document).where(Document.case_id == case_id, Document.kind == kind)).first()
        return document.content


PARENT_PASSWORD = "Regen Fahrrad Kaffee"


def register(client, code: str, email: str = "julia@beispiel.example"):
    """Open a parent account with an access code and, once it is made, sign in with it; return the first answer."""
    response = client.post("/registrieren", data={"code": code, "email": email, "password": PARENT_PASSWORD,
                                                  "password_repeat": PARENT_PASSWORD})
    if response.status_code == 302 and response.headers["Location"] == "/anmelden":
        client.post("/anmelden", data={"email": email, "password": PARENT_PASSWORD})
    return response


def declare_income(client, case_id: int, employment: str = "52.000,00") -> None:
    """Fill every task of the declaration with an income of both parents and a SEPA mandate."""
    base = f"/eltern/faelle/{case_id}/erklaerung"
    for path, data in [
        ("/kind", {"confirmed": "y"}),
        ("/haushalt", {"lives_with": "both", "other_first_name": "Tom", "other_last_name": "Beispiel"}),
        ("/leistungen", {"benefit": "none"}),
        ("/einkommen", {"income_choice": "declare"}),
        ("/einkommen/1", {"employment": employment}),
        ("/einkommen/2", {"employment": ""}),
    ]:
        response = client.post(base + path, data=data)
        assert response.status_code == 302, (path, response.get_data(as_text=True)[:3000])
    assert upload_proof(client, case_id).status_code == 302
    assert client.post(base + "/nachweise/fertig").status_code == 302
    response = client.post(base + "/lastschrift", data={"account_holder": "Julia Beispiel",
                                                        "iban": "de89 3704 0044 0532 0130 00", "agree": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def one_page_pdf() -> bytes:
    """Return a real, readable one-page PDF."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MINIMAL_PDF = one_page_pdf()


def upload_proof(client, case_id: int, content: bytes = MINIMAL_PDF, name: str = "lohnabrechnung.pdf",
                 kind: str = "income"):
    return client.post(f"/eltern/faelle/{case_id}/erklaerung/nachweise",
                       data={"kind": kind, "file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def version_of(client, case_id: int) -> str:
    page = client.get(f"/amt/faelle/{case_id}").get_data(as_text=True)
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def clerk_actor(session) -> Actor:
    """Return the demo office's clerk as the services know her."""
    return Actor.of(session.scalars(select(User).where(User.role == "clerk")).one())


def approve_provisionally(app, case_id: int, today: date) -> None:
    """Have the clerk take a submitted case up and set the fee provisionally, through the services."""
    with app.app_context():
        session = db.session()
        clerk = clerk_actor(session)
        review.start_review(UnitOfWork(session, today), clerk, case_id, session.get(FeeCase, case_id).version)
        review.approve(UnitOfWork(session, today), clerk, case_id, session.get(FeeCase, case_id).version, final=False,
                       comment="")
