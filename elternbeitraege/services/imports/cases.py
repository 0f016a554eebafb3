"""Import an office's fee cases from a file of the old system: check every row, then write all or nothing.

The file number (Aktenzeichen) identifies a case: a row whose file number the office already has
adds nothing — unchanged when every value agrees, otherwise a conflict, listed and left as the
office keeps it. The file is read twice, once to check and once to write, so that memory stays flat
however many rows it has; what is written goes in by the thousand, in one unit of work.

A case without a fee in force starts ``invited``; its access code and invitation letter follow
(``imports.letters``). A case with a fee in force starts settled (``facility_notified``) with the
imported assessment, recorded as such: no notice is issued, the old system issued it.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...fees import Month, Statute
from ...models import Child, Facility, FeeCase, Household, YouthOffice
from ..cases.admissions import MISSING, hours_problem, second_parent_problems
from ..kernel.actor import Actor
from ..kernel.errors import Conflict
from ..kernel.labels import FACILITY_KIND_LABELS
from ..kernel.uow import UnitOfWork
from ..office.statutes import Assignment, no_statute_message, schedule
from . import values
from .case_writer import CaseRow, CaseWriter, Fee
from .common import RowReader, changed_fields, office_for, record_import
from .reading import Column, Row, open_table
from .report import ImportKind, Problem, Report

log = logging.getLogger(__name__)

CHUNK = 1000

COLUMNS = (
    Column("file_number", "Aktenzeichen", ("AZ",)),
    Column("cash_reference", "Kassenzeichen", ("KZ",)),
    Column("child_first_name", "Vorname Kind", ("Vorname des Kindes",)),
    Column("child_last_name", "Nachname Kind", ("Nachname des Kindes", "Name Kind")),
    Column("birth_date", "Geburtsdatum", ("Geburtsdatum Kind", "Geburtsdatum des Kindes")),
    Column("parent1_first_name", "Vorname Elternteil 1", ("Vorname Eltern 1",)),
    Column("parent1_last_name", "Nachname Elternteil 1", ("Nachname Eltern 1",)),
    Column("parent2_first_name", "Vorname Elternteil 2", ("Vorname Eltern 2",), required=False),
    Column("parent2_last_name", "Nachname Elternteil 2", ("Nachname Eltern 2",), required=False),
    Column("street", "Straße", ("Strasse", "Straße und Hausnummer")),
    Column("postcode", "PLZ", ("Postleitzahl",)),
    Column("city", "Ort", ("Wohnort",)),
    Column("facility", "Einrichtung", ("Einrichtungsnummer", "Einrichtung (Nummer oder Name)")),
    Column("care_kind", "Betreuungsart", (), required=False),
    Column("weekly_hours", "Wochenstunden", ("Stunden", "Betreuungszeit")),
    Column("start_date", "Betreuungsbeginn", ("Beginn", "Aufnahme")),
    Column("end_date", "Betreuungsende", ("Ende", "Abmeldung"), required=False),
    Column("fee_since", "Beitrag seit", ("Festsetzung seit",), required=False),
    Column("assessment_kind", "Festsetzung", ("Art der Festsetzung",), required=False),
    Column("bracket", "Einkommensgruppe", ("Einkommensstufe", "Beitragsstufe"), required=False),
    Column("amount", "Beitrag monatlich", ("Beitrag", "Monatsbeitrag"), required=False),
)
BY_KEY = {column.key: column for column in COLUMNS}
# What a second run compares with the case the office keeps.
COMPARED = ("cash_reference", "child_first_name", "child_last_name", "birth_date", "parent1_first_name",
            "parent1_last_name", "parent2_first_name", "parent2_last_name", "street", "postcode", "city",
            "facility", "weekly_hours", "start_date", "end_date")
NAME_LIMIT = 100
FEE_KEYS = ("fee_since", "assessment_kind", "bracket", "amount")


class Known:
    """What is already there, read once: the office's facilities, statutes and cases (as tuples of ``COMPARED``,
    which keeps 50,000 of them small); another office's numbers are asked for a chunk of rows at a time."""

    def __init__(self, session: Session, office: YouthOffice) -> None:
        self.session, self.office = session, office
        facilities = session.scalars(select(Facility).where(Facility.office_id == office.id)).all()
        self.facilities = {facility.name.lower(): facility for facility in facilities} | {
            facility.number.lower(): facility for facility in facilities if facility.number}
        self.facility_names = {facility.id: facility.name for facility in facilities}
        self.schedule: list[Assignment] = schedule(session, office.id)
        own = (select(FeeCase.file_number, FeeCase.cash_reference, Child.first_name, Child.last_name,
                      Child.birth_date, Household.parent1_first_name, Household.parent1_last_name,
                      Household.parent2_first_name, Household.parent2_last_name, Household.street,
                      Household.postcode, Household.city, FeeCase.facility_id, FeeCase.weekly_hours,
                      FeeCase.start_date, FeeCase.end_date)
               .join(Child, Child.id == FeeCase.child_id).join(Household, Household.id == FeeCase.household_id)
               .where(FeeCase.office_id == office.id))
        self.cases: dict[str, tuple[object, ...]] = {
            row[0]: tuple(row[1:]) for row in session.execute(own.execution_options(yield_per=5000))}
        self.cash_references = {case[0] for case in self.cases.values()}

    def taken_elsewhere(self, rows: list[CaseRow]) -> tuple[set[str], set[str]]:
        """Return which file numbers and cash references of the rows another office's cases already have
        (both are unique in the installation): one query each for the chunk, never one per row."""
        files = {row.file_number for row in rows}
        cash = {row.cash_reference for row in rows}
        other = FeeCase.office_id != self.office.id
        return (set(self.session.scalars(select(FeeCase.file_number).where(other, FeeCase.file_number.in_(files))))
                if files else set(),
                set(self.session.scalars(select(FeeCase.cash_reference).where(
                    other, FeeCase.cash_reference.in_(cash)))) if cash else set())

    def statute(self, care_kind: str, day: date) -> Statute | None:
        """Return the statute the office applies to the care kind on the day (as ``find_statute``, preloaded)."""
        month = Month.of(day)
        for assignment in reversed(self.schedule):
            statute = assignment.statute
            if (assignment.entry.valid_from <= day and statute is not None and care_kind in statute.care_kinds
                    and statute.covers(month)):
                return statute
        return None


