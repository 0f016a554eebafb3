"""Statute files: the shipped samples match the published tables; a broken file is refused naming place and problem."""
from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from elternbeitraege.fees.month import Month
from elternbeitraege.fees.statute import (
    EXACT,
    GRADUATED,
    HIGHEST_ONLY,
    KITA_YEAR_AFTER_BIRTHDAY,
    MONTH_AFTER_BIRTHDAY,
    NEXT_TIER_UP,
    AgeGroup,
    IncomeRules,
    OgsCap,
    SiblingRule,
    StatuteError,
    format_euro,
)
from elternbeitraege.fees.statute_file import load_statute, parse_statute_file, shipped_statutes

SHARED = Path(__file__).resolve().parents[4] / "shared/domain/statutes"
SHIPPED = ("ennigerloh-ogs-2024", "koeln-2025", "kreis-guetersloh-2024")

VALID = '''\
id = "musterstadt-2026"
title = "Beitragssatzung Musterstadt"
office = "Stadt Musterstadt"
source = "Testdatei"
adopted = 2026-01-15
valid_from = 2026-08-01
valid_until = 2027-07-31
care_kinds = ["kita", "childminder", "ogs"]

[hours]
tiers = [25, 35]
kita = "exact"
childminder = "next_tier_up"

[age]
move_up = "month_after_birthday"
groups = [
  { id = "u2", label = "unter 2 Jahre", until_age = 2 },
  { id = "ue2", label = "2 Jahre und älter" },
]

[siblings]
rule = "graduated"
care_kinds = ["kita", "ogs"]
shares = ["1", "0.5"]

[income]
employee_lump_sum = "1000.00"
parental_allowance_free = 300
parental_allowance_plus_free = "150.50"

[ogs]
caps = [
  { school_year = "2026/27", amount = 240 },
  { school_year = "2025/26", amount = "230.00" },
]

[table]
csv = """
income_up_to_eur,u2_25h,u2_35h,ue2_25h,ue2_35h,ogs
30000,0,0,0,0,0
45000.50,100.10,120,80,90.5,50
,200,240,160,180,100
"""
'''
OGS_SECTION = VALID[VALID.index("[ogs]"):VALID.index("[table]")]
HOURS_SECTION = '[hours]\ntiers = [25, 35]\nkita = "exact"\nchildminder = "next_tier_up"\n'
TABLE_SECTION = VALID[VALID.index("[table]"):]
CSV_LINE = VALID.splitlines().index('csv = """') + 1  # the file line of `csv = """`; the header is on the next


def edited(old: str | tuple[str, ...], new: str | tuple[str, ...]) -> str:
    """Return the valid file with pieces of text replaced (each must be there, so the test can fail)."""
    text = VALID
    for piece, replacement in zip(*((old, new) if isinstance(old, tuple) else ((old,), (new,))), strict=True):
        assert piece in text, piece
        text = text.replace(piece, replacement, 1)
    return text


def row(number: int) -> str:
    """Return the place of a table row of the valid file as messages name it."""
    return f"Tabelle Zeile {number} (Datei-Zeile {CSV_LINE + 1 + number})"


# --- the shipped statutes --------------------------------------------------------------------------------------------

def test_the_package_ships_the_three_sample_statutes_ordered_by_id():
    assert tuple(statute.id for statute in shipped_statutes()) == SHIPPED


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared domain folder is not beside this checkout")
@pytest.mark.parametrize("statute_id", SHIPPED)
def test_each_shipped_table_is_the_published_one_cell_for_cell(statute_id):
    published = list(csv.DictReader((SHARED / f"{statute_id}.csv").read_text(encoding="utf-8").splitlines()))
    statute = load_statute(statute_id)
    assert len(statute.brackets) == len(published)
    for number, (bracket, cells) in enumerate(zip(statute.brackets, published, strict=True), start=1):
        bound = cells.pop("income_up_to_eur")
        assert bracket.number == number
        assert bracket.up_to == (Decimal(bound) if bound else None)
        assert bracket.amounts == {column: Decimal(value) for column, value in cells.items()}
    assert statute.brackets[-1].up_to is None


