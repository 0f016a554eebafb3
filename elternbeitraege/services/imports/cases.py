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
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger

from ... import fees
from ...fees import Month, Statute
from ...models import AssessmentRecord, CarePeriod, CaseEvent, Child, Facility, FeeCase, Household, YouthOffice
from ..assessment.fee_input import month_rows
from ..cases.admissions import MISSING, hours_problem, second_parent_problems
from ..kernel.actor import Actor
from ..kernel.errors import Conflict
from ..kernel.labels import FACILITY_KIND_LABELS
from ..kernel.uow import UnitOfWork
from ..office.statutes import Assignment, no_statute_message, schedule
from . import values
from .common import RowReader, changed_fields, office_for, record_import
from .reading import Column, Row, open_table
from .report import ImportKind, Problem, Report

log = logging.getLogger(__name__)

CHUNK = 1000
IMPORTED = "Übernommen aus dem bisherigen Verfahren"
IMPORTED_AMOUNT = "Beitrag aus dem bisherigen Verfahren übernommen."

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


@dataclass(frozen=True)
class Fee:
    """The fee in force the old system set: since when, provisional or final, its bracket or its amount."""

    since: date
    kind: str
    bracket: int | None
    amount: Decimal | None


@dataclass(frozen=True)
class CaseRow:
    line: int
    file_number: str
    cash_reference: str
    child: tuple[str, str, date]
    parents: tuple[str, str, str | None, str | None]
    address: tuple[str, str, str]
    facility: Facility
    weekly_hours: int | None
    start: date
    end: date | None
    statute: Statute
    fee: Fee | None

    def compared(self) -> dict[str, object]:
        """Return the values a second run compares, as the case keeps them."""
        return dict(zip(COMPARED, (self.cash_reference, *self.child, *self.parents, *self.address,
                                   self.facility.id, self.weekly_hours, self.start, self.end), strict=True))


class Known:
    """What is already there, read once: the office's facilities, statutes and cases, every office's numbers."""

    def __init__(self, session: Session, office: YouthOffice) -> None:
        self.office = office
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
        self.cases = {row[0]: dict(zip(COMPARED, row[1:], strict=True))
                      for row in session.execute(own.execution_options(yield_per=5000))}
        self.cash_references = {case["cash_reference"] for case in self.cases.values()}
        others = session.execute(select(FeeCase.file_number, FeeCase.cash_reference)
                                 .where(FeeCase.office_id != office.id).execution_options(yield_per=5000))
        self.taken_files: set[str] = set()
        self.taken_cash: set[str] = set()
        for file_number, cash_reference in others:
            self.taken_files.add(file_number)
            self.taken_cash.add(cash_reference)

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
    for row in table:
        report.rows += 1
        found = _case_row(known, row, report, files, cash, today)
        if found is None:
            continue
        before = known.cases.get(found.file_number)
        if before is None:
            yield found
        elif before == found.compared():
            report.unchanged += 1
        else:
            shown = {**before, "facility": known.facility_names.get(before["facility"], "")}
            now = {**found.compared(), "facility": found.facility.name}
            report.conflicts.append(Problem(row.line, "Aktenzeichen", (
                f"Der Fall {found.file_number} ist schon im System und weicht ab: "
                f"{changed_fields(shown, now, BY_KEY)}. Nichts geändert.")))


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
        elif file_number in known.taken_files:
            reader.problem("file_number", f"Das Aktenzeichen {file_number} ist schon vergeben. Prüfen Sie es.")
        files.setdefault(file_number, line)
    if cash_reference:
        own = known.cases.get(file_number)
        if cash_reference in cash:
            reader.problem("cash_reference", f"Das Kassenzeichen {cash_reference} steht schon in Zeile "
                                             f"{cash[cash_reference]}.")
        elif cash_reference in known.taken_cash or (
                cash_reference in known.cash_references and (own is None or own["cash_reference"] != cash_reference)):
            reader.problem("cash_reference", f"Das Kassenzeichen {cash_reference} ist schon vergeben. Prüfen Sie es.")
        cash.setdefault(cash_reference, line)


