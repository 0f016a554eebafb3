"""Accounts of clerks, administrators, facility staff and parents."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, in_list, utcnow
from .household import Household
from .office import Facility, YouthOffice

ROLES = ("parent", "clerk", "admin", "facility", "provider")
STAFF_ROLES = ("clerk", "admin")
# What a single-use link in an e-mail lets its holder do: set the first password of an invited account, or a new
# one after "Passwort vergessen".
LINK_PURPOSES = ("invitation", "password_reset")
# What an attempt counts against: sign-in failures of an address or a trusted device; registrations of an
# address or on an access code; password-reset requests of a client address or for an e-mail address.
ATTEMPT_SCOPES = ("login_address", "login_device", "register_address", "register_code", "reset_address",
                  "reset_email")


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(in_list("role", ROLES), name="role"),
        CheckConstraint(
            "(role = 'parent' AND household_id IS NOT NULL)"
            " OR (role = 'facility' AND facility_id IS NOT NULL AND office_id IS NOT NULL)"
            " OR (role IN ('clerk', 'admin') AND office_id IS NOT NULL)"
            " OR (role = 'provider' AND office_id IS NULL AND facility_id IS NULL AND household_id IS NULL)",
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
    # A deactivated account cannot sign in and its sessions end; an invited one has no usable password yet.
    active: Mapped[bool] = mapped_column(default=True)

    office: Mapped[YouthOffice | None] = relationship()
    facility: Mapped[Facility | None] = relationship()
    household: Mapped[Household | None] = relationship()

    # Flask-Login's user protocol, written out so that models import nothing of the web layer.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        """Return whether the account may be used: itself active, and its youth office (a parent's through the
        household) and facility (if any) too."""
        office = self.office or (self.household.office if self.household else None)
        return (self.active and (office is None or office.active)
                and (self.facility is None or self.facility.active))

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


class AccountLink(Base):
    """A single-use link sent by e-mail (an invitation, a password reset); only a hash of its secret is stored."""

    __tablename__ = "account_link"
    __table_args__ = (CheckConstraint(in_list("purpose", LINK_PURPOSES), name="purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