@pytest.mark.parametrize(("statute_id", "attribute", "expected"), [
    ("kreis-guetersloh-2024", "office", "Kreis Gütersloh"),
    ("kreis-guetersloh-2024", "care_kinds", ("kita", "childminder")),
    ("kreis-guetersloh-2024", "adopted", date(2020, 3, 2)),
    ("kreis-guetersloh-2024", "valid_from", date(2024, 8, 1)),
    ("kreis-guetersloh-2024", "valid_until", None),
    ("kreis-guetersloh-2024", "hour_tiers", (25, 35, 45)),
    ("kreis-guetersloh-2024", "hour_mappings", {"kita": EXACT, "childminder": NEXT_TIER_UP}),
    ("kreis-guetersloh-2024", "age_groups", (AgeGroup("u2", "unter 2 Jahre", 2),
                                             AgeGroup("ue2", "2 Jahre und älter", None))),
    ("kreis-guetersloh-2024", "move_up", MONTH_AFTER_BIRTHDAY),
    ("kreis-guetersloh-2024", "siblings", SiblingRule(HIGHEST_ONLY, ("kita", "childminder"))),
    ("kreis-guetersloh-2024", "ogs_caps", ()),
    ("koeln-2025", "office", "Stadt Köln"),
    ("koeln-2025", "care_kinds", ("kita", "childminder")),
    ("koeln-2025", "valid_from", date(2025, 8, 1)),
    ("koeln-2025", "valid_until", None),
    ("koeln-2025", "hour_tiers", (25, 35, 45)),
    ("koeln-2025", "hour_mappings", {"kita": EXACT, "childminder": NEXT_TIER_UP}),
    ("koeln-2025", "age_groups", (AgeGroup("u2", "unter 2 Jahre", 2), AgeGroup("2to3", "2 bis unter 3 Jahre", 3),
                                  AgeGroup("ue3", "3 Jahre und älter", None))),
    ("koeln-2025", "move_up", KITA_YEAR_AFTER_BIRTHDAY),
    ("koeln-2025", "siblings", SiblingRule(HIGHEST_ONLY, ("kita", "childminder"))),
    ("ennigerloh-ogs-2024", "office", "Stadt Ennigerloh"),
    ("ennigerloh-ogs-2024", "care_kinds", ("ogs",)),
    ("ennigerloh-ogs-2024", "valid_from", date(2024, 8, 1)),
    ("ennigerloh-ogs-2024", "valid_until", date(2025, 7, 31)),
    ("ennigerloh-ogs-2024", "hour_tiers", ()),
    ("ennigerloh-ogs-2024", "hour_mappings", {}),
    ("ennigerloh-ogs-2024", "age_groups", ()),
    ("ennigerloh-ogs-2024", "move_up", None),
    ("ennigerloh-ogs-2024", "siblings", SiblingRule(GRADUATED, ("ogs",), (Decimal(1), Decimal("0.5")))),
    ("ennigerloh-ogs-2024", "ogs_caps", (OgsCap(2023, Decimal(221)), OgsCap(2024, Decimal(228)))),
])
def test_each_shipped_statute_has_its_rule_parameters(statute_id, attribute, expected):
    assert getattr(load_statute(statute_id), attribute) == expected


@pytest.mark.parametrize("statute_id", SHIPPED)
def test_each_shipped_statute_names_its_source_and_keeps_the_default_income_rules(statute_id):
    statute = load_statute(statute_id)
    assert statute.title and statute.source
    assert statute.income == IncomeRules()


def test_an_unknown_statute_is_refused_by_name():
    with pytest.raises(StatuteError, match="gibt-es-nicht"):
        load_statute("gibt-es-nicht")


def test_a_statute_id_that_is_a_path_is_refused_as_unknown():
    with pytest.raises(StatuteError, match="keine Satzungsdatei"):
        load_statute("../statutes/koeln-2025")


# --- a valid file ----------------------------------------------------------------------------------------------------

