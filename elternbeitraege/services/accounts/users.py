"""Accounts: parents register with an access code; everybody signs in with e-mail and password."""
from __future__ import annotations

import functools
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ...models import User, utcnow
from ...ratelimit import Rate
from ..cases.admissions import case_by_code, hash_code
from ..kernel.errors import InvalidInput
from ..kernel.uow import UnitOfWork
from ..mail import parents as parent_mail
from . import attempts
from .attempts import Keyring

log = logging.getLogger(__name__)

COMMON_PASSWORDS = frozenset({
    "123456789012", "1234567890123", "passwort1234", "password1234", "passwortpasswort",
    "qwertzuiopü", "qwertyuiop12", "111111111111", "000000000000", "abcdefghijkl",
    "hallohallo12", "ichliebedich", "sommer2024sommer", "elternbeitraege", "kindergarten",
    "passwort123456", "password123456", "123456123456", "qwertzqwertz", "asdfghjklöä#",
})
# Werkzeug's scrypt (N=2**15, r=8, p=1): about 80 ms a hash here. The test suite lowers the cost (tests/conftest.py).
HASH_METHOD = "scrypt"


def hash_password(password: str) -> str:
    """Hash a password with scrypt."""
    return generate_password_hash(password, method=HASH_METHOD)


@functools.cache
def _dummy_hash(method: str) -> str:
    """Return a hash no password matches, checked for unknown addresses so that they cost as much as known ones."""
    return generate_password_hash("keinpasswortvorhanden", method=method)


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
    return _account(email, hash_password(password), display_name, role, **scope)


def _account(email: str, password_hash: str, display_name: str, role: str, **scope) -> User:
    return User(email=normal_email(email), password_hash=password_hash, display_name=display_name, role=role,
                session_token=secrets.token_hex(16), **scope)


# One answer for a code that opens nothing and for a code already used: it must not tell real codes from guesses.
CODE_REFUSED = ("Mit diesem Zugangscode kann kein Konto angelegt werden. Prüfen Sie den Code im Brief. Haben Sie "
                "damit schon ein Konto angelegt, melden Sie sich an.")


@dataclass(frozen=True)
class Client:
    """Who asks: the client's address (as the trusted proxies report it) and, if any, the device it signed in from."""

    address: str
    device: Device | None = None


@dataclass(frozen=True)
class Device:
    """A browser that signed in to an account before (from its signed cookie): its account and its own nonce."""

    user_id: int
    nonce: str


@dataclass(frozen=True)
class RegistrationLimits:
    """How many registrations an address, and how many tries an access code, may make per period."""

    per_address: Rate | None
    per_code: Rate | None


def normal_email(email: str) -> str:
    """Return the form of an e-mail address that accounts are stored and found by."""
    return email.strip().lower()


def account_id_of(session: Session, email: str) -> int | None:
    """Return the id of the account with this address (in its stored form), or None."""
    return session.scalar(select(User.id).where(User.email == normal_email(email)))


def register_parent(uow: UnitOfWork, code: str, email: str, password: str, client: Client, limits: RegistrationLimits,
                    keyring: Keyring) -> User | None:
    """Create a parent account for the household of an unused access code; answer alike whether the address exists.

    An address that already has an account gets no second one (None is returned): the same work is
    done and nothing is raised, so the page answers as for a new account; the holder is told by e-mail
    that someone tried. A new account gets its confirmation — either way one mail, in the same transaction.
    """
    session = uow.session
    _count_registration(uow, code, client, limits, keyring)
    case = case_by_code(session, code)
    errors = {}
    if case is None or case.access_code_redeemed_at is not None:
        errors["code"] = CODE_REFUSED
    problem = password_problem(password, email)
    if problem:
        errors["password"] = problem
    if errors:
        raise InvalidInput(errors)
    password_hash = hash_password(password)  # before looking the address up: the same work either way
    holder = account_id_of(session, email)
    if holder is not None:
        log.info("registration for case %s with the address of account %s: no account created", case.id, holder)
        parent_mail.registration_attempt(session, normal_email(email), case.office, uow.public_url)
        uow.commit()
        return None
    household = case.household
    user = _account(email, password_hash, " ".join(household.parent_names[:1]), "parent", household_id=household.id)
    case.access_code_redeemed_at = utcnow()
    session.add(user)
    parent_mail.registration_confirmed(session, user, case.office, uow.public_url)
    uow.commit()
    log.info("parent account %s registered for household %s", user.id, household.id)
    return user


