"""The unit of work: the one place where writes are committed or rolled back, and where a stale case becomes a
``Conflict``. It carries what every writing service needs besides the session: today's date (the app's, fixed in
tests) and the public address that letters and links point to.

Views and commands open one (``web.unit_of_work()``, ``cli``); a service that writes takes it and ends its writes
with ``with uow.writing():``. Jobs and batches open one per case or chunk, so that one failure loses no other work.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .errors import Conflict

CHANGED_MEANWHILE = "Der Fall wurde inzwischen von jemand anderem bearbeitet."


@dataclass(frozen=True)
class UnitOfWork:
    """A session with the day it works on and the address the installation is reached at."""

    session: Session
    today: date
    public_url: str = ""

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """Commit the block's writes together, or roll them back; a case changed meanwhile is a ``Conflict``."""
        with one_writer(self.session):
            yield self.session

    def commit(self) -> None:
        """Commit what was written so far (a batch's finished chunk)."""
        with one_writer(self.session):
            pass

    def rollback(self) -> None:
        """Throw away what was written since the last commit (a refused upload, a request that went wrong)."""
        abandon(self.session)


def abandon(session: Session) -> None:
    """Throw away what a failed request or a refused first write left in the session, so that nothing of it stays."""
    session.rollback()


@contextmanager
def one_writer(session: Session) -> Iterator[None]:
    """Commit the work of the block, or roll it back and report a case changed by someone else meanwhile."""
    try:
        yield
        session.commit()
    except StaleDataError as error:
        session.rollback()
        raise Conflict(CHANGED_MEANWHILE) from error
    except Exception:
        session.rollback()
        raise
