"""What is due on a day: reminders, expired deadlines, the yearly final check, closing ended cases.

``run_due`` may run twice, or on two machines at once: each case is handled in its own
transaction, guarded by its state and its version (optimistic locking). A case another run has
already moved no longer matches, or its update loses against the version — then it is skipped,
so each thing is done exactly once. An expired deadline decides the case; the notices these
decisions call for are then issued together, one batch per office (``services.batch``), with a
print file for the post.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger

from ...models import FeeCase
from ..assessment.case_file import read_case_file
from ..assessment.decisions import Decision, decide
from ..kernel.actor import SYSTEM
from ..kernel.errors import Conflict
from ..kernel.uow import one_writer
from ..mail import parents as parent_mail
from ..notices import letters
from ..notices.batch import Selection, issue_due
from ..notices.notice_text import DECLARATION_MISSING, PROOFS_MISSING
from ..office.bounds import final_check_problem
from .changes import final_check_year, start_final_check
from .moves import move

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    candidates: Callable[[date], Select]
    do: Callable[[Session, FeeCase, date, str], bool]  # False: not due after all (nothing changed)


def _remind(session: Session, case: FeeCase, today: date, public_url: str) -> bool:
    case.reminder_due = today + timedelta(days=case.office.reminder_days)
    move(session, case, Trigger.REMIND, SYSTEM, today)
    letters.store(session, case, "reminder", letters.reminder(case, public_url, today),
                  f"Erinnerung-{case.file_number}.pdf", today)
    parent_mail.declaration_reminder(session, case, public_url, case.reminder_due)
    return True


def _expire_declaration(session: Session, case: FeeCase, today: date, _url: str) -> bool:
    decide(session, read_case_file(session, case), SYSTEM,
           Decision(Trigger.EXPIRE_DECLARATION, True, highest_reason=DECLARATION_MISSING), today)
    return True


def _expire_documents(session: Session, case: FeeCase, today: date, _url: str) -> bool:
    decide(session, read_case_file(session, case), SYSTEM,
           Decision(Trigger.EXPIRE_DOCUMENTS, True, highest_reason=PROOFS_MISSING), today)
    return True


def _final_check(session: Session, case: FeeCase, today: date, public_url: str) -> bool:
    year = final_check_year(case, session)
    if year is None or today < date(year + 1, case.office.final_check_month, 1) or final_check_problem(
            case.office, year, today):
        return False
    start_final_check(session, SYSTEM, case, today, public_url)
    return True


def _close(session: Session, case: FeeCase, today: date, _url: str) -> bool:
    move(session, case, Trigger.CLOSE, SYSTEM, today)
    return True


def _status(status: str) -> Select:
    return select(FeeCase.id).where(FeeCase.status == status)


JOBS = (
    Job("reminders", "Erinnerungen",
        lambda today: _status(CaseState.INVITED).where(FeeCase.declaration_due < today), _remind),
    Job("declaration_expiries", "Höchstbeitrag nach Erinnerung",
        lambda today: _status(CaseState.REMINDED).where(FeeCase.reminder_due < today), _expire_declaration),
    Job("document_expiries", "Höchstbeitrag ohne Nachweise",
        lambda today: _status(CaseState.DOCUMENTS_REQUESTED).where(FeeCase.documents_due < today), _expire_documents),
    Job("final_checks", "Endgültige Prüfung eingeleitet",
        lambda today: _status(CaseState.FACILITY_NOTIFIED).where(FeeCase.assessment_kind == "provisional"),
        _final_check),
    Job("closings", "Abgeschlossen nach Betreuungsende",
        lambda today: _status(CaseState.FACILITY_NOTIFIED).where(FeeCase.end_date < today.replace(day=1)), _close),
)


def run_due(new_session: Callable[[], Session], today: date, public_url: str, print_dir: Path | None = None,
            workers: int | None = 1) -> Counter:
    """Do everything due on ``today``, then issue the notices it decided; return how many cases each job moved
    (0 for what others did first) and, as ``notices``, how many notices were issued."""
    done: Counter = Counter({job.name: 0 for job in JOBS})
    for job in JOBS:
        with new_session() as session:
            ids = list(session.scalars(job.candidates(today).order_by(FeeCase.id)))
        for case_id in ids:
            done[job.name] += _run_one(new_session, job, case_id, today, public_url)
    done["notices"] = issue_decided(new_session, today, print_dir, workers, public_url)
    return done


def issue_decided(new_session: Callable[[], Session], today: date, print_dir: Path | None,
                  workers: int | None = 1, public_url: str = "") -> int:
    """Issue the due notices of every office that has any, one batch each; return how many were issued."""
    with new_session() as session:
        offices = sorted(set(session.scalars(select(FeeCase.office_id).where(FeeCase.status == CaseState.APPROVED))))
    issued = 0
    for office_id in offices:
        outcome = issue_due(new_session, Selection(office_id), today, print_dir or Path("druck"), workers,
                            public_url=public_url)
        issued += outcome.issued_now
    return issued


def _run_one(new_session: Callable[[], Session], job: Job, case_id: int, today: date, public_url: str) -> int:
    with new_session() as session:
        case = session.scalars(job.candidates(today).with_only_columns(FeeCase).where(FeeCase.id == case_id)).first()
        if case is None:
            return 0  # another run moved it meanwhile
        try:
            with one_writer(session):
                if not job.do(session, case, today, public_url):
                    return 0
        except Conflict as error:
            log.warning("job %s: case %s skipped: %s", job.name, case_id, error)
            return 0
        except OperationalError as error:  # SQLite: another run holds the write lock and has done it
            log.info("job %s: case %s busy, left to the other run: %s", job.name, case_id, error)
            return 0
        log.info("job %s: case %s done", job.name, case_id)
        return 1

