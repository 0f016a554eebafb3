"""Hostile statute files: every number bounded to what it means, every list and text to what a statute needs,
and a file crafted to break the parser refused in German within a second, never with another exception."""
from __future__ import annotations

import time

import pytest

from elternbeitraege.fees.statute import StatuteError
from elternbeitraege.fees.statute_file import parse_statute_file
from tests.files import hostile
from tests.unit.fees.test_statute_file import edited, row

HEADER = "income_up_to_eur,u2_25h,u2_35h,ue2_25h,ue2_35h,ogs"
ROW_2 = "45000.50,100.10,120,80,90.5,50"

OUT_OF_BOUNDS = [
    ("until_age = 2", "until_age = 99999999999999999999", "[age].groups[1].until_age",
     "99999999999999999999 ist zu groß (höchstens 18 Jahre)"),
    ("until_age = 2", "until_age = 19", "[age].groups[1].until_age", "höchstens 18 Jahre"),
    ("tiers = [25, 35]", "tiers = [25, 35000]", "[hours].tiers[2]", "35000 ist zu groß (höchstens 80 Wochenstunden)"),
    ("tiers = [25, 35]", f"tiers = {list(range(1, 14))}", "[hours].tiers", "13 Einträge sind zu viele (höchstens 12)"),
    ("valid_from = 2026-08-01", "valid_from = 0001-01-01", "valid_from",
     "Datum 0001-01-01 liegt nicht zwischen 1990 und 2100"),
    ("valid_until = 2027-07-31", "valid_until = 9999-12-31", "valid_until", "Datum 9999-12-31 liegt nicht zwischen"),
    ("adopted = 2026-01-15", "adopted = 1989-12-31", "adopted", "liegt nicht zwischen 1990 und 2100"),
    ('"2025/26"', '"2100/01"', "[ogs].caps[2].school_year", "Schuljahr 2100/01 liegt nicht zwischen 1990 und 2100"),
    ('amount = "230.00"', 'amount = "10000.01"', "[ogs].caps[2].amount", "Betrag 10000.01 ist zu groß"),
    ('employee_lump_sum = "1000.00"', 'employee_lump_sum = 100001', "[income].employee_lump_sum",
     "Betrag 100001 ist zu groß (höchstens 100000 €)"),
    (ROW_2, ROW_2.replace("100.10", "10000.01"), f"{row(2)}, Spalte u2_25h", "Betrag 10000.01 ist zu groß"),
    (ROW_2, ROW_2.replace("45000.50", "10000000.01"), f"{row(2)}, Spalte income_up_to_eur", "ist zu groß"),
    (ROW_2, ROW_2.replace("100.10", "1" * 30), f"{row(2)}, Spalte u2_25h", "Zahl mit 30 Zeichen ist zu lang"),
    ('shares = ["1", "0.5"]', f"shares = {['1'] * 21}", "[siblings].shares", "21 Einträge sind zu viele"),
    ('shares = ["1", "0.5"]', 'shares = ["1", "0.33333"]', "[siblings].shares[2]", "mehr als 4 Nachkommastellen"),
    ('title = "Beitragssatzung Musterstadt"', f'title = "{"T" * 301}"', "title",
     "Text mit 301 Zeichen ist zu lang (höchstens 300 Zeichen)"),
    ('label = "unter 2 Jahre"', f'label = "{"u" * 101}"', "[age].groups[1].label", "höchstens 100 Zeichen"),
    ("groups = [\n", "groups = [\n" + "".join(f'  {{ id = "g{n}", label = "x", until_age = 1 }},\n'
                                              for n in range(12)), "[age].groups", "14 Einträge sind zu viele"),
    (HEADER, HEADER + ",x" * 250, "Tabelle Kopfzeile", "256 Spalten sind zu viele"),
    (ROW_2 + "\n", "".join(f"{45000 + n},1,1,1,1,1\n" for n in range(200)), "[table].csv",
     "die Tabelle hat mehr als 200 Zeilen"),
    (ROW_2, ROW_2.replace("100.10", "1\\u00000"), f"{row(2)}, Spalte u2_25h", "keine Zahl: „1�0“"),
    (ROW_2, ROW_2.replace("100.10", '"' + "1" * 140_000 + '"'), row(2), "die Zeile lässt sich nicht als CSV lesen"),
    ('rule = "graduated"', f'rule = "{"x" * 5000}"', "[siblings].rule", "„" + "x" * 59 + "…“"),
]


