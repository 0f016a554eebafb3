"""Delivering the outbox: each due message claimed, handed to the SMTP server, marked sent — never twice by design.

How a message moves, each step its own committed transaction:

1. **claim** — ``due`` → ``sending`` with ``claimed_at``, by a conditional update (only if it is still
   ``due``), committed *before* the server is contacted. Two senders at once never take the same message,
   and a sender killed after its claim leaves the message ``sending``: it is not sent again by the next run.
2. **deliver** — the message goes out with its own ``Message-ID`` header (the outbox's ``message_id``).
3. **sent** — marked ``sent`` with ``sent_at`` once the server accepted it. On an error instead ``tries``
   goes up, ``last_error`` says why, and the message is ``due`` again after the back-off (1, 5, 30 minutes,
   2 hours, 12 hours); after the last try it is ``failed``.

SMTP has no exactly-once: a sender that dies between the server's "250 accepted" and step 3 cannot know
whether the mail went out. Such a message stays ``sending`` (``flask mail list`` shows it) and is not resent
at once. Only after ``stuck_after`` (``MAIL_REQUEUE_AFTER_HOURS``, 24 hours by default; 0: never) is it put
back as due — counted as a try, with a note in ``last_error`` — because losing a mail is worse than a rare
second copy; that copy carries the same ``Message-ID``, so a receiving system can drop it. An operator can
also re-queue it at once (``flask mail requeue``) after checking the server's log.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from ...models import OutboxMessage, utcnow
from ..kernel.uow import one_writer
from .transports import Transport, Unreachable

log = logging.getLogger(__name__)

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=12))
MAX_TRIES = len(BACKOFF) + 1  # the first try and one after each back-off
STUCK_AFTER = timedelta(hours=24)
MANUAL_NOTE = "von Hand erneut eingereiht"
STUCK_NOTE = "Zustellung unterbrochen (Absender beendet, Annahme durch den Server unbekannt); erneut eingereiht"


@dataclass(frozen=True)
class Claimed:
    """A message this sender has claimed: what it needs to build and send it, read in the claiming transaction."""

    id: int
    message_id: str
    to: str
    subject: str
    text: str
    html: str
    tries: int
    claimed_at: datetime


@dataclass
class Report:
    """What a run did: the message ids sent, retried later (with why), failed for good, and why it stopped early."""

    sent: list[str] = field(default_factory=list)
    retried: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    requeued: list[str] = field(default_factory=list)
    stopped: str | None = None


def send_due(new_session: Callable[[], Session], transport: Transport, sender: str, now: datetime | None = None,
             limit: int | None = None, stuck_after: timedelta | None = STUCK_AFTER) -> Report:
    """Deliver the messages due at ``now``, one at a time, each claimed and committed before it is sent."""
    report = Report()
    clock = (lambda: now) if now is not None else utcnow
    if stuck_after:
        report.requeued = requeue_stuck(new_session, clock() - stuck_after)
    try:
        while limit is None or len(report.sent) + len(report.retried) + len(report.failed) < limit:
            claimed = claim_next(new_session, clock())
            if claimed is None:
                break
            try:
                transport.send(build(claimed, sender))
            except Unreachable as error:
                _failed(new_session, claimed, str(error), clock(), report)
                report.stopped = str(error)
                break
            except Exception as error:  # noqa: BLE001  (any failure of one message: tried again later)
                _failed(new_session, claimed, f"{type(error).__name__}: {error}", clock(), report)
                continue
            mark_sent(new_session, claimed, utcnow())
            report.sent.append(claimed.message_id)
            log.info("mail %s (%s) sent", claimed.id, claimed.message_id)
    finally:
        transport.close()
    return report


def claim_next(new_session: Callable[[], Session], now: datetime) -> Claimed | None:
    """Claim the oldest due message (``due`` → ``sending``) and commit; None when nothing is due."""
    while True:
        with new_session() as session, one_writer(session):
            message = session.scalars(select(OutboxMessage).where(
                OutboxMessage.state == "due", OutboxMessage.due_at <= now)
                .order_by(OutboxMessage.due_at, OutboxMessage.id).limit(1)).first()
            if message is None:
                return None
            taken = cast(CursorResult, session.execute(update(OutboxMessage).where(
                OutboxMessage.id == message.id, OutboxMessage.state == "due")
                .values(state="sending", claimed_at=now).execution_options(synchronize_session=False)))
            if taken.rowcount == 1:
                return Claimed(message.id, message.message_id, message.to_address, message.subject,
                               message.text_body, message.html_body, message.tries, now)
        # another sender took it between our read and our update: look for the next one


def build(claimed: Claimed, sender: str) -> EmailMessage:
    """Return the message as sent: plain text and HTML as alternatives, its own Message-ID, German."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = claimed.to
    message["Subject"] = claimed.subject
    message["Message-ID"] = claimed.message_id
    message["Date"] = format_datetime(utcnow())
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message["Content-Language"] = "de"
    message.set_content(claimed.text)
    message.add_alternative(claimed.html, subtype="html")
    return message


