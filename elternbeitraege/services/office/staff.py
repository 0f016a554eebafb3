"""The administrator's commands on the office's accounts: clerks, administrators and facility accounts.

Invite by e-mail (a single-use link, 72 hours), resend the invitation, deactivate (its sessions end at once) and
reactivate, send a password-reset link, change the role between clerk and administrator. The administrator acts in
the own office only, the system (a command on the server) in the office it names; parents' accounts and any other
office's are ``NotFound`` here. The office keeps at least one active administrator. Every change is recorded.
"""
from __future__ import annotations

import logging
import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import AccountLink, Facility, User
from ..accounts import invitations, links
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.scope import office_of
from ..kernel.uow import UnitOfWork
from . import audit
from .offices import person_problems

log = logging.getLogger(__name__)

STAFF_ROLES = ("clerk", "admin", "facility")
OFFICE_ROLES = ("clerk", "admin")  # the roles one can change between
LAST_ADMIN = {
    "deactivate": "Das ist das letzte aktive Konto der Fachadministration dieses Jugendamts. Es kann nicht "
                  "deaktiviert werden. Laden Sie erst eine weitere Person in die Fachadministration ein.",
    "demote": "Das ist das letzte aktive Konto der Fachadministration dieses Jugendamts. Seine Rolle kann nicht "
              "geändert werden. Laden Sie erst eine weitere Person in die Fachadministration ein.",
}
MESSAGES = {
    "role": "Wählen Sie die Rolle aus: Sachbearbeitung, Fachadministration oder Einrichtung.",
    "facility": "Wählen Sie die Einrichtung aus, für die das Konto gilt.",
    "facility_inactive": "Die Einrichtung ist deaktiviert. Aktivieren Sie sie erst wieder oder wählen Sie eine "
                         "andere.",
    "office_role": "Wählen Sie die neue Rolle aus: Sachbearbeitung oder Fachadministration.",
    "facility_role": "Die Rolle eines Einrichtungskontos kann nicht geändert werden. Laden Sie die Person mit "
                     "einer anderen E-Mail-Adresse in der neuen Rolle ein.",
    "same_role": "Das Konto hat diese Rolle schon.",
    "not_invited": "Das Konto ist schon aktiv: Die Person hat ihr Passwort gesetzt. Senden Sie stattdessen einen "
                   "Link zum Zurücksetzen des Passworts.",
    "invited": "Die Person hat ihr Passwort noch nicht gesetzt. Senden Sie stattdessen die Einladung erneut.",
    "deactivated": "Das Konto ist deaktiviert. Aktivieren Sie es erst wieder.",
}
ALREADY = {True: "Das Konto ist schon aktiv.", False: "Das Konto ist schon deaktiviert."}



def invited_ids(session: Session, user_ids: list[int]) -> set[int]:
    """Return which of the accounts are invited and have not yet set their password by the invitation link.

    A newer link voids older ones, so the account's newest invitation link tells: unused, the invitation is open.
    """
    if not user_ids:
        return set()
    newest = (select(AccountLink.user_id, func.max(AccountLink.id).label("link_id"))
              .where(AccountLink.user_id.in_(user_ids), AccountLink.purpose == links.INVITATION)
              .group_by(AccountLink.user_id).subquery())
    return set(session.scalars(select(AccountLink.user_id).join(newest, AccountLink.id == newest.c.link_id)
                               .where(AccountLink.used_at.is_(None))))


def office_account(session: Session, actor: Actor, user_id: int, office_id: int | None = None) -> User:
    """Return a staff or facility account of the administrator's own office (or the system's named one)."""
    office = office_of(session, actor, office_id)
    user = session.scalar(select(User).where(User.id == user_id, User.office_id == office.id,
                                             User.role.in_(STAFF_ROLES)))
    if user is None:
        raise NotFound("user")
    return user


def _other_active_admins(session: Session, user: User) -> int:
    """Count the office's other administrators who can act: active and past their invitation."""
    others = list(session.scalars(select(User.id).where(User.office_id == user.office_id, User.role == "admin",
                                                        User.active.is_(True), User.id != user.id)))
    return len(set(others) - invited_ids(session, others))


