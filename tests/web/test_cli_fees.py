"""``flask fees estimate``: the month table of a case typed on the command line, and German errors.

Amounts by hand from the Gütersloh table: born 2022-03-15 → ue2 all Kita year 2024/25; 35 h; 52,000 € → row 6,
169 €; no declaration or the accepted highest fee → row 12, 416 €.
"""
from __future__ import annotations

import pytest

CASE = ["fees", "estimate", "--statute", "kreis-guetersloh-2024", "--birth", "2022-03-15", "--care", "kita",
        "--hours", "35", "--start", "2024-08-01"]
KITA_YEAR = ["August 2024", "September 2024", "Oktober 2024", "November 2024", "Dezember 2024", "Januar 2025",
             "Februar 2025", "März 2025", "April 2025", "Mai 2025", "Juni 2025", "Juli 2025"]


@pytest.fixture
def estimate(app):
    """Return a function that runs ``flask fees estimate`` with extra options (or the case's ones replaced)."""
    def run(*extra: str, case: list[str] = CASE):
        return app.test_cli_runner().invoke(args=[*case, *extra])
    return run


def month_lines(output: str) -> dict[str, str]:
    """Return month label → its table line."""
    return {label: line for line in output.splitlines() for label in KITA_YEAR if line.startswith(label + " ")}


def test_the_table_has_a_german_line_per_month_and_the_total(estimate):
    result = estimate("--income", "52000", "--benefit", "2024-08:2024-12", "--from", "2024-08", "--to", "2025-07")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Monat", "Betrag", "Einkommensgruppe", "Altersgruppe", "Stunden", "Begründung"]
    months = month_lines(result.output)
    assert list(months) == KITA_YEAR
    for label in KITA_YEAR[:5]:
        assert " 0,00 €" in months[label] and "SGB VIII" in months[label]
    for label in KITA_YEAR[5:]:
        line = months[label]
        assert "169,00 €" in line and "2 Jahre und älter" in line and " 35 " in line and " 6 " in line
    assert lines[-1] == "Summe: 1.183,00 €"


def test_without_a_period_the_table_covers_twelve_months_from_the_start(estimate):
    result = estimate("--income", "52000")
    assert result.exit_code == 0, result.output
    assert list(month_lines(result.output)) == KITA_YEAR
    assert result.output.splitlines()[-1] == "Summe: 2.028,00 €"


def test_the_table_ends_with_the_month_the_child_leaves(estimate):
    result = estimate("--income", "52000", "--end", "2024-11-30")
    assert list(month_lines(result.output)) == KITA_YEAR[:4]
    assert result.output.splitlines()[-1] == "Summe: 676,00 €"


@pytest.mark.parametrize(("options", "reason"), [
    ((), "keine Einkommenserklärung"),
    (("--highest",), "Höchstbeitrag"),
    (("--highest", "--income", "20000"), "Höchstbeitrag"),
], ids=["no income given", "highest accepted", "highest accepted beats an income"])
def test_without_income_or_with_the_highest_fee_accepted_the_last_row_is_charged(estimate, options, reason):
    result = estimate(*options)
    assert result.exit_code == 0, result.output
    assert all("416,00 €" in line and reason in line for line in month_lines(result.output).values())
    assert result.output.splitlines()[-1] == "Summe: 4.992,00 €"


def test_an_ogs_child_needs_no_hours(estimate):
    case = ["fees", "estimate", "--statute", "ennigerloh-ogs-2024", "--birth", "2017-05-01", "--care", "ogs",
            "--start", "2024-08-01", "--income", "45000"]
    result = estimate(case=case)
    assert result.exit_code == 0, result.output
    # 45,000 ≤ 50,000: row 3, 67 € a month
    assert all("67,00 €" in line for line in month_lines(result.output).values())
    assert result.output.splitlines()[-1] == "Summe: 804,00 €"


@pytest.mark.parametrize(("replace", "expected"), [
    (("--hours", "30"), "--hours: Ein Platz in einer Kindertageseinrichtung kann nach der Satzung "
                        "kreis-guetersloh-2024 nur mit 25, 35 oder 45 Wochenstunden gebucht werden."),
    (("--hours", "35,5"), "--hours: Wochenstunden müssen eine ganze Zahl von 1 bis 60 sein."),
    (("--birth", "15.03.2022"), "--birth: Geburtsdatum fehlt oder ist kein Datum im Format JJJJ-MM-TT."),
    (("--statute", "gibt-es-nicht"), "--statute: Die Satzung „gibt-es-nicht“ ist nicht bekannt."),
    (("--care", "Krippe"), "--care: Betreuungsart fehlt oder ist nicht „kita“, „childminder“ oder „ogs“."),
    (("--start", "2024-13-01"), "--start: Betreuungsbeginn fehlt oder ist kein Datum im Format JJJJ-MM-TT."),
], ids=["hours not a tier", "hours not whole", "German date", "unknown statute", "unknown care", "bad start"])
def test_bad_input_is_refused_in_german_naming_the_option_with_exit_status_1(estimate, replace, expected):
    option, value = replace
    case = list(CASE)
    case[case.index(option) + 1] = value
    result = estimate("--income", "52000", case=case)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [expected]
    assert result.stdout == ""


@pytest.mark.parametrize(("extra", "expected"), [
    (("--income", "viel"), "--income: Jahreseinkommen muss ein Betrag in Euro sein, z. B. „52000.00“."),
    (("--benefit", "2024-13"), "--benefit: Beginn fehlt oder ist kein Monat im Format JJJJ-MM."),
    (("--from", "2025-08", "--to", "2025-07"), "--to: Das Ende des Zeitraums liegt vor seinem Beginn."),
])
def test_bad_extra_options_are_refused_in_german(estimate, extra, expected):
    result = estimate(*extra)
    assert result.exit_code == 1 and expected in result.stderr.splitlines()


def test_every_missing_option_is_named_at_once(estimate):
    result = estimate(case=["fees", "estimate"])
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [
        "--statute", "--birth", "--care", "--start"]
    assert "Traceback" not in result.output
