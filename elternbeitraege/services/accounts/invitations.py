"""Inviting staff and facility accounts by e-mail: the account is made without a usable password, and a
single-use link (72 hours) lets its holder set one. Used by the provider (an office's first administrator)
and by an office's administrators (clerks, administrators, facility accounts)."""
from __future__ import annotations

import secrets

from ...models import Facility, User, YouthOffice
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput
from ..kernel.uow import UnitOfWork
from ..mail import outbox
from ..mail.compose import compose
from ..office import audit
from . import links
from .users import account_id_of, new_user

SET_PASSWORD_PATH = "/passwort/setzen/"
EMAIL_TAKEN = "Mit dieser E-Mail-Adresse gibt es schon einen Zugang. Geben Sie eine andere Adresse an."
ROLE_NAMES = {"clerk": "Sachbearbeitung", "admin": "Fachadministration", "facility": "Einrichtung",
              "provider": "Betrieb"}


def link_url(public_url: str, secret: str) -> str:
    """Return the address of a set-password link."""
    return f"{public_url.rstrip('/')}{SET_PASSWORD_PATH}{secret}"


def invite(uow: UnitOfWork, actor: Actor, email: str, display_name: str, role: str, office: YouthOffice | None,
           facility: Facility | None = None) -> User:
    """Create the account (no usable password yet), put its invitation mail in the outbox and record both."""
    session = uow.session
    if account_id_of(session, email) is not None:
        raise InvalidInput({"email": EMAIL_TAKEN})
    # A random password nobody knows: the account signs in only once its link has set one.
    user = new_user(email, secrets.token_urlsafe(32), display_name.strip(), role,
                    office_id=office.id if office else None, facility_id=facility.id if facility else None)
    session.add(user)
    session.flush()
    _send_invitation(uow, user, office, facility)
    audit.record(session, actor, office.id if office else None, "user", user.id, "invited", None,
                 {"email": user.email, "role": role, "name": user.display_name,
                  "facility": facility.name if facility else None})
    return user


def resend(uow: UnitOfWork, actor: Actor, user: User) -> None:
    """Send a new invitation link (older links stop working) and record it; the caller commits."""
    _send_invitation(uow, user, user.office, user.facility)
    audit.record(uow.session, actor, user.office_id, "user", user.id, "invitation_resent")


def _send_invitation(uow: UnitOfWork, user: User, office: YouthOffice | None, facility: Facility | None) -> None:
    secret = links.issue(uow.session, user, links.INVITATION)
    place = facility.name if facility else office.name if office else "Betrieb der Installation"
    signature = office.name if office else "Der Betrieb von Elternbeiträge"
    mail = compose("staff_invitation", user.email, "Ihr Zugang zu Elternbeiträge", signature,
                   role_label=ROLE_NAMES.get(user.role, user.role), place=place,
                   link=link_url(uow.public_url, secret))
    outbox.put(uow.session, mail, office.id if office else None)


def send_password_reset(uow: UnitOfWork, user: User) -> None:
    """Put a password-reset mail (a single-use link, valid one hour) for the account in the outbox; caller commits."""
    secret = links.issue(uow.session, user, links.PASSWORD_RESET)
    office = user.office or (uow.session.get(YouthOffice, user.household.office_id) if user.household else None)
    signature = office.name if office else "Der Betrieb von Elternbeiträge"
    mail = compose("password_reset", user.email, "Neues Passwort für Elternbeiträge", signature,
                   link=link_url(uow.public_url, secret))
    outbox.put(uow.session, mail, office.id if office else None)
