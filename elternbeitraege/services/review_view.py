"""What the clerk sees of a case: declaration, proofs, the month-by-month calculation, history, documents."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import allowed

from ..fees import ChildAssessment
from ..models import Declaration, Document, FeeCase, Proof, User
from .actor import Actor
from .cases import case_for
from .declarations import declaration_of, estimate, is_complete, proofs_of
from .errors import InvalidInput, NotFound
from .review import income_basis


@dataclass(frozen=True)
class ReviewView:
    case: FeeCase
    declaration: Declaration | None
    proofs: list[Proof]
    calculation: ChildAssessment  # no months when the case cannot be assessed; income_basis then says why
    income_basis: str
    documents: list[Document]
    users: dict[int, str]
    can_request: bool
    can_approve: bool


def review_view(session: Session, actor: Actor, case_id: int) -> ReviewView:
    """Return everything the clerk needs to decide on a case."""
    case = case_for(session, actor, case_id)
    declaration = declaration_of(session, case)
    proofs = proofs_of(session, case.id)
    complete = declaration is not None and is_complete(declaration, len(proofs))
    documents = list(session.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.id)))
    user_ids = {event.user_id for event in case.events if event.user_id}
    users = {user.id: user.display_name for user in session.scalars(select(User).where(User.id.in_(user_ids)))}
    calculation, basis = _calculation(session, case, declaration)
    return ReviewView(
        case, declaration, proofs, calculation, basis, documents, users,
        can_request=allowed(case.status, "request_documents", actor.role, deadline=date.max),
        can_approve=allowed(case.status, "approve", actor.role, declaration_complete=complete),
    )


def _calculation(session: Session, case: FeeCase, declaration: Declaration | None) -> tuple[ChildAssessment, str]:
    """Return the month-by-month calculation and its basis in words, or no months and why."""
    try:
        calculation = estimate(session, case, declaration)
        return calculation, income_basis(session, case, declaration, calculation)
    except InvalidInput as error:
        return ChildAssessment(str(case.id), ()), "Keine Berechnung möglich: " + " ".join(error.errors.values())


def proof_of(session: Session, actor: Actor, case_id: int, proof_id: int) -> Proof:
    """Return one proof of a case the actor may see."""
    case = case_for(session, actor, case_id)
    proof = session.scalars(select(Proof).where(Proof.id == proof_id, Proof.case_id == case.id)).first()
    if proof is None:
        raise NotFound(proof_id)
    return proof
