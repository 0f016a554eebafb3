"""The provider's commands on youth offices: create and edit one (the letterhead's values and checks), deactivate
and reactivate it, apply its statutes, invite its administrators.

Only the provider (the operator of the installation) and the system (a command on the server) act here; anybody
else gets ``NotFound``. The provider sees no families, cases or documents: these commands touch the office row,
its statute schedule and its administrators' accounts, nothing else. Every change is recorded.
"""
from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import User, YouthOffice
from ..accounts import invitations
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.uow import UnitOfWork
from . import audit, statutes
from .letterhead import FIELDS, Letterhead, letterhead_of, letterhead_problems, tidied

log = logging.getLogger(__name__)

OPERATORS = ("provider", "system")
# What the record keeps of a letterhead's change: names and plain values, the bank details only masked.
BANK_FIELDS = ("iban",)
ALREADY = {True: "Das Jugendamt ist schon aktiv.", False: "Das Jugendamt ist schon deaktiviert."}


def operated_office(session: Session, actor: Actor, office_id: int) -> YouthOffice:
    """Return the office for the provider or the system; NotFound for anybody else or an unknown id."""
    if actor.role not in OPERATORS:
        raise NotFound("office")
    office = session.get(YouthOffice, office_id)
    if office is None:
        raise NotFound("office")
    return office


def require_operator(actor: Actor) -> None:
    """Refuse anybody but the provider and the system (NotFound)."""
    if actor.role not in OPERATORS:
        raise NotFound("office")


def _checked(letterhead: Letterhead) -> Letterhead:
    letterhead = tidied(letterhead)
    problems = letterhead_problems(letterhead)
    if problems:
        raise InvalidInput(problems)
    return letterhead


def _recorded(letterhead: Letterhead) -> dict[str, object]:
    values: dict[str, object] = asdict(letterhead)
    for name in BANK_FIELDS:
        text = str(values[name]).replace(" ", "")
        values[name] = f"{text[:4]}…{text[-4:]}" if text else ""
    return values


def create_office(uow: UnitOfWork, actor: Actor, letterhead: Letterhead) -> YouthOffice:
    """Create an active youth office with its letterhead; refuse missing or malformed values in German."""
    require_operator(actor)
    letterhead = _checked(letterhead)
    session = uow.session
    with uow.writing():
        office = YouthOffice(**asdict(letterhead), active=True)
        session.add(office)
        session.flush()
        audit.record(session, actor, office.id, "office", office.id, "created", None, _recorded(letterhead))
    log.info("office %s created by user %s", office.id, actor.user_id)
    return office


def edit_office(uow: UnitOfWork, actor: Actor, office_id: int, letterhead: Letterhead) -> YouthOffice:
    """Change an office's name, address, contact, court, data protection and bank details."""
    office = operated_office(uow.session, actor, office_id)
    letterhead = _checked(letterhead)
    before = letterhead_of(office)
    with uow.writing():
        for name in FIELDS:
            setattr(office, name, getattr(letterhead, name))
        audit.record(uow.session, actor, office.id, "office", office.id, "edited", _recorded(before),
                     _recorded(letterhead))
    log.info("office %s edited by user %s", office.id, actor.user_id)
    return office


def set_office_active(uow: UnitOfWork, actor: Actor, office_id: int, active: bool) -> YouthOffice:
    """Deactivate an office (its users cannot sign in, their sessions end; its data stays) or reactivate it."""
    office = operated_office(uow.session, actor, office_id)
    if office.active == active:
        raise InvalidInput({"office": ALREADY[active]})
    with uow.writing():
        office.active = active
        audit.record(uow.session, actor, office.id, "office", office.id,
                     "reactivated" if active else "deactivated", {"active": not active}, {"active": active})
    log.info("office %s %s by user %s", office.id, "reactivated" if active else "deactivated", actor.user_id)
    return office


def assign_statute(uow: UnitOfWork, actor: Actor, office_id: int, statute_id: str, valid_from: date):
    """Apply a statute in an office from a first day of a month on (the statutes' own checks), and record it."""
    office = operated_office(uow.session, actor, office_id)
    # The record is written first so that it is committed with the schedule's entry, or thrown away with it.
    audit.record(uow.session, actor, office.id, "office", office.id, "statute_assigned", None,
                 {"statute": statute_id, "valid_from": valid_from.isoformat()})
    try:
        return statutes.assign_statute(uow, Actor(actor.user_id, "system"), statute_id, valid_from,
                                       office_id=office.id)
    except Exception:
        uow.rollback()
        raise


def invite_admin(uow: UnitOfWork, actor: Actor, office_id: int, email: str, display_name: str) -> User:
    """Invite an administrator of the office by e-mail (a single-use link, 72 hours); recorded by the invitation."""
    office = operated_office(uow.session, actor, office_id)
    problems = person_problems(display_name, email)
    if problems:
        raise InvalidInput(problems)
    with uow.writing():
        user = invitations.invite(uow, actor, email, display_name, "admin", office)
    log.info("administrator %s of office %s invited by user %s", user.id, office.id, actor.user_id)
    return user


def resend_invitation(uow: UnitOfWork, actor: Actor, office_id: int, user_id: int) -> User:
    """Send an administrator of the office a new invitation link (older ones stop working)."""
    office = operated_office(uow.session, actor, office_id)
    user = uow.session.scalar(select(User).where(User.id == user_id, User.office_id == office.id,
                                                 User.role == "admin"))
    if user is None:
        raise NotFound("user")
    with uow.writing():
        invitations.resend(uow, actor, user)
    return user


def person_problems(display_name: str, email: str) -> dict[str, str]:
    """Return a German message for a missing or too long name and for a malformed address of a person to invite."""
    problems = {}
    name = " ".join(display_name.split())
    if not name:
        problems["display_name"] = "Geben Sie den Namen der Person an, zum Beispiel Anna Beispiel."
    elif len(name) > 200:
        problems["display_name"] = "Kürzen Sie den Namen auf höchstens 200 Zeichen."
    if not is_address(email):
        problems["email"] = "Geben Sie die E-Mail-Adresse mit @ und Domain an, zum Beispiel name@musterstadt.de."
    return problems


def is_address(text: str) -> bool:
    """Tell whether a text is an e-mail address of at most 254 characters."""
    text = text.strip()
    if not 0 < len(text) <= 254:
        return False
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True
