"""Why a household cannot be assessed: every problem with the place it was found (``children[0].hours``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .household import ChildCare, Household, IncomeByYear, IncomeItems, Problem
from .income import item_problems
from .month import Month
from .plan import contract_ordinals
from .statute import CARE_KINDS, EXACT, Statute

if TYPE_CHECKING:
    from .engine import StatuteBook

CARE_LABELS = {"kita": "Kindertageseinrichtung", "childminder": "Kindertagespflege", "ogs": "Offene Ganztagsschule"}


def household_problems(book: StatuteBook, household: Household, first: Month, last: Month) -> list[Problem]:
    """Return every problem of the household in ``first``..``last``; empty when it can be assessed."""
    if last < first:
        return [Problem("to", "Das Ende des Zeitraums liegt vor seinem Anfang.")]
    problems: list[Problem] = []
    for index, child in enumerate(household.children):
        problems.extend(_child_problems(book, child, f"children[{index}]", first, last))
    problems.extend(_duplicate_ids(household))
    problems.extend(_income_problems(book, household, first, last))
    for index, period in enumerate(household.benefits):
        if period.last < period.first:
            problems.append(Problem(f"benefits[{index}].to", "Das Ende des Leistungsbezugs liegt vor seinem Anfang."))
    return _unique(problems)


def _child_problems(book: StatuteBook, child: ChildCare, place: str, first: Month, last: Month) -> list[Problem]:
    if child.care not in CARE_KINDS:
        return [Problem(f"{place}.care", "Betreuungsart muss kita, childminder oder ogs sein.")]
    problems = []
    if child.end is not None and child.end < child.start:
        problems.append(Problem(f"{place}.end", "Das Ende der Betreuung liegt vor ihrem Beginn."))
    if child.birth_date > child.start:
        problems.append(Problem(f"{place}.birth_date", "Das Geburtsdatum liegt nach dem Beginn der Betreuung."))
    if problems:
        return problems
    return _statute_problems(book, child, place, first, last)


def _statute_problems(book: StatuteBook, child: ChildCare, place: str, first: Month, last: Month) -> list[Problem]:
    contract = contract_ordinals(child, first, last)
    spans = book.spans(child.care, contract.start, contract.stop) if contract else ()
    uncovered = next((start for start, _stop, statute in spans if statute is None), None)
    problems = [] if uncovered is None else [_uncovered(book, child, place, Month.from_ordinal(uncovered))]
    in_force = {id(statute): statute for _start, _stop, statute in spans if statute is not None}
    for statute in in_force.values():
        message = _hours_problem(statute, child.care, child.hours)
        if message:
            problems.append(Problem(f"{place}.hours", message))
    return problems


def _uncovered(book: StatuteBook, child: ChildCare, place: str, month: Month) -> Problem:
    kind = CARE_LABELS[child.care]
    covering = [statute for _start, statute in book.entries if child.care in statute.care_kinds]
    if not covering:
        names = ", ".join(statute.id for _start, statute in book.entries)
        return Problem(f"{place}.care", f"Die Satzung {names} regelt keine Beiträge für {kind}.")
    earliest = min(Month.of(statute.valid_from) for statute in covering)
    field = "from" if month < earliest else "to"
    return Problem(field, f"Für {month.label()} gilt keine Satzung für {kind}; die Satzung gilt "
                          f"{_validity(covering)}.")


def _validity(statutes: list[Statute]) -> str:
    texts = []
    for statute in statutes:
        until = f" bis {statute.valid_until:%d.%m.%Y}" if statute.valid_until else ""
        texts.append(f"ab {statute.valid_from:%d.%m.%Y}{until}")
    return ", ".join(texts)


_HOURS_CHECKED: dict[tuple[int, str, int | None], tuple[Statute, str | None]] = {}


def _hours_problem(statute: Statute, care: str, hours: int | None) -> str | None:
    """Return why booked hours cannot be charged under a statute, or None (remembered per statute object)."""
    key = (id(statute), care, hours)
    found = _HOURS_CHECKED.get(key)
    if found is None or found[0] is not statute:
        if len(_HOURS_CHECKED) > 10_000:
            _HOURS_CHECKED.clear()
        found = _HOURS_CHECKED[key] = (statute, _hours_check(statute, care, hours))
    return found[1]


def _hours_check(statute: Statute, care: str, hours: int | None) -> str | None:
    if care == "ogs":
        return None
    if hours is None:
        return "Die gebuchten Wochenstunden fehlen."
    if hours <= 0:
        return "Die Wochenstunden müssen größer als 0 sein."
    tiers = ", ".join(str(tier) for tier in statute.hour_tiers[:-1]) + f" oder {statute.hour_tiers[-1]}"
    if statute.hour_mappings.get(care) == EXACT and hours not in statute.hour_tiers:
        return (f"Ein Platz in einer {CARE_LABELS[care]} kann nach der Satzung {statute.id} nur mit {tiers} "
                "Wochenstunden gebucht werden.")
    return None


def _duplicate_ids(household: Household) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, child in enumerate(household.children):
        if child.id in seen:
            problems.append(Problem(f"children[{index}].id", f"Die Kennung „{child.id}“ ist doppelt."))
        seen.add(child.id)
    return problems


def _income_problems(book: StatuteBook, household: Household, first: Month, last: Month) -> list[Problem]:
    income = household.income
    if not isinstance(income, (IncomeByYear, IncomeItems)):
        return []
    years = sorted({year for child in household.children for year in _years(contract_ordinals(child, first, last))})
    if isinstance(income, IncomeByYear):
        return [Problem("income.by_year", f"Für das Jahr {year} fehlt das Einkommen.")
                for year in years if year not in income.amounts]
    problems = item_problems(income.items)
    declared = {item.year for item in income.items}
    problems.extend(Problem("income.items", f"Für das Jahr {year} ist kein Einkommen angegeben (ein Jahr ohne "
                                            "Einkommen bitte mit einem Eintrag über 0 angeben).")
                    for year in years if year not in declared)
    return problems


def _years(months: range) -> range:
    return range(months.start // 12, (months.stop - 1) // 12 + 1) if months else range(0)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
