"""The one way a service's writes end: committed together, or rolled back with a case changed meanwhile told apart."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .errors import Conflict

CHANGED_MEANWHILE = "Der Fall wurde inzwischen von jemand anderem bearbeitet."


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
