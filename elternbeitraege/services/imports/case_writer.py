"""Writing the new cases of an import a chunk at a time: households (one per family in the file), children,
cases, care periods, the opening event and the imported assessment — bulk inserts, a few statements per chunk."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger

from ... import fees
from ...fees import Month, Statute
from ...models import AssessmentRecord, CarePeriod, CaseEvent, Child, Facility, FeeCase, Household, YouthOffice
from ..assessment.fee_input import month_rows
from ..kernel.actor import Actor

log = logging.getLogger(__name__)

IMPORTED = "Übernommen aus dem bisherigen Verfahren"
IMPORTED_AMOUNT = "Beitrag aus dem bisherigen Verfahren übernommen."


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

    def compared(self) -> tuple[object, ...]:
        """Return the values a second run compares (in the order of ``COMPARED``), as the case keeps them."""
        return (self.cash_reference, *self.child, *self.parents, *self.address, self.facility.id, self.weekly_hours,
                self.start, self.end)


class CaseWriter:
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
             "birth_date": row.child[2]} for row, household_id in zip(rows, household_ids, strict=True)],
            Child.household_id, Child.first_name, Child.last_name, Child.birth_date)
        case_ids = self._insert(FeeCase, [self._case(row, household_id, child_id) for row, household_id, child_id
                                          in zip(rows, household_ids, child_ids, strict=True)], FeeCase.file_number)
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

    def _insert(self, model: Any, rows: list[dict[str, Any]], *key: Any) -> list[int]:
        """Insert the rows in batches; return their ids in the rows' order, matched by the key columns returned.

        Rows of equal keys are alike in all that is written of them, so which of their ids goes to which does
        not matter. (``sort_by_parameter_order`` would do one statement per row on SQLite.)"""
        if not rows:
            return []
        ids: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        table = model.__table__  # Core, not the ORM's bulk insert: that sorts by parameter, one row a statement
        for found in self.session.connection().execute(
                insert(table).returning(table.c.id, *(table.c[column.key] for column in key)), rows):
            ids[_normal(found[1:])].append(found[0])
        names = [column.key for column in key]
        return [ids[_normal(tuple(row[name] for name in names))].pop() for row in rows]

    def _households(self, rows: list[CaseRow]) -> list[int]:
        """Return each row's household: one per family (same first parent and address) within the file."""
        keys = [tuple(part.lower() if isinstance(part, str) else part for part in (*row.parents, *row.address))
                for row in rows]
        fresh = {key: row for key, row in zip(keys, rows, strict=True) if key not in self.households}
        ids = self._insert(Household, [
            {"office_id": self.office.id, "parent1_first_name": row.parents[0], "parent1_last_name": row.parents[1],
             "parent2_first_name": row.parents[2], "parent2_last_name": row.parents[3], "street": row.address[0],
             "postcode": row.address[1], "city": row.address[2]} for row in fresh.values()],
            Household.parent1_first_name, Household.parent1_last_name, Household.parent2_first_name,
            Household.parent2_last_name, Household.street, Household.postcode, Household.city)
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


def _normal(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Return a key as compared: text in lower case (a family is the same however its names are cased)."""
    return tuple(value.lower() if isinstance(value, str) else value for value in values)
