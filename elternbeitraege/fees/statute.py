"""Fee statutes as data: a table of income brackets and the rules that pick a cell."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources

STATUTE_PACKAGE = "elternbeitraege.statutes"


class StatuteError(ValueError):
    """A statute file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class AgeGroup:
    id: str
    label: str
    until_age: int | None  # the group ends at this birthday; None for the oldest group


@dataclass(frozen=True)
class Bracket:
    number: int  # table row, counted from 1
    up_to: Decimal | None  # inclusive upper bound of the annual income; None for "above"
    amounts: dict[str, Decimal]  # column ("u2_35h") → monthly euros

    def describe(self, previous: Bracket | None) -> str:
        """Return the row in words, e.g. ``Einkommen über 50.000 € bis 55.000 €``."""
        if self.up_to is None:
            return f"Einkommen über {format_euro(previous.up_to)}" if previous else "jedes Einkommen"
        if previous is None:
            return f"Einkommen bis {format_euro(self.up_to)}"
        return f"Einkommen über {format_euro(previous.up_to)} bis {format_euro(self.up_to)}"


@dataclass(frozen=True)
class Statute:
    id: str
    title: str
    adopted: date
    valid_from: date
    care_kinds: tuple[str, ...]
    hour_tiers: tuple[int, ...]
    age_groups: tuple[AgeGroup, ...]
    move_up: str
    brackets: tuple[Bracket, ...]

    def bracket_for(self, income: Decimal | None) -> Bracket:
        """Return the first row whose bound is at or above the income; no income → last row."""
        if income is None:
            return self.brackets[-1]
        for bracket in self.brackets:
            if bracket.up_to is None or income <= bracket.up_to:
                return bracket
        return self.brackets[-1]

    def bracket_label(self, bracket: Bracket) -> str:
        """Return the row of the table in words."""
        previous = self.brackets[bracket.number - 2] if bracket.number > 1 else None
        return bracket.describe(previous)

    def age_group(self, group_id: str) -> AgeGroup:
        return next(group for group in self.age_groups if group.id == group_id)


def format_euro(amount: Decimal | None) -> str:
    """Format whole or cent euros the German way: ``55.000 €``, ``1.234,50 €``."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return (text[:-3] if text.endswith(",00") else text) + " €"


def load_statute(statute_id: str) -> Statute:
    """Load a statute shipped with the package by its id."""
    folder = resources.files(STATUTE_PACKAGE)
    try:
        meta_text = (folder / f"{statute_id}.json").read_text(encoding="utf-8")
        table_text = (folder / f"{statute_id}.csv").read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise StatuteError(f"{statute_id}: keine Satzungsdatei gefunden") from error
    return parse_statute(statute_id, json.loads(meta_text), table_text)


def parse_statute(name: str, meta: dict, table_text: str) -> Statute:
    """Build a statute from its rules and its table; refuse what does not fit."""
    try:
        statute = Statute(
            id=meta["id"],
            title=meta["title"],
            adopted=date.fromisoformat(meta["adopted"]),
            valid_from=date.fromisoformat(meta["valid_from"]),
            care_kinds=tuple(meta["care_kinds"]),
            hour_tiers=tuple(meta["hour_tiers"]),
            age_groups=tuple(AgeGroup(**group) for group in meta["age_groups"]),
            move_up=meta["move_up"],
            brackets=_parse_table(name, table_text),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, StatuteError):
            raise
        raise StatuteError(f"{name}: {error!r}") from error
    _check_columns(name, statute)
    return statute


def _parse_table(name: str, text: str) -> tuple[Bracket, ...]:
    rows = list(csv.DictReader(io.StringIO(text)))
    brackets: list[Bracket] = []
    for number, row in enumerate(rows, start=1):
        bound = row.pop("income_up_to_eur").strip()
        try:
            up_to = Decimal(bound) if bound else None
            amounts = {column: Decimal(value) for column, value in row.items()}
        except InvalidOperation as error:
            raise StatuteError(f"{name}, Zeile {number}: keine Zahl") from error
        if any(amount < 0 for amount in amounts.values()):
            raise StatuteError(f"{name}, Zeile {number}: negativer Betrag")
        if brackets and (brackets[-1].up_to is None or (up_to is not None and up_to <= brackets[-1].up_to)):
            raise StatuteError(f"{name}, Zeile {number}: Einkommensgrenzen nicht aufsteigend")
        brackets.append(Bracket(number, up_to, amounts))
    if not brackets or brackets[-1].up_to is not None:
        raise StatuteError(f"{name}: die letzte Zeile muss nach oben offen sein")
    return tuple(brackets)


def _check_columns(name: str, statute: Statute) -> None:
    expected = {f"{group.id}_{hours}h" for group in statute.age_groups for hours in statute.hour_tiers}
    found = set(statute.brackets[0].amounts)
    if expected != found:
        raise StatuteError(f"{name}: Spalten {sorted(found)} passen nicht zu {sorted(expected)}")
