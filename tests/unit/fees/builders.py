"""Short ways to write households in fee tests."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from elternbeitraege.fees import (
    AnnualIncome,
    ChildCare,
    Household,
    Month,
    assess_household,
    load_statute,
)
from elternbeitraege.fees.household import HouseholdIncome

GUETERSLOH = load_statute("kreis-guetersloh-2024")
KOELN = load_statute("koeln-2025")
ENNIGERLOH = load_statute("ennigerloh-ogs-2024")
KITA_YEAR_2024 = (Month(2024, 8), Month(2025, 7))


def child(birth: str, care: str = "kita", hours: int | None = 35, start: str = "2024-08-01", end: str | None = None,
          school_entry: str | None = None, name: str = "a") -> ChildCare:
    return ChildCare(name, date.fromisoformat(birth), care, None if care == "ogs" else hours,
                     date.fromisoformat(start), date.fromisoformat(end) if end else None,
                     date.fromisoformat(school_entry) if school_entry else None)


def annual(amount: str) -> AnnualIncome:
    return AnnualIncome(Decimal(amount))


def fees_of(statute, *children: ChildCare, income: HouseholdIncome = annual("52000"), benefits=(),
            period=KITA_YEAR_2024) -> dict[str, dict[str, Decimal]]:
    """Return child id → month ("2024-08") → amount."""
    result = assess_household(statute, Household(children, income, benefits), *period)
    return {each.id: {str(fee.month): fee.amount for fee in each.months} for each in result.children}


def months_of(statute, *children: ChildCare, income: HouseholdIncome = annual("52000"), benefits=(),
              period=KITA_YEAR_2024):
    """Return the fees of the first child, month by month."""
    return assess_household(statute, Household(children, income, benefits), *period).children[0].months
