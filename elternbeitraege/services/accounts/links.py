"""Single-use links sent by e-mail: an invitation to set the first password, or a password reset.

The link carries a random secret; only its SHA-256 is stored, so the database alone opens no account. A
link works once, until it expires; a newer link of the same purpose makes older ones void.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...models import AccountLink, User, utcnow
from ..kernel.errors import InvalidInput
from ..kernel.uow import UnitOfWork
from .users import hash_password, password_problem

INVITATION = "invitation"
PASSWORD_RESET = "password_reset"
LIFETIMES = {INVITATION: timedelta(hours=72), PASSWORD_RESET: timedelta(hours=1)}

# One plain explanation for a link that is unknown, used, replaced or expired: a forged link learns nothing.
LINK_REFUSED = ("Dieser Link gilt nicht mehr. Links zum Setzen eines Passworts gelten nur einmal und nur für kurze "
                "Zeit (Einladungen 72 Stunden, „Passwort vergessen“ eine Stunde). Fordern Sie unter "
                "„Passwort vergessen“ einen neuen Link an oder bitten Sie Ihre Verwaltung um eine neue Einladung.")


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def issue(session: Session, user: User, purpose: str, now: datetime | None = None) -> str:
    """Add a new link for the user (void older ones of the purpose) and return its secret; the caller commits."""
    now = now or utcnow()
    session.execute(update(AccountLink).where(AccountLink.user_id == user.id, AccountLink.purpose == purpose,
                                              AccountLink.used_at.is_(None)).values(used_at=now))
    secret = secrets.token_urlsafe(32)
    session.add(AccountLink(user_id=user.id, purpose=purpose, secret_hash=secret_hash(secret), created_at=now,
                            expires_at=now + LIFETIMES[purpose]))
    return secret


def valid_link(session: Session, secret: str, now: datetime | None = None) -> AccountLink | None:
    """Return the unused, unexpired link of this secret whose account may still be used, else None."""
    if not secret or len(secret) > 100:
        return None
    link = session.scalar(select(AccountLink).where(AccountLink.secret_hash == secret_hash(secret)))
    now = now or utcnow()
    if link is None or link.used_at is not None or _aware(link.expires_at) <= now or not link.user.is_active:
        return None
    return link


def set_password(uow: UnitOfWork, secret: str, password: str, now: datetime | None = None) -> User:
    """Use the link: give its account the new password, end its other sessions, and void the link."""
    session = uow.session
    link = valid_link(session, secret, now)
    if link is None:
        raise InvalidInput({"link": LINK_REFUSED})
    user = link.user
    problem = password_problem(password, user.email)
    if problem:
        raise InvalidInput({"password": problem})
    with uow.writing():
        user.password_hash = hash_password(password)
        user.session_token = secrets.token_hex(16)
        user.failed_logins, user.locked_until = 0, None
        link.used_at = now or utcnow()
    return user


def _aware(moment: datetime) -> datetime:
    """SQLite hands times back without their zone; they are stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
