"""Read an estimate request (the JSON of ``POST /api/v1/estimate``) strictly into the engine's household."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from ...fees import BenefitPeriod, ChildCare, Household, Month, Problem, Statute, check_household
from ...fees.statute import CARE_KINDS
from ..kernel.errors import InvalidInput
from .income import read_income
from .values import Problems, at, fields, integer, iso_date, month, shown

TOP_KEYS = ("statute", "from", "to", "children", "income", "benefits")
CHILD_KEYS = ("id", "birth_date", "care", "hours", "start", "end", "school_entry")
MAX_MONTHS = 60
MAX_CHILDREN = 20
MAX_BENEFITS = 100
MAX_ID_LENGTH = 40
MAX_PROBLEMS = 100  # a body of thousands of bad keys gets a short answer, not one ten times its size
OLDEST_AGE = 15  # a child 15 or older at the start of care is a typing error, not a Kita child
_STATUTE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
_MISSING = object()

StatuteLookup = Callable[[str], Statute | None]


class EstimateError(InvalidInput):
    """An estimate request that cannot be answered; ``problems`` has one entry per problem, in request order."""

    def __init__(self, problems: list[Problem]) -> None:
        errors: dict[str, str] = {}
        for problem in problems:
            errors.setdefault(problem.field, problem.message)
        super().__init__(errors)
        self.problems = problems


class _DuplicateKey(ValueError):
    pass


def decode_json(body: bytes) -> object:
    """Decode a request body as strict JSON: UTF-8, no NaN or Infinity, no key twice, numbers as Decimal."""
    try:
        return json.loads(body.decode("utf-8"), parse_float=Decimal, parse_constant=_refuse_constant,
                          object_pairs_hook=_object_without_duplicates)
    except _DuplicateKey as error:
        raise EstimateError([Problem("", f"Das Feld „{shown(str(error))}“ kommt mehrfach vor.")]) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise EstimateError([Problem("", "Der Inhalt ist kein gültiges JSON (UTF-8).")]) from None


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_request(data: object, statute_lookup: StatuteLookup) -> tuple[Statute, Household, Month, Month]:
    """Return the statute, household and months of a request; raise EstimateError with every problem found."""
    problems = Problems()
    top = fields(data, "", TOP_KEYS, problems, "Die Angaben")
    if top is None:
        raise _refused(problems.items)
    statute = _statute(top.get("statute", _MISSING), statute_lookup, problems)
    first, last = _period(top, problems)
    children = _children(top.get("children", _MISSING), problems)
    income = read_income(top["income"], problems) if "income" in top else _no_income(problems)
    benefits = _benefits(top.get("benefits", []), problems)
    if problems:
        raise _refused(problems.items)
    household = Household(children, income, benefits)  # type: ignore[arg-type]
    problems.items.extend(check_household(statute, household, first, last))  # type: ignore
    if problems:
        raise _refused(problems.items)
    return statute, household, first, last  # type: ignore[return-value]


def _refused(problems: list[Problem]) -> EstimateError:
    """Return the error naming every problem, but at most MAX_PROBLEMS and a note how many more there are."""
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem("", f"… und {more} weitere Probleme in der Anfrage.")]
    return EstimateError(problems)


def _no_income(problems: Problems) -> None:
    problems.add("income", "Einkommen fehlt; ohne Einkommenserklärung „income“: null angeben.")


def _statute(value: object, lookup: StatuteLookup, problems: Problems) -> Statute | None:
    if not isinstance(value, str) or not _STATUTE_ID.fullmatch(value):
        problems.add("statute", "Satzung fehlt oder ist keine Kennung wie „kreis-guetersloh-2024“.")
        return None
    statute = lookup(value)
    if statute is None:
        problems.add("statute", f"Die Satzung „{value}“ ist nicht bekannt.")
    return statute


def _period(top: dict, problems: Problems) -> tuple[Month | None, Month | None]:
    first, last = month(top.get("from", _MISSING)), month(top.get("to", _MISSING))
    if first is None:
        problems.add("from", "Beginn des Zeitraums fehlt oder ist kein Monat im Format JJJJ-MM.")
    if last is None:
        problems.add("to", "Ende des Zeitraums fehlt oder ist kein Monat im Format JJJJ-MM.")
    if first is not None and last is not None:
        if last < first:
            problems.add("to", "Das Ende des Zeitraums liegt vor seinem Beginn.")
        elif (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
            problems.add("to", f"Der Zeitraum darf höchstens {MAX_MONTHS} Monate umfassen.")
    return first, last


def _children(value: object, problems: Problems) -> tuple[ChildCare, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CHILDREN:
        problems.add("children", f"Kinder fehlen oder sind keine Liste mit 1 bis {MAX_CHILDREN} Kindern.")
        return ()
    children, seen = [], set()
    for index, entry in enumerate(value):
        path = at("children", index)
        child = _child(entry, path, problems)
        if child is not None and child.id in seen:
            problems.add(at(path, "id"), f"Die Kennung „{child.id}“ kommt mehrfach vor.")
        elif child is not None:
            seen.add(child.id)
            children.append(child)
    return tuple(children)


def _child(value: object, path: str, problems: Problems) -> ChildCare | None:
    """Read one child's care contract; None (with problems noted) when anything is wrong with it."""
    data = fields(value, path, CHILD_KEYS, problems, "Die Angaben zum Kind")
    if data is None:
        return None
    before = len(problems.items)
    child_id = _child_id(data.get("id", _MISSING), at(path, "id"), problems)
    birth = _date(data, path, "birth_date", "Geburtsdatum", problems, required=True)
    care = data.get("care", _MISSING)
    if not isinstance(care, str) or care not in CARE_KINDS:
        problems.add(at(path, "care"), "Betreuungsart fehlt oder ist nicht „kita“, „childminder“ oder „ogs“.")
        care = None
    hours = _hours(data.get("hours"), care, at(path, "hours"), problems)
    start = _date(data, path, "start", "Betreuungsbeginn", problems, required=True)
    end = _date(data, path, "end", "Betreuungsende", problems, required=False)
    school_entry = _date(data, path, "school_entry", "Einschulung", problems, required=False)
    _check_dates(path, birth, start, end, school_entry, problems)
    if len(problems.items) > before:
        return None
    return ChildCare(child_id, birth, care, hours, start, end, school_entry)  # type: ignore[arg-type]


