"""Count attempts per client key in the database, so that limits hold across worker processes and restarts.

A key is never stored as it is: an address, an access code or a device is kept as an HMAC with the
installation's secret, so the table tells nobody which address tried what. Rows older than a day
are dropped whenever a new one is written.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...models import Attempt, utcnow
from ...ratelimit import Rate

KEPT = timedelta(days=1)


@dataclass(frozen=True)
class Keyring:
    """Turns client values into the keys the table stores."""

    secret: bytes

    def key(self, scope: str, value: str) -> str:
        """Return the stored key of a value in a scope: an HMAC-SHA256, hex."""
        return hmac.new(self.secret, f"{scope}\x1f{value}".encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def count(session: Session, scope: str, key: str, since: datetime) -> int:
    """Return how many attempts of a key in a scope were made since a moment."""
    return session.scalar(select(func.count()).select_from(Attempt).where(
        Attempt.scope == scope, Attempt.key == key, Attempt.at > since)) or 0


def exceeded(session: Session, scope: str, key: str, rate: Rate | None, now: datetime | None = None) -> bool:
    """Tell whether a key has used up its rate in the current period (``None``: no limit)."""
    if rate is None:
        return False
    now = now or utcnow()
    return count(session, scope, key, now - timedelta(seconds=rate.period)) >= rate.limit


def record(session: Session, *entries: tuple[str, str], now: datetime | None = None) -> None:
    """Note one attempt per (scope, key) (flushed with the caller's transaction); forget those older than a day."""
    now = now or utcnow()
    session.execute(delete(Attempt).where(Attempt.at < now - KEPT))
    session.add_all(Attempt(scope=scope, key=key, at=now) for scope, key in entries)
    session.flush()