def test_a_valid_file_is_read_with_every_section():
    statute = parse_statute_file("muster.toml", VALID)
    assert (statute.id, statute.office, statute.source) == ("musterstadt-2026", "Stadt Musterstadt", "Testdatei")
    assert (statute.adopted, statute.valid_from) == (date(2026, 1, 15), date(2026, 8, 1))
    assert statute.valid_until == date(2027, 7, 31)
    assert statute.siblings == SiblingRule(GRADUATED, ("kita", "ogs"), (Decimal(1), Decimal("0.5")))
    assert statute.income == IncomeRules(Decimal(1000), Decimal(300), Decimal("150.50"))
    assert statute.ogs_caps == (OgsCap(2025, Decimal(230)), OgsCap(2026, Decimal(240)))
    assert [bracket.up_to for bracket in statute.brackets] == [Decimal(30000), Decimal("45000.50"), None]
    assert statute.brackets[1].amounts == {
        "u2_25h": Decimal("100.10"), "u2_35h": Decimal(120), "ue2_25h": Decimal(80), "ue2_35h": Decimal("90.5"),
        "ogs": Decimal(50),
    }


@pytest.mark.parametrize(("old", "new", "check"), [
    ('valid_until = 2027-07-31\n', "", lambda statute: statute.valid_until is None),
    ('adopted = 2026-01-15\n', "", lambda statute: statute.adopted is None),
    ('[income]\n', '[income]\n# only one key\n', lambda statute: statute.income.employee_lump_sum == Decimal(1000)),
    ('employee_lump_sum = "1000.00"\n', "", lambda statute: statute.income.employee_lump_sum == Decimal("1230.00")),
    ('csv = """\n', 'csv = """', lambda statute: len(statute.brackets) == 3),
    ('30000,0,0,0,0,0\n', '30000,0,0,0,0,0\n\n', lambda statute: len(statute.brackets) == 3),
])
def test_optional_keys_may_be_left_out_and_blank_lines_are_ignored(old, new, check):
    assert check(parse_statute_file("muster.toml", edited(old, new)))


def test_a_graduated_rule_may_list_a_share_of_nothing_and_a_highest_only_rule_needs_no_shares():
    assert parse_statute_file("m.toml", edited('"0.5"]', '"0.5", 0]')).siblings.shares[-1] == 0
    highest = edited('rule = "graduated"', 'rule = "highest_only"').replace('shares = ["1", "0.5"]\n', "")
    assert parse_statute_file("m.toml", highest).siblings == SiblingRule(HIGHEST_ONLY, ("kita", "ogs"))


# --- broken files ----------------------------------------------------------------------------------------------------

