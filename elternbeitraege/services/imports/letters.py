"""The invitation letters of imported cases: an access code each, the letter stored, all in one print file.

An imported case waiting for its letter is ``invited`` without an access code. Letters are written
a chunk at a time, each chunk in its own transaction together with its codes (only their hashes are
kept), rendered on every core; a run that stops loses no finished chunk, and the next run writes
only the letters still missing. The letters of one run are merged into one file for the post.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, joinedload

from pdf.merge import merge
from pdf.pool import RenderPool
from workflows import CaseState, Trigger

from ...models import CaseEvent, Document, FeeCase
from ..cases.admissions import hash_code, new_access_code
from ..kernel.uow import one_writer
from ..notices import letters

log = logging.getLogger(__name__)

CHUNK = 48


@dataclass(frozen=True)
class LetterRun:
    """What a run wrote: how many letters and the print file with all of them (None when there was none)."""

    written: int
    print_file: Path | None


def waiting(office_id: int):
    """Return the query of the office's imported cases that wait for their invitation letter, by file number."""
    imported = exists().where(CaseEvent.case_id == FeeCase.id, CaseEvent.trigger == Trigger.IMPORT)
    return (select(FeeCase.id).where(FeeCase.office_id == office_id, FeeCase.status == CaseState.INVITED,
                                     FeeCase.access_code_hash.is_(None), imported)
            .order_by(FeeCase.file_number))


def count_waiting(session: Session, office_id: int) -> int:
    """Return how many imported cases of the office still wait for their letter."""
    return session.scalar(select(func.count()).select_from(waiting(office_id).subquery())) or 0


def write_letters(new_session: Callable[[], Session], office_id: int, today: date, public_url: str,
                  print_dir: Path, workers: int | None = None,
                  progress: Callable[[int], None] | None = None) -> LetterRun:
    """Give every waiting imported case of the office an access code and its letter; merge them for the post."""
    with new_session() as session:
        ids = list(session.scalars(waiting(office_id)))
    documents: list[int] = []
    with RenderPool(workers) as pool:
        for start in range(0, len(ids), CHUNK):
            documents += _chunk(new_session, pool, ids[start:start + CHUNK], today, public_url)
            if progress is not None:
                progress(len(documents))
    if not documents:
        return LetterRun(0, None)
    print_dir.mkdir(parents=True, exist_ok=True)
    print_file = print_dir / f"Einladungen-Import-{office_id}-{today:%Y-%m-%d}-{documents[0]:07d}.pdf"
    with new_session() as session:
        contents = (content for start in range(0, len(documents), 500) for content in session.scalars(
            select(Document.content).where(Document.id.in_(documents[start:start + 500])).order_by(Document.id)))
        merge(contents, print_file)
    log.info("office %s: %s invitation letters of imported cases, print file %s", office_id, len(documents),
             print_file)
    return LetterRun(len(documents), print_file)


def _chunk(new_session: Callable[[], Session], pool: RenderPool, ids: list[int], today: date,
           public_url: str) -> list[int]:
    """Write the letters of some cases in one transaction; return the ids of the stored letters."""
    with new_session() as session:
        cases = session.scalars(select(FeeCase).where(FeeCase.id.in_(ids), FeeCase.access_code_hash.is_(None))
                                .options(joinedload(FeeCase.household), joinedload(FeeCase.child),
                                         joinedload(FeeCase.facility), joinedload(FeeCase.office))
                                .order_by(FeeCase.file_number)).all()
        codes = [new_access_code() for _case in cases]
        contexts = [letters.invitation_letter(case, code, public_url, today)
                    for case, code in zip(cases, codes, strict=True)]
        stored = []
        with one_writer(session):
            for case, code, content in zip(cases, codes, pool.submit(contexts).get(), strict=True):
                case.access_code_hash = hash_code(code)
                stored.append(letters.store(session, case, "invitation", content,
                                            f"Einladung-{case.file_number}.pdf", today))
            session.flush()
            ids_stored = [document.id for document in stored]
        return ids_stored
