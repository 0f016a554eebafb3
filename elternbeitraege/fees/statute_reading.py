"""Reading parsed TOML of a statute file key by key, with German messages that name file and place."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Literal, NoReturn, TypeVar, cast, overload

from .statute import StatuteError

T = TypeVar("T")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
KIND_NAMES = {str: "Text", int: "ganze Zahl", list: "Liste", dict: "Abschnitt", date: "Datum (z. B. 2024-08-01)"}
# Every date of a statute file lies in this span (the parents' estimate takes years from 1990 to 2100, too).
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)
MAX_NUMBER_TEXT = 20  # characters of a number written as text: 9999999999.99 has 13
SHOWN = 60  # characters of a value quoted in a message
# What the amounts of a statute file can mean: a monthly fee or OGS cap, an annual income bound, a yearly or
# monthly allowance of the income rules. Far above any real statute, far below what the database holds.
MAX_FEE = Decimal(10_000)
MAX_INCOME_BOUND = Decimal(10_000_000)
MAX_INCOME_RULE = Decimal(100_000)

# tomllib's words (Python 3.11), in German; a message it may add later keeps a general German sentence.
TOML_PROBLEMS = (
    ("Invalid statement", "unerwarteter Text – eine Zeile ist ein Schlüssel = Wert, ein [Abschnitt] oder ein "
                          "Kommentar nach #"),
    ("Expected '=' after a key", "nach dem Schlüssel fehlt „=“"),
    ("Expected ']' at the end of a table", "am Ende des Abschnittsnamens fehlt „]“"),
    ("Expected ']]'", "am Ende des Abschnittsnamens fehlt „]]“"),
    ("Found invalid character", "unerwartetes Zeichen nach dem Wert – ein Wert je Zeile, danach höchstens ein "
                                "Kommentar nach #"),
    ("Expected", "hier fehlt ein Zeichen, zum Beispiel ein Komma, eine Klammer oder ein Anführungszeichen"),
    ("Cannot declare", "der Abschnitt steht zweimal in der Datei"),
    ("Cannot overwrite a value", "der Schlüssel steht zweimal"),
    ("Cannot mutate immutable namespace", "der Abschnitt wird an zwei Stellen beschrieben"),
    ("Cannot redefine namespace", "der Abschnitt wird an zwei Stellen beschrieben"),
    ("Duplicate inline table key", "ein Schlüssel steht zweimal in { … }"),
    ("Invalid initial character for a key part", "ein Schlüssel beginnt mit einem Zeichen, das dort nicht "
                                                 "stehen darf (Buchstaben, Ziffern, _ und -)"),
    ("Unclosed array", "einer Liste fehlt die schließende Klammer „]“"),
    ("Unclosed inline table", "es fehlt die schließende Klammer „}“"),
    ("Unescaped '\\' in a string", "ein \\ im Text muss als \\\\ geschrieben werden"),
    ("Invalid hex value", "nach \\u oder \\U im Text steht keine Zeichennummer aus Hexadezimalziffern"),
    ("Escaped character is not a Unicode scalar value", "nach \\u oder \\U im Text steht keine Zeichennummer"),
    ("Unterminated string", "einem Text fehlt das schließende Anführungszeichen"),
    ("Illegal character", "ein Steuerzeichen im Text, zum Beispiel ein Zeilenumbruch in einem einzeiligen Text "
                          "(mehrzeiliger Text steht in \"\"\"…\"\"\")"),
    ("Invalid date or datetime", "dieses Datum gibt es nicht (Form JJJJ-MM-TT, z. B. 2024-08-01)"),
    ("Invalid value", "der Wert ist weder Text in Anführungszeichen noch Zahl, Datum, Liste oder { … }"),
)


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
                self.fail(f"unbekannter Schlüssel „{shortened(key)}“ (erlaubt: {', '.join(allowed)}){hint}")

    @overload
    def get(self, key: str, kind: type[T], required: Literal[True] = True) -> T: ...

    @overload
    def get(self, key: str, kind: type[T], required: bool) -> T | None: ...

    def get(self, key: str, kind: type[T], required: bool = True) -> T | None:
        """Return a key's value of the given TOML type; None for an optional key left out."""
        if key not in self.data:
            if required:
                self.fail(f"Schlüssel „{key}“ fehlt")
            return None
        value = self.data[key]
        self.check_kind(value, kind, key)
        return cast(T, value)

    def check_kind(self, value: object, kind: type[Any], key: str) -> None:
        """Refuse a value not of the given TOML type (a bool is no number, a date-time no date)."""
        if not _is_kind(value, kind):
            self.fail(f"erwartet {KIND_NAMES[kind]}, gefunden {describe(value)}", key)

    def text(self, key: str, pattern: re.Pattern[str] | None = None, hint: str = "", required: bool = True,
             max_length: int = 200) -> str:
        """Return a non-empty text of at most ``max_length`` characters, optionally matching a pattern."""
        value = self.get(key, str, required)
        if value is None:
            return ""
        if not value.strip():
            self.fail("darf nicht leer sein", key)
        if pattern is not None and not pattern.match(value):
            self.fail(f"„{shortened(value)}“ ist nicht erlaubt ({hint})", key)
        if len(value) > max_length:
            self.fail(f"Text mit {len(value)} Zeichen ist zu lang (höchstens {max_length} Zeichen)", key)
        return value

    def values(self, key: str, max_items: int = 20) -> list[Any]:
        """Return a required list of at most ``max_items`` entries."""
        values = self.get(key, list)
        if len(values) > max_items:
            self.fail(f"{len(values)} Einträge sind zu viele (höchstens {max_items})", key)
        return values

    def items(self, key: str, kind: type[T], max_items: int = 20) -> list[T]:
        """Return a required list whose items all have the given type."""
        values = self.values(key, max_items)
        for index, value in enumerate(values, start=1):
            self.check_kind(value, kind, f"{key}[{index}]")
        return values

    def texts(self, key: str) -> list[str]:
        """Return a required list of texts."""
        return self.items(key, str)

    def positive_int(self, key: str, maximum: int, what: str) -> int:
        """Return a required whole number above 0 and at most ``maximum`` (``what`` it counts, for the message)."""
        value = self.get(key, int)
        self.check_count(value, maximum, what, key)
        return value

    def positive_ints(self, key: str, maximum: int, what: str, max_items: int = 20) -> list[int]:
        """Return a required list of whole numbers above 0 and at most ``maximum``."""
        values = self.items(key, int, max_items)
        for index, value in enumerate(values, start=1):
            self.check_count(value, maximum, what, f"{key}[{index}]")
        return values

    def check_count(self, value: int, maximum: int, what: str, key: str) -> None:
        """Refuse a whole number that is not above 0, or above what it can mean."""
        if value <= 0:
            self.fail(f"{shortened(value)} muss größer als 0 sein", key)
        if value > maximum:
            self.fail(f"{shortened(value)} ist zu groß (höchstens {maximum} {what})", key)

    @overload
    def day(self, key: str, required: Literal[True] = True) -> date: ...

    @overload
    def day(self, key: str, required: bool) -> date | None: ...

    def day(self, key: str, required: bool = True) -> date | None:
        """Return a TOML date (written without quotes) between 1990 and 2100."""
        if isinstance(self.data.get(key), str):
            self.fail(f"Datum ohne Anführungszeichen schreiben, z. B. {key} = 2024-08-01", key)
        value = self.get(key, date, required)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            self.fail(f"Datum {value.isoformat()} liegt nicht zwischen {FIRST_DAY.year} und {LAST_DAY.year}", key)
        return value

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        """Return a required text that is one of the options."""
        value = self.get(key, str)
        if value not in options:
            self.fail(f"unbekannter Wert „{shortened(value)}“ (erlaubt: {', '.join(options)})", key)
        return value

    def money(self, key: str, maximum: Decimal) -> Decimal:
        """Return a required amount of euros (text or whole number, at most two decimals, not negative, at most
        ``maximum``)."""
        if key not in self.data:
            self.fail(f"Schlüssel „{key}“ fehlt")
        return self.convert(self.data[key], lambda value: money_value(value, maximum), key)

    def convert(self, value: object, convert: Callable[[object], T], key: str) -> T:
        """Convert a value; a ValueError becomes a refusal at the key."""
        try:
            return convert(value)
        except ValueError as error:
            self.fail(str(error), key)

    @overload
    def section(self, key: str, required: Literal[True] = True) -> Node: ...

    @overload
    def section(self, key: str, required: bool) -> Node | None: ...

    def section(self, key: str, required: bool = True) -> Node | None:
        """Return a sub-table ``[key]``; refuse it missing when required."""
        at = key if self.place else f"[{key}]"
        if key not in self.data:
            if required:
                self.fail("Abschnitt fehlt", at)
            return None
        self.check_kind(self.data[key], dict, at)
        return Node(self.file, self.where(at), self.data[key], self.top_keys)

    def entries(self, key: str, max_items: int = 20) -> list[Node]:
        """Return a required list of tables, each as a Node (counted from 1)."""
        tables = self.items(key, dict, max_items)
        return [Node(self.file, f"{self.where(key)}[{n}]", table, self.top_keys) for n, table in enumerate(tables, 1)]


