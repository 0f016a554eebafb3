"""Finding fee cases, always scoped to what the actor may see, and moving them through the workflow."""
from __future__ import annotations

import logging

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from workflows import TransitionRefused, fire

from ..models import CaseEvent, Child, FeeCase
from .actor import Actor
from .errors import Conflict, NotFound

log = logging.getLogger(__name__)


def visible_cases(actor: Actor) -> Select:
    """Return a query of the cases the actor may see: their household, facility or office."""
    query = select(FeeCase)
    if actor.role == "parent":
        return query.where(FeeCase.household_id == actor.household_id)
    if actor.role == "facility":
        return query.where(FeeCase.facility_id == actor.facility_id)
    if actor.role == "clerk":
        return query.where(FeeCase.office_id == actor.office_id)
    return query.where(False)


def case_for(session: Session, actor: Actor, case_id: int) -> FeeCase:
    """Return one case the actor may see, or raise NotFound."""
    case = session.scalars(visible_cases(actor).where(FeeCase.id == case_id)).first()
    if case is None:
        raise NotFound(case_id)
    return case


def worklist(session: Session, actor: Actor, status: str | None, search: str, page: int, per_page: int = 25):
    """Return one page of the office's cases, oldest waiting first, and the count per status."""
    query = visible_cases(actor).join(Child, FeeCase.child_id == Child.id)
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(or_(
            func.lower(Child.last_name).like(pattern), func.lower(Child.first_name).like(pattern),
            func.lower(FeeCase.file_number).like(pattern),
        ))
    counts = dict(session.execute(
        query.with_only_columns(FeeCase.status, func.count()).group_by(FeeCase.status)
    ).all())
    if status:
        query = query.where(FeeCase.status == status)
    total = counts.get(status, 0) if status else sum(counts.values())
    rows = session.scalars(
        query.order_by(FeeCase.updated_at, FeeCase.id).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return rows, counts, total


def advance(session: Session, case: FeeCase, trigger: str, actor: Actor, comment: str | None = None,
            **data) -> None:
    """Fire a trigger on the case and record the event; the caller commits."""
    before = case.status
    try:
        case.status = fire(before, trigger, actor.role, **data)
    except TransitionRefused as error:
        log.info("case %s: %s refused for %s in %s (%s)", case.id, trigger, actor.role, before, error)
        raise Conflict("Dieser Schritt ist im aktuellen Stand des Falls nicht möglich.") from error
    session.add(CaseEvent(case=case, user_id=actor.user_id, role=actor.role, trigger=trigger,
                          from_state=before, to_state=case.status, comment=comment))
