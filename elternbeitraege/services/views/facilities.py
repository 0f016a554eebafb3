"""What a facility may know of its children's fee cases: names, care and status — never income or amounts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger
from workflows.definition import FACILITY_MILESTONES, TRIGGER_LABELS

from ...models import Document, FeeCase
from ..cases.moves import actions
from ..kernel.actor import Actor
from ..kernel.errors import NotFound
from ..kernel.labels import german_day
from ..kernel.scope import case_for, visible_cases

IN_PROGRESS = "In Bearbeitung beim Jugendamt"
FACILITY_STATUS = {
    CaseState.REPORTED: "Eltern werden eingeladen",
    CaseState.INVITED: "Erklärung der Eltern ausstehend",
    CaseState.REMINDED: "Erklärung der Eltern ausstehend",
    CaseState.SUBMITTED: IN_PROGRESS,
    CaseState.IN_REVIEW: IN_PROGRESS,
    CaseState.DOCUMENTS_REQUESTED: IN_PROGRESS,
    CaseState.APPROVED: IN_PROGRESS,
    CaseState.NOTICE_ISSUED: IN_PROGRESS,
    CaseState.FACILITY_NOTIFIED: "Erledigt – Beitragsbescheid erteilt",
    CaseState.CHANGE_REPORTED: "Erledigt – Beitragsbescheid erteilt",
    CaseState.CLOSED: "Abgeschlossen – Betreuung beendet",
    CaseState.WITHDRAWN: "Zurückgezogen",
}
# States in which the facility's part is done: the notice in force is issued.
SETTLED = (CaseState.FACILITY_NOTIFIED, CaseState.CHANGE_REPORTED)
# What a facility may do on a case, when the state machine offers it.
FACILITY_ACTIONS = (Trigger.REPORT_CARE_CHANGE, Trigger.REPORT_DEPARTURE, Trigger.WITHDRAW)


@dataclass(frozen=True)
class ChildRow:
    """One line of the facility's list; it carries nothing the facility may not see."""

    case_id: int
    file_number: str
    child_name: str
    birth_date: date
    weekly_hours: int | None
    start_date: date
    status: str
    settled: bool


def children_of(session: Session, actor: Actor) -> list[ChildRow]:
    """Return the facility's children with their fee-case status in words."""
    cases = session.scalars(visible_cases(actor).order_by(FeeCase.start_date.desc(), FeeCase.id.desc())).all()
    return [
        ChildRow(case.id, case.file_number, case.child.full_name, case.child.birth_date, case.weekly_hours,
                 case.start_date, FACILITY_STATUS[case.status], case.status in SETTLED)
        for case in cases
    ]


@dataclass(frozen=True)
class Milestone:
    """A step of the case that concerns the facility; ``note`` only for what the facility itself wrote."""

    on: date
    what: str
    note: str | None


@dataclass(frozen=True)
class CarePeriodRow:
    valid_from: date
    weekly_hours: int | None


@dataclass(frozen=True)
class FacilityCase:
    """One child's case as the facility sees it: care and status, never income, amounts or documents."""

    case_id: int
    version: int
    file_number: str
    child_name: str
    birth_date: date
    start_date: date
    end_date: date | None
    care_kind: str  # which hours a change may book: a Kita its statute's tiers, a childminder any whole hours
    weekly_hours: int | None
    care_periods: list[CarePeriodRow]
    status: str
    settled: bool
    milestones: list[Milestone]
    actions: tuple[str, ...]  # of FACILITY_ACTIONS, those the state machine offers now


def case_of(session: Session, actor: Actor, case_id: int, today: date) -> FacilityCase:
    """Return one of the facility's cases with its care, status, milestones and the changes it may report now."""
    case = case_for(session, actor, case_id)
    periods = [CarePeriodRow(period.valid_from, period.weekly_hours) for period in case.care_periods]
    return FacilityCase(
        case.id, case.version, case.file_number, case.child.full_name, case.child.birth_date, case.start_date,
        case.end_date, case.care_kind, case.weekly_hours,
        periods or [CarePeriodRow(case.start_date, case.weekly_hours)],
        FACILITY_STATUS[case.status], case.status in SETTLED, milestones(case), offered_actions(case, actor, today),
    )


def care_kind_of(session: Session, actor: Actor, case_id: int) -> str:
    """Return the care kind of one of the facility's cases."""
    return case_for(session, actor, case_id).care_kind


def milestones(case: FeeCase) -> list[Milestone]:
    """Return the steps that concern the facility; comments of other roles may speak of income and stay hidden."""
    return [Milestone(german_day(event.at), TRIGGER_LABELS[event.trigger],
                      event.comment if event.role == "facility" else None)
            for event in case.events if event.trigger in FACILITY_MILESTONES]


def offered_actions(case: FeeCase, actor: Actor, today: date) -> tuple[str, ...]:
    """Return the changes the facility may report now; dates and reasons still to be typed are assumed valid."""
    return tuple(trigger for trigger in actions(case, actor, today) if trigger in FACILITY_ACTIONS)


@dataclass(frozen=True)
class LetterRow:
    """One notification the office sent the facility: a letter about its children, never about money."""

    document_id: int
    dated: date
    filename: str


def _own_letters(actor: Actor):
    return select(Document).where(Document.kind == "facility_notice", Document.facility_id == actor.facility_id,
                                  Document.facility_id.is_not(None))


def letters_of(session: Session, actor: Actor) -> list[LetterRow]:
    """Return the facility's notifications from the office, newest first."""
    if actor.role != "facility":
        raise NotFound("letters")
    documents = session.scalars(_own_letters(actor).order_by(Document.id.desc()))
    return [LetterRow(document.id, document.dated or german_day(document.created_at), document.filename)
            for document in documents]


def letter_of(session: Session, actor: Actor, document_id: int) -> Document:
    """Return one of the facility's own notifications, or raise NotFound."""
    document = session.scalars(_own_letters(actor).where(Document.id == document_id)).first() \
        if actor.role == "facility" else None
    if document is None:
        raise NotFound(document_id)
    return document
