"""What the engine is asked about: a household's children, its income and its benefit months."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .month import Month

INCOME_KINDS = (
    "employment", "self_employment", "pension", "rental", "capital", "unemployment_benefit",
    "sick_pay", "parental_allowance", "maintenance", "other", "child_benefit",
)


@dataclass(frozen=True)
class ChildCare:
    """One child's care contract as the facility reported it."""

    id: str
    birth_date: date
    care: str  # kita, childminder, ogs
    hours: int | None  # booked weekly hours; None for OGS
    start: date
    end: date | None = None
    school_entry: date | None = None  # None: 1 August of the year the child turns 6 by 30 September


@dataclass(frozen=True)
class IncomeItem:
    """One income of one parent in one calendar year; annual ``amount`` or ``monthly`` × ``months``."""

    person: int  # 1 or 2
    kind: str  # one of INCOME_KINDS
    year: int
    amount: Decimal | None = None
    monthly: Decimal | None = None
    months: int | None = None
    plus: bool = False  # parental allowance: ElterngeldPlus
    expenses: Decimal | None = None  # employment: work-related expenses (else the lump sum)


@dataclass(frozen=True)
class Undeclared:
    """No declaration: the top row of the table."""


@dataclass(frozen=True)
class AcceptedHighest:
    """The household accepted the highest fee: the top row."""


@dataclass(frozen=True)
class AnnualIncome:
    """The same relevant annual income in every calendar year."""

    amount: Decimal


@dataclass(frozen=True)
class IncomeByYear:
    """The relevant income of each calendar year."""

    amounts: dict[int, Decimal]


@dataclass(frozen=True)
class IncomeItems:
    """Single incomes per parent, kind and year; the statute's income rules make the relevant income."""

    items: tuple[IncomeItem, ...]


HouseholdIncome = Undeclared | AcceptedHighest | AnnualIncome | IncomeByYear | IncomeItems


@dataclass(frozen=True)
class BenefitPeriod:
    """Months (inclusive) covered by a benefit notice (Bürgergeld, Wohngeld …): no fee."""

    first: Month
    last: Month


@dataclass(frozen=True)
class Household:
    children: tuple[ChildCare, ...]
    income: HouseholdIncome = Undeclared()
    benefits: tuple[BenefitPeriod, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Why the engine cannot assess a household: ``field`` is a path like ``children[0].hours``."""

    field: str
    message: str


class HouseholdError(ValueError):
    """The household cannot be assessed; ``problems`` says why, one entry per problem."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{problem.field}: {problem.message}" for problem in problems))
        self.problems = problems
