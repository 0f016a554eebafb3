"""Statute files (TOML): read, check and load the statutes shipped with the package.

The format is described for administrators in ``docs/statutes.md``. Every problem is refused with a
:class:`StatuteError` whose message names the file, the place and the problem in German; the first
problem found is reported.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from .statute import (
    CARE_KINDS,
    GRADUATED,
    HIGHEST_ONLY,
    HOUR_MAPPINGS,
    MOVE_UP_RULES,
    OGS_COLUMN,
    AgeGroup,
    IncomeRules,
    OgsCap,
    SiblingRule,
    Statute,
    StatuteError,
)
from .statute_reading import (
    FIRST_DAY,
    LAST_DAY,
    MAX_FEE,
    MAX_INCOME_RULE,
    Node,
    decimal_value,
    parse_toml,
    shortened,
)
from .statute_table import read_table

STATUTE_PACKAGE = "elternbeitraege.statutes"
STATUTE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,99}$")
AGE_GROUP_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,19}$")
SCHOOL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
TOP_KEYS = (
    "id", "title", "office", "source", "adopted", "valid_from", "valid_until", "care_kinds",
    "hours", "age", "siblings", "income", "ogs", "table",
)
INCOME_KEYS = ("employee_lump_sum", "parental_allowance_free", "parental_allowance_plus_free")
# What the numbers of a statute file can mean: booked hours a week, a child's age in years, how many tiers,
# age groups, sibling shares and school years a statute can have.
MAX_HOURS, MAX_TIERS = 80, 12
MAX_AGE, MAX_AGE_GROUPS = 18, 12
MAX_SHARES, MAX_SHARE_DECIMALS = 20, 4
MAX_SCHOOL_YEARS = LAST_DAY.year - FIRST_DAY.year


def parse_statute_file(name: str, text: str) -> Statute:
    """Build a statute from the text of a statute file; raise StatuteError naming file, place and problem."""
    top = Node(name, "", parse_toml(name, text), top_keys=TOP_KEYS)
    top.only(TOP_KEYS)
    statute_id = top.text("id", pattern=STATUTE_ID, hint="Kleinbuchstaben, Ziffern und Bindestriche, 3 bis 100 Zeichen")
    title, office = top.text("title", max_length=300), top.text("office", max_length=200)
    source = top.text("source", max_length=1000)
    adopted = top.day("adopted", required=False)
    valid_from, valid_until = _validity(top)
    care_kinds = _care_kinds(top)
    hour_tiers, hour_mappings = _hours(top, care_kinds)
    age_groups, move_up = _age(top, care_kinds)
    siblings, ogs_caps, income = _siblings(top, care_kinds), _ogs_caps(top, care_kinds), _income(top)
    columns = _columns(care_kinds, age_groups, hour_tiers)
    return Statute(
        id=statute_id, title=title, office=office, source=source, adopted=adopted,
        valid_from=valid_from, valid_until=valid_until, care_kinds=care_kinds,
        hour_tiers=hour_tiers, hour_mappings=hour_mappings, age_groups=age_groups, move_up=move_up,
        brackets=read_table(top.section("table"), text, columns),
        siblings=siblings, ogs_caps=ogs_caps, income=income,
    )


@cache
def load_statute(statute_id: str) -> Statute:
    """Load a statute shipped with the package by its id."""
    path = resources.files(STATUTE_PACKAGE) / f"{statute_id}.toml"
    if not STATUTE_ID.match(statute_id) or not path.is_file():
        known = ", ".join(_shipped_ids())
        raise StatuteError(f"Satzung „{statute_id}“: keine Satzungsdatei mit dieser Kennung (vorhanden: {known})")
    statute = parse_statute_file(path.name, path.read_text(encoding="utf-8"))
    if statute.id != statute_id:
        raise StatuteError(f"{path.name}, id: Kennung „{statute.id}“ passt nicht zum Dateinamen")
    return statute


@cache
def shipped_statutes() -> tuple[Statute, ...]:
    """Return every statute shipped with the package, ordered by id."""
    return tuple(load_statute(statute_id) for statute_id in _shipped_ids())


def _shipped_ids() -> list[str]:
    """Return the ids of the statute files in the package, sorted."""
    folder = resources.files(STATUTE_PACKAGE)
    return sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml"))


def _care_kinds(top: Node) -> tuple[str, ...]:
    """Read the care kinds: known, unique, at least one."""
    return _kinds(top, "mindestens eine Betreuungsart angeben (kita, childminder, ogs)", CARE_KINDS,
                  unknown=f"unbekannte Betreuungsart „{{kind}}“ (erlaubt: {', '.join(CARE_KINDS)})")


def _kinds(node: Node, empty: str, allowed: tuple[str, ...], unknown: str) -> tuple[str, ...]:
    """Read ``care_kinds`` of a section: not empty, each among ``allowed``, none twice."""
    kinds = node.texts("care_kinds")
    if not kinds:
        node.fail(empty, "care_kinds")
    for index, kind in enumerate(kinds, start=1):
        if kind not in allowed:
            node.fail(unknown.format(kind=kind), f"care_kinds[{index}]")
        if kinds.index(kind) != index - 1:
            node.fail(f"Betreuungsart „{kind}“ doppelt", f"care_kinds[{index}]")
    return tuple(kinds)


def _day_care(care_kinds: tuple[str, ...]) -> tuple[str, ...]:
    """Return the care kinds with hours and age groups (all but OGS)."""
    return tuple(kind for kind in care_kinds if kind != OGS_COLUMN)


def _section_for(top: Node, key: str, needed: bool, why: str) -> Node | None:
    """Return a section that is required exactly when ``needed``; refuse it where it does not belong."""
    if not needed and key in top.data:
        top.fail(f"Abschnitt nicht erlaubt: {why}", f"[{key}]")
    return top.section(key) if needed else None


def _hours(top: Node, care_kinds: tuple[str, ...]) -> tuple[tuple[int, ...], dict[str, str]]:
    """Read the hour tiers and, per Kita/childminder care kind, how booked hours map to a tier."""
    day_care = _day_care(care_kinds)
    hours = _section_for(top, "hours", bool(day_care), "keine Betreuungsart mit Stunden (kita, childminder)")
    if hours is None:
        return (), {}
    hours.only(("tiers", *day_care))  # OGS has no hours, and a kind not under care_kinds needs no rule
    tiers = hours.positive_ints("tiers", MAX_HOURS, "Wochenstunden", max_items=MAX_TIERS)
    if not tiers:
        hours.fail("mindestens eine Stundenstufe angeben", "tiers")
    for index in range(1, len(tiers)):
        if tiers[index] <= tiers[index - 1]:
            problem = f"Stundenstufen nicht aufsteigend: {tiers[index]} nach {tiers[index - 1]}"
            hours.fail(problem, f"tiers[{index + 1}]")
    missing = [kind for kind in day_care if kind not in hours.data]
    if missing:
        hours.fail(f"fehlende Stundenstufen-Regel für „{missing[0]}“ ({missing[0]} = \"exact\" oder \"next_tier_up\")")
    return tuple(tiers), {kind: hours.choice(kind, HOUR_MAPPINGS) for kind in day_care}


def _age(top: Node, care_kinds: tuple[str, ...]) -> tuple[tuple[AgeGroup, ...], str | None]:
    """Read the age groups and when a child moves up."""
    age = _section_for(top, "age", bool(_day_care(care_kinds)), "keine Betreuungsart mit Altersgruppen")
    if age is None:
        return (), None
    age.only(("move_up", "groups"))
    move_up = age.choice("move_up", MOVE_UP_RULES)
    entries = age.entries("groups", max_items=MAX_AGE_GROUPS)
    if not entries:
        age.fail("mindestens eine Altersgruppe angeben", "groups")
    groups = tuple(_age_group(entry, last=number == len(entries)) for number, entry in enumerate(entries, start=1))
    for number in range(1, len(groups)):
        if groups[number].id in {group.id for group in groups[:number]}:
            entries[number].fail(f"Altersgruppe „{groups[number].id}“ doppelt", "id")
        until, before = groups[number].until_age, groups[number - 1].until_age
        if until is not None and before is not None and until <= before:
            entries[number].fail(
                f"until_age {groups[number].until_age} ist nicht größer als {groups[number - 1].until_age} "
                "der vorigen Gruppe (Altersgruppen aufsteigend ordnen)", "until_age")
    return groups, move_up


def _age_group(entry: Node, last: bool) -> AgeGroup:
    """Read one age group; all but the last end with a birthday (``until_age``), the last is open."""
    entry.only(("id", "label", "until_age"))
    group_id = entry.text("id", pattern=AGE_GROUP_ID, hint="Kleinbuchstaben, Ziffern und Bindestriche, bis 20 "
                                                          "Zeichen")
    if last and "until_age" in entry.data:
        entry.fail("die letzte (älteste) Altersgruppe hat kein until_age", "until_age")
    if not last and "until_age" not in entry.data:
        entry.fail("Schlüssel „until_age“ fehlt (nur die letzte Altersgruppe ist nach oben offen)")
    until_age = None if last else entry.positive_int("until_age", MAX_AGE, "Jahre")
    return AgeGroup(id=group_id, label=entry.text("label", max_length=100), until_age=until_age)


def _columns(care_kinds: tuple[str, ...], groups: tuple[AgeGroup, ...], tiers: tuple[int, ...]) -> tuple[str, ...]:
    """Return the table columns the statute needs: one per age group and tier, and ``ogs`` for OGS."""
    columns = tuple(f"{group.id}_{tier}h" for group in groups for tier in tiers)
    return columns + ((OGS_COLUMN,) if OGS_COLUMN in care_kinds else ())


def _validity(top: Node) -> tuple[date, date | None]:
    """Read from when and until when the statute applies."""
    valid_from = top.day("valid_from")
    valid_until = top.day("valid_until", required=False)
    if valid_until is not None and valid_until < valid_from:
        top.fail(f"{valid_until.isoformat()} liegt vor valid_from {valid_from.isoformat()}", "valid_until")
    return valid_from, valid_until


def _siblings(top: Node, care_kinds: tuple[str, ...]) -> SiblingRule | None:
    """Read the sibling rule, if the statute has one."""
    siblings = top.section("siblings", required=False)
    if siblings is None:
        return None
    siblings.only(("rule", "care_kinds", "shares"))
    rule = siblings.choice("rule", (HIGHEST_ONLY, GRADUATED))
    kinds = _kinds(siblings, "mindestens eine Betreuungsart angeben", care_kinds,
                   unknown="Betreuungsart „{kind}“ steht nicht unter care_kinds der Satzung")
    return SiblingRule(rule=rule, care_kinds=kinds, shares=_shares(siblings, rule))


def _shares(siblings: Node, rule: str) -> tuple[Decimal, ...]:
    """Read the shares of a graduated sibling rule: each between 0 and 1."""
    if rule != GRADUATED:
        if "shares" in siblings.data:
            siblings.fail("shares nur bei rule = \"graduated\"", "shares")
        return ()
    values = siblings.values("shares", max_items=MAX_SHARES)
    if not values:
        siblings.fail("mindestens einen Anteil angeben, z. B. shares = [\"1\", \"0.5\"]", "shares")
    return tuple(_share(siblings, value, f"shares[{index}]") for index, value in enumerate(values, start=1))


def _share(siblings: Node, value: object, key: str) -> Decimal:
    """Read one share: a number from 0 to 1."""
    share = siblings.convert(value, lambda given: decimal_value(given, "Anteil"), key)
    if share > 1:
        siblings.fail(f"Anteil {share} liegt nicht zwischen 0 und 1", key)
    exponent = share.as_tuple().exponent  # a number: decimal_value refuses NaN and infinity
    if isinstance(exponent, int) and exponent < -MAX_SHARE_DECIMALS:
        siblings.fail(f"Anteil {share} hat mehr als {MAX_SHARE_DECIMALS} Nachkommastellen", key)
    return share


def _income(top: Node) -> IncomeRules:
    """Read the income rules; keys left out keep their defaults."""
    income = top.section("income", required=False)
    if income is None:
        return IncomeRules()
    income.only(INCOME_KEYS)
    return IncomeRules(**{key: income.money(key, MAX_INCOME_RULE) for key in INCOME_KEYS if key in income.data})


def _ogs_caps(top: Node, care_kinds: tuple[str, ...]) -> tuple[OgsCap, ...]:
    """Read the OGS cap per school year, ordered by school year."""
    ogs = _section_for(top, "ogs", OGS_COLUMN in care_kinds, "ogs steht nicht unter care_kinds")
    if ogs is None:
        return ()
    ogs.only(("caps",))
    entries = ogs.entries("caps", max_items=MAX_SCHOOL_YEARS)
    if not entries:
        ogs.fail("mindestens eine Obergrenze angeben", "caps")
    caps: list[OgsCap] = []
    for entry in entries:
        cap = _ogs_cap(entry)
        if any(earlier.school_year == cap.school_year for earlier in caps):
            entry.fail(f"Schuljahr {entry.data['school_year']} doppelt", "school_year")
        caps.append(cap)
    return tuple(sorted(caps, key=lambda cap: cap.school_year))


def _ogs_cap(entry: Node) -> OgsCap:
    """Read one cap: a school year ``2024/25`` and a positive amount."""
    entry.only(("school_year", "amount"))
    found = SCHOOL_YEAR.match(entry.text("school_year"))
    if not found or int(found.group(2)) != (int(found.group(1)) + 1) % 100:
        entry.fail(f"Schuljahr „{shortened(entry.data['school_year'])}“ nicht in der Form 2024/25", "school_year")
    if not FIRST_DAY.year <= int(found.group(1)) < LAST_DAY.year:
        entry.fail(f"Schuljahr {found.group(0)} liegt nicht zwischen {FIRST_DAY.year} und {LAST_DAY.year}",
                   "school_year")
    amount = entry.money("amount", MAX_FEE)
    if amount <= 0:
        entry.fail(f"Obergrenze {amount} muss größer als 0 sein", "amount")
    return OgsCap(school_year=int(found.group(1)), amount=amount)

