"""Accounts of clerks, administrators, facility staff and parents."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, in_list, utcnow
from .household import Household
from .office import Facility, YouthOffice

ROLES = ("parent", "clerk", "admin", "facility")
STAFF_ROLES = ("clerk", "admin")
# What an attempt counts against: sign-in failures of an address or a trusted device; registrations of an
# address or on an access code.
ATTEMPT_SCOPES = ("login_address", "login_device", "register_address", "register_code")


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(in_list("role", ROLES), name="role"),
        CheckConstraint(
            "(role = 'parent' AND household_id IS NOT NULL)"
            " OR (role = 'facility' AND facility_id IS NOT NULL AND office_id IS NOT NULL)"
            " OR (role IN ('clerk', 'admin') AND office_id IS NOT NULL)",
            name="role_scope",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("youth_office.id"), index=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    session_token: Mapped[str] = mapped_column(String(64))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    office: Mapped[YouthOffice | None] = relationship()
    facility: Mapped[Facility | None] = relationship()
    household: Mapped[Household | None] = relationship()

    # Flask-Login's user protocol, written out so that models import nothing of the web layer.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return True

    def get_id(self) -> str:
        """Return the login id; it changes when the session token is rotated at logout."""
        return f"{self.id}:{self.session_token}"


class Attempt(Base):
    """One counted attempt of a kind (a failed sign-in, a registration) by one client key, kept for a day.

    The key is a keyed hash of the client's address, the access code or the device, never the value itself.
    """

    __tablename__ = "attempt"
    __table_args__ = (CheckConstraint(in_list("scope", ATTEMPT_SCOPES), name="scope"),
                      Index("ix_attempt_scope_key_at", "scope", "key", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
