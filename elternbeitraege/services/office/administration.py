"""What the office administrator maintains: the office's statutes and their schedule, facilities and users."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Facility, User, YouthOffice
from ..kernel.actor import Actor
from ..kernel.errors import NotFound
from .statutes import Assignment, KnownStatute, catalogue, schedule


@dataclass(frozen=True)
class Overview:
    office: YouthOffice
    schedule: list[Assignment]
    facilities: list[Facility]
    users: list[User]


@dataclass(frozen=True)
class StatutesView:
    office: YouthOffice
    statutes: list[KnownStatute]
    schedule: list[Assignment]


def own_office(session: Session, actor: Actor) -> YouthOffice:
    """Return the administrator's own office, or raise NotFound for anybody else."""
    office = session.get(YouthOffice, actor.office_id) if actor.office_id is not None else None
    if office is None or actor.role != "admin":
        raise NotFound("office")
    return office


def overview(session: Session, actor: Actor) -> Overview:
    """Return the administrator's own office with its statute schedule, facilities and staff."""
    office = own_office(session, actor)
    facilities = list(session.scalars(select(Facility).where(Facility.office_id == office.id).order_by(Facility.name)))
    users = list(session.scalars(select(User).where(User.office_id == office.id).order_by(User.role, User.email)))
    return Overview(office, schedule(session, office.id), facilities, users)


def statutes_view(session: Session, actor: Actor) -> StatutesView:
    """Return every statute the app knows and which of them the administrator's office applies from when."""
    office = own_office(session, actor)
    return StatutesView(office, catalogue(session), schedule(session, office.id))
