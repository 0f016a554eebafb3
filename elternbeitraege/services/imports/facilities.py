"""Import an office's facilities (Kitas, childminders, OGS schools) from a file: check, then write all or nothing.

A facility is the same as one already there when its facility number is the same, or without a
number when its name is. Such a row adds nothing: unchanged when every value agrees, otherwise a
conflict, listed and left as the office keeps it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Facility, YouthOffice
from ..kernel.actor import Actor
from ..kernel.uow import UnitOfWork
from ..office import audit
from . import values
from .common import RowReader, changed_fields, office_for, record_import
from .reading import Column, open_table
from .report import ImportKind, Problem, Report

log = logging.getLogger(__name__)

COLUMNS = (
    Column("name", "Name", ("Einrichtung", "Name der Einrichtung")),
    Column("care_kind", "Betreuungsart", ("Art",)),
    Column("street", "Straße", ("Strasse", "Straße und Hausnummer", "Anschrift")),
    Column("postcode_city", "PLZ und Ort", ("PLZ Ort", "Postleitzahl und Ort")),
    Column("number", "Einrichtungsnummer", ("Nummer", "Einrichtungs-Nr"), required=False),
    Column("contact_name", "Ansprechperson", ("Kontakt", "Leitung"), required=False),
    Column("contact_email", "E-Mail", ("Email", "Mail"), required=False),
    Column("contact_phone", "Telefon", ("Tel", "Telefonnummer"), required=False),
)
BY_KEY = {column.key: column for column in COLUMNS}
FIELDS = tuple(column.key for column in COLUMNS)


@dataclass(frozen=True)
class FacilityRow:
    line: int
    values: dict[str, str]

    @property
    def key(self) -> tuple[str, str]:
        return ("number", self.values["number"]) if self.values["number"] else ("name", self.values["name"].lower())


def _existing(session: Session, office: YouthOffice) -> dict[tuple[str, str], Facility]:
    facilities = session.scalars(select(Facility).where(Facility.office_id == office.id)).all()
    known = {("name", facility.name.lower()): facility for facility in facilities}
    return known | {("number", facility.number): facility for facility in facilities if facility.number}


def check(session: Session, actor: Actor, office_id: int, source: bytes | Path) -> tuple[Report, list[FacilityRow]]:
    """Read and check every row (the dry run): nothing is written. Return the report and the new rows."""
    office = office_for(session, actor, office_id)
    report = Report(ImportKind.FACILITIES)
    table = open_table(source, COLUMNS)
    for column, message in table.problems:
        report.add(1, column, message)
    existing, seen, new = _existing(session, office), {}, []
    for row in table:
        report.rows += 1
        reader = RowReader(row, BY_KEY, report)
        kind = reader.read("care_kind", values.care_kind, "Geben Sie die Betreuungsart an: Kita, "
                                                          "Kindertagespflege oder OGS.")
        found = FacilityRow(row.line, {
            "name": reader.text("name", "Geben Sie den Namen der Einrichtung an."),
            "care_kind": kind or "",
            "street": reader.text("street", "Geben Sie Straße und Hausnummer der Einrichtung an."),
            "postcode_city": reader.text("postcode_city", "Geben Sie Postleitzahl und Ort der Einrichtung an."),
            "number": reader.text("number", limit=30),
            "contact_name": reader.text("contact_name"),
            "contact_email": reader.email("contact_email"),
            "contact_phone": reader.text("contact_phone", limit=50),
        })
        if reader.failed:
            continue
        column = "number" if found.values["number"] else "name"
        if found.key in seen:
            reader.problem(column, f"{BY_KEY[column].header} kommt schon in Zeile {seen[found.key]} vor. "
                                   "Jede Einrichtung darf nur einmal in der Datei stehen.")
            continue
        seen[found.key] = row.line
        known = existing.get(found.key)
        if known is None:
            new.append(found)
            continue
        before = {key: getattr(known, key) for key in FIELDS}
        if before == found.values:
            report.unchanged += 1
        else:
            report.conflicts.append(Problem(row.line, BY_KEY[column].header,
                                            f"{known.name} ist schon angelegt und weicht ab: "
                                            f"{changed_fields(before, found.values, BY_KEY)}. Nichts geändert."))
    report.new = len(new)
    return report, new


def import_facilities(uow: UnitOfWork, actor: Actor, office_id: int, source: bytes | Path,
                      file_name: str) -> Report:
    """Check the file and, if every row is right, add its new facilities in one go; record the import."""
    report, new = check(uow.session, actor, office_id, source)
    if not report.ok:
        return report
    with uow.writing() as session:
        office = office_for(session, actor, office_id)
        for found in new:
            facility = Facility(office_id=office.id, **found.values)
            session.add(facility)
            session.flush()
            audit.record(session, actor, office.id, "facility", facility.id, "created", {}, found.values)
        record_import(session, actor, office, report, file_name)
    report.written = True
    log.info("office %s: %s facilities imported from %s", office_id, report.new, file_name)
    return report
