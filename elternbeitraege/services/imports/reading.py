"""Read an import file into numbered rows of named columns: CSV (semicolon or comma; UTF-8 with or without BOM,
or Windows-1252 as Excel writes it in Germany) or XLSX (the first sheet, read streaming).

A file is told apart by its content, not its name: an XLSX file is a ZIP archive. Line 1 is the
header; a data row keeps the number of its line (its row in Excel), so that problems can name it.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..kernel.errors import InvalidInput

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
UNREADABLE = ("Die Datei kann nicht gelesen werden. Speichern Sie sie als CSV (Trennzeichen Semikolon oder Komma, "
              "UTF-8 oder Windows-1252) oder als Excel-Arbeitsmappe (.xlsx) und laden Sie sie erneut hoch.")
EMPTY = "Die Datei ist leer. Die erste Zeile muss die Spaltennamen enthalten, darunter eine Zeile je Datensatz."
BAD_ENCODING = ("Die Datei enthält Zeichen, die weder UTF-8 noch Windows-1252 sind. Speichern Sie sie in Excel als "
                "„CSV UTF-8 (durch Trennzeichen getrennt)“ und laden Sie sie erneut hoch.")
NOT_A_TABLE = ("Die Datei ist keine CSV-Datei und keine Excel-Arbeitsmappe (.xlsx), sondern {what}. Wählen Sie die "
               "Datei mit den Daten aus, gespeichert als CSV oder .xlsx.")
OLD_EXCEL = ("Die Datei ist eine Excel-Datei im alten Format (.xls) oder mit einem Kennwort geschützt. Entfernen Sie "
             "das Kennwort und speichern Sie sie in Excel als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV.")
# What a file is that is no table, told by its first bytes.
OTHER_KINDS = ((b"%PDF", "ein PDF-Dokument"), (b"\x89PNG", "ein Bild (PNG)"), (b"\xff\xd8\xff", "ein Bild (JPEG)"),
               (b"GIF8", "ein Bild (GIF)"), (b"\x1f\x8b", "ein gepacktes Archiv (gzip)"),
               (b"Rar!", "ein gepacktes Archiv (RAR)"), (b"7z\xbc\xaf", "ein gepacktes Archiv (7z)"))
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and any .xlsx encrypted with a password
HEADER_LINE = 1


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and its values by column key (stripped text, empty when not given)."""

    line: int
    values: Mapping[str, str]


@dataclass(frozen=True)
class Column:
    """A column of an import file: its key in code, its German header (as documented) and other names accepted."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = True  # the header must be there (a value may still be optional for a row)


def normal(header: str) -> str:
    """Return a header as compared: lower case, without spaces, dots, dashes, slashes and underscores."""
    return re.sub(r"[\s._/\-]+", "", header.strip().lstrip("\ufeff").lower()).replace("ß", "ss")


class Table:
    """The rows of a file under the columns of an import kind; ``problems`` of the header are found at once."""

    def __init__(self, header: list[str], rows: Iterator[list[str]], columns: tuple[Column, ...]) -> None:
        self.problems: list[tuple[str, str]] = []  # (column, message) of line 1
        self._rows = rows
        known = {normal(name): column for column in columns for name in (column.header, *column.aliases)}
        self._positions: dict[str, int] = {}
        for position, name in enumerate(header):
            if not name.strip():
                continue
            column = known.get(normal(name))
            if column is None:
                self.problems.append((name.strip(), f"Die Spalte „{name.strip()}“ ist unbekannt. Benennen Sie sie "
                                      "wie in der Beschreibung des Formats oder entfernen Sie sie."))
            elif column.key in self._positions:
                self.problems.append((column.header, f"Die Spalte „{column.header}“ kommt zweimal vor."))
            else:
                self._positions[column.key] = position
        self.problems += [(column.header, f"Die Spalte „{column.header}“ fehlt in der Kopfzeile.")
                          for column in columns if column.required and column.key not in self._positions]
        self._keys = [column.key for column in columns]

    def __iter__(self) -> Iterator[Row]:
        for number, cells in enumerate(self._rows, start=HEADER_LINE + 1):
            if not any(cell.strip() for cell in cells):
                continue
            yield Row(number, {key: cells[position].strip() if position < len(cells) else ""
                               for key, position in self._positions.items()} | {
                key: "" for key in self._keys if key not in self._positions})


def open_table(source: bytes | Path, columns: tuple[Column, ...]) -> Table:
    """Open a CSV or XLSX file (its bytes or its path) under the given columns; refuse what cannot be read."""
    head = source[:8] if isinstance(source, bytes) else _head(source)
    if not head:
        raise InvalidInput({"file": EMPTY})
    if head.startswith(ZIP_MAGIC):
        return _xlsx(source, columns)
    if head.startswith(OLE2_MAGIC):
        raise InvalidInput({"file": OLD_EXCEL})
    for magic, what in OTHER_KINDS:
        if head.startswith(magic):
            raise InvalidInput({"file": NOT_A_TABLE.format(what=what)})
    content = source if isinstance(source, bytes) else source.read_bytes()
    return _csv(content, columns)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(8)
    except OSError as error:
        raise InvalidInput({"file": f"Die Datei {path} kann nicht gelesen werden. Prüfen Sie den Pfad."}) from error


def decode(content: bytes) -> str:
    """Return the text of a CSV file: UTF-8 (a BOM is dropped), else Windows-1252."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise InvalidInput({"file": BAD_ENCODING}) from error


def delimiter(first_line: str) -> str:
    """Return the separator the header line uses: semicolon (Excel in Germany), comma or tab."""
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _csv(content: bytes, columns: tuple[Column, ...]) -> Table:
    if b"\x00" in content[:4096]:
        raise InvalidInput({"file": UNREADABLE})
    text = decode(content)
    if not text.strip():
        raise InvalidInput({"file": EMPTY})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text.split("\n", 1)[0]))
    try:
        header = next(reader)
    except csv.Error as error:
        raise InvalidInput({"file": UNREADABLE}) from error
    return Table(header, _csv_rows(reader), columns)


def _csv_rows(reader) -> Iterator[list[str]]:
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a broken quote: the rest of the file is one field; report the line, go on
            cells = ["\x00"]
        yield cells


def _xlsx(source: bytes | Path, columns: tuple[Column, ...]) -> Table:
    from openpyxl import load_workbook  # only imports of XLSX files pay for it

    try:
        workbook = load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source,
                                 read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_cell(value) for value in next(rows, ())]
    except Exception as error:  # noqa: BLE001  a crafted or broken archive may fail anywhere inside openpyxl
        log.info("unreadable xlsx: %r", error)
        raise InvalidInput({"file": UNREADABLE}) from error
    if not any(header):
        raise InvalidInput({"file": EMPTY})
    return Table(header, _xlsx_rows(rows), columns)


def _xlsx_rows(rows: Iterator[tuple[object, ...]]) -> Iterator[list[str]]:
    """Yield the sheet's rows as text; a sheet broken further down refuses the whole file, as one broken at the top."""
    try:
        for row in rows:
            yield [_cell(value) for value in row]
    except Exception as error:  # noqa: BLE001
        log.info("unreadable xlsx row: %r", error)
        raise InvalidInput({"file": UNREADABLE}) from error


def _cell(value: object) -> str:
    """Return a cell as text as it would be typed: dates as ISO dates, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
