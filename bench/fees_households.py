"""Benchmark: assess 100,000 synthetic households for the Kita year 2024/25 on one core; prints households/s.

Run: ``.venv/bin/python bench/fees_households.py [COUNT]``. The households are generated first (not timed) with a
fixed seed: 70 % one child, 25 % two, 5 % three; Kita, childminder and OGS; incomes declared as one annual
figure, as items per parent and year, not at all, or the top bracket accepted; one in ten with benefit months.
Every household is assessed in full: all months, reasons and sibling rules, through ``assess_household``.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from elternbeitraege.fees import (
    AcceptedHighest,
    AnnualIncome,
    BenefitPeriod,
    ChildCare,
    Household,
    IncomeItem,
    IncomeItems,
    Month,
    StatuteBook,
    Undeclared,
    assess_household,
    load_statute,
)

FIRST, LAST = Month(2024, 8), Month(2025, 7)
TARGET = 20_000


def synthetic_households(count: int, seed: int = 2024) -> list[Household]:
    """Return ``count`` households drawn with a fixed seed."""
    rng = random.Random(seed)
    return [_household(rng) for _ in range(count)]


def _household(rng: random.Random) -> Household:
    size = rng.choices((1, 2, 3), weights=(70, 25, 5))[0]
    children = tuple(_child(rng, str(number)) for number in range(size))
    benefits = ()
    if rng.random() < 0.1:
        start = rng.randrange(FIRST.ordinal, LAST.ordinal + 1)
        end = rng.randrange(start, LAST.ordinal + 1)
        benefits = (BenefitPeriod(Month.from_ordinal(start), Month.from_ordinal(end)),)
    return Household(children, _income(rng), benefits)


def _child(rng: random.Random, child_id: str) -> ChildCare:
    care = rng.choices(("kita", "childminder", "ogs"), weights=(70, 15, 15))[0]
    start = date(2024, 8, 1) if rng.random() < 0.8 else date(2024, 8, 1) + timedelta(days=rng.randrange(330))
    end = None if rng.random() < 0.9 else start + timedelta(days=rng.randrange(30, 300))
    if care == "ogs":
        return ChildCare(child_id, _day(rng, 2014, 2018), care, None, start, end)
    birth = min(_day(rng, 2018, 2024), start)
    hours = rng.choice((25, 35, 45)) if care == "kita" else rng.randrange(10, 50)
    return ChildCare(child_id, birth, care, hours, start, end)


def _day(rng: random.Random, first_year: int, last_year: int) -> date:
    return date(first_year, 1, 1) + timedelta(days=rng.randrange((last_year - first_year + 1) * 365))


def _income(rng: random.Random):
    kind = rng.choices(("annual", "items", "none", "highest"), weights=(60, 25, 10, 5))[0]
    if kind == "annual":
        return AnnualIncome(Decimal(rng.randrange(0, 15_000_000)) / 100)
    if kind == "items":
        return IncomeItems(tuple(
            IncomeItem(1, "employment", year, Decimal(rng.randrange(0, 80_000))) for year in (2024, 2025)
        ) + tuple(IncomeItem(2, rng.choice(("self_employment", "rental")), year, Decimal(rng.randrange(-5_000, 60_000)))
                  for year in (2024, 2025)))
    return Undeclared() if kind == "none" else AcceptedHighest()


def run(households: list[Household], book: StatuteBook) -> float:
    """Assess every household once; return the seconds taken."""
    started = time.perf_counter()
    for household in households:
        assess_household(book, household, FIRST, LAST)
    return time.perf_counter() - started


def main(count: int = 100_000, rounds: int = 3) -> None:
    book = StatuteBook.of([load_statute("kreis-guetersloh-2024"), load_statute("ennigerloh-ogs-2024")])
    households = synthetic_households(count)
    months = sum(len(child.months) for household in households[:1000]
                 for child in assess_household(book, household, FIRST, LAST).children)
    rates = [count / run(households, book) for _ in range(rounds)]
    print(f"households: {count:,}  (child-months per household: {months / 1000:.1f})")
    print(f"rounds: {', '.join(f'{rate:,.0f}' for rate in rates)} households/s")
    print(f"median: {statistics.median(rates):,.0f} households/s  (target ≥ {TARGET:,})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