@pytest.mark.parametrize(("old", "new", "place", "problem"), OUT_OF_BOUNDS,
                         ids=[f"{entry[2]} {entry[3][:30]}" for entry in OUT_OF_BOUNDS])
def test_a_value_beyond_what_it_can_mean_is_refused_naming_file_place_and_problem(old, new, place, problem):
    with pytest.raises(StatuteError) as refused:
        parse_statute_file("kaputt.toml", edited(old, new))
    message = str(refused.value)
    assert message.startswith(f"kaputt.toml, {place}"), message
    assert problem in message, message
    assert len(message) < 500


WIDE_HEADER = "income_up_to_eur," + ",".join(f"c{n}" for n in range(100_000))
HOSTILE = [
    ("lists nested 10,000 deep", hostile.nested_arrays(), "kaputt.toml: Listen oder { … } sind zu tief"),
    ("tables nested 10,000 deep", hostile.nested_tables(), "kaputt.toml: Listen oder { … } sind zu tief"),
    ("keys dotted 10,000 deep", "a" + ".a" * 10_000 + " = 1\n", "kaputt.toml, Zeile 1: ein Schlüssel hat mehr als 16"),
    ("quoted keys dotted 10,000 deep", 'x = 1\n"a"' + '."a"' * 10_000 + " = 1\n",
     "kaputt.toml, Zeile 2: ein Schlüssel hat mehr als 16"),
    ("a 5,000-digit integer", edited("until_age = 2", "until_age = " + "7" * 5000),
     "kaputt.toml, Zeile 18: eine Zahl hat zu viele Ziffern"),
    ("a 4,000-digit integer", edited("until_age = 2", "until_age = " + "7" * 4000), "ist zu groß (höchstens 18"),
    ("a header of 100,000 columns", edited(HEADER, WIDE_HEADER), "100001 Spalten sind zu viele"),
    ("12,000 age groups", edited("groups = [\n", "groups = [\n" + '{ id = "a", label = "a", until_age = 1 },\n'
                                 * 12_000), "12002 Einträge sind zu viele"),
    ("60,000 hour tiers", edited("tiers = [25, 35]", f"tiers = {list(range(1, 60_000))}"), "zu viele (höchstens 12)"),
    ("a syntax error", edited('office = "Stadt Musterstadt"', 'office = "Stadt'),
     "kaputt.toml, Zeile 3, Spalte 16: TOML-Syntaxfehler: ein Steuerzeichen im Text"),
    ("a list not closed", edited("tiers = [25, 35]", "tiers = [25, 35"),
     "kaputt.toml, Zeile 12, Spalte 1: TOML-Syntaxfehler: einer Liste fehlt die schließende Klammer „]“"),
    ("a zero character", "id = \"x\x00\"\n", "TOML-Syntaxfehler: ein Steuerzeichen im Text"),
]


@pytest.mark.parametrize(("text", "problem"), [entry[1:] for entry in HOSTILE], ids=[entry[0] for entry in HOSTILE])
def test_a_file_crafted_to_break_the_parser_is_refused_in_german_within_a_second(text, problem):
    started = time.perf_counter()
    with pytest.raises(StatuteError) as refused:
        parse_statute_file("kaputt.toml", text)
    assert time.perf_counter() - started < 1
    assert problem in str(refused.value), str(refused.value)
    assert "Invalid" not in str(refused.value) and "Expected" not in str(refused.value)
