"""What the provider's console shows: the offices with their number of users, and one office with its letterhead,
statute schedule and administrators. Never a family, a case or a document."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import AccountLink, User, YouthOffice, utcnow
from ..accounts.links import INVITATION
from ..kernel.actor import Actor
from ..office.letterhead import Letterhead, letterhead_of
from ..office.offices import operated_office, require_operator
from ..office.statutes import Assignment, KnownStatute, catalogue, schedule

# An account's state as the console shows it.
ACTIVE, INVITED, INVITATION_EXPIRED, DEACTIVATED = "active", "invited", "invitation_expired", "deactivated"
STATE_LABELS = {ACTIVE: "Aktiv", INVITED: "Eingeladen, Passwort noch nicht gesetzt",
                INVITATION_EXPIRED: "Einladung abgelaufen, Passwort nicht gesetzt", DEACTIVATED: "Deaktiviert"}


@dataclass(frozen=True)
class OfficeRow:
    office: YouthOffice
    users: int  # staff and facility accounts; parents are not counted (the provider sees no families)


@dataclass(frozen=True)
class AdminRow:
    user: User
    state: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def invitation_pending(self) -> bool:
        return self.state in (INVITED, INVITATION_EXPIRED)


@dataclass(frozen=True)
class OfficeView:
    office: YouthOffice
    letterhead: Letterhead
    schedule: list[Assignment]
    statutes: list[KnownStatute]
    admins: list[AdminRow]


def office_list(session: Session, actor: Actor) -> list[OfficeRow]:
    """Return every office by name with how many staff and facility accounts it has."""
    require_operator(actor)
    counts = dict(session.execute(select(User.office_id, func.count()).where(User.office_id.is_not(None))
                                  .group_by(User.office_id)).tuples().all())
    offices = session.scalars(select(YouthOffice).order_by(YouthOffice.name, YouthOffice.id))
    return [OfficeRow(office, counts.get(office.id, 0)) for office in offices]


def office_view(session: Session, actor: Actor, office_id: int) -> OfficeView:
    """Return one office with its letterhead, statute schedule, the statutes known and its administrators."""
    office = operated_office(session, actor, office_id)
    admins = list(session.scalars(select(User).where(User.office_id == office.id, User.role == "admin")
                                  .order_by(User.display_name, User.id)))
    return OfficeView(office, letterhead_of(office), schedule(session, office.id), catalogue(session),
                      [AdminRow(user, account_state(session, user)) for user in admins])


def account_state(session: Session, user: User, now: datetime | None = None) -> str:
    """Tell whether an account is active, deactivated, or invited and its password not yet set.

    The newest invitation link tells: unused means the password was never set with it (a newer link voids
    older ones, so only the newest counts).
    """
    if not user.active:
        return DEACTIVATED
    link = session.scalars(select(AccountLink).where(AccountLink.user_id == user.id,
                                                     AccountLink.purpose == INVITATION)
                           .order_by(AccountLink.created_at.desc(), AccountLink.id.desc())).first()
    if link is None or link.used_at is not None:
        return ACTIVE
    expires = link.expires_at if link.expires_at.tzinfo else link.expires_at.replace(tzinfo=UTC)
    return INVITED if expires > (now or utcnow()) else INVITATION_EXPIRED
