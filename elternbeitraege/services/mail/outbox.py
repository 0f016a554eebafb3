"""Putting a message in the outbox, in the transaction of the act that sends it (the caller commits)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ...models import OutboxMessage

MESSAGE_ID_DOMAIN = "elternbeitraege.invalid"  # the right-hand side of every Message-ID this installation makes


@dataclass(frozen=True)
class Mail:
    """A composed e-mail: to whom, its subject, and its body as plain text and as HTML."""

    kind: str
    to: str
    subject: str
    text: str
    html: str


def put(session: Session, mail: Mail, office_id: int | None) -> OutboxMessage:
    """Add the mail to the outbox with a message id of its own; delivered by ``mail send-due`` once committed."""
    message = OutboxMessage(message_id=f"<{secrets.token_hex(16)}@{MESSAGE_ID_DOMAIN}>", office_id=office_id,
                            kind=mail.kind, to_address=mail.to, subject=mail.subject, text_body=mail.text,
                            html_body=mail.html, state="due", tries=0, last_error="")
    session.add(message)
    return message
