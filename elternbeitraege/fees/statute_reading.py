"""Reading parsed TOML of a statute file key by key, with German messages that name file and place."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

from .statute import StatuteError

T = TypeVar("T")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
KIND_NAMES = {str: "Text", int: "ganze Zahl", list: "Liste", dict: "Abschnitt", date: "Datum (z. B. 2024-08-01)"}


@dataclass(frozen=True)
class Node:
    """One TOML table of a statute file: the file's name, where the table is, and its keys."""

    file: str
    place: str  # "" for the top level, "[hours]", "[age].groups[1]" (entries counted from 1)
    data: dict[str, Any]
    top_keys: tuple[str, ...] = ()  # top-level keys, to explain one written below a [section] by mistake

    def where(self, key: str | None = None) -> str:
        """Return the place of the table or of one of its keys."""
        if key is None:
            return self.place or "oberste Ebene"
        return f"{self.place}.{key}" if self.place else key

    def fail(self, problem: str, key: str | None = None) -> NoReturn:
        """Refuse the file with the problem at this table or one of its keys."""
        raise StatuteError(f"{self.file}, {self.where(key)}: {problem}")

    def only(self, allowed: Iterable[str]) -> None:
        """Refuse keys other than the allowed ones."""
        allowed = tuple(allowed)
        for key in self.data:
            if key not in allowed:
                misplaced = self.place and key in self.top_keys
                hint = " – gehört vor den ersten [Abschnitt] der Datei" if misplaced else ""
                self.fail(f"unbekannter Schlüssel „{key}“ (erlaubt: {', '.join(allowed)}){hint}")

    def get(self, key: str, kind: type[T], required: bool = True) -> T | None:
        """Return a key's value of the given TOML type; None for an optional key left out."""
        if key not in self.data:
            if required:
                self.fail(f"Schlüssel „{key}“ fehlt")
            return None
        value = self.data[key]
        self.check_kind(value, kind, key)
        return value

    def check_kind(self, value: object, kind: type, key: str) -> None:
        """Refuse a value not of the given TOML type (a bool is no number, a date-time no date)."""
        if not _is_kind(value, kind):
            self.fail(f"erwartet {KIND_NAMES[kind]}, gefunden {describe(value)}", key)

    def text(self, key: str, pattern: re.Pattern | None = None, hint: str = "", required: bool = True) -> str:
        """Return a non-empty text, optionally matching a pattern."""
        value = self.get(key, str, required)
        if value is None:
            return ""
        if not value.strip():
            self.fail("darf nicht leer sein", key)
        if pattern is not None and not pattern.match(value):
            self.fail(f"„{value}“ ist nicht erlaubt ({hint})", key)
        return value

    def values(self, key: str) -> list:
        """Return a required list."""
        return self.get(key, list)

    def items(self, key: str, kind: type[T]) -> list[T]:
        """Return a required list whose items all have the given type."""
        values = self.values(key)
        for index, value in enumerate(values, start=1):
            self.check_kind(value, kind, f"{key}[{index}]")
        return values

    def texts(self, key: str) -> list[str]:
        """Return a required list of texts."""
        return self.items(key, str)

    def positive_int(self, key: str) -> int:
        """Return a required whole number above 0."""
        value = self.get(key, int)
        if value <= 0:
            self.fail(f"{value} muss größer als 0 sein", key)
        return value

    def positive_ints(self, key: str) -> list[int]:
        """Return a required list of whole numbers above 0."""
        values = self.items(key, int)
        for index, value in enumerate(values, start=1):
            if value <= 0:
                self.fail(f"{value} muss größer als 0 sein", f"{key}[{index}]")
        return values

    def day(self, key: str, required: bool = True) -> date | None:
        """Return a TOML date (written without quotes)."""
        if isinstance(self.data.get(key), str):
            self.fail(f"Datum ohne Anführungszeichen schreiben, z. B. {key} = 2024-08-01", key)
        return self.get(key, date, required)

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        """Return a required text that is one of the options."""
        value = self.get(key, str)
        if value not in options:
            self.fail(f"unbekannter Wert „{value}“ (erlaubt: {', '.join(options)})", key)
        return value

    def money(self, key: str) -> Decimal:
        """Return a required amount of euros (text or whole number, at most two decimals, not negative)."""
        if key not in self.data:
            self.fail(f"Schlüssel „{key}“ fehlt")
        return self.convert(self.data[key], money_value, key)

    def convert(self, value: object, convert: Callable[[object], T], key: str) -> T:
        """Convert a value; a ValueError becomes a refusal at the key."""
        try:
            return convert(value)
        except ValueError as error:
            self.fail(str(error), key)

    def section(self, key: str, required: bool = True) -> Node | None:
        """Return a sub-table ``[key]``; refuse it missing when required."""
        at = key if self.place else f"[{key}]"
        if key not in self.data:
            if required:
                self.fail("Abschnitt fehlt", at)
            return None
        self.check_kind(self.data[key], dict, at)
        return Node(self.file, self.where(at), self.data[key], self.top_keys)

    def entries(self, key: str) -> list[Node]:
        """Return a required list of tables, each as a Node (counted from 1)."""
        tables = self.items(key, dict)
        return [Node(self.file, f"{self.where(key)}[{n}]", table, self.top_keys) for n, table in enumerate(tables, 1)]


def money_value(value: object) -> Decimal:
    """Convert euros written as text or whole number; raise ValueError with the problem in German."""
    amount = decimal_value(value)
    if amount.as_tuple().exponent < -2:
        raise ValueError(f"Betrag {value} hat mehr als zwei Nachkommastellen")
    return amount


def decimal_value(value: object, what: str = "Betrag") -> Decimal:
    """Convert a non-negative number written as text (``.`` for decimals) or whole number."""
    if isinstance(value, float):
        raise ValueError(f"Zahl {value} in Anführungszeichen schreiben, z. B. \"{value:.2f}\" (keine Kommazahl)")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"erwartet Zahl als Text, z. B. \"120.50\", gefunden {describe(value)}")
    text = str(value).strip()
    if not NUMBER.match(text):
        raise ValueError(f"keine Zahl: „{text}“ (Punkt für Nachkommastellen, keine Tausenderpunkte, z. B. 1234.50)")
    if text.startswith("-") and Decimal(text) != 0:
        raise ValueError(f"negativer {what} {text}")
    return abs(Decimal(text))


def describe(value: object) -> str:
    """Name a TOML value and its type in German, for messages."""
    if isinstance(value, bool):
        return f"Wahrheitswert {str(value).lower()}"
    if isinstance(value, float):
        return f"Kommazahl {value}"
    if isinstance(value, datetime | time):
        return f"Zeitangabe {value.isoformat()}"
    if isinstance(value, str):
        return f"Text „{value}“"
    if isinstance(value, int):
        return f"Zahl {value}"
    if isinstance(value, date):
        return f"Datum {value.isoformat()}"
    return KIND_NAMES.get(type(value), type(value).__name__)


def _is_kind(value: object, kind: type) -> bool:
    """Tell whether a TOML value has the type, not counting bools as numbers nor date-times as dates."""
    if isinstance(value, bool) and kind is not bool:
        return False
    if isinstance(value, datetime) and kind is date:
        return False
    return isinstance(value, kind)
