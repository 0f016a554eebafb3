"""Changes to a running case: hours, departure, income, a sibling; withdrawal before care; reopening; the final check.

A change to a settled case puts it back into work from the month it applies: the months before
keep the amounts of the notice in force, the later ones are assessed anew, and the clerk's next
decision issues an amending notice.
"""
from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import Trigger

from ...fees import Month
from ...models import CarePeriod, FeeCase, User
from ..assessment.fee_input import latest_record, record_months
from ..assessment.review import case_at_version, store_proof_request
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput
from ..kernel.scope import visible_cases
from ..kernel.uow import UnitOfWork
from ..office.bounds import final_check_deadline, final_check_problem
from ..office.statutes import find_statute
from .admissions import hours_problem
from .moves import move

log = logging.getLogger(__name__)


def _from_month(case: FeeCase, day: date) -> None:
    """Reassess from this month on (or from an earlier one already pending)."""
    first = day.replace(day=1)
    case.reassess_from = first if case.reassess_from is None else min(case.reassess_from, first)


def report_care_change(uow: UnitOfWork, actor: Actor, case_id: int, version: int, change_from: date,
                       hours: int) -> FeeCase:
    """Book other weekly hours from the first of a month; a settled case goes back into review."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    _check_hours(session, case, change_from, hours)
    with uow.writing():
        before = case.weekly_hours
        _book_hours(case, change_from, hours)
        move(session, case, Trigger.REPORT_CARE_CHANGE, actor, today, change_from=change_from,
             comment=f"{before} → {hours} Wochenstunden ab {change_from:%d.%m.%Y}")
        _from_month(case, change_from)
    return case


def _check_month(case: FeeCase, change_from: date) -> None:
    """Refuse a change that does not start on the first of a month within care, saying which months are right."""
    if change_from.day != 1:
        raise InvalidInput({"change_from": "Eine Änderung gilt immer ab dem Ersten eines Monats."})
    if change_from < case.start_date.replace(day=1) or (case.end_date and change_from > case.end_date):
        raise InvalidInput({"change_from": "Der Monat muss in der Betreuungszeit liegen "
                                           f"(ab {case.start_date:%m.%Y})."})


def _check_hours(session: Session, case: FeeCase, change_from: date, hours: int) -> None:
    _check_month(case, change_from)
    problem = hours_problem(find_statute(session, case.office, case.care_kind, change_from), case.care_kind, hours)
    if problem:
        raise InvalidInput({"hours": problem})


def _book_hours(case: FeeCase, change_from: date, hours: int) -> None:
    if not case.care_periods:
        case.care_periods.append(CarePeriod(valid_from=case.start_date, weekly_hours=case.weekly_hours))
    valid_from = max(change_from, case.start_date)
    same = next((period for period in case.care_periods if period.valid_from == valid_from), None)
    if same is not None:
        same.weekly_hours = hours
    else:
        case.care_periods.append(CarePeriod(valid_from=valid_from, weekly_hours=hours))
    case.weekly_hours = max(case.care_periods, key=lambda period: period.valid_from).weekly_hours


def report_departure(uow: UnitOfWork, actor: Actor, case_id: int, version: int, last_day: date) -> FeeCase:
    """Record the last day of care; the months after it are no longer charged, and the case closes after it."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    if last_day < case.start_date:
        raise InvalidInput({"last_day": "Der letzte Betreuungstag liegt vor dem Betreuungsbeginn. Ziehen Sie den "
                                        "Fall stattdessen zurück."})
    with uow.writing():
        case.end_date = last_day
        move(session, case, Trigger.REPORT_DEPARTURE, actor, today, departure=last_day,
             comment=f"letzter Betreuungstag {last_day:%d.%m.%Y}")
        _from_month(case, Month.of(last_day).next().first_day)
    return case


