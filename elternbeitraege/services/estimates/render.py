"""Write an assessment and the known statutes as the JSON answers of the API, and euros the German way."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from ...fees import HouseholdAssessment, Month, MonthlyFee, Statute
from .values import CENT


def render(assessment: HouseholdAssessment, statute: Statute) -> dict:
    """Return the answer of ``POST /api/v1/estimate``: per child its months and total, and the household total."""
    return {
        "statute": statute.id,
        "children": [{"id": child.id, "months": [_month(fee) for fee in child.months], "total": money(child.total)}
                     for child in assessment.children],
        "total": money(assessment.total),
    }


def _month(fee: MonthlyFee) -> dict:
    return {"month": _month_text(fee.month), "amount": money(fee.amount), "bracket": fee.bracket,
            "age_group": fee.age_group, "hours_tier": fee.hours_tier, "reasons": list(fee.reasons)}


@lru_cache(maxsize=4096)
def _month_text(month: Month) -> str:
    return str(month)


def describe_statute(statute: Statute) -> dict:
    """Return a statute as ``GET /api/v1/statutes`` lists it."""
    return {
        "id": statute.id,
        "title": statute.title,
        "office": statute.office,
        "valid_from": statute.valid_from.isoformat(),
        "valid_until": statute.valid_until.isoformat() if statute.valid_until else None,
        "care_kinds": list(statute.care_kinds),
    }


@lru_cache(maxsize=4096)
def money(amount: Decimal) -> str:
    """Write euros with two decimals and a point: ``169.00``."""
    return f"{_cents(amount):.2f}"


def german_euro(amount: Decimal) -> str:
    """Write euros the German way: ``1.183,00 €``."""
    text = f"{_cents(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} €"


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP) + 0  # + 0 turns -0.00 into 0.00
