"""What the clerk sees of a case: declaration, proofs, the month-by-month calculation, actions, history, documents."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows.definition import triggers

from ...fees import ChildAssessment
from ...models import Declaration, Document, FeeCase, Proof, User
from ..assessment.case_file import CaseFile, read_case_file
from ..assessment.fee_input import assess
from ..cases.changes import final_check_year
from ..cases.moves import actions
from ..declarations.answers import approval_facts
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.scope import case_for
from ..notices.notice_text import income_basis
from ..office.bounds import latest_deadline_of


@dataclass(frozen=True)
class ReviewView:
    case: FeeCase
    declaration: Declaration | None
    proofs: list[Proof]
    calculation: ChildAssessment  # no months when the case cannot be assessed; income_basis then says why
    income_basis: str
    documents: list[Document]
    users: dict[int, str]
    actions: tuple[str, ...]  # the triggers the clerk may fire now
    siblings: list[FeeCase]
    latest_deadline: date | None = None  # the last day a deadline set today may fall on
    income_year: int | None = None  # the income year a final check would ask proofs for


def review_view(session: Session, actor: Actor, case_id: int, today: date) -> ReviewView:
    """Return everything the clerk needs to decide on a case."""
    case = case_for(session, actor, case_id)
    file = read_case_file(session, case)
    declaration, proofs = file.declaration, list(file.proofs)
    documents = list(session.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.id)))
    calculation, basis = _calculation(session, file)
    year = final_check_year(case, session)
    return ReviewView(case, declaration, proofs, calculation, basis, documents, users_of(session, case),
                      offered_actions(case, actor, declaration, len(proofs), today, income_year=year),
                      list(file.siblings), latest_deadline_of(case.office, today), year)


def users_of(session: Session, case: FeeCase) -> dict[int, str]:
    """Return the names of the users who acted on the case."""
    user_ids = {event.user_id for event in case.events if event.user_id}
    return {user.id: user.display_name for user in session.scalars(select(User).where(User.id.in_(user_ids)))}


def offered_actions(case: FeeCase, actor: Actor, declaration: Declaration | None, proof_count: int,
                    today: date, income_year: int | None = None) -> tuple[str, ...]:
    """Return what the actor may do now; approving is offered when either kind of assessment is possible, the
    final check when the income year it is about is over."""
    approval = approval_facts(declaration, proof_count) | {"income_year": income_year}
    offered = set(actions(case, actor, today, final=False, **approval)) | set(
        actions(case, actor, today, final=True, **approval))
    return tuple(trigger for trigger in triggers() if trigger in offered)


def _calculation(session: Session, file: CaseFile) -> tuple[ChildAssessment, str]:
    """Return the month-by-month calculation and its basis in words, or no months and why."""
    try:
        calculation = assess(file)
        return calculation, income_basis(session, file.case, file.declaration, calculation)
    except InvalidInput as error:
        return ChildAssessment(str(file.case.id), ()), "Keine Berechnung möglich: " + " ".join(error.errors.values())


def proof_of(session: Session, actor: Actor, case_id: int, proof_id: int) -> Proof:
    """Return one proof of a case the actor may see."""
    case = case_for(session, actor, case_id)
    proof = session.scalars(select(Proof).where(Proof.id == proof_id, Proof.case_id == case.id)).first()
    if proof is None:
        raise NotFound(proof_id)
    return proof
