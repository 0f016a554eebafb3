"""The outbox: every e-mail, written in the transaction of the act that sends it, delivered later exactly once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, in_list, utcnow

MAIL_STATES = ("due", "sending", "sent", "failed")


class OutboxMessage(Base):
    """One e-mail to one address: its text and HTML, its own message id, and where its delivery stands.

    ``due`` waits (again at ``due_at`` after a failed try); ``sending`` is claimed by one sender; ``sent`` has
    been accepted by the SMTP server; ``failed`` gave up after the last try.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (CheckConstraint(in_list("state", MAIL_STATES), name="state"),
                      Index("ix_outbox_message_state_due_at", "state", "due_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("youth_office.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # what the mail is about, e.g. "staff_invitation"
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="due")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    tries: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[datetime | None]
