"""Statute files: the shipped sample matches the published table; broken files are refused with a reason."""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from elternbeitraege.fees import Month, StatuteError, format_euro, load_statute
from elternbeitraege.fees.statute import parse_statute

SHARED_TABLE = Path(__file__).resolve().parents[4] / "shared/domain/statutes/kreis-guetersloh-2024.csv"
META = json.loads((resources.files("elternbeitraege.statutes") / "kreis-guetersloh-2024.json").read_text())
TABLE = (resources.files("elternbeitraege.statutes") / "kreis-guetersloh-2024.csv").read_text()


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="the shared domain folder is not beside this checkout")
def test_the_shipped_guetersloh_table_is_the_published_one_cell_for_cell():
    published = list(csv.DictReader(SHARED_TABLE.read_text().splitlines()))
    statute = load_statute("kreis-guetersloh-2024")
    assert len(statute.brackets) == len(published)
    for bracket, row in zip(statute.brackets, published, strict=True):
        bound = row.pop("income_up_to_eur")
        assert bracket.up_to == (Decimal(bound) if bound else None)
        assert bracket.amounts == {column: Decimal(value) for column, value in row.items()}


def test_an_unknown_statute_is_refused_by_name():
    with pytest.raises(StatuteError, match="gibt-es-nicht"):
        load_statute("gibt-es-nicht")


@pytest.mark.parametrize(("table", "problem"), [
    (TABLE.replace("35000,", "25000,", 1), "nicht aufsteigend"),
    (TABLE.replace(",53,", ",-53,", 1), "negativer Betrag"),
    (TABLE.replace(",53,", ",abc,", 1), "keine Zahl"),
    (TABLE.rsplit("\n,", 1)[0] + "\n", "nach oben offen"),
    (TABLE.replace("ue2_45h", "ue2_40h"), "Spalten"),
])
def test_a_broken_table_is_refused_with_the_problem_named(table, problem):
    with pytest.raises(StatuteError, match=problem):
        parse_statute("kaputt.csv", META, table)


def test_german_euro_amounts_drop_zero_cents():
    assert format_euro(Decimal("55000")) == "55.000 €"
    assert format_euro(Decimal("1234.5")) == "1.234,50 €"


@pytest.mark.parametrize(("month", "end_of_kita_year"), [
    (Month(2024, 8), Month(2025, 7)), (Month(2025, 7), Month(2025, 7)),
])
def test_the_kita_year_runs_from_august_to_july(month, end_of_kita_year):
    assert month.kita_year_end == end_of_kita_year