def check(session: Session, actor: Actor, office_id: int, source: bytes | Path, today: date) -> Report:
    """Read and check every row (the dry run): nothing is written."""
    known = Known(session, office_for(session, actor, office_id))
    report = Report(ImportKind.CASES)
    report.new = sum(1 for _row in _rows(known, source, report, today))
    return report


def import_cases(uow: UnitOfWork, actor: Actor, office_id: int, source: bytes | Path, file_name: str) -> Report:
    """Check the file and, if every row is right, add its new cases in one go; record the import.

    The invitation letters of the new invited cases are written afterwards (``letters.write_letters``).
    """
    report = check(uow.session, actor, office_id, source, uow.today)
    if not report.ok:
        return report
    with uow.writing() as session:
        office = office_for(session, actor, office_id)
        known = Known(session, office)
        again = Report(ImportKind.CASES)  # the same as the check found: nothing changed in between
        writer = _Writer(session, actor, office, uow.today, file_name)
        chunk: list[CaseRow] = []
        for found in _rows(known, source, again, uow.today):
            chunk.append(found)
            if len(chunk) == CHUNK:
                writer.write(chunk)
                chunk = []
        writer.write(chunk)
        if not again.ok or writer.written != report.new:  # another import wrote meanwhile: nothing of this one stays
            raise Conflict("Während des Imports wurden Fälle geändert. Prüfen Sie die Datei erneut.")
        record_import(session, actor, office, report, file_name)
    report.written = True
    report.letters_due = writer.invited
    log.info("office %s: %s cases imported from %s (%s invited)", office_id, report.new, file_name, writer.invited)
    return report