def _count_registration(uow: UnitOfWork, code: str, client: Client, limits: RegistrationLimits,
                        keyring: Keyring) -> None:
    """Refuse when the address or the code used up its tries; else count this one, kept whatever follows."""
    session = uow.session
    address_key = keyring.key("register_address", client.address)
    code_key = keyring.key("register_code", hash_code(code))
    for scope, key, rate in (("register_address", address_key, limits.per_address),
                             ("register_code", code_key, limits.per_code)):
        if attempts.exceeded(session, scope, key, rate):
            log.warning("registration refused: too many tries (%s)", scope)
            raise InvalidInput({"code": too_many_tries(rate)})
    attempts.record(session, ("register_address", address_key), ("register_code", code_key))
    uow.commit()


def too_many_tries(rate: Rate | None) -> str:
    """Say in German that the tries are used up and when to try again."""
    wait = {1: "eine Sekunde", 60: "eine Minute", 3600: "eine Stunde"}.get(rate.period if rate else 3600,
                                                                             "eine Weile")
    return f"Zu viele Versuche. Warten Sie {wait} und versuchen Sie es dann noch einmal."


@dataclass(frozen=True)
class Throttle:
    """How many failures lock an account (or a trusted device), how many an address may make, for how long."""

    per_account: int = 5
    per_address: int = 20
    seconds: int = 300


def authenticate(uow: UnitOfWork, email: str, password: str, client: Client, throttle: Throttle, keyring: Keyring,
                 now: datetime | None = None) -> User | None:
    """Return the user for good credentials; every answer costs one password hash, whatever the account's state.

    Failures lock the account, and an address that fails often is refused altogether — except for a
    browser that signed in to this account before (its device cookie): one address, or one attacker
    guessing, cannot lock out the people who use the account every day. A trusted device's failures
    count against that device.
    """
    session = uow.session
    now = now or utcnow()
    user = session.scalars(select(User).where(User.email == normal_email(email))).first()
    device_key = _trusted_device(session, user, client, throttle, keyring, now)
    address_key = keyring.key("login_address", client.address)
    refused = device_key is None and (_locked(user, now) or attempts.exceeded(
        session, "login_address", address_key, Rate(throttle.per_address, throttle.seconds), now))
    right = check_password_hash(user.password_hash if user is not None and not refused else _dummy_hash(HASH_METHOD),
                                password)
    if user is not None and not refused and right and not user.is_active:
        log.info("sign-in refused: account %s or its office is deactivated", user.id)
        return None
    if user is not None and not refused and right:
        user.failed_logins = 0
        user.locked_until = None
        uow.commit()
        return user
    if refused:
        log.warning("sign-in refused: account locked or address over its limit")
    elif device_key is not None:
        attempts.record(session, ("login_device", device_key), now=now)
    else:
        _count_failure(session, user, address_key, throttle, now)
    uow.commit()
    return None


def _trusted_device(session: Session, user: User | None, client: Client, throttle: Throttle, keyring: Keyring,
                    now: datetime) -> str | None:
    """Return the key of the client's device if it signed in to this account before and has not failed too often."""
    device = client.device
    if user is None or device is None or device.user_id != user.id:
        return None
    key = keyring.key("login_device", device.nonce)
    if attempts.exceeded(session, "login_device", key, Rate(throttle.per_account, throttle.seconds), now):
        return None
    return key


def _locked(user: User | None, now: datetime) -> bool:
    locked_until = user.locked_until if user is not None else None
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=now.tzinfo)
    return locked_until is not None and locked_until > now


def _count_failure(session: Session, user: User | None, address_key: str, throttle: Throttle, now: datetime) -> None:
    if user is not None:
        user.failed_logins += 1
        if user.failed_logins >= throttle.per_account:
            user.locked_until = now + timedelta(seconds=throttle.seconds)
            user.failed_logins = 0
            log.warning("account %s locked after failed logins", user.id)
    attempts.record(session, ("login_address", address_key), now=now)


def end_session(uow: UnitOfWork, user: User) -> None:
    """Rotate the session token so that every cookie of this login stops working."""
    user.session_token = secrets.token_hex(16)
    uow.commit()
