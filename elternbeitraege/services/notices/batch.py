"""Issue the due notices of an office in one batch: rendered on every core, stored once, merged for the post.

A notice is *due* when its case is decided (``approved``) and no notice exists for its newest
assessment. A batch works through the due cases in chunks: it prepares the contexts of a chunk,
hands them to the rendering processes, and while they render it stores the chunk before — each
chunk in its own transaction, every case guarded by its state and version. So a batch that
stops can be run again: it resumes the unfinished batch of the same office and filter, skips
what is already issued (the database refuses a second notice for an assessment), and ends with
one notification per facility and one print file of all its notices for postal dispatch.
"""
from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from pdf.merge import merge
from pdf.pool import Pending, RenderPool
from workflows import CaseState

from ...fees import Month
from ...models import AssessmentRecord, Document, Facility, FeeCase, NoticeBatch, utcnow
from ..assessment.fee_input import latest_record
from ..kernel.errors import Conflict
from ..kernel.uow import one_writer
from . import issuing
from .issuing import DueNotice

log = logging.getLogger(__name__)

CHUNK = 24
LETTER_TRIES = 3  # another run can take the letters at most once; refused again and again, something else is wrong


@dataclass(frozen=True)
class Selection:
    """Which due notices a batch issues: an office's, optionally only of one calendar year or kind."""

    office_id: int
    year: int | None = None
    assessment_kind: str | None = None  # provisional or final


@dataclass(frozen=True)
class Outcome:
    """What a batch did: how many notices it issued now and in all, what it skipped, where the print file is."""

    batch_id: int | None
    issued_now: int
    issued: int
    skipped: int
    facility_letters: int
    print_file: Path | None
    resumed: bool


@dataclass(frozen=True)
class Prepared:
    case_id: int
    version: int
    due: DueNotice


def due_cases(selection: Selection) -> select:
    """Return the ids of the office's decided cases whose newest assessment has no notice yet, by file number."""
    newest = (select(AssessmentRecord.id).where(AssessmentRecord.case_id == FeeCase.id)
              .order_by(AssessmentRecord.id.desc()).limit(1).correlate(FeeCase).scalar_subquery())
    query = (select(FeeCase.id).join(AssessmentRecord, AssessmentRecord.id == newest)
             .where(FeeCase.office_id == selection.office_id, FeeCase.status == CaseState.APPROVED,
                    ~select(Document.id).where(Document.assessment_id == AssessmentRecord.id).exists())
             .order_by(FeeCase.file_number))
    if selection.assessment_kind:
        query = query.where(AssessmentRecord.kind == selection.assessment_kind)
    return query


def _in_year(record: AssessmentRecord, year: int | None) -> bool:
    return year is None or any(Month.parse(row["month"]).year == year for row in record.months)


def count_due(session: Session, selection: Selection) -> int:
    """Return how many notices the selection would issue now."""
    return len(_due_ids(session, selection))


def _due_ids(session: Session, selection: Selection) -> list[int]:
    ids = list(session.scalars(due_cases(selection)))
    if selection.year is None or not ids:
        return ids
    newest = {record.case_id: record for record in session.scalars(  # ascending: the newest of a case wins
        select(AssessmentRecord).where(AssessmentRecord.case_id.in_(ids)).order_by(AssessmentRecord.id))}
    return [case_id for case_id in ids if _in_year(newest[case_id], selection.year)]


def _open_batch(session: Session, selection: Selection, today: date, anything_due: bool) -> tuple[NoticeBatch | None,
                                                                                                    bool]:
    """Return the unfinished batch of the same selection to resume, else a new one when something is due."""
    unfinished = session.scalars(select(NoticeBatch).where(
        NoticeBatch.office_id == selection.office_id, NoticeBatch.finished_at.is_(None),
        NoticeBatch.year.is_(None) if selection.year is None else NoticeBatch.year == selection.year,
        NoticeBatch.assessment_kind.is_(None) if selection.assessment_kind is None
        else NoticeBatch.assessment_kind == selection.assessment_kind,
    ).order_by(NoticeBatch.id)).first()
    if unfinished is not None:
        return unfinished, True
    if not anything_due:
        return None, False
    batch = NoticeBatch(office_id=selection.office_id, year=selection.year,
                        assessment_kind=selection.assessment_kind, dated=today)
    with one_writer(session):
        session.add(batch)
    return batch, False