class _Writer:
    """Inserts new cases a chunk at a time: households (one per family in the file), children, cases, periods,
    events and imported assessments."""

    def __init__(self, session: Session, actor: Actor, office: YouthOffice, today: date, file_name: str) -> None:
        self.session, self.actor, self.office, self.today, self.file_name = session, actor, office, today, file_name
        self.households: dict[tuple, int] = {}
        self.invited = self.written = 0
        self.declaration_due = today + timedelta(days=office.declaration_days)
        self.books: dict[str, fees.StatuteBook] = {}

    def write(self, rows: list[CaseRow]) -> None:
        if not rows:
            return
        household_ids = self._households(rows)
        child_ids = self._insert(Child, [
            {"household_id": household_id, "first_name": row.child[0], "last_name": row.child[1],
             "birth_date": row.child[2]} for row, household_id in zip(rows, household_ids, strict=True)])
        case_ids = self._insert(FeeCase, [self._case(row, household_id, child_id) for row, household_id, child_id
                                          in zip(rows, household_ids, child_ids, strict=True)])
        self.session.execute(insert(CarePeriod), [
            {"case_id": case_id, "valid_from": row.start, "weekly_hours": row.weekly_hours}
            for row, case_id in zip(rows, case_ids, strict=True)])
        self.session.execute(insert(CaseEvent), [
            {"case_id": case_id, "user_id": self.actor.user_id, "role": self.actor.role, "trigger": Trigger.IMPORT,
             "from_state": None, "to_state": self._status(row),
             "comment": f"{IMPORTED} (Datei {self.file_name[:100]}, Zeile {row.line})"}
            for row, case_id in zip(rows, case_ids, strict=True)])
        assessments = [self._assessment(row, case_id) for row, case_id in zip(rows, case_ids, strict=True)
                       if row.fee is not None]
        if assessments:
            self.session.execute(insert(AssessmentRecord), assessments)
        self.invited += sum(1 for row in rows if row.fee is None)
        self.written += len(rows)

    def _insert(self, model, rows: list[dict]) -> list[int]:
        return list(self.session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows))

    def _households(self, rows: list[CaseRow]) -> list[int]:
        """Return each row's household: one per family (same first parent and address) within the file."""
        keys = [tuple(part.lower() if isinstance(part, str) else part for part in (*row.parents, *row.address))
                for row in rows]
        fresh = {key: row for key, row in zip(keys, rows, strict=True) if key not in self.households}
        ids = self._insert(Household, [
            {"office_id": self.office.id, "parent1_first_name": row.parents[0], "parent1_last_name": row.parents[1],
             "parent2_first_name": row.parents[2], "parent2_last_name": row.parents[3], "street": row.address[0],
             "postcode": row.address[1], "city": row.address[2]} for row in fresh.values()])
        self.households.update(zip(fresh, ids, strict=True))
        return [self.households[key] for key in keys]

    @staticmethod
    def _status(row: CaseRow) -> CaseState:
        return CaseState.INVITED if row.fee is None else CaseState.FACILITY_NOTIFIED

    def _case(self, row: CaseRow, household_id: int, child_id: int) -> dict:
        invited = row.fee is None
        return {
            "office_id": self.office.id, "facility_id": row.facility.id, "household_id": household_id,
            "child_id": child_id, "file_number": row.file_number, "cash_reference": row.cash_reference,
            "care_kind": row.facility.care_kind, "weekly_hours": row.weekly_hours, "start_date": row.start,
            "end_date": row.end, "status": self._status(row), "statute_id": row.statute.id,
            "declaration_due": self.declaration_due if invited else None,
            "due_on": self.declaration_due if invited else row.end,
            "assessment_kind": None if invited else row.fee.kind,
        }

    def _assessment(self, row: CaseRow, case_id: int) -> dict:
        fee = row.fee
        assessment = self._months(row, case_id)
        basis = IMPORTED + (f"; Einkommensgruppe {fee.bracket}" if fee.bracket is not None else "") + (
            f"; Beitrag monatlich {fees.format_euro(fee.amount)}" if fee.amount is not None else "")
        return {"case_id": case_id, "kind": fee.kind, "statute_id": row.statute.id, "income_basis": basis,
                "months": month_rows(assessment), "total": assessment.total, "created_by_id": self.actor.user_id,
                "reason": f"Festsetzung {IMPORTED.lower()} (gilt seit {fee.since:%d.%m.%Y})."}

    def _months(self, row: CaseRow, case_id: int) -> fees.ChildAssessment:
        """Return the months of the fee in force, from its date to the end of that Kita year (or of care):
        the statute's amount for the bracket, or the amount the old system set."""
        fee = row.fee
        first = Month.of(fee.since)
        last = first.kita_year_end if row.end is None else min(first.kita_year_end, Month.of(row.end))
        care = fees.ChildCare(id=str(case_id), birth_date=row.child[2], care=row.facility.care_kind,
                              hours=row.weekly_hours, start=row.start, end=row.end)
        income = _bracket_income(row.statute, fee.bracket)
        household = fees.Household((care,), income, ())
        try:
            result = fees.assess_household(self._book(), household, first, max(first, last)).child(str(case_id))
        except fees.HouseholdError as error:  # should not happen: the row was checked; keep the given amount
            log.warning("imported case %s: engine refused (%s); months with the amount only", row.file_number, error)
            result = fees.ChildAssessment(str(case_id), ())
        months = result.months
        if fee.amount is not None:
            months = tuple(month._replace(amount=fee.amount, reasons=(IMPORTED_AMOUNT, *month.reasons))
                           for month in months)
        return fees.ChildAssessment(str(case_id), months)

    def _book(self) -> fees.StatuteBook:
        key = "book"
        if key not in self.books:
            from ..office.statutes import statute_book
            self.books[key] = statute_book(self.session, self.office)
        return self.books[key]


def _bracket_income(statute: Statute, bracket: int | None) -> fees.household.HouseholdIncome:
    """Return an income that falls into the bracket (its upper bound, or just above the one before); none given:
    the highest row (the amount then comes from the file)."""
    if bracket is None:
        return fees.Undeclared()
    row = statute.brackets[bracket - 1]
    if row.up_to is not None:
        return fees.AnnualIncome(row.up_to)
    before = statute.brackets[bracket - 2].up_to if bracket > 1 else Decimal("0")
    return fees.AnnualIncome((before or Decimal("0")) + Decimal("1"))
