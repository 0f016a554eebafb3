"""What the office administrator maintains: the office's statute, facilities and users."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..fees import Statute, load_statute
from ..models import Facility, User, YouthOffice
from .actor import Actor
from .errors import NotFound


@dataclass(frozen=True)
class Overview:
    office: YouthOffice
    statute: Statute
    facilities: list[Facility]
    users: list[User]


def overview(session: Session, actor: Actor) -> Overview:
    """Return the administrator's own office with its statute, facilities and staff."""
    office = session.get(YouthOffice, actor.office_id)
    if office is None or actor.role != "admin":
        raise NotFound("office")
    facilities = list(session.scalars(select(Facility).where(Facility.office_id == office.id).order_by(Facility.name)))
    users = list(session.scalars(select(User).where(User.office_id == office.id).order_by(User.role, User.email)))
    return Overview(office, load_statute(office.statute_id), facilities, users)