def issue_due(new_session: Callable[[], Session], selection: Selection, today: date, print_dir: Path,
              workers: int | None = None, progress: Callable[[int], None] | None = None,
              chunk: int = CHUNK, public_url: str = "") -> Outcome:
    """Issue every notice the selection finds due; resume an unfinished batch of the same selection.

    Each household is told by e-mail, with a link to ``public_url``, in the transaction that keeps its notice."""
    with new_session() as session:
        ids = _due_ids(session, selection)
        batch, resumed = _open_batch(session, selection, today, bool(ids))
        if batch is None:
            return Outcome(None, 0, 0, 0, 0, None, False)
        batch_id, dated = batch.id, batch.dated
    issued = skipped = 0
    with RenderPool(workers) as pool:
        waiting: deque[tuple[list[Prepared], Pending]] = deque()
        for part in _chunks(ids, chunk):
            prepared, missing = _prepare(new_session, part, dated)
            skipped += missing
            waiting.append((prepared, pool.submit([item.due.context for item in prepared])))
            if len(waiting) > 1:
                done, lost = _store(new_session, *waiting.popleft(), dated, batch_id, public_url)
                issued, skipped = issued + done, skipped + lost
                _tell(progress, done + lost)
        while waiting:
            done, lost = _store(new_session, *waiting.popleft(), dated, batch_id, public_url)
            issued, skipped = issued + done, skipped + lost
            _tell(progress, done + lost)
        letters = _facility_letters(new_session, pool, batch_id, dated)
    return _finish(new_session, batch_id, issued, skipped, letters, print_dir, resumed)


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _tell(progress: Callable[[int], None] | None, count: int) -> None:
    if progress is not None and count:
        progress(count)


def _prepare(new_session: Callable[[], Session], ids: list[int], dated: date) -> tuple[list[Prepared], int]:
    """Return the contexts of the chunk's notices that are still due, and how many were not any more."""
    prepared = []
    with new_session() as session:
        for case in session.scalars(select(FeeCase).where(FeeCase.id.in_(ids)).order_by(FeeCase.file_number)):
            record = latest_record(session, case)
            if case.status != CaseState.APPROVED or record is None or _has_notice(session, record.id):
                continue
            prepared.append(Prepared(case.id, case.version, issuing.prepare(session, case, record, dated)))
    return prepared, len(ids) - len(prepared)


def _has_notice(session: Session, assessment_id: int) -> bool:
    return session.scalar(select(Document.id).where(Document.assessment_id == assessment_id).limit(1)) is not None


def _store(new_session: Callable[[], Session], prepared: list[Prepared], pending: Pending, dated: date,
           batch_id: int, public_url: str = "") -> tuple[int, int]:
    """Keep the rendered notices of a chunk in one transaction; on a conflict, one by one. Return (kept, skipped)."""
    rendered = list(zip(prepared, pending.get(), strict=True))
    with new_session() as session:
        try:
            with one_writer(session):
                kept = sum(_keep(session, item, content, dated, batch_id, public_url) for item, content in rendered)
            return kept, len(rendered) - kept
        except (IntegrityError, Conflict) as error:  # rolled back by the unit of work
            log.info("batch %s: a chunk met a conflict, storing it case by case: %s", batch_id, error)
    kept = 0
    for item, content in rendered:
        with new_session() as session:
            try:
                with one_writer(session):
                    kept += _keep(session, item, content, dated, batch_id, public_url)
            except (IntegrityError, Conflict):
                pass  # rolled back: another run issued it, or the case changed meanwhile
    return kept, len(rendered) - kept