def _rows(known: Known, source: bytes | Path, report: Report, today: date) -> Iterator[CaseRow]:
    """Read every row, note its problems and conflicts in the report, and yield the new, faultless ones."""
    table = open_table(source, COLUMNS)
    for column, message in table.problems:
        report.add(1, column, message)
    files: dict[str, int] = {}
    cash: dict[str, int] = {}
    chunk: list[CaseRow] = []
    for row in table:
        report.rows += 1
        found = _case_row(known, row, report, files, cash, today)
        if found is None:
            continue
        before = known.cases.get(found.file_number)
        if before is None:
            chunk.append(found)
            if len(chunk) == CHUNK:
                yield from _free(known, chunk, report)
                chunk = []
        elif before == found.compared():
            report.unchanged += 1
        else:
            report.conflicts.append(_conflict(known, found, before))
    yield from _free(known, chunk, report)
    report.problems.sort(key=lambda problem: problem.line)  # a chunk's numbers taken elsewhere come last


def _free(known: Known, chunk: list[CaseRow], report: Report) -> Iterator[CaseRow]:
    """Yield the rows of a chunk whose file number and cash reference no other office's case has."""
    if not chunk:
        return
    files, cash = known.taken_elsewhere(chunk)
    for row in chunk:
        if row.file_number in files:
            report.add(row.line, BY_KEY["file_number"].header,
                       f"Das Aktenzeichen {row.file_number} ist schon vergeben. Prüfen Sie es.")
        elif row.cash_reference in cash:
            report.add(row.line, BY_KEY["cash_reference"].header,
                       f"Das Kassenzeichen {row.cash_reference} ist schon vergeben. Prüfen Sie es.")
        else:
            yield row


