"""Issuing the due notices in one batch: each once, resumable, on several processes, with one print file."""
from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from elternbeitraege import db
from elternbeitraege.models import Document, FeeCase, NoticeBatch
from elternbeitraege.services.assessment.case_file import read_case_file
from elternbeitraege.services.assessment.decisions import Decision, decide
from elternbeitraege.services.kernel.actor import SYSTEM
from elternbeitraege.services.kernel.uow import abandon
from elternbeitraege.services.notices import batch, issuing, letters
from elternbeitraege.services.notices.notice_text import DECLARATION_MISSING
from tests.helpers import commit
from tests.integration.story import Story

TODAY = date(2025, 7, 1)
REMINDED = TODAY + timedelta(days=29)
DECIDED = REMINDED + timedelta(days=15)
NAMES = ("Lena", "Paul", "Ida", "Mats", "Ela")


@pytest.fixture
def decided(app, demo, login) -> list[int]:
    """Five households that never declared, reminded and decided at the highest fee: their notices are due."""
    story = Story(app, login)
    ids = [story.report(child_first_name=name) for name in NAMES]
    story.run_due(REMINDED)
    with app.app_context():
        session = db.session()
        for case_id in ids:
            decide(session, read_case_file(session, session.get(FeeCase, case_id)), SYSTEM,
                   Decision("expire_declaration", True, highest_reason=DECLARATION_MISSING), DECIDED)
        commit(session)
    return ids


def issue(app, tmp_path: Path, workers: int = 1, **selection):
    return batch.issue_due(app.extensions["db_sessions"], batch.Selection(1, **selection), DECIDED,
                           tmp_path / "druck", workers, chunk=2)


def notices(app) -> list[Document]:
    with app.app_context():
        found = list(db.session().scalars(select(Document).where(Document.kind == "fee_notice")
                                          .order_by(Document.id)))
        for document in found:
            _ = document.content
        return found


def statuses(app, ids: list[int]) -> list[str]:
    with app.app_context():
        return [db.session().get(FeeCase, case_id).status for case_id in ids]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_decided_case_waits_for_its_notice_and_counts_as_due(app, decided):
    assert statuses(app, decided) == ["approved"] * len(NAMES)
    assert notices(app) == []
    with app.app_context():
        assert batch.count_due(db.session(), batch.Selection(1)) == len(NAMES)


def test_the_batch_issues_every_due_notice_once_and_settles_the_cases(app, decided, tmp_path):
    outcome = issue(app, tmp_path)
    assert (outcome.issued_now, outcome.issued, outcome.skipped, outcome.resumed) == (5, 5, 0, False)
    assert statuses(app, decided) == ["facility_notified"] * len(NAMES)
    stored = notices(app)
    assert sorted(document.case_id for document in stored) == sorted(decided)
    assert all(document.batch_id == outcome.batch_id for document in stored)
    assert all(document.sha256 == letters.sha256(document.content) for document in stored)
    assert all("Endgültiger Beitragsbescheid" in pdf_text(document.content) for document in stored)


def test_the_print_file_holds_every_notice_of_the_batch_page_for_page(app, decided, tmp_path):
    outcome = issue(app, tmp_path)
    merged = pypdf.PdfReader(outcome.print_file)
    singles = [pypdf.PdfReader(io.BytesIO(document.content)) for document in notices(app)]
    assert len(merged.pages) == sum(len(single.pages) for single in singles)
    text = "\n".join(page.extract_text() for page in merged.pages)
    with app.app_context():
        numbers = [db.session().get(FeeCase, case_id).file_number for case_id in decided]
    assert all(number in text for number in numbers)
    with app.app_context():
        kept = db.session().get(NoticeBatch, outcome.batch_id)
        assert kept.print_sha256 == letters.sha256(outcome.print_file.read_bytes())
        assert kept.finished_at is not None and kept.issued == 5


def test_each_facility_gets_one_letter_naming_its_children_and_no_money(app, decided, tmp_path):
    outcome = issue(app, tmp_path)
    assert outcome.facility_letters == 1
    with app.app_context():
        letter = db.session().scalars(select(Document).where(Document.kind == "facility_notice")).one()
        text = pdf_text(letter.content)
        assert (letter.facility_id, letter.case_id, letter.batch_id) == (1, None, outcome.batch_id)
    assert all(f"{name} Beispiel" in text for name in NAMES)
    assert "€" not in text and "Höchstbeitrag" not in text


def test_running_the_batch_again_issues_nothing_twice(app, decided, tmp_path):
    first = issue(app, tmp_path)
    second = issue(app, tmp_path)
    assert (second.batch_id, second.issued_now, second.print_file) == (None, 0, None)
    assert len(notices(app)) == first.issued == 5


