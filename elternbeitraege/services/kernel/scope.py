"""Finding fee cases and offices, always scoped to what the actor may see."""
from __future__ import annotations

import logging

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ...models import FeeCase, YouthOffice
from .actor import Actor
from .errors import NotFound

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


def office_of(session: Session, actor: Actor, office_id: int | None) -> YouthOffice:
    """Return the administrator's own office (another id is NotFound), or the office the system names."""
    if actor.role == "admin" and office_id in (None, actor.office_id):
        office_id = actor.office_id
    elif actor.role != "system":
        raise NotFound("office")
    office = session.get(YouthOffice, office_id) if office_id is not None else None
    if office is None:
        raise NotFound("office")
    return office