def _child_id(value: object, path: str, problems: Problems) -> str | None:
    if isinstance(value, str) and 1 <= len(value) <= MAX_ID_LENGTH and value.isprintable() and value.strip():
        return value
    problems.add(path, f"Kennung fehlt oder ist kein Text mit 1 bis {MAX_ID_LENGTH} Zeichen.")
    return None


def _hours(value: object, care: str | None, path: str, problems: Problems) -> int | None:
    if value is None:
        if care not in (None, "ogs"):  # an unknown care kind is reported already
            problems.add(path, "Wochenstunden fehlen; nur bei der OGS dürfen sie leer bleiben.")
        return None
    hours = integer(value, 1, 60)
    if hours is None:
        problems.add(path, "Wochenstunden müssen eine ganze Zahl von 1 bis 60 sein.")
    return hours


def _date(data: dict, path: str, key: str, label: str, problems: Problems, required: bool) -> date | None:
    value = data.get(key, _MISSING if required else None)
    if value is None and not required:
        return None
    day = iso_date(value)
    if day is None:
        problems.add(at(path, key), f"{label} {'fehlt oder ist' if required else 'ist'} kein Datum im Format "
                                    "JJJJ-MM-TT.")
    return day


def _check_dates(path: str, birth: date | None, start: date | None, end: date | None, school_entry: date | None,
                 problems: Problems) -> None:
    """Check the dates against each other: born before care starts, care ends after it starts."""
    if birth is not None and start is not None:
        if birth > start:
            problems.add(at(path, "birth_date"), "Das Geburtsdatum liegt nach dem Betreuungsbeginn.")
        elif start >= _birthday(birth, OLDEST_AGE):
            problems.add(at(path, "birth_date"), f"Das Kind ist bei Betreuungsbeginn {OLDEST_AGE} Jahre oder älter.")
    if start is not None and end is not None and end < start:
        problems.add(at(path, "end"), "Das Betreuungsende liegt vor dem Betreuungsbeginn.")
    if birth is not None and school_entry is not None and school_entry <= birth:
        problems.add(at(path, "school_entry"), "Die Einschulung liegt vor dem Geburtsdatum.")


def _birthday(birth: date, age: int) -> date:
    """Return the day a child reaches an age (a 29 February child on 1 March)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)


def _benefits(value: object, problems: Problems) -> tuple[BenefitPeriod, ...]:
    if not isinstance(value, list) or len(value) > MAX_BENEFITS:
        problems.add("benefits", f"Leistungszeiträume müssen eine Liste mit höchstens {MAX_BENEFITS} Einträgen sein.")
        return ()
    periods = []
    for index, entry in enumerate(value):
        path = at("benefits", index)
        data = fields(entry, path, ("from", "to"), problems, "Die Angaben zum Leistungszeitraum")
        if data is None:
            continue
        first, last = month(data.get("from", _MISSING)), month(data.get("to", _MISSING))
        if first is None:
            problems.add(at(path, "from"), "Beginn fehlt oder ist kein Monat im Format JJJJ-MM.")
        if last is None:
            problems.add(at(path, "to"), "Ende fehlt oder ist kein Monat im Format JJJJ-MM.")
        if first is not None and last is not None and last < first:
            problems.add(at(path, "to"), "Das Ende des Leistungszeitraums liegt vor seinem Beginn.")
        elif first is not None and last is not None:
            periods.append(BenefitPeriod(first, last))
    return tuple(periods)