def test_a_batch_that_stopped_is_resumed_and_its_print_file_holds_the_notices_of_both_runs(
        app, decided, tmp_path, monkeypatch):
    calls = {"count": 0}
    real = batch._store

    def store_then_fail(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 2:
            raise KeyboardInterrupt  # the operator stops the run after the first chunk
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "_store", store_then_fail)
    with pytest.raises(KeyboardInterrupt):
        issue(app, tmp_path)
    assert len(notices(app)) == 2
    monkeypatch.setattr(batch, "_store", real)
    resumed = issue(app, tmp_path)
    assert (resumed.resumed, resumed.issued_now, resumed.issued) == (True, 3, 5)
    assert len(pypdf.PdfReader(resumed.print_file).pages) == sum(
        len(pypdf.PdfReader(io.BytesIO(document.content)).pages) for document in notices(app))
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(NoticeBatch)) == 1


def test_a_case_changed_after_its_notice_was_prepared_is_skipped(app, decided, tmp_path, monkeypatch):
    real = batch._prepare

    def prepare_then_someone_acts(new_session, ids, dated):
        prepared = real(new_session, ids, dated)
        with app.app_context():
            session = db.session()
            case = session.get(FeeCase, ids[0])
            case.documents_message = "ein anderer Lauf war schneller"  # any write moves the version on
            commit(session)
        return prepared

    monkeypatch.setattr(batch, "_prepare", prepare_then_someone_acts)
    outcome = issue(app, tmp_path)
    assert (outcome.issued_now, outcome.skipped) == (2, 3)
    assert len(notices(app)) == 2


def test_the_database_refuses_a_second_notice_for_the_same_assessment(app, decided, tmp_path):
    issue(app, tmp_path)
    first = notices(app)[0]
    with app.app_context():
        session = db.session()
        session.add(Document(case_id=first.case_id, kind="fee_notice", assessment_id=first.assessment_id,
                             filename="doppelt.pdf", sha256=first.sha256, content=first.content))
        with pytest.raises(IntegrityError):
            commit(session)


@pytest.mark.parametrize(("selection", "issued"), [
    ({"year": 2025}, 5), ({"year": 2024}, 0), ({"assessment_kind": "final"}, 5),
    ({"assessment_kind": "provisional"}, 0),
])
def test_a_batch_issues_only_what_its_selection_names(app, decided, tmp_path, selection, issued):
    assert issue(app, tmp_path, **selection).issued_now == issued


def test_rendering_on_two_processes_gives_the_same_notices_as_on_one(app, decided, tmp_path):
    outcome = issue(app, tmp_path, workers=2)
    assert outcome.issued == 5
    texts = sorted(pdf_text(document.content) for document in notices(app))
    assert all("Rechtsbehelfsbelehrung" in text and "Seite 1 von" in text for text in texts)


def _interrupted_after_the_first_chunk(app, tmp_path, monkeypatch) -> None:
    calls = {"count": 0}
    real = batch._store

    def store_then_fail(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 2:
            raise KeyboardInterrupt  # the run is killed after its first chunk
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "_store", store_then_fail)
    with pytest.raises(KeyboardInterrupt):
        issue(app, tmp_path)
    monkeypatch.setattr(batch, "_store", real)


def _facility_letters_per_facility(app) -> list[tuple[int, int]]:
    with app.app_context():
        return [tuple(row) for row in db.session().execute(
            select(Document.facility_id, func.count()).where(Document.kind == "facility_notice")
            .group_by(Document.facility_id).order_by(Document.facility_id))]


def test_two_runs_resuming_one_batch_at_once_write_each_notice_and_each_facility_letter_once(
        app, decided, tmp_path, monkeypatch):
    """The second run starts while the first is storing its facility letters: exactly where they met before."""
    _interrupted_after_the_first_chunk(app, tmp_path, monkeypatch)
    real = issuing.keep_facility_letter
    second = {}

    def the_other_run_finishes_first(*args, **kwargs):
        if "outcome" not in second:
            second["outcome"] = None
            second["outcome"] = issue(app, tmp_path)
        return real(*args, **kwargs)

    monkeypatch.setattr(issuing, "keep_facility_letter", the_other_run_finishes_first)
    first = issue(app, tmp_path)
    assert second["outcome"].resumed and first.resumed
    assert len(notices(app)) == 5
    assert sorted(document.case_id for document in notices(app)) == sorted(decided)
    assert _facility_letters_per_facility(app) == [(1, 1)]
    assert first.facility_letters + second["outcome"].facility_letters == 1


def test_the_database_keeps_one_facility_letter_per_batch_and_facility(app, decided, tmp_path):
    outcome = issue(app, tmp_path)
    with app.app_context():
        session = db.session()
        facility = session.get(FeeCase, decided[0]).facility
        issuing.keep_facility_letter(session, facility, b"%PDF-1.7 again", DECIDED, outcome.batch_id)
        with pytest.raises(IntegrityError):
            commit(session)
        abandon(session)
        issuing.keep_facility_letter(session, facility, b"%PDF-1.7 approval", DECIDED)  # outside a batch: fine
        commit(session)
