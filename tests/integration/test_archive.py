"""The archived notice: its JSON twin says what the assessment says, and every download is the same file."""
from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Document
from elternbeitraege.services.assessment import review
from tests.integration.story import Story
from tests.web.steps import approve_provisionally

TODAY = date(2025, 7, 1)


@pytest.fixture
def story(app, demo, login) -> Story:
    return Story(app, login)


@pytest.fixture
def settled(story) -> int:
    case_id = story.report()
    story.declare_and_submit(case_id)
    approve_provisionally(story.app, case_id, TODAY)
    return case_id


def attachment(content: bytes) -> dict:
    reader = pypdf.PdfReader(io.BytesIO(content))
    (data,) = reader.attachments["festsetzung.json"]
    return json.loads(data)


def test_the_notices_json_attachment_is_the_stored_assessment_month_for_month(story, settled):
    notice, = story.documents(settled, "fee_notice")
    record, = story.records(settled)
    data = attachment(notice.content)
    assert [(row["month"], Decimal(row["amount"]), row["bracket"], row["reasons"]) for row in data["months"]] == [
        (row["month"], Decimal(row["amount"]), row["bracket"], row["reasons"]) for row in record.months]
    assert Decimal(data["total"]) == record.total
    assert (data["assessment"], data["statute"]["id"], data["income_basis"]) == (
        record.kind, record.statute_id, record.income_basis)
    case = story.case(settled)
    assert (data["file_number"], data["cash_reference"]) == (case.file_number, case.cash_reference)


def test_the_amending_notices_attachment_carries_the_recalculation_of_the_two_assessments(story, settled):
    story.run_due(date(2026, 4, 1))  # the yearly final check asks for proofs of 2025
    parent = story.parent(settled)
    assert parent.post(f"/eltern/faelle/{settled}/erklaerung/einkommen/1", data={"employment": "30.000,00"}
                       ).status_code == 302
    assert parent.post(f"/eltern/faelle/{settled}/erklaerung/pruefen").status_code == 302
    story.on(settled, review.start_review, today=date(2026, 4, 20))
    story.on(settled, review.approve, True, "Steuerbescheid 2025 geprüft", today=date(2026, 4, 20))
    first, final = story.records(settled)
    amending, = story.documents(settled, "amending_notice")
    data = attachment(amending.content)
    old = {row["month"]: Decimal(row["amount"]) for row in first.months}
    new = {row["month"]: Decimal(row["amount"]) for row in final.months}
    assert {row["month"]: (Decimal(row["old"]), Decimal(row["new"])) for row in data["recalculation"]["months"]} == {
        month: (old.get(month, Decimal("0.00")), new[month]) for month in new}
    assert Decimal(data["recalculation"]["balance"]) == final.total - first.total
    assert data["kind"] == "amending_notice" and data["assessment"] == "final"


def test_the_parents_and_the_clerk_download_the_very_bytes_kept_in_the_archive(story, settled, app, login):
    notice, = story.documents(settled, "fee_notice")
    parent = story.parent(settled)
    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    answers = [parent.get(f"/eltern/faelle/{settled}/dokumente/{notice.id}") for _ in range(2)]
    answers.append(clerk.get(f"/amt/faelle/{settled}/dokumente/{notice.id}"))
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert all(answer.data == notice.content for answer in answers)
    assert all(answer.headers["ETag"] == f'"{hashlib.sha256(notice.content).hexdigest()}"' for answer in answers)
    assert notice.sha256 == hashlib.sha256(notice.content).hexdigest()


def test_the_facility_downloads_its_notification_which_names_the_child_and_no_money(story, settled, app, login):
    with app.app_context():
        letter = db.session().scalars(select(Document).where(Document.kind == "facility_notice")).one()
    page = story.facility.get("/einrichtung/").get_data(as_text=True)
    assert f"/einrichtung/mitteilungen/{letter.id}" in page
    answer = story.facility.get(f"/einrichtung/mitteilungen/{letter.id}")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(answer.data)).pages)
    assert "Lena Beispiel" in text and story.case(settled).file_number in text
    assert "€" not in text and "Einkommensgruppe" not in text
    other = login(app.test_client(), "kita-regenbogen@musterstadt.example")
    assert other.get(f"/einrichtung/mitteilungen/{letter.id}").status_code == 404


def test_a_facility_cannot_open_a_notice_as_if_it_were_its_notification(story, settled):
    notice, = story.documents(settled, "fee_notice")
    assert story.facility.get(f"/einrichtung/mitteilungen/{notice.id}").status_code == 404