def _conflict(known: Known, found: CaseRow, before: tuple[object, ...]) -> Problem:
    """Return the conflict of a row whose case the office keeps otherwise: what differs, in words."""
    kept = dict(zip(COMPARED, before, strict=True))
    shown = {**kept, "facility": known.facility_names.get(kept["facility"], "")}  # type: ignore[call-overload]
    now = {**dict(zip(COMPARED, found.compared(), strict=True)), "facility": found.facility.name}
    return Problem(found.line, BY_KEY["file_number"].header, (
        f"Der Fall {found.file_number} ist schon im System und weicht ab: "
        f"{changed_fields(shown, now, BY_KEY)}. Nichts geändert."))


def _case_row(known: Known, row: Row, report: Report, files: dict[str, int], cash: dict[str, int], today: date
              ) -> CaseRow | None:
    reader = RowReader(row, BY_KEY, report)
    file_number = reader.text("file_number", "Geben Sie das Aktenzeichen des Falls an.", limit=30)
    cash_reference = reader.text("cash_reference", "Geben Sie das Kassenzeichen des Falls an.", limit=30)
    names = {key: reader.text(key, MISSING.get(key), limit=NAME_LIMIT) or None for key in (
        "child_first_name", "child_last_name", "parent1_first_name", "parent1_last_name", "parent2_first_name",
        "parent2_last_name")}
    for key, message in second_parent_problems(names["parent2_first_name"], names["parent2_last_name"]).items():
        reader.problem(key, message)
    street = reader.text("street", MISSING["street"])
    postcode = reader.read("postcode", values.postcode, MISSING["postcode"])
    city = reader.text("city", MISSING["city"], limit=NAME_LIMIT)
    birth = reader.read("birth_date", values.day, MISSING["birth_date"])
    start = reader.read("start_date", values.day, MISSING["start_date"])
    end = reader.read("end_date", values.day)
    facility = _facility(known, reader)
    kind = reader.read("care_kind", values.care_kind)
    if facility is not None and kind is not None and kind != facility.care_kind:
        reader.problem("care_kind", f"Die Einrichtung {facility.name} ist eine "
                                    f"{FACILITY_KIND_LABELS[facility.care_kind]}. Prüfen Sie Einrichtung oder "
                                    "Betreuungsart.")
    care_kind = facility.care_kind if facility is not None else None
    hours = reader.read("weekly_hours", values.whole_hours,
                        None if care_kind == "ogs" else "Geben Sie die gebuchten Wochenstunden an.")
    fee = _fee(reader, start)
    if birth is not None and birth > today:
        reader.problem("birth_date", "Das Geburtsdatum darf nicht in der Zukunft liegen.")
    if birth is not None and start is not None and start < birth:
        reader.problem("start_date", "Der Betreuungsbeginn muss nach dem Geburtsdatum liegen.")
    if start is not None and end is not None and end < start:
        reader.problem("end_date", "Das Betreuungsende darf nicht vor dem Betreuungsbeginn liegen.")
    statute = None
    if care_kind is not None and start is not None:
        on = fee.since if fee is not None else start
        statute = known.statute(care_kind, on)
        if statute is None:
            reader.problem("fee_since" if fee is not None else "start_date",
                           f"{no_statute_message(care_kind, on)} Legen Sie zuerst die Satzung fest.")
        elif hours is not None and (problem := hours_problem(statute, care_kind, hours)):
            reader.problem("weekly_hours", problem)
        if statute is not None and fee is not None and fee.bracket is not None and fee.bracket > len(
                statute.brackets):
            reader.problem("bracket", f"Die Satzung {statute.id} hat nur {len(statute.brackets)} "
                                      "Einkommensgruppen.")
    _unique(reader, known, file_number, cash_reference, files, cash)
    if reader.failed:
        return None
    return CaseRow(row.line, file_number, cash_reference,
                   (names["child_first_name"], names["child_last_name"], birth),
                   (names["parent1_first_name"], names["parent1_last_name"], names["parent2_first_name"],
                    names["parent2_last_name"]),
                   (street, postcode, city), facility, None if care_kind == "ogs" else hours, start, end,
                   statute, fee)


def _facility(known: Known, reader: RowReader) -> Facility | None:
    given = reader.text("facility", "Geben Sie die Einrichtung an: ihre Einrichtungsnummer oder ihren Namen.")
    if not given:
        return None
    facility = known.facilities.get(given.lower())
    if facility is None:
        reader.problem("facility", f"Die Einrichtung „{given}“ ist in diesem Jugendamt nicht angelegt. Prüfen Sie "
                                   "Nummer oder Namen oder importieren Sie zuerst die Einrichtungen.")
    return facility


