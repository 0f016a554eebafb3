"""What parents see of their cases: status, what is asked of them, timeline, documents, their answers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger
from workflows.definition import PARENT_MILESTONES, TRIGGER_LABELS

from ...fees import ChildAssessment
from ...models import Declaration, Document, FeeCase
from ..assessment.case_file import assessment_of
from ..assessment.corrections import IncomeRow, corrected_rows
from ..cases.moves import actions
from ..declarations.answers import EDITABLE, Task, declaration_of, open_declaration, proofs_of, tasks
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.labels import INCOME_KIND_LABELS, german_amount, german_day
from ..kernel.scope import case_for, visible_cases

HIGHEST_OTHERWISE = "Ohne Ihre Angaben setzt das Jugendamt den Höchstbeitrag fest."
# What happens next while nothing is asked of the parents, by state.
NOTHING_TO_DO = {
    CaseState.REPORTED: "Das Jugendamt lädt Sie schriftlich ein, Ihr Einkommen zu erklären.",
    CaseState.SUBMITTED: "Das Jugendamt prüft Ihre Angaben. Sie müssen gerade nichts tun.",
    CaseState.IN_REVIEW: "Das Jugendamt prüft Ihre Angaben. Sie müssen gerade nichts tun.",
    CaseState.APPROVED: "Das Jugendamt erstellt Ihren Beitragsbescheid. Sie müssen gerade nichts tun.",
    CaseState.NOTICE_ISSUED: "Das Jugendamt erstellt Ihren Beitragsbescheid. Sie müssen gerade nichts tun.",
    CaseState.FACILITY_NOTIFIED: "Der Beitrag ist festgesetzt. Den Bescheid finden Sie unten bei den Dokumenten.",
    CaseState.CLOSED: "Die Betreuung ist beendet. Der Beitragsfall ist abgeschlossen.",
    CaseState.WITHDRAWN: "Die Aufnahme wurde vor Betreuungsbeginn zurückgezogen. Sie müssen nichts mehr tun.",
}


@dataclass(frozen=True)
class Ask:
    """What is asked of the parents now (or that nothing is), in their words."""

    title: str
    message: str | None = None  # the office's own words, e.g. which proofs are missing
    note: str | None = None  # what happens otherwise
    link: str | None = None  # the label of the link to the declaration, when they can act on it


@dataclass(frozen=True)
class Milestone:
    on: date
    what: str


@dataclass(frozen=True)
class CaseView:
    case: FeeCase
    documents: list[Document]
    timeline: list[Milestone]
    ask: Ask
    actions: tuple[str, ...]  # the triggers the parents may fire now (accept_highest, report_income_change)
    corrected: list[IncomeRow]  # the incomes the office counts otherwise than declared, with the reason


@dataclass(frozen=True)
class TasksView:
    case: FeeCase
    tasks: list[Task]
    ask: Ask
    editable: bool
    may_accept_highest: bool


@dataclass(frozen=True)
class CheckView:
    case: FeeCase
    declaration: Declaration
    persons: list[str]
    proofs: list
    estimate: ChildAssessment  # no months when the fee cannot be estimated yet


def cases_of(session: Session, actor: Actor) -> list[FeeCase]:
    """Return the household's cases, newest first."""
    return list(session.scalars(visible_cases(actor).order_by(FeeCase.id.desc())))


def case_view(session: Session, actor: Actor, case_id: int, today: date) -> CaseView:
    """Return a case with what is asked of the parents, its documents and a plain timeline."""
    case = case_for(session, actor, case_id)
    documents = list(session.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.id)))
    return CaseView(case, documents, timeline(case), ask_of(case), parent_actions(case, actor, today),
                    corrected_rows(case, declaration_of(session, case)))


