"""What the office's administrator sees of its facilities and its accounts (clerks, administrators, facility
accounts) — never parents' accounts. Read views: they query and never write."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ...models import Facility, FeeCase, User, YouthOffice
from ..kernel.actor import Actor
from ..kernel.scope import office_of
from ..office.facilities import office_facility
from ..office.staff import STAFF_ROLES, invited_ids, office_account

INVITED, ACTIVE, DEACTIVATED = "invited", "active", "deactivated"
STATE_LABELS = {INVITED: "Eingeladen", ACTIVE: "Aktiv", DEACTIVATED: "Deaktiviert"}
# The order of the roles in the list: the office's own staff first.
ROLE_ORDER = case({"admin": 0, "clerk": 1, "facility": 2}, value=User.role)


@dataclass(frozen=True)
class FacilityRow:
    facility: Facility
    accounts: int
    cases: int


@dataclass(frozen=True)
class FacilityList:
    office: YouthOffice
    rows: list[FacilityRow]


@dataclass(frozen=True)
class FacilityView:
    office: YouthOffice
    facility: Facility
    accounts: list[AccountRow]
    cases: int


@dataclass(frozen=True)
class AccountRow:
    user: User
    state: str  # invited, active, deactivated

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class AccountList:
    office: YouthOffice
    rows: list[AccountRow]


@dataclass(frozen=True)
class AccountView:
    office: YouthOffice
    row: AccountRow

    @property
    def user(self) -> User:
        return self.row.user


def facility_list(session: Session, actor: Actor, office_id: int | None = None) -> FacilityList:
    """Return the office's facilities, active first, with how many accounts and cases each has."""
    office = office_of(session, actor, office_id)
    accounts = dict(session.execute(select(User.facility_id, func.count()).where(User.office_id == office.id,
                                                                                 User.role == "facility")
                                    .group_by(User.facility_id)).tuples().all())
    cases = dict(session.execute(select(FeeCase.facility_id, func.count()).join(Facility)
                                 .where(Facility.office_id == office.id).group_by(FeeCase.facility_id))
                 .tuples().all())
    facilities = session.scalars(select(Facility).where(Facility.office_id == office.id)
                                 .order_by(Facility.active.desc(), Facility.name, Facility.id))
    return FacilityList(office, [FacilityRow(facility, accounts.get(facility.id, 0), cases.get(facility.id, 0))
                                 for facility in facilities])


def facility_view(session: Session, actor: Actor, facility_id: int, office_id: int | None = None) -> FacilityView:
    """Return one facility of the office with its accounts and the number of its cases."""
    facility = office_facility(session, actor, facility_id, office_id)
    users = list(session.scalars(select(User).where(User.facility_id == facility.id, User.role == "facility")
                                 .order_by(User.display_name, User.id)))
    cases = session.scalar(select(func.count()).select_from(FeeCase).where(FeeCase.facility_id == facility.id))
    return FacilityView(facility.office, facility, _rows(session, users), cases or 0)


def active_facilities(session: Session, actor: Actor, office_id: int | None = None) -> list[Facility]:
    """Return the facilities an account can be invited for: the office's active ones, by name."""
    office = office_of(session, actor, office_id)
    return list(session.scalars(select(Facility).where(Facility.office_id == office.id, Facility.active.is_(True))
                                .order_by(Facility.name, Facility.id)))


def account_list(session: Session, actor: Actor, office_id: int | None = None) -> AccountList:
    """Return the office's staff and facility accounts with their state; parents' accounts are not among them."""
    office = office_of(session, actor, office_id)
    users = list(session.scalars(select(User).where(User.office_id == office.id, User.role.in_(STAFF_ROLES))
                                 .order_by(ROLE_ORDER, User.display_name, User.id)))
    return AccountList(office, _rows(session, users))


def account_view(session: Session, actor: Actor, user_id: int, office_id: int | None = None) -> AccountView:
    """Return one staff or facility account of the office with its state."""
    user = office_account(session, actor, user_id, office_id)
    office = office_of(session, actor, office_id)
    return AccountView(office, _rows(session, [user])[0])


def _rows(session: Session, users: list[User]) -> list[AccountRow]:
    invited = invited_ids(session, [user.id for user in users])
    return [AccountRow(user, DEACTIVATED if not user.active else INVITED if user.id in invited else ACTIVE)
            for user in users]