def report_income_change(uow: UnitOfWork, actor: Actor, case_id: int, version: int, change_from: date,
                         what: str) -> FeeCase:
    """Let the parents update their declaration from a month on; they submit it again when done."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    _check_month(case, change_from)
    with uow.writing():
        move(session, case, Trigger.REPORT_INCOME_CHANGE, actor, today, change_from=change_from,
             comment=f"{what} ab {change_from:%d.%m.%Y}")
        _from_month(case, change_from)
    return case


def link_sibling(uow: UnitOfWork, actor: Actor, case_id: int, version: int, file_number: str) -> FeeCase:
    """Join the case to the household of a sibling's case, so the sibling rule applies to both."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    other = session.scalars(visible_cases(actor).where(FeeCase.file_number == file_number.strip())).first()
    if other is None or other.id == case.id:
        raise InvalidInput({"file_number": "Geben Sie das Aktenzeichen eines anderen Falls Ihres Jugendamts an."})
    if other.household_id == case.household_id:
        raise InvalidInput({"file_number": "Die Fälle sind bereits als Geschwister verknüpft."})
    with uow.writing():
        _join_household(session, case, other.household_id)
        move(session, case, Trigger.LINK_SIBLING, actor, today, comment=f"Geschwisterkind {other.file_number}")
        _from_month(case, max(case.start_date, other.start_date))
    return case


def _join_household(session: Session, case: FeeCase, household_id: int) -> None:
    old = case.household_id
    for user in session.scalars(select(User).where(User.household_id == old)):
        user.household_id = household_id  # the same parents: their login now reaches both children
    for moved in session.scalars(select(FeeCase).where(FeeCase.household_id == old)):
        moved.household_id = household_id
        moved.child.household_id = household_id


def withdraw(uow: UnitOfWork, actor: Actor, case_id: int, version: int, reason: str) -> FeeCase:
    """Withdraw a case whose care has not begun (the child will not come)."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    if not reason.strip():
        raise InvalidInput({"reason": "Schreiben Sie, warum der Fall zurückgezogen wird."})
    with uow.writing():
        move(session, case, Trigger.WITHDRAW, actor, today, comment=reason.strip())
        case.access_code_hash = None  # the invitation's code no longer opens anything
    return case


def reopen(uow: UnitOfWork, actor: Actor, case_id: int, version: int, reason: str) -> FeeCase:
    """Reopen a closed case for a correction; the clerk's next decision issues an amending notice."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    with uow.writing():
        move(session, case, Trigger.REOPEN, actor, today, comment=reason)
        case.reassess_from = None
    return case


def final_check_year(case: FeeCase, session: Session) -> int | None:
    """Return the earliest calendar year the provisional notice in force covers."""
    record = latest_record(session, case)
    months = record_months(record) if record is not None else []
    return min((fee.month.year for fee in months), default=None)


def start_final_check(session: Session, actor: Actor, case: FeeCase, today: date, public_url: str) -> None:
    """Ask for the proofs of a provisionally assessed year that is over, by letter and in the portal; the caller
    commits. A year not over (or not long enough for the office) is refused in German."""
    year = final_check_year(case, session)
    problem = final_check_problem(case.office, year, today)
    if problem:
        raise InvalidInput({"final_check": problem})
    deadline = final_check_deadline(case.office, today)
    case.final_check_year = year
    case.documents_due = deadline
    case.documents_message = (f"Bitte reichen Sie die Nachweise über Ihr Einkommen im Jahr {year} ein, zum Beispiel "
                              "den Einkommensteuerbescheid oder die Lohnsteuerbescheinigungen beider Elternteile.")
    move(session, case, Trigger.START_FINAL_CHECK, actor, today, deadline=deadline, income_year=year,
         comment=f"Einkommensjahr {year}")
    store_proof_request(session, case, actor, today, public_url)


def start_final_check_now(uow: UnitOfWork, actor: Actor, case_id: int, version: int) -> FeeCase:
    """Let a clerk start the final check of one case before the yearly run."""
    session, today, public_url = uow.session, uow.today, uow.public_url
    case = case_at_version(session, actor, case_id, version)
    with uow.writing():
        start_final_check(session, actor, case, today, public_url)
    return case