def tasks_view(session: Session, actor: Actor, case_id: int, today: date) -> TasksView:
    """Return the declaration's task list, what is asked now, and whether the highest fee may be accepted."""
    case, declaration = open_declaration(session, actor, case_id)
    listed = tasks(declaration, len(proofs_of(session, case.id)))
    return TasksView(case, listed, ask_of(case), case.status in EDITABLE,
                     Trigger.ACCEPT_HIGHEST in parent_actions(case, actor, today))


def timeline(case: FeeCase) -> list[Milestone]:
    """Return the steps that concern the parents, with their dates; internal notes stay out."""
    return [Milestone(german_day(event.at), TRIGGER_LABELS[event.trigger])
            for event in case.events if event.trigger in PARENT_MILESTONES]


def ask_of(case: FeeCase) -> Ask:
    """Say what the parents should do now and by when."""
    if case.status == CaseState.DOCUMENTS_REQUESTED:
        return Ask(f"Bitte reichen Sie{_by(case.documents_due)} Nachweise ein.", case.documents_message,
                   "Ohne die Nachweise setzt das Jugendamt den Höchstbeitrag fest.", "Nachweise nachreichen")
    if case.status == CaseState.INVITED:
        return Ask(f"Bitte erklären Sie Ihr Einkommen{_by(case.declaration_due)}.", None,
                   HIGHEST_OTHERWISE, "Einkommenserklärung ausfüllen")
    if case.status == CaseState.REMINDED:
        return Ask(f"Bitte erklären Sie Ihr Einkommen{_by(case.reminder_due)}.",
                   "Wir haben Sie an die Erklärung erinnert. Das ist die letzte Frist.", HIGHEST_OTHERWISE,
                   "Einkommenserklärung ausfüllen")
    if case.status == CaseState.CHANGE_REPORTED:
        return Ask("Bitte passen Sie Ihre Angaben an und senden Sie die Erklärung erneut ab.",
                   "Sie haben eine Änderung gemeldet. Ändern Sie in der Erklärung, was sich geändert hat, "
                   "und laden Sie, wenn möglich, einen Nachweis dazu hoch.",
                   "Danach setzt das Jugendamt den Beitrag neu fest.", "Erklärung ändern")
    return Ask(NOTHING_TO_DO.get(case.status, "Sie müssen gerade nichts tun."))


def _by(day: date | None) -> str:
    return f" bis zum {day:%d.%m.%Y}" if day else ""


def parent_actions(case: FeeCase, actor: Actor, today: date) -> tuple[str, ...]:
    """Return what the parents may do now."""
    return actions(case, actor, today)


def document_of(session: Session, actor: Actor, case_id: int, document_id: int) -> Document:
    """Return a stored document of a case the actor may see."""
    case = case_for(session, actor, case_id)
    document = session.scalars(select(Document).where(Document.id == document_id, Document.case_id == case.id)).first()
    if document is None:
        raise NotFound(document_id)
    return document


def income_persons(case: FeeCase, declaration: Declaration) -> list[str]:
    """Return the names of the parents whose income is asked for."""
    first = case.household.parent_names[0]
    if declaration.lives_with != "both":
        return [first]
    return [first, f"{declaration.other_parent_first_name} {declaration.other_parent_last_name}"]


def income_amounts(declaration: Declaration, person: int) -> dict[str, str]:
    """Return a parent's saved amounts as form values in German notation."""
    amounts = {item.kind: item.amount for item in declaration.incomes if item.person == person}
    return {kind: german_amount(amounts[kind]) for kind in INCOME_KIND_LABELS if kind in amounts}


def check_view(session: Session, actor: Actor, case_id: int) -> CheckView:
    """Return everything the parent answered, and the estimated fee, for the final check."""
    case, declaration = open_declaration(session, actor, case_id)
    try:
        fee = assessment_of(session, case, declaration)
    except InvalidInput:  # the office has no statute for every month yet: the page shows no estimate
        fee = ChildAssessment(str(case.id), ())
    return CheckView(case, declaration, income_persons(case, declaration), proofs_of(session, case.id), fee)
