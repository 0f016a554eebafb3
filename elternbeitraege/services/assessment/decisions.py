"""Deciding a case: the deciding transition and the assessment; settling it also issues the notice at once.

``decide`` records the assessment and leaves the case ``approved``: its notice is due, and a
batch (``services.batch``) issues it together with many others. ``settle`` decides and issues in
one go, as a clerk's approval does: the case moves, the assessment is recorded, the notice is
rendered and stored, the facility is notified — all in the caller's transaction, or, on any
failure, nothing. Siblings whose fee changes with this case are put back into review.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

import pdf
from workflows import CaseState, Trigger

from ...fees import ChildAssessment, Month
from ...models import AssessmentRecord, CaseEvent, FeeCase
from ..cases.moves import move
from ..kernel.actor import SYSTEM, Actor
from ..kernel.errors import Conflict, InvalidInput
from ..notices import issuing
from ..notices.change_reasons import change_reason
from ..notices.notice_text import case_statute, income_basis
from .case_file import CaseFile, read_case_file
from .fee_input import assess, month_rows, record_months

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decision:
    trigger: str  # approve, expire_declaration, expire_documents
    final: bool
    comment: str | None = None
    highest_reason: str | None = None  # set: the highest fee applies whatever was declared


def decide(session: Session, file: CaseFile, actor: Actor, decision: Decision, today: date,
           **guard_data) -> AssessmentRecord:
    """Fire the deciding trigger and record the assessment; the notice is then due. The caller commits."""
    case, previous = file.case, file.latest_record
    move(session, case, decision.trigger, actor, today, comment=decision.comment, **guard_data)
    assessment = _assessment(file, decision)
    change = change_reason(case, previous, decision.final, decision.highest_reason, events_since_notice(case))
    record = _record(session, file, assessment, decision, actor, change)
    _settled(case, record)
    siblings_follow(session, file, today)
    return record


def settle(session: Session, file: CaseFile, actor: Actor, decision: Decision, today: date, public_url: str = "",
           **guard_data) -> AssessmentRecord:
    """Decide the case, store its notice and tell the facility by letter; the caller commits."""
    case = file.case
    record = decide(session, file, actor, decision, today, **guard_data)
    due = issuing.prepare(session, case, record, today, file.declaration)
    issuing.keep(session, case, due, pdf.render_document(due.context), today, public_url=public_url)
    letter = issuing.facility_letter(case.facility, [case], today, case.file_number)
    issuing.keep_facility_letter(session, case.facility, pdf.render_document(letter), today)
    return record


def _assessment(file: CaseFile, decision: Decision) -> ChildAssessment:
    try:
        assessment = assess(file, highest=decision.highest_reason is not None)
    except InvalidInput as error:
        raise Conflict(f"Der Beitrag kann nicht berechnet werden: {error.errors['estimate']}") from error
    if not assessment.months:
        raise Conflict("Der Beitrag kann nicht berechnet werden: Der Fall hat keinen Betreuungsmonat.")
    return assessment


def _record(session: Session, file: CaseFile, assessment: ChildAssessment, decision: Decision, actor: Actor,
            change: str | None) -> AssessmentRecord:
    case, declaration, previous = file.case, file.declaration, file.latest_record
    record = AssessmentRecord(
        case_id=case.id, kind="final" if decision.final else "provisional",
        statute_id=case_statute(session, case, assessment).id,
        income_basis=income_basis(session, case, declaration, assessment, decision.highest_reason),
        total=assessment.total, created_by_id=actor.user_id, months=month_rows(assessment),
        replaces_id=previous.id if previous else None, reason=change, highest_reason=decision.highest_reason,
    )
    session.add(record)
    session.flush()
    return record


def _settled(case: FeeCase, record: AssessmentRecord) -> None:
    case.assessment_kind = record.kind
    case.statute_id = record.statute_id
    case.reassess_from = None
    case.final_check_year = None
    case.reminder_due = None
    case.documents_due = None


def siblings_follow(session: Session, file: CaseFile, today: date) -> None:
    """Put settled siblings back into review when this case changes what they pay under the sibling rule."""
    case = file.case
    for sibling in file.siblings:
        if sibling.status != CaseState.FACILITY_NOTIFIED:
            continue
        changed_from = _first_changed_month(session, sibling)
        if changed_from is None:
            continue
        sibling.reassess_from = changed_from.first_day
        move(session, sibling, Trigger.SIBLING_CHANGED, SYSTEM, today, comment=f"Geschwisterkind {case.file_number}")
        log.info("case %s: sibling rule changed by case %s from %s", sibling.id, case.id, changed_from)


def _first_changed_month(session: Session, case: FeeCase) -> Month | None:
    sibling = read_case_file(session, case)
    previous = sibling.latest_record
    if previous is None:
        return None
    try:
        fresh = assess(sibling, highest=previous.highest_reason is not None)
    except InvalidInput:
        return None
    before = {fee.month: fee.amount for fee in record_months(previous)}
    return next((fee.month for fee in fresh.months if before.get(fee.month) != fee.amount), None)


def events_since_notice(case: FeeCase) -> list[CaseEvent]:
    """Return the case's events after its latest notice."""
    since: list[CaseEvent] = []
    for event in case.events:
        since = [] if event.trigger == Trigger.ISSUE_NOTICE else [*since, event]
    return since