def _fee(reader: RowReader, start: date | None) -> Fee | None:
    if not any(reader.row.values.get(key) for key in FEE_KEYS):
        return None
    since = reader.read("fee_since", values.day) or start
    kind = reader.read("assessment_kind", values.assessment_kind,
                       "Geben Sie an, ob der Beitrag vorläufig oder endgültig festgesetzt ist.")
    bracket = reader.read("bracket", lambda text: values.bracket(text, 99))
    amount = reader.read("amount", values.amount)
    if not reader.row.values.get("bracket") and not reader.row.values.get("amount"):
        reader.problem("bracket", "Geben Sie die Einkommensgruppe oder den Beitrag monatlich an, der gilt.")
    if since is not None and start is not None and since < start:
        reader.problem("fee_since", "Der Beitrag kann erst ab dem Betreuungsbeginn gelten.")
    if since is None or kind is None or reader.failed:
        return None
    return Fee(since, kind, bracket, amount)


def _unique(reader: RowReader, known: Known, file_number: str, cash_reference: str, files: dict[str, int],
            cash: dict[str, int]) -> None:
    """Refuse a file number or cash reference that the file repeats or another case already has."""
    line = reader.row.line
    if file_number:
        if file_number in files:
            reader.problem("file_number", f"Das Aktenzeichen {file_number} steht schon in Zeile "
                                          f"{files[file_number]}. Jeder Fall darf nur einmal in der Datei stehen.")
        files.setdefault(file_number, line)
    if cash_reference:
        own = known.cases.get(file_number)
        if cash_reference in cash:
            reader.problem("cash_reference", f"Das Kassenzeichen {cash_reference} steht schon in Zeile "
                                             f"{cash[cash_reference]}.")
        elif cash_reference in known.cash_references and (own is None or own[0] != cash_reference):
            reader.problem("cash_reference", f"Das Kassenzeichen {cash_reference} ist schon vergeben. Prüfen Sie es.")
        cash.setdefault(cash_reference, line)


def check(session: Session, actor: Actor, office_id: int, source: bytes | Path, today: date) -> Report:
    """Read and check every row (the dry run): nothing is written."""
    known = Known(session, office_for(session, actor, office_id))
    report = Report(ImportKind.CASES)
    report.new = sum(1 for _row in _rows(known, source, report, today))
    return report


class _Refused(Exception):
    """A row of the file failed while writing: everything written of the file is rolled back."""


def import_cases(uow: UnitOfWork, actor: Actor, office_id: int, source: bytes | Path, file_name: str) -> Report:
    """Check the file and, if every row is right, add its new cases in one go; record the import.

    One pass: the rows are checked and written a chunk at a time in one unit of work; the first
    problem stops the writing, the check goes on to the end, and the unit of work rolls back
    (all or nothing). The invitation letters of the new invited cases follow (``letters.write_letters``).
    """
    report = Report(ImportKind.CASES)
    try:
        with uow.writing() as session:
            office = office_for(session, actor, office_id)
            writer = CaseWriter(session, actor, office, uow.today, file_name)
            chunk: list[CaseRow] = []
            for found in _rows(Known(session, office), source, report, uow.today):
                report.new += 1
                chunk.append(found)
                if len(chunk) == CHUNK and report.ok:
                    writer.write(chunk)
                if len(chunk) == CHUNK:
                    chunk = []
            if not report.ok:
                raise _Refused
            writer.write(chunk)
            record_import(session, actor, office, report, file_name)
    except _Refused:
        return report
    except IntegrityError as error:  # another import or admission took a number meanwhile: nothing of this stays
        log.info("office %s: import of %s refused by the database (%s)", office_id, file_name, error.orig)
        raise Conflict("Während des Imports wurden Fälle angelegt, die dieselben Aktenzeichen oder Kassenzeichen "
                       "haben. Nichts wurde gespeichert. Prüfen Sie die Datei erneut.") from error
    report.written = True
    report.letters_due = writer.invited
    log.info("office %s: %s cases imported from %s (%s invited)", office_id, report.new, file_name, writer.invited)
    return report