def mark_sent(new_session: Callable[[], Session], claimed: Claimed, at: datetime) -> None:
    """Record that the server accepted the message."""
    with new_session() as session, one_writer(session):
        session.execute(update(OutboxMessage).where(OutboxMessage.id == claimed.id, OutboxMessage.state == "sending")
                        .values(state="sent", sent_at=at, last_error="").execution_options(synchronize_session=False))


def next_try(tries: int, now: datetime) -> tuple[str, datetime]:
    """Return the state and due time after the ``tries``-th failed try: due again after the back-off, or failed."""
    if tries >= MAX_TRIES:
        return "failed", now
    return "due", now + BACKOFF[tries - 1]


def _failed(new_session: Callable[[], Session], claimed: Claimed, error: str, now: datetime, report: Report) -> None:
    tries = claimed.tries + 1
    state, due_at = next_try(tries, now)
    with new_session() as session, one_writer(session):
        session.execute(update(OutboxMessage).where(OutboxMessage.id == claimed.id, OutboxMessage.state == "sending")
                        .values(state=state, due_at=due_at, tries=tries, last_error=error[:500])
                        .execution_options(synchronize_session=False))
    (report.failed if state == "failed" else report.retried).append((claimed.message_id, error))
    log.warning("mail %s: try %s failed (%s), now %s: %s", claimed.id, tries, claimed.message_id, state, error)


def requeue_stuck(new_session: Callable[[], Session], claimed_before: datetime) -> list[str]:
    """Put messages left ``sending`` since before ``claimed_before`` back as due (a try counted); return their ids."""
    with new_session() as session, one_writer(session):
        stuck = list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.state == "sending", OutboxMessage.claimed_at < claimed_before)))
        for message in stuck:
            _requeue(message, min(message.tries + 1, MAX_TRIES - 1), STUCK_NOTE)
    return [message.message_id for message in stuck]


def requeue(session: Session, message_id: str) -> bool:
    """Put one ``sending`` or ``failed`` message back as due now, for one more try (an operator's decision after
    checking the server's log); the caller commits. False if there is no such message in either state."""
    message = session.scalars(select(OutboxMessage).where(OutboxMessage.message_id == message_id)).first()
    if message is None or message.state not in ("sending", "failed"):
        return False
    _requeue(message, min(message.tries, MAX_TRIES - 1), MANUAL_NOTE)
    return True


def _requeue(message: OutboxMessage, tries: int, note: str) -> None:
    message.tries = tries
    message.state = "due"
    message.due_at = utcnow()
    message.last_error = (f"{note}; {message.last_error}" if message.last_error else note)[:500]
    log.warning("mail %s (%s) put back as due: %s", message.id, message.message_id, note)


def listing(session: Session, state: str | None = None, limit: int = 50) -> list[OutboxMessage]:
    """Return the newest messages (optionally of one state), for ``flask mail list``."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if state:
        query = query.where(OutboxMessage.state == state)
    return list(session.scalars(query))
