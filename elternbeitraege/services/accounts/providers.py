"""Provider accounts (the operator of the installation): made on the server's command line, never with a default
password — the account gets an unusable one and a single-use link (72 hours) to set its own."""
from __future__ import annotations

import logging
import secrets

from ...models import User
from ..kernel.actor import SYSTEM, Actor
from ..kernel.errors import InvalidInput
from ..kernel.uow import UnitOfWork
from ..office import audit
from ..office.offices import is_address
from . import links
from .invitations import EMAIL_TAKEN
from .users import account_id_of, new_user, normal_email

log = logging.getLogger(__name__)


def create_provider(uow: UnitOfWork, email: str, display_name: str, actor: Actor = SYSTEM) -> tuple[User, str]:
    """Create a provider account without a usable password; return it and the secret of its set-password link."""
    session = uow.session
    address = normal_email(email)
    if not is_address(address):
        raise InvalidInput({"email": "Geben Sie die E-Mail-Adresse mit @ und Domain an, zum Beispiel "
                                     "betrieb@it-dienstleister.de."})
    name = " ".join(display_name.split()) or address
    if len(name) > 200:
        raise InvalidInput({"display_name": "Kürzen Sie den Namen auf höchstens 200 Zeichen."})
    with uow.writing():
        if account_id_of(session, address) is not None:
            raise InvalidInput({"email": EMAIL_TAKEN})
        # A random password nobody knows: the account signs in only once its link has set one.
        user = new_user(address, secrets.token_urlsafe(32), name, "provider")
        session.add(user)
        session.flush()
        secret = links.issue(session, user, links.INVITATION)
        audit.record(session, actor, None, "user", user.id, "created", None,
                     {"email": address, "role": "provider", "name": name})
    log.info("provider account %s created", user.id)
    return user, secret