BROKEN = [
    # TOML syntax
    pytest.param('office = "Stadt Musterstadt"', 'office = "Stadt Musterstadt', "Zeile 3", "TOML-Syntaxfehler",
                 id="toml-syntax"),
    # unknown keys at every level
    pytest.param('title =', 'colour = "rot"\ntitle =', "oberste Ebene", "unbekannter Schlüssel „colour“",
                 id="unknown-top-key"),
    pytest.param("tiers = [25, 35]", "tiers = [25, 35]\nweekly = 5", "[hours]", "unbekannter Schlüssel „weekly“",
                 id="unknown-hours-key"),
    pytest.param("tiers = [25, 35]", 'tiers = [25, 35]\ntitle = "x"', "[hours]", "gehört vor den ersten",
                 id="top-key-below-a-section"),
    pytest.param('move_up = "month_after_birthday"', 'move_up = "month_after_birthday"\nmove = 1', "[age]",
                 "unbekannter Schlüssel „move“", id="unknown-age-key"),
    pytest.param("until_age = 2", "untill_age = 2", "[age].groups[1]", "unbekannter Schlüssel „untill_age“",
                 id="unknown-group-key"),
    pytest.param('rule = "graduated"', 'rule = "graduated"\nmax = 2', "[siblings]", "unbekannter Schlüssel „max“",
                 id="unknown-siblings-key"),
    pytest.param("employee_lump_sum", "employe_lump_sum", "[income]", "unbekannter Schlüssel „employe_lump_sum“",
                 id="unknown-income-key"),
    pytest.param("caps = [", "cap = 1\ncaps = [", "[ogs]", "unbekannter Schlüssel „cap“", id="unknown-ogs-key"),
    pytest.param('amount = 240 }', 'amount = 240, note = "x" }', "[ogs].caps[1]", "unbekannter Schlüssel „note“",
                 id="unknown-cap-key"),
    pytest.param('csv = """', 'format = "csv"\ncsv = """', "[table]", "unbekannter Schlüssel „format“",
                 id="unknown-table-key"),
    # missing required keys and sections
    pytest.param('office = "Stadt Musterstadt"\n', "", "oberste Ebene", "Schlüssel „office“ fehlt", id="no-office"),
    pytest.param('valid_from = 2026-08-01\n', "", "oberste Ebene", "Schlüssel „valid_from“ fehlt",
                 id="no-valid-from"),
    pytest.param('move_up = "month_after_birthday"\n', "", "[age]", "Schlüssel „move_up“ fehlt", id="no-move-up"),
    pytest.param(OGS_SECTION, "", "[ogs]", "Abschnitt fehlt", id="no-ogs-section"),
    pytest.param('shares = ["1", "0.5"]\n', "", "[siblings]", "Schlüssel „shares“ fehlt", id="graduated-no-shares"),
    pytest.param('label = "unter 2 Jahre", ', "", "[age].groups[1]", "Schlüssel „label“ fehlt", id="no-label"),
    # wrong types
    pytest.param('title = "Beitragssatzung Musterstadt"', "title = 5", "title", "erwartet Text, gefunden Zahl 5",
                 id="title-a-number"),
    pytest.param('title = "Beitragssatzung Musterstadt"', 'title = " "', "title", "darf nicht leer sein",
                 id="title-blank"),
    pytest.param("tiers = [25, 35]", 'tiers = "25, 35"', "[hours].tiers", "erwartet Liste, gefunden Text",
                 id="tiers-a-text"),
    pytest.param("tiers = [25, 35]", "tiers = [25, true]", "[hours].tiers[2]",
                 "erwartet ganze Zahl, gefunden Wahrheitswert", id="tier-a-bool"),
    pytest.param("valid_from = 2026-08-01", 'valid_from = "2026-08-01"', "valid_from", "ohne Anführungszeichen",
                 id="date-in-quotes"),
    pytest.param("valid_from = 2026-08-01", "valid_from = 2026-08-01T08:00:00", "valid_from", "erwartet Datum",
                 id="date-with-time"),
    pytest.param("until_age = 2", 'until_age = "2"', "[age].groups[1].until_age", "erwartet ganze Zahl",
                 id="until-age-a-text"),
    pytest.param(HOURS_SECTION, "hours = 5\n", "[hours]", "erwartet Abschnitt, gefunden Zahl 5",
                 id="section-a-number"),
    # unknown values
    pytest.param('"kita", "childminder", "ogs"]', '"kita", "tagespflege", "ogs"]', "care_kinds[2]",
                 "unbekannte Betreuungsart „tagespflege“", id="unknown-care-kind"),
    pytest.param('"kita", "childminder", "ogs"]', '"kita", "kita", "ogs"]', "care_kinds[2]", "doppelt",
                 id="care-kind-twice"),
    pytest.param('care_kinds = ["kita", "childminder", "ogs"]', "care_kinds = []", "care_kinds",
                 "mindestens eine Betreuungsart", id="no-care-kind"),
    pytest.param('childminder = "next_tier_up"', 'childminder = "round_up"', "[hours].childminder",
                 "unbekannter Wert „round_up“", id="unknown-hour-mapping"),
    pytest.param('move_up = "month_after_birthday"', 'move_up = "on_birthday"', "[age].move_up",
                 "unbekannter Wert „on_birthday“", id="unknown-move-up"),
    pytest.param('rule = "graduated"', 'rule = "cheapest"', "[siblings].rule", "unbekannter Wert „cheapest“",
                 id="unknown-sibling-rule"),
    # validity and id
    pytest.param("valid_until = 2027-07-31", "valid_until = 2026-07-31", "valid_until",
                 "2026-07-31 liegt vor valid_from 2026-08-01", id="valid-until-before-from"),
    pytest.param('id = "musterstadt-2026"', 'id = "Muster Stadt"', "id", "„Muster Stadt“ ist nicht erlaubt",
                 id="id-with-capitals-and-space"),
    pytest.param('id = "musterstadt-2026"', 'id = "ms"', "id", "nicht erlaubt", id="id-too-short"),
    pytest.param('id = "musterstadt-2026"', 'id = "-musterstadt"', "id", "nicht erlaubt", id="id-with-leading-dash"),
    # hours
    pytest.param("tiers = [25, 35]", "tiers = [35, 25]", "[hours].tiers[2]", "nicht aufsteigend",
                 id="tiers-descending"),
    pytest.param("tiers = [25, 35]", "tiers = [25, 25]", "[hours].tiers[2]", "nicht aufsteigend", id="tiers-twice"),
    pytest.param("tiers = [25, 35]", "tiers = [0, 35]", "[hours].tiers[1]", "0 muss größer als 0 sein",
                 id="tier-zero"),
    pytest.param("tiers = [25, 35]", "tiers = []", "[hours].tiers", "mindestens eine Stundenstufe", id="no-tiers"),
    pytest.param('childminder = "next_tier_up"\n', "", "[hours]", "fehlende Stundenstufen-Regel für „childminder“",
                 id="missing-tier-mapping"),
    pytest.param('kita = "exact"', 'kita = "exact"\nogs = "exact"', "[hours]",
                 "unbekannter Schlüssel „ogs“ (erlaubt: tiers, kita, childminder)",
                 id="tier-mapping-for-ogs"),
    pytest.param('care_kinds = ["kita", "childminder", "ogs"]', 'care_kinds = ["ogs"]', "[hours]",
                 "Abschnitt nicht erlaubt", id="hours-in-an-ogs-statute"),
    pytest.param(('care_kinds = ["kita", "childminder", "ogs"]', 'care_kinds = ["kita", "ogs"]'),
                 ('care_kinds = ["kita", "childminder"]', 'care_kinds = ["kita"]'), "[ogs]",
                 "Abschnitt nicht erlaubt", id="ogs-section-without-ogs"),
    # age groups
    pytest.param('{ id = "ue2"', '{ id = "u2"', "[age].groups[2].id", "Altersgruppe „u2“ doppelt",
                 id="group-id-twice"),
    pytest.param('{ id = "u2"', '{ id = "U 2"', "[age].groups[1].id", "„U 2“ ist nicht erlaubt", id="group-id-bad"),
    pytest.param("until_age = 2 },", 'until_age = 2 },\n  { id = "x", label = "x", until_age = 1 },',
                 "[age].groups[2].until_age", "until_age 1 ist nicht größer als 2", id="until-age-descending"),
    pytest.param('label = "2 Jahre und älter" }', 'label = "2 Jahre und älter", until_age = 6 }',
                 "[age].groups[2].until_age", "die letzte (älteste) Altersgruppe hat kein until_age",
                 id="last-group-with-until-age"),
    pytest.param(", until_age = 2", "", "[age].groups[1]", "Schlüssel „until_age“ fehlt", id="group-without-until-age"),
    pytest.param("until_age = 2", "until_age = -2", "[age].groups[1].until_age", "größer als 0",
                 id="until-age-negative"),
    pytest.param("groups = [", "groups = [] \nx = [", "[age]", "unbekannter Schlüssel „x“", id="groups-broken-up"),
    # siblings
    pytest.param('care_kinds = ["kita", "ogs"]', 'care_kinds = ["kita", "tagespflege"]', "[siblings].care_kinds[2]",
                 "„tagespflege“ steht nicht unter care_kinds der Satzung", id="sibling-care-kind-unknown"),
    pytest.param('care_kinds = ["kita", "ogs"]', 'care_kinds = ["ogs", "ogs"]', "[siblings].care_kinds[2]",
                 "Betreuungsart „ogs“ doppelt", id="sibling-care-kind-twice"),
    pytest.param('care_kinds = ["kita", "ogs"]', "care_kinds = []", "[siblings].care_kinds",
                 "mindestens eine Betreuungsart", id="no-sibling-care-kind"),
    pytest.param('shares = ["1", "0.5"]', "shares = []", "[siblings].shares", "mindestens einen Anteil",
                 id="no-shares"),
    pytest.param('shares = ["1", "0.5"]', 'shares = ["1.5", "0.5"]', "[siblings].shares[1]",
                 "Anteil 1.5 liegt nicht zwischen 0 und 1", id="share-above-one"),
    pytest.param('shares = ["1", "0.5"]', 'shares = ["1", "-0.5"]', "[siblings].shares[2]", "negativer Anteil -0.5",
                 id="share-negative"),
    pytest.param('shares = ["1", "0.5"]', 'shares = ["1", 0.5]', "[siblings].shares[2]", "Anführungszeichen",
                 id="share-a-float"),
    pytest.param('rule = "graduated"', 'rule = "highest_only"', "[siblings].shares", 'nur bei rule = "graduated"',
                 id="shares-with-highest-only"),
    # income and money in TOML
    pytest.param('employee_lump_sum = "1000.00"', "employee_lump_sum = 1000.0", "[income].employee_lump_sum",
                 'in Anführungszeichen schreiben, z. B. "1000.00"', id="money-a-float"),
    pytest.param('employee_lump_sum = "1000.00"', 'employee_lump_sum = "1.000,00"', "[income].employee_lump_sum",
                 "keine Zahl", id="money-german-style"),
    pytest.param('employee_lump_sum = "1000.00"', 'employee_lump_sum = "1000.001"', "[income].employee_lump_sum",
                 "mehr als zwei Nachkommastellen", id="money-three-decimals"),
    pytest.param("parental_allowance_free = 300", "parental_allowance_free = -300",
                 "[income].parental_allowance_free", "negativer Betrag -300", id="money-negative"),
    # OGS caps
    pytest.param('"2025/26"', '"2025-26"', "[ogs].caps[2].school_year", "nicht in der Form 2024/25",
                 id="school-year-format"),
    pytest.param('"2025/26"', '"2025/27"', "[ogs].caps[2].school_year", "nicht in der Form 2024/25",
                 id="school-year-not-following"),
    pytest.param('"2025/26"', '"2026/27"', "[ogs].caps[2].school_year", "Schuljahr 2026/27 doppelt",
                 id="school-year-twice"),
    pytest.param('amount = "230.00"', 'amount = "0"', "[ogs].caps[2].amount", "muss größer als 0 sein",
                 id="cap-zero"),
    pytest.param('amount = "230.00"', 'amount = 230.0', "[ogs].caps[2].amount", "Anführungszeichen", id="cap-float"),
    pytest.param("caps = [", "caps = []\nold = [", "[ogs]", "unbekannter Schlüssel „old“", id="caps-broken-up"),
    # the table: columns
    pytest.param("tiers = [25, 35]", "tiers = [25, 35, 45]", f"Tabelle Kopfzeile (Datei-Zeile {CSV_LINE + 1})",
                 "Spalte u2_45h fehlt", id="column-for-a-tier-missing"),
    pytest.param("until_age = 2 },", 'until_age = 2 },\n  { id = "2to3", label = "2 bis 3", until_age = 3 },',
                 "Tabelle Kopfzeile", "Spalte 2to3_25h fehlt", id="column-for-an-age-group-missing"),
    pytest.param("ue2_35h,ogs", "ue2_35h", "Tabelle Kopfzeile", "Spalte ogs fehlt", id="ogs-column-missing"),
    pytest.param("ue2_35h,ogs", "ue2_35h,ue2_40h,ogs", "Tabelle Kopfzeile", "Spalte ue2_40h ist unbekannt",
                 id="extra-column"),
    pytest.param("u2_35h,", "u2_35h,u2_35h,", "Tabelle Kopfzeile", "Spalte u2_35h doppelt", id="column-twice"),
    pytest.param("income_up_to_eur,", "einkommen,", "Tabelle Kopfzeile", "erste Spalte muss income_up_to_eur heißen",
                 id="bound-column-misnamed"),
    # the table: rows
    pytest.param("45000.50,", "25000,", f"{row(2)}, Spalte income_up_to_eur",
                 "Einkommensgrenze 25.000 € ist nicht größer als 30.000 € in Zeile 1 (Zeilen überlappen oder sind "
                 "nicht aufsteigend)", id="brackets-descending"),
    pytest.param("45000.50,", "30000,", row(2), "30.000 € ist nicht größer als 30.000 €", id="brackets-overlapping"),
    pytest.param("\n,200,240", "\n60000,200,240", f"{row(3)}, Spalte income_up_to_eur",
                 "die letzte Zeile muss nach oben offen sein", id="last-row-closed"),
    pytest.param("45000.50,", ",", f"{row(2)}, Spalte income_up_to_eur", "nur in der letzten Zeile erlaubt",
                 id="open-row-in-the-middle"),
    pytest.param("100.10", "abc", f"{row(2)}, Spalte u2_25h", "keine Zahl: „abc“", id="amount-not-a-number"),
    pytest.param("90.5,", '"90,5",', f"{row(2)}, Spalte ue2_35h", "keine Zahl: „90,5“", id="amount-decimal-comma"),
    pytest.param("100.10", "100.105", f"{row(2)}, Spalte u2_25h", "mehr als zwei Nachkommastellen",
                 id="amount-three-decimals"),
    pytest.param("100.10", "-5", f"{row(2)}, Spalte u2_25h", "negativer Betrag -5", id="amount-negative"),
    pytest.param("45000.50,100.10,", "45000.50,,", f"{row(2)}, Spalte u2_25h", "leerer Betrag", id="amount-empty"),
    pytest.param("45000.50,", "-45000,", f"{row(2)}, Spalte income_up_to_eur", "negativer Betrag -45000",
                 id="bound-negative"),
    pytest.param(",200,240,160,180,100", ",200,240,160,180", row(3), "5 Werte, die Kopfzeile hat 6 Spalten",
                 id="row-too-short"),
    pytest.param("30000,0,0,0,0,0\n45000.50,100.10,120,80,90.5,50\n,200,240,160,180,100\n", "", "[table].csv",
                 "die Tabelle ist leer", id="table-only-a-header"),
    pytest.param('csv = """', 'csv = ""\nx = """', "[table]", "unbekannter Schlüssel „x“", id="table-csv-broken-up"),
]


