"""Read the ``income`` of an estimate request: null, ``annual``, ``by_year`` or ``items``."""
from __future__ import annotations

import re
from decimal import Decimal

from ...fees import AnnualIncome, IncomeByYear, IncomeItem, IncomeItems, Undeclared
from ...fees.household import INCOME_KINDS, HouseholdIncome
from ...fees.income import MAY_BE_NEGATIVE
from .values import FIRST_YEAR, LAST_YEAR, Problems, amount, at, fields, integer, shown

FORMS = ("annual", "by_year", "items")
ITEM_KEYS = ("person", "kind", "year", "amount", "monthly", "months", "plus", "expenses")
MAX_ITEMS = 100
SHAPE = ("Einkommen muss null (keine Erklärung) oder ein Objekt mit genau einem der Felder „annual“, "
         "„by_year“ oder „items“ sein.")
_YEAR = re.compile(r"[0-9]{4}")
_MISSING = object()


def read_income(value: object, problems: Problems) -> HouseholdIncome | None:
    """Return the household's income as the engine takes it; None (with problems noted) when it is unusable."""
    if value is None:
        return Undeclared()
    if not isinstance(value, dict):
        problems.add("income", SHAPE)
        return None
    fields(value, "income", FORMS, problems, "Einkommen")
    chosen = [form for form in FORMS if form in value]
    if len(chosen) != 1:
        problems.add("income", SHAPE)
        return None
    form = chosen[0]
    if form == "annual":
        annual = amount(value["annual"], "income.annual", "Jahreseinkommen", problems)
        return AnnualIncome(annual) if annual is not None else None
    if form == "by_year":
        return _by_year(value["by_year"], problems)
    return _items(value["items"], problems)


def _by_year(value: object, problems: Problems) -> IncomeByYear | None:
    path = "income.by_year"
    if not isinstance(value, dict) or not value:
        problems.add(path, "Einkommen je Jahr muss ein Objekt wie {\"2025\": \"52000.00\"} mit mindestens "
                           "einem Jahr sein.")
        return None
    amounts: dict[int, Decimal] = {}
    for key, raw in value.items():
        if not _YEAR.fullmatch(key) or not FIRST_YEAR <= int(key) <= LAST_YEAR:
            problems.add(at(path, shown(key)), f"„{shown(key)}“ ist kein Jahr von {FIRST_YEAR} bis {LAST_YEAR}.")
            continue
        income = amount(raw, at(path, key), f"Einkommen {key}", problems)
        if income is not None:
            amounts[int(key)] = income
    return IncomeByYear(amounts) if len(amounts) == len(value) else None


def _items(value: object, problems: Problems) -> IncomeItems | None:
    path = "income.items"
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        problems.add(path, f"Einkünfte müssen eine Liste mit höchstens {MAX_ITEMS} Einträgen sein.")
        return None
    items = [_item(entry, at(path, index), problems) for index, entry in enumerate(value)]
    return IncomeItems(tuple(items)) if None not in items else None  # type: ignore[arg-type]


def _item(value: object, path: str, problems: Problems) -> IncomeItem | None:
    """Read one income of one parent in one year."""
    data = fields(value, path, ITEM_KEYS, problems, "Die Angaben zur Einkunft")
    if data is None:
        return None
    before = len(problems.items)
    person = integer(data.get("person", _MISSING), 1, 2)
    if person is None:
        problems.add(at(path, "person"), "Person fehlt oder ist nicht 1 oder 2.")
    kind = data.get("kind", _MISSING)
    if not isinstance(kind, str) or kind not in INCOME_KINDS:
        problems.add(at(path, "kind"), f"Einkunftsart fehlt oder ist unbekannt; möglich: {', '.join(INCOME_KINDS)}.")
        kind = None
    year = integer(data.get("year", _MISSING), FIRST_YEAR, LAST_YEAR)
    if year is None:
        problems.add(at(path, "year"), f"Jahr fehlt oder ist keine ganze Zahl von {FIRST_YEAR} bis {LAST_YEAR}.")
    annual, monthly, months = _sums(data, path, kind, problems)
    plus = _plus(data, path, kind, problems)
    expenses = _expenses(data, path, kind, problems)
    if len(problems.items) > before:
        return None
    return IncomeItem(person, kind, year, annual, monthly, months, plus, expenses)  # type: ignore[arg-type]


def _sums(data: dict, path: str, kind: str | None, problems: Problems) -> tuple[Decimal | None, ...]:
    """Return (annual amount, monthly amount, months): ``amount``, or ``monthly`` with ``months``."""
    negative = kind is None or kind in MAY_BE_NEGATIVE  # an unknown kind is reported already
    if ("amount" in data) == ("monthly" in data):
        problems.add(path if "amount" in data else at(path, "amount"),
                     "Entweder „amount“ (Jahresbetrag) oder „monthly“ mit „months“ angeben.")
        return None, None, None
    if "amount" in data:
        if "months" in data:
            problems.add(at(path, "months"), "„months“ gehört nur zu „monthly“.")
        return amount(data["amount"], at(path, "amount"), "Betrag", problems, negative), None, None
    monthly = amount(data["monthly"], at(path, "monthly"), "Monatsbetrag", problems, negative)
    months = integer(data.get("months", _MISSING), 1, 12)
    if months is None:
        problems.add(at(path, "months"), "Anzahl der Monate („months“) fehlt oder ist keine ganze Zahl von 1 bis 12.")
    return None, monthly, months


def _plus(data: dict, path: str, kind: str | None, problems: Problems) -> bool:
    plus = data.get("plus", False)
    if not isinstance(plus, bool):
        problems.add(at(path, "plus"), "„plus“ muss true oder false sein.")
    elif "plus" in data and kind not in (None, "parental_allowance"):
        problems.add(at(path, "plus"), "„plus“ (ElterngeldPlus) gibt es nur bei „parental_allowance“.")
    return plus is True


def _expenses(data: dict, path: str, kind: str | None, problems: Problems) -> Decimal | None:
    if "expenses" not in data:
        return None
    if kind not in (None, "employment"):
        problems.add(at(path, "expenses"), "Werbungskosten („expenses“) gibt es nur bei „employment“.")
        return None
    return amount(data["expenses"], at(path, "expenses"), "Werbungskosten", problems)
