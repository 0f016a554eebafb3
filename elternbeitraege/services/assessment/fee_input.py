"""What the fee engine is told about a case: its care periods, its siblings, the income, the months to assess.

A case's hours may change from the first of a month; each care period becomes its own contract
for the engine, and their months are joined again into the case's assessment. Cases of the
same household are siblings and are assessed together, so the sibling rule applies.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import CaseState

from ... import fees
from ...fees import ChildAssessment, HouseholdError, Month, MonthlyFee
from ...models import AssessmentRecord, FeeCase
from ..declarations.answers import benefit_periods, household_income
from ..kernel.errors import InvalidInput

if TYPE_CHECKING:  # the case file reads what this module computes with
    from .case_file import CaseFile

log = logging.getLogger(__name__)

NOT_IN_CARE = (CaseState.WITHDRAWN,)


def latest_record(session: Session, case: FeeCase) -> AssessmentRecord | None:
    """Return the assessment the notice in force rests on, if any."""
    return session.scalars(select(AssessmentRecord).where(AssessmentRecord.case_id == case.id)
                           .order_by(AssessmentRecord.id.desc())).first()


def assessment_period(case: FeeCase, previous: AssessmentRecord | None = None) -> tuple[Month, Month]:
    """Return the months to assess: from the start of care to the end of the Kita year of the latest change,
    never fewer months than the notice in force, never after the departure."""
    first = Month.of(case.start_date)
    last = Month.of(max(case.start_date, case.reassess_from or case.start_date)).kita_year_end
    if previous is not None and previous.months:
        last = max(last, Month.parse(previous.months[-1]["month"]))
    if case.end_date is not None:
        last = min(last, Month.of(case.end_date))
    return first, max(first, last)


def benefit_window(session: Session, case: FeeCase) -> tuple[Month, Month]:
    """Return the months a declared benefit must overlap: those the next assessment of the case covers."""
    return assessment_period(case, latest_record(session, case))


def contracts(case: FeeCase) -> list[fees.ChildCare]:
    """Return the case's care periods as contracts for the engine, each until the day before the next."""
    periods = [(period.valid_from, period.weekly_hours) for period in case.care_periods] or [
        (case.start_date, case.weekly_hours)]
    periods.sort()
    ends = [valid_from - timedelta(days=1) for valid_from, _hours in periods[1:]] + [case.end_date]
    single = len(periods) == 1
    return [
        fees.ChildCare(
            id=str(case.id) if single else f"{case.id}.{number}", birth_date=case.child.birth_date,
            care=case.care_kind, hours=None if case.care_kind == "ogs" else hours,
            start=max(valid_from, case.start_date), end=end,
        )
        for number, ((valid_from, hours), end) in enumerate(zip(periods, ends, strict=True))
        if end is None or end >= max(valid_from, case.start_date)
    ]


def siblings(session: Session, case: FeeCase) -> list[FeeCase]:
    """Return the other cases of the household that are or were in care."""
    return list(session.scalars(select(FeeCase).where(
        FeeCase.household_id == case.household_id, FeeCase.id != case.id, FeeCase.status.not_in(NOT_IN_CARE),
    ).order_by(FeeCase.id)))


def household_of(file: CaseFile, first: Month, last: Month, highest: bool = False) -> fees.Household:
    """Return what the engine needs: every child's care, the income (or the highest fee), benefit months."""
    children = [*contracts(file.case), *(contract for sibling in file.siblings for contract in contracts(sibling))]
    if highest:
        return fees.Household(tuple(children), fees.Undeclared(), ())
    income = household_income(file.declaration, range(first.year, last.year + 1))
    return fees.Household(tuple(children), income, benefit_periods(file.declaration, first, last))


def assess(file: CaseFile, highest: bool = False) -> ChildAssessment:
    """Return the case's binding fee month by month under the office's statutes: from ``reassess_from`` on
    anew, the months before as the notice in force set them; ``highest``: the highest fee, whatever was declared."""
    case, previous = file.case, file.latest_record
    first, last = assessment_period(case, previous)
    try:
        assessment = fees.assess_household(file.book, household_of(file, first, last, highest), first, last)
    except HouseholdError as error:
        log.warning("case %s cannot be assessed: %s", case.id, error)
        raise InvalidInput({"estimate": " ".join(problem.message for problem in error.problems)}) from error
    months = _months_of(assessment, case)
    if case.reassess_from is not None and previous is not None:
        cut = Month.of(case.reassess_from)
        months = [fee for fee in record_months(previous) if fee.month < cut] + [
            fee for fee in months if fee.month >= cut]
    return ChildAssessment(str(case.id), tuple(months))


def _months_of(assessment: fees.HouseholdAssessment, case: FeeCase) -> list[MonthlyFee]:
    own = str(case.id)
    fees_of_case = [fee for child in assessment.children if child.id == own or child.id.startswith(own + ".")
                    for fee in child.months]
    return sorted(fees_of_case, key=lambda fee: fee.month)


def record_months(record: AssessmentRecord) -> list[MonthlyFee]:
    """Read the months of a stored assessment back."""
    return [
        MonthlyFee(month=Month.parse(row["month"]), amount=Decimal(row["amount"]), bracket=row["bracket"],
                   age_group=row["age_group"], hours_tier=row["hours_tier"], reasons=tuple(row["reasons"]),
                   statute_id=row["statute_id"])
        for row in record.months
    ]


def record_assessment(record: AssessmentRecord) -> ChildAssessment:
    """Return a stored assessment as the engine's result, to compare it with a new one."""
    return ChildAssessment(str(record.case_id), tuple(record_months(record)))


def month_rows(assessment: ChildAssessment) -> list[dict]:
    """Return the months of an assessment as they are stored."""
    return [{"month": str(fee.month), "amount": str(fee.amount), "bracket": fee.bracket,
             "age_group": fee.age_group, "hours_tier": fee.hours_tier, "reasons": list(fee.reasons),
             "statute_id": fee.statute_id} for fee in assessment.months]