MAX_KEY_PARTS = 16
# A key of more than MAX_KEY_PARTS dotted parts at the start of a line (key = value or [table.header]).
LONG_KEY = re.compile(r"(?m)^[ \t]*\[*[ \t]*(?:(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.[ \t]*)"
                      + f"{{{MAX_KEY_PARTS},}}")


def parse_toml(name: str, text: str) -> dict[str, Any]:
    """Parse TOML; a syntax error names its line and column and says in German what is wrong."""
    long_key = LONG_KEY.search(text)
    if long_key:  # tomllib takes quadratic time over the parts of one key: 10,000 of them take a second
        raise StatuteError(f"{name}, Zeile {text.count(chr(10), 0, long_key.start()) + 1}: ein Schlüssel hat mehr "
                           f"als {MAX_KEY_PARTS} Teile (a.b.c …); eine Satzungsdatei braucht höchstens drei")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+), column (\d+)", str(error))
        place = f"Zeile {found.group(1)}, Spalte {found.group(2)}" if found else "Dateiende"
        problem = next((german for english, german in TOML_PROBLEMS if str(error).startswith(english)),
                       "die Zeile lässt sich nicht als TOML lesen")
        raise StatuteError(f"{name}, {place}: TOML-Syntaxfehler: {problem}") from None
    except RecursionError:  # tomllib reads nested lists and { … } by recursion
        raise StatuteError(f"{name}: Listen oder {{ … }} sind zu tief ineinander verschachtelt (eine "
                           "Satzungsdatei braucht höchstens zwei Ebenen)") from None
    except ValueError:  # Python refuses to read integers of more than 4300 digits
        digits = re.search(r"\d{100,}", text)
        place = f"Zeile {text.count(chr(10), 0, digits.start()) + 1}" if digits else "oberste Ebene"
        raise StatuteError(f"{name}, {place}: eine Zahl hat zu viele Ziffern") from None


