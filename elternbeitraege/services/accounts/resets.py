""""Passwort vergessen": a single-use link (one hour) by e-mail, for every role, parents included.

The answer is the same whether an address has an account or not: the request is counted and committed either
way, and only an existing, usable account gets a mail. Requests are limited per client address (who asks) and
per e-mail address (whose mailbox would fill); over the address's limit the page says so, over the e-mail's
limit nothing more is sent and the page answers as always.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from ...models import User
from ...ratelimit import Rate
from ..kernel.errors import InvalidInput
from ..kernel.uow import UnitOfWork
from . import attempts, invitations
from .attempts import Keyring
from .users import normal_email, too_many_tries

log = logging.getLogger(__name__)

ADDRESS_SCOPE, EMAIL_SCOPE = "reset_address", "reset_email"


@dataclass(frozen=True)
class ResetLimits:
    """How many requests a client address, and how many an e-mail address, may make per period."""

    per_address: Rate | None
    per_email: Rate | None


def request_reset(uow: UnitOfWork, email: str, client_address: str, limits: ResetLimits, keyring: Keyring) -> None:
    """Count the request and, for an existing usable account, put a reset mail in the outbox; raise only when the
    client address used up its requests (``InvalidInput`` on ``email``)."""
    session = uow.session
    address = normal_email(email)
    address_key = keyring.key(ADDRESS_SCOPE, client_address)
    email_key = keyring.key(EMAIL_SCOPE, address)
    if attempts.exceeded(session, ADDRESS_SCOPE, address_key, limits.per_address):
        log.warning("password reset refused: too many requests from one client address")
        raise InvalidInput({"email": too_many_tries(limits.per_address)})
    mailbox_full = attempts.exceeded(session, EMAIL_SCOPE, email_key, limits.per_email)
    with uow.writing():
        attempts.record(session, (ADDRESS_SCOPE, address_key), (EMAIL_SCOPE, email_key))
        user = session.scalar(select(User).where(User.email == address))
        if user is not None and user.is_active and not mailbox_full:
            invitations.send_password_reset(uow, user)
            log.info("password reset link sent to account %s", user.id)
        elif mailbox_full:
            log.warning("password reset: the e-mail address used up its requests, nothing sent")
