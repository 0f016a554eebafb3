"""The fee table of a statute file: CSV text in ``[table].csv``, checked row by row."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NoReturn

from .statute import Bracket, StatuteError, format_euro
from .statute_reading import MAX_FEE, MAX_INCOME_BOUND, Node, money_value, shortened

BOUND_COLUMN = "income_up_to_eur"
MAX_ROWS = 200  # income brackets; real tables have 10 to 30
MAX_COLUMNS = 200  # a statute needs at most one per age group and tier, and ogs
CSV_KEY = re.compile(r"^[ \t]*csv[ \t]*=[ \t]*(\"\"\"|''')?(.*)$", re.MULTILINE)
TABLE_HEADER = re.compile(r"^[ \t]*\[[ \t]*table[ \t]*\]", re.MULTILINE)


@dataclass(frozen=True)
class Row:
    """A line of the CSV text: its table row number (0 for the header), its line in the file, its cells."""

    file: str
    number: int
    file_line: int | None
    cells: tuple[str, ...]

    def fail(self, problem: str, column: str | None = None) -> NoReturn:
        """Refuse the file with the problem at this row (and column)."""
        place = f"Tabelle Zeile {self.number}" if self.number else "Tabelle Kopfzeile"
        if self.file_line is not None:
            place += f" (Datei-Zeile {self.file_line})"
        if column is not None:
            place += f", Spalte {column}"
        raise StatuteError(f"{self.file}, {place}: {problem}")


def read_table(table: Node, text: str, columns: tuple[str, ...]) -> tuple[Bracket, ...]:
    """Return the brackets of ``[table].csv``: the expected columns, bounds ascending, the last row open."""
    table.only(("csv",))
    rows = _rows(table, table.get("csv", str), _first_csv_line(text))
    if len(rows) < 2:
        table.fail("die Tabelle ist leer (Kopfzeile und mindestens eine Zeile nötig)", "csv")
    header = rows[0]
    _check_header(header, columns)
    brackets = tuple(_bracket(row, header.cells) for row in rows[1:])
    _check_bounds(brackets, rows[1:])
    return brackets


def _first_csv_line(text: str) -> int | None:
    """Return the file line of the CSV text's first line, or None where ``csv = ...`` is not found.

    Exact for ``csv = \"\"\"`` followed by the CSV lines; escapes that add or join lines inside the
    string (``\\n``, a backslash at a line end) would shift it, which statute files do not need.
    """
    header = TABLE_HEADER.search(text)
    found = CSV_KEY.search(text, header.end()) if header else None
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    # TOML drops a newline right after the opening quotes, so the CSV then starts on the next line
    return line + 1 if found.group(1) and not found.group(2).strip() else line


def _rows(table: Node, csv_text: str, first_line: int | None) -> list[Row]:
    """Split the CSV text into non-blank rows numbered from 0 (the header), at most ``MAX_ROWS`` and the header."""
    rows: list[Row] = []
    for offset, line in enumerate(csv_text.split("\n")):
        if not line.strip():
            continue
        if len(rows) > MAX_ROWS:
            table.fail(f"die Tabelle hat mehr als {MAX_ROWS} Zeilen", "csv")
        row = Row(table.file, len(rows), None if first_line is None else first_line + offset, ())
        try:
            cells = tuple(cell.strip() for cell in next(csv.reader([line])))
        except csv.Error:  # a zero character, or a cell longer than the csv module reads
            row.fail("die Zeile lässt sich nicht als CSV lesen (Werte durch Kommas getrennt, ohne Steuerzeichen)")
        rows.append(Row(row.file, row.number, row.file_line, cells))
    return rows


def _check_header(header: Row, columns: tuple[str, ...]) -> None:
    """Require the bound column first, then each expected column exactly once and nothing else."""
    if header.cells[0] != BOUND_COLUMN:
        header.fail(f"die erste Spalte muss {BOUND_COLUMN} heißen, nicht „{shortened(header.cells[0])}“")
    if len(header.cells) > MAX_COLUMNS:
        header.fail(f"{len(header.cells)} Spalten sind zu viele (nötig sind {BOUND_COLUMN}, {', '.join(columns)})")
    seen: set[str] = set()
    for column in header.cells:
        if column in seen:
            header.fail(f"Spalte {shortened(column)} doppelt")
        seen.add(column)
    for column in columns:
        if column not in seen:
            header.fail(f"Spalte {column} fehlt (nötig sind {BOUND_COLUMN}, {', '.join(columns)})")
    for column in header.cells[1:]:
        if column not in columns:
            header.fail(f"Spalte {shortened(column)} ist unbekannt – sie passt zu keiner Altersgruppe und "
                        f"Stundenstufe (nötig sind {BOUND_COLUMN}, {', '.join(columns)})")


def _bracket(row: Row, header: tuple[str, ...]) -> Bracket:
    """Read a row: an empty or positive income bound, then one amount per column."""
    if len(row.cells) != len(header):
        row.fail(f"{len(row.cells)} Werte, die Kopfzeile hat {len(header)} Spalten")
    bound = row.cells[0]
    up_to = _amount(row, BOUND_COLUMN, bound) if bound else None
    amounts = {column: _amount(row, column, cell) for column, cell in zip(header[1:], row.cells[1:], strict=True)}
    return Bracket(number=row.number, up_to=up_to, amounts=amounts)


def _amount(row: Row, column: str, cell: str) -> Decimal:
    """Read one cell as euros."""
    if not cell:
        row.fail("leerer Betrag", column)
    try:
        return money_value(cell, MAX_INCOME_BOUND if column == BOUND_COLUMN else MAX_FEE)
    except ValueError as error:
        row.fail(str(error), column)


def _check_bounds(brackets: tuple[Bracket, ...], rows: list[Row]) -> None:
    """Require ascending bounds, an open last row, and no other open row."""
    for bracket, row in zip(brackets[:-1], rows, strict=False):
        if bracket.up_to is None:
            row.fail("leere Einkommensgrenze (nach oben offen) ist nur in der letzten Zeile erlaubt", BOUND_COLUMN)
    for previous, bracket, row in zip(brackets, brackets[1:-1], rows[1:], strict=False):
        if bracket.up_to is not None and previous.up_to is not None and bracket.up_to <= previous.up_to:
            row.fail(
                f"Einkommensgrenze {format_euro(bracket.up_to)} ist nicht größer als {format_euro(previous.up_to)} "
                f"in Zeile {previous.number} (Zeilen überlappen oder sind nicht aufsteigend)", BOUND_COLUMN)
    if brackets[-1].up_to is not None:
        rows[-1].fail("die letzte Zeile muss nach oben offen sein (leere Einkommensgrenze für „darüber“)",
                      BOUND_COLUMN)
