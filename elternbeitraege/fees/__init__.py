"""The fee engine: pure functions over statutes, care contracts and incomes (standard library only)."""
from .engine import StatuteBook, assess_household, check_household
from .household import (
    AcceptedHighest,
    AnnualIncome,
    BenefitPeriod,
    ChildCare,
    Household,
    HouseholdError,
    IncomeByYear,
    IncomeItem,
    IncomeItems,
    Problem,
    Undeclared,
)
from .month import Month
from .result import ChildAssessment, HouseholdAssessment, MonthDifference, MonthlyFee, Recalculation, recalculate
from .statute import Statute, StatuteError, format_euro
from .statute_file import load_statute, parse_statute_file, shipped_statutes

__all__ = [
    "AcceptedHighest", "AnnualIncome", "BenefitPeriod", "ChildAssessment", "ChildCare", "Household",
    "HouseholdAssessment", "HouseholdError", "IncomeByYear", "IncomeItem", "IncomeItems", "Month", "MonthDifference",
    "MonthlyFee", "Problem", "Recalculation", "Statute", "StatuteBook", "StatuteError", "Undeclared",
    "assess_household", "check_household", "format_euro", "load_statute", "parse_statute_file", "recalculate",
    "shipped_statutes",
]