def money_value(value: object, maximum: Decimal) -> Decimal:
    """Convert euros written as text or whole number, at most ``maximum``; raise ValueError in German."""
    amount = decimal_value(value)
    exponent = amount.as_tuple().exponent  # a number: decimal_value refuses NaN and infinity
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"Betrag {shortened(value)} hat mehr als zwei Nachkommastellen")
    if amount > maximum:
        raise ValueError(f"Betrag {shortened(value)} ist zu groß (höchstens {maximum} €)")
    return amount


def decimal_value(value: object, what: str = "Betrag") -> Decimal:
    """Convert a non-negative number written as text (``.`` for decimals) or whole number."""
    if isinstance(value, float):
        raise ValueError(f"Zahl {value} in Anführungszeichen schreiben, z. B. \"{value:.2f}\" (keine Kommazahl)")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"erwartet Zahl als Text, z. B. \"120.50\", gefunden {describe(value)}")
    text = str(value).strip()
    if not NUMBER.match(text):
        raise ValueError(f"keine Zahl: „{shortened(text)}“ (Punkt für Nachkommastellen, keine Tausenderpunkte, "
                         "z. B. 1234.50)")
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(f"Zahl mit {len(text)} Zeichen ist zu lang (höchstens {MAX_NUMBER_TEXT})")
    if text.startswith("-") and Decimal(text) != 0:
        raise ValueError(f"negativer {what} {text}")
    return abs(Decimal(text))


def shortened(value: object) -> str:
    """Return a value for a message, cut to a readable length (a crafted file can hold very long ones)."""
    text = "".join(char if char.isprintable() else "�" for char in str(value)[:SHOWN + 1])  # ints: ≤ 4300 digits
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def describe(value: object) -> str:
    """Name a TOML value and its type in German, for messages."""
    if isinstance(value, bool):
        return f"Wahrheitswert {str(value).lower()}"
    if isinstance(value, float):
        return f"Kommazahl {value}"
    if isinstance(value, datetime | time):
        return f"Zeitangabe {value.isoformat()}"
    if isinstance(value, str):
        return f"Text „{shortened(value)}“"
    if isinstance(value, int):
        return f"Zahl {shortened(value)}"
    if isinstance(value, date):
        return f"Datum {value.isoformat()}"
    return KIND_NAMES.get(type(value), type(value).__name__)


def _is_kind(value: object, kind: type[Any]) -> bool:
    """Tell whether a TOML value has the type, not counting bools as numbers nor date-times as dates."""
    if isinstance(value, bool) and kind is not bool:
        return False
    if isinstance(value, datetime) and kind is date:
        return False
    return isinstance(value, kind)