@pytest.mark.parametrize(("old", "new", "place", "problem"), BROKEN)
def test_a_broken_file_is_refused_naming_file_place_and_problem(old, new, place, problem):
    with pytest.raises(StatuteError) as refused:
        parse_statute_file("kaputt.toml", edited(old, new))
    message = str(refused.value)
    assert message.startswith(f"kaputt.toml, {place}"), message
    assert problem in message, message


@pytest.mark.parametrize(("table", "place", "problem"), [
    ("", "[table]", "Abschnitt fehlt"),
    ("[table]\n", "[table]", "Schlüssel „csv“ fehlt"),
    ("[table]\ncsv = 5\n", "[table].csv", "erwartet Text, gefunden Zahl 5"),
    ('[table]\ncsv = ""\n', "[table].csv", "die Tabelle ist leer"),
    ('[table]\ncsv = """\n\n  \n"""\n', "[table].csv", "die Tabelle ist leer"),
])
def test_a_missing_or_empty_table_is_refused_with_its_place(table, place, problem):
    with pytest.raises(StatuteError, match=re.escape(f"kaputt.toml, {place}: {problem}")):
        parse_statute_file("kaputt.toml", VALID.replace(TABLE_SECTION, table))


@pytest.mark.parametrize(("old", "new", "bad_cell"), [
    ("100.10", "-5", "-5"),
    ("\n,200,240", "\n60000,200,240", "60000,200,240"),
    ('csv = """\nincome_up_to_eur', 'csv = """income_up_to_eur', "-7"),
])
def test_the_file_line_of_a_table_row_points_at_the_row(old, new, bad_cell):
    text = edited(old, new).replace("90.5", "-7") if bad_cell == "-7" else edited(old, new)
    with pytest.raises(StatuteError) as refused:
        parse_statute_file("kaputt.toml", text)
    line = int(re.search(r"Datei-Zeile (\d+)", str(refused.value)).group(1))
    assert bad_cell in text.splitlines()[line - 1]


def test_a_table_row_is_named_without_a_file_line_where_the_table_is_no_table_section():
    dotted = TABLE_SECTION.replace('[table]\ncsv = """', 'table.csv = """').replace("100.10", "-5")
    text = edited("[hours]", dotted + "\n[hours]").replace(TABLE_SECTION, "")
    with pytest.raises(StatuteError, match=re.escape("kaputt.toml, Tabelle Zeile 2, Spalte u2_25h: negativer Betrag")):
        parse_statute_file("kaputt.toml", text)


# --- kept from the former test_statute.py (the value module has no test file of its own) -----------------------------

def test_german_euro_amounts_drop_zero_cents():
    assert format_euro(Decimal("55000")) == "55.000 €"
    assert format_euro(Decimal("1234.5")) == "1.234,50 €"


@pytest.mark.parametrize(("month", "end_of_kita_year"), [
    (Month(2024, 8), Month(2025, 7)), (Month(2025, 7), Month(2025, 7)),
])
def test_the_kita_year_runs_from_august_to_july(month, end_of_kita_year):
    assert month.kita_year_end == end_of_kita_year
