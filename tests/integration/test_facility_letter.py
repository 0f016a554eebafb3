"""The facility's letter, as a settled case and a batch write it and as the sample shows it: true at its date."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Document, FeeCase
from elternbeitraege.services.assessment.case_file import read_case_file
from elternbeitraege.services.assessment.decisions import Decision, decide
from elternbeitraege.services.kernel.actor import SYSTEM
from elternbeitraege.services.notices import batch, samples
from elternbeitraege.services.notices.notice_text import DECLARATION_MISSING
from tests.helpers import commit
from tests.integration.story import Story
from tests.unit.pdf.reading import squash
from tests.web.steps import approve_provisionally

TODAY = date(2025, 7, 1)
DECIDED = TODAY + timedelta(days=44)
NOT_YET_TRUE = "haben ihren Beitragsbescheid erhalten"


def lines_of(content: bytes) -> list[str]:
    return [line.strip() for page in pypdf.PdfReader(io.BytesIO(content)).pages
            for line in page.extract_text().splitlines()]


def facility_letter(app) -> Document:
    with app.app_context():
        letter = db.session().scalars(select(Document).where(Document.kind == "facility_notice")).one()
        _ = letter.content
        return letter


def test_the_letter_of_a_settled_case_bears_its_file_number_on_one_line_and_no_receipt(app, demo, login):
    story = Story(app, login)
    case_id = story.report()
    story.declare_and_submit(case_id)
    approve_provisionally(app, case_id, TODAY)
    lines = lines_of(facility_letter(app).content)
    number = story.case(case_id).file_number
    assert any(line.startswith("Aktenzeichen") and line.endswith(number) for line in lines)
    text = squash(" ".join(lines))
    assert squash(NOT_YET_TRUE) not in text
    assert squash("die Eltern erhalten ihn in den nächsten Tagen") in text


def test_the_letter_of_a_batch_names_the_batch_as_its_file_number_on_one_line(app, demo, login, tmp_path):
    story = Story(app, login)
    ids = [story.report(child_first_name=name) for name in ("Lena", "Paul")]
    story.run_due(TODAY + timedelta(days=29))
    with app.app_context():
        session = db.session()
        for case_id in ids:
            decide(session, read_case_file(session, session.get(FeeCase, case_id)), SYSTEM,
                   Decision("expire_declaration", True, highest_reason=DECLARATION_MISSING), DECIDED)
        commit(session)
    outcome = batch.issue_due(app.extensions["db_sessions"], batch.Selection(1), DECIDED, tmp_path, 1)
    lines = lines_of(facility_letter(app).content)
    assert any(line.startswith("Aktenzeichen") and line.endswith(f"Sammelbescheid {outcome.batch_id}")
               for line in lines)
    text = squash(" ".join(lines))
    assert squash(NOT_YET_TRUE) not in text
    assert squash("die Eltern erhalten sie in den nächsten Tagen") in text


@pytest.fixture(scope="module")
def sample_lines() -> list[str]:
    return lines_of(samples.render_sample("facility", samples.demo_office(), date(2026, 12, 3)))


def test_the_sample_facility_letter_says_what_is_true_at_its_date(sample_lines):
    text = squash(" ".join(sample_lines))
    assert squash(NOT_YET_TRUE) not in text
    assert squash("Die Bescheide darüber haben wir heute erlassen; die Eltern erhalten sie in den nächsten Tagen.") \
        in text
    assert squash("Datum 03.12.2026") in text


def test_the_sample_facility_letter_keeps_every_file_number_on_one_line(sample_lines):
    assert any(line.startswith("Aktenzeichen") and line.endswith("Sammelbescheid 1") for line in sample_lines)
    for number in (samples.FILE_NUMBER, "51-2024-00818"):
        assert any(number in line for line in sample_lines)