def invite_staff(uow: UnitOfWork, actor: Actor, email: str, display_name: str, role: str,
                 facility_id: int | None = None, office_id: int | None = None) -> User:
    """Invite a clerk, an administrator or a facility's account by e-mail (a single-use link, 72 hours)."""
    session = uow.session
    office = office_of(session, actor, office_id)
    problems = person_problems(display_name, email)
    name = " ".join(display_name.split())
    facility = None
    if role not in STAFF_ROLES:
        problems["role"] = MESSAGES["role"]
    elif role == "facility":
        facility = session.scalar(select(Facility).where(Facility.id == facility_id, Facility.office_id == office.id)
                                  ) if facility_id is not None else None
        if facility is None:
            problems["facility_id"] = MESSAGES["facility"]
        elif not facility.active:
            problems["facility_id"] = MESSAGES["facility_inactive"]
    if problems:
        raise InvalidInput(problems)
    with uow.writing():
        user = invitations.invite(uow, actor, email, name, role, office, facility)
    log.info("account %s (%s) of office %s invited by user %s", user.id, role, office.id, actor.user_id)
    return user


def resend_invitation(uow: UnitOfWork, actor: Actor, user_id: int, office_id: int | None = None) -> User:
    """Send an invited account a new invitation link (older links stop working)."""
    user = office_account(uow.session, actor, user_id, office_id)
    if not user.active:
        raise InvalidInput({"user": MESSAGES["deactivated"]})
    if user.id not in invited_ids(uow.session, [user.id]):
        raise InvalidInput({"user": MESSAGES["not_invited"]})
    with uow.writing():
        invitations.resend(uow, actor, user)
    log.info("invitation of account %s resent by user %s", user.id, actor.user_id)
    return user


def set_account_active(uow: UnitOfWork, actor: Actor, user_id: int, active: bool, office_id: int | None = None
                       ) -> User:
    """Deactivate an account (it cannot sign in; its sessions end at once) or reactivate it."""
    session = uow.session
    user = office_account(session, actor, user_id, office_id)
    if user.active == active:
        raise InvalidInput({"user": ALREADY[active]})
    if not active and user.role == "admin" and not _other_active_admins(session, user):
        raise InvalidInput({"user": LAST_ADMIN["deactivate"]})
    with uow.writing():
        user.active = active
        user.session_token = secrets.token_hex(16)  # every session of the account ends, also after reactivation
        audit.record(session, actor, user.office_id, "user", user.id, "reactivated" if active else "deactivated",
                     {"active": not active}, {"active": active})
    log.info("account %s %s by user %s", user.id, "reactivated" if active else "deactivated", actor.user_id)
    return user


def send_password_reset(uow: UnitOfWork, actor: Actor, user_id: int, office_id: int | None = None) -> User:
    """Mail the account a single-use link (one hour) to set a new password; its password stays until then."""
    user = office_account(uow.session, actor, user_id, office_id)
    if not user.active:
        raise InvalidInput({"user": MESSAGES["deactivated"]})
    if user.id in invited_ids(uow.session, [user.id]):
        raise InvalidInput({"user": MESSAGES["invited"]})
    with uow.writing():
        invitations.send_password_reset(uow, user)
        audit.record(uow.session, actor, user.office_id, "user", user.id, "password_reset_sent")
    log.info("password reset of account %s sent by user %s", user.id, actor.user_id)
    return user


def change_role(uow: UnitOfWork, actor: Actor, user_id: int, role: str, office_id: int | None = None) -> User:
    """Make a clerk an administrator or an administrator a clerk; the last active administrator stays one."""
    session = uow.session
    user = office_account(session, actor, user_id, office_id)
    if user.role == "facility":
        raise InvalidInput({"role": MESSAGES["facility_role"]})
    if role not in OFFICE_ROLES:
        raise InvalidInput({"role": MESSAGES["office_role"]})
    if role == user.role:
        raise InvalidInput({"role": MESSAGES["same_role"]})
    if user.role == "admin" and user.active and not _other_active_admins(session, user):
        raise InvalidInput({"role": LAST_ADMIN["demote"]})
    before = user.role
    with uow.writing():
        user.role = role
        audit.record(session, actor, user.office_id, "user", user.id, "role_changed", {"role": before},
                     {"role": role})
    log.info("role of account %s changed from %s to %s by user %s", user.id, before, role, actor.user_id)
    return user