def _keep(session: Session, item: Prepared, content: bytes, dated: date, batch_id: int, public_url: str) -> int:
    """Store one notice if its case is still the one it was prepared for; return 1 if it was kept."""
    case = session.get(FeeCase, item.case_id)
    if case is None or case.status != CaseState.APPROVED or case.version != item.version:
        return 0
    issuing.keep(session, case, item.due, content, dated, batch_id, public_url)
    session.flush()
    return 1


def _facility_letters(new_session: Callable[[], Session], pool: RenderPool, batch_id: int, dated: date) -> int:
    """Write one notification to each facility whose children got a notice in the batch and has none yet.

    Two runs that resume the same batch at once may both find a facility without its letter: the
    database keeps one letter per batch and facility, so the later run's letters are refused; it then
    looks again and writes only those still missing.
    """
    for _attempt in range(LETTER_TRIES):
        written = _write_facility_letters(new_session, pool, batch_id, dated)
        if written is not None:
            return written
    raise RuntimeError(f"batch {batch_id}: facility letters refused {LETTER_TRIES} times in a row")


def _write_facility_letters(new_session: Callable[[], Session], pool: RenderPool, batch_id: int,
                            dated: date) -> int | None:
    """Write the missing notifications in one transaction; None when another run wrote some meanwhile."""
    with new_session() as session:
        told = set(session.scalars(select(Document.facility_id).where(
            Document.batch_id == batch_id, Document.kind == "facility_notice")))
        cases = session.scalars(select(FeeCase).join(Document, Document.case_id == FeeCase.id).where(
            Document.batch_id == batch_id, Document.kind.in_(issuing.NOTICE_KINDS))).all()
        by_facility: dict[int, list[FeeCase]] = {}
        for case in cases:
            if case.facility_id not in told:
                by_facility.setdefault(case.facility_id, []).append(case)
        facilities = [session.get(Facility, facility_id) for facility_id in sorted(by_facility)]
        contexts = [issuing.facility_letter(facility, by_facility[facility.id], dated,
                                            f"Sammelbescheid {batch_id}")
                    for facility in facilities]
        try:
            with one_writer(session):
                for facility, content in zip(facilities, pool.submit(contexts).get(), strict=True):
                    issuing.keep_facility_letter(session, facility, content, dated, batch_id)
        except IntegrityError:
            log.info("batch %s: another run wrote facility letters at the same time; looking again", batch_id)
            return None
        return len(contexts)


def _finish(new_session: Callable[[], Session], batch_id: int, issued_now: int, skipped: int, letters: int,
            print_dir: Path, resumed: bool) -> Outcome:
    """Write the print file of all the batch's notices and close the batch."""
    with new_session() as session:
        with one_writer(session):
            batch = session.get(NoticeBatch, batch_id)
            documents = select(Document).where(Document.batch_id == batch_id, Document.kind.in_(issuing.NOTICE_KINDS))
            total = len(session.scalars(documents.with_only_columns(Document.id)).all())
            print_file = None
            if total:
                print_dir.mkdir(parents=True, exist_ok=True)
                print_file = print_dir / f"Druckdatei-{batch.office_id}-{batch.id:05d}-{batch.dated:%Y-%m-%d}.pdf"
                contents = (document.content for document in session.scalars(
                    documents.options(undefer(Document.content)).order_by(Document.id).execution_options(yield_per=50)))
                merge(contents, print_file)
                batch.print_file = str(print_file)
                batch.print_sha256 = _file_sha256(print_file)
            batch.issued = total
            batch.finished_at = utcnow()
        log.info("batch %s finished: %s notices (%s now), %s skipped, %s facility letters, print file %s",
                 batch_id, total, issued_now, skipped, letters, print_file)
        return Outcome(batch_id, issued_now, total, skipped, letters, print_file, resumed)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
