"""What both kinds of import share: the office imported into, reading a value with its message, the record."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from ...models import YouthOffice
from ..kernel.actor import Actor
from ..kernel.errors import NotFound
from ..office import audit
from .reading import Column, Row
from .report import Report
from .values import Unreadable

T = TypeVar("T")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def office_for(session: Session, actor: Actor, office_id: int) -> YouthOffice:
    """Return the office to import into: the administrator's own, or any for a command (the system)."""
    office = session.get(YouthOffice, office_id)
    allowed = actor.role == "system" or (actor.role == "admin" and actor.office_id == office_id)
    if office is None or not allowed:
        raise NotFound("office")
    return office


class RowReader:
    """Reads the values of one row; each problem is noted in the report at the row's line and the column."""

    def __init__(self, row: Row, columns: dict[str, Column], report: Report) -> None:
        self.row, self.columns, self.report = row, columns, report
        self.failed = False

    def problem(self, key: str, message: str) -> None:
        self.failed = True
        self.report.add(self.row.line, self.columns[key].header, message)

    def text(self, key: str, missing: str | None = None, limit: int = 200) -> str:
        """Return the text given (``""`` when not given); ``missing``: the message when it must be given."""
        value = self.row.values.get(key, "")
        if not value and missing:
            self.problem(key, missing)
        elif len(value) > limit:
            self.problem(key, f"Kürzen Sie den Eintrag auf höchstens {limit} Zeichen.")
        return value

    def read(self, key: str, reader: Callable[[str], T], missing: str | None = None) -> T | None:
        """Return the value read from the column, or None when it is not given or cannot be read."""
        value = self.text(key, missing)
        if not value:
            return None
        try:
            return reader(value)
        except Unreadable as error:
            self.problem(key, str(error))
            return None

    def email(self, key: str) -> str:
        value = self.text(key, limit=254)
        if value and not EMAIL.fullmatch(value):
            self.problem(key, "Geben Sie die E-Mail-Adresse in der Form name@beispiel.de an.")
        return value


def record_import(session: Session, actor: Actor, office: YouthOffice, report: Report, file_name: str) -> None:
    """Record the import in the administration's record: what, which file, how many rows added, left, in conflict."""
    audit.record(session, actor, office.id, "office", office.id, f"{report.kind}_imported", {}, {
        "datei": file_name, "neu": report.new, "unveraendert": report.unchanged, "konflikte": len(report.conflicts),
    })


def changed_fields(before: dict[str, object], after: dict[str, object], headers: dict[str, Column]) -> str:
    """Return the fields that differ, in words: ``Wochenstunden (im System 45, in der Datei 35)``."""
    return "; ".join(f"{headers[key].header} (im System „{before[key] or '–'}“, in der Datei „{after[key] or '–'}“)"
                     for key in after if before.get(key) != after[key])
