"""Accounts: parents register with an access code; everybody signs in with e-mail and password."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..models import LoginFailure, User, utcnow
from .admissions import case_by_code
from .errors import InvalidInput

log = logging.getLogger(__name__)

COMMON_PASSWORDS = frozenset({
    "123456789012", "1234567890123", "passwort1234", "password1234", "passwortpasswort",
    "qwertzuiopü", "qwertyuiop12", "111111111111", "000000000000", "abcdefghijkl",
    "hallohallo12", "ichliebedich", "sommer2024sommer", "elternbeitraege", "kindergarten",
    "passwort123456", "password123456", "123456123456", "qwertzqwertz", "asdfghjklöä#",
})
DUMMY_HASH = generate_password_hash("keinpasswortvorhanden", method="scrypt")


def hash_password(password: str) -> str:
    """Hash a password with scrypt."""
    return generate_password_hash(password, method="scrypt")


def password_problem(password: str, email: str = "") -> str | None:
    """Return why a password cannot be used, or None (12 to 64 characters, not common)."""
    if len(password) < 12:
        return "Das Passwort muss mindestens 12 Zeichen lang sein."
    if len(password) > 64:
        return "Das Passwort darf höchstens 64 Zeichen lang sein."
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4 or (email and email.lower().split("@")[0] in lowered):
        return "Dieses Passwort ist zu leicht zu erraten. Wählen Sie ein anderes, z. B. vier zufällige Wörter."
    return None


def new_user(email: str, password: str, display_name: str, role: str, **scope) -> User:
    """Return a new account with a hashed password and a fresh session token."""
    return User(email=email.strip().lower(), password_hash=hash_password(password), display_name=display_name,
                role=role, session_token=secrets.token_hex(16), **scope)


def register_parent(session: Session, code: str, email: str, password: str) -> User:
    """Create a parent account for the household that the access code belongs to."""
    errors = {}
    case = case_by_code(session, code)
    if case is None:
        errors["code"] = "Zu diesem Zugangscode gibt es keine Einladung. Prüfen Sie den Code im Brief."
    elif case.access_code_redeemed_at is not None:
        errors["code"] = "Dieser Zugangscode wurde schon verwendet. Melden Sie sich mit Ihrem Konto an."
    problem = password_problem(password, email)
    if problem:
        errors["password"] = problem
    if session.scalar(select(func.count()).where(User.email == email.strip().lower())):
        errors["email"] = "Mit dieser E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich an."
    if errors:
        raise InvalidInput(errors)
    household = case.household
    user = new_user(email, password, " ".join(household.parent_names[:1]), "parent", household_id=household.id)
    case.access_code_redeemed_at = utcnow()
    session.add(user)
    session.commit()
    log.info("parent account %s registered for household %s", user.id, household.id)
    return user


@dataclass(frozen=True)
class Throttle:
    """How many failures lock an account, and how many from one address refuse every sign-in, for how long."""

    per_account: int = 5
    per_address: int = 20
    seconds: int = 300


def authenticate(session: Session, email: str, password: str, address: str, throttle: Throttle,
                 now: datetime | None = None) -> User | None:
    """Return the user for good credentials; count failures per account and per address."""
    now = now or utcnow()
    if _address_blocked(session, address, throttle, now):
        check_password_hash(DUMMY_HASH, password)
        return None
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        check_password_hash(DUMMY_HASH, password)  # same work whether or not the account exists
        _record_failure(session, address, now)
        return None
    locked_until = user.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=now.tzinfo)
    if locked_until and locked_until > now:
        return None
    if not check_password_hash(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= throttle.per_account:
            user.locked_until = now + timedelta(seconds=throttle.seconds)
            user.failed_logins = 0
            log.warning("account %s locked after failed logins", user.id)
        _record_failure(session, address, now)
        return None
    user.failed_logins = 0
    user.locked_until = None
    session.commit()
    return user


def _address_blocked(session: Session, address: str, throttle: Throttle, now: datetime) -> bool:
    since = now - timedelta(seconds=throttle.seconds)
    failures = session.scalar(select(func.count()).select_from(LoginFailure)
                              .where(LoginFailure.address == address, LoginFailure.at > since))
    if failures >= throttle.per_address:
        log.warning("sign-ins from an address refused after %s failures", failures)
        return True
    return False


def _record_failure(session: Session, address: str, now: datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - timedelta(days=1)))
    session.add(LoginFailure(address=address[:64], at=now))
    session.commit()


def end_session(session: Session, user: User) -> None:
    """Rotate the session token so that every cookie of this login stops working."""
    user.session_token = secrets.token_hex(16)
    session.commit()
