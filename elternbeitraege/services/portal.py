"""What parents see of their cases: status, timeline, documents, and their answers before submitting."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import TRIGGER_LABELS

from ..fees import ChildAssessment
from ..models import Declaration, Document, FeeCase
from .actor import Actor
from .cases import case_for, visible_cases
from .declarations import estimate, open_declaration, proofs_of
from .errors import InvalidInput, NotFound
from .labels import INCOME_KIND_LABELS

PARENT_MILESTONES = ("report", "invite", "submit", "request_documents", "approve", "issue_notice")


@dataclass(frozen=True)
class CaseView:
    case: FeeCase
    documents: list[Document]
    timeline: list[tuple[str, str]]  # (date, what happened)


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


def case_view(session: Session, actor: Actor, case_id: int) -> CaseView:
    """Return a case with its documents and a plain timeline for the parents."""
    case = case_for(session, actor, case_id)
    documents = list(session.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.id)))
    timeline = [(event.at.strftime("%d.%m.%Y"), TRIGGER_LABELS[event.trigger])
                for event in case.events if event.trigger in PARENT_MILESTONES]
    return CaseView(case, documents, timeline)


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


def german_amount(amount: Decimal) -> str:
    """Write an amount the way it was asked: ``52.000,00``."""
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def check_view(session: Session, actor: Actor, case_id: int) -> CheckView:
    """Return everything the parent answered, and the estimated fee, for the final check."""
    case, declaration = open_declaration(session, actor, case_id)
    try:
        fee = estimate(session, case, declaration)
    except InvalidInput:  # the office has no statute for every month yet: the page shows no estimate
        fee = ChildAssessment(str(case.id), ())
    return CheckView(case, declaration, income_persons(case, declaration), proofs_of(session, case.id), fee)
