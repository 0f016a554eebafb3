"""Flask commands for fees: print the month table of a case typed on the command line.

``flask fees estimate`` builds the same JSON request as ``POST /api/v1/estimate`` and reads it with the same
strict parser, so the command line and the API accept and refuse the same cases.
"""
from __future__ import annotations

import dataclasses
import re
from typing import NoReturn

import click
from flask.cli import with_appcontext

from .. import db
from ..fees import AcceptedHighest, HouseholdAssessment, HouseholdError, Month, MonthlyFee, Problem, Statute
from ..fees.engine import StatuteBook, assess_household
from ..services.estimates import EstimateError, german_euro, parse_request
from ..services.office import statutes

# request field → the option that fills it, so that messages name what the user typed
OPTIONS = {
    "statute": "--statute", "from": "--from", "to": "--to",
    "children[0].birth_date": "--birth", "children[0].care": "--care", "children[0].hours": "--hours",
    "children[0].start": "--start", "children[0].end": "--end", "children[0].school_entry": "--school-entry",
}
HEADINGS = ("Monat", "Betrag", "Einkommensgruppe", "Altersgruppe", "Stunden", "Begründung")


@click.group("fees")
def fees() -> None:
    """Elternbeiträge berechnen."""


@fees.command("estimate")
@with_appcontext
@click.option("--statute", help="Kennung der Satzung, z. B. kreis-guetersloh-2024 (Pflicht).")
@click.option("--birth", help="Geburtsdatum JJJJ-MM-TT (Pflicht).")
@click.option("--care", help="Betreuungsart: kita, childminder oder ogs (Pflicht).")
@click.option("--hours", help="Gebuchte Wochenstunden (bei der OGS weglassen).")
@click.option("--start", help="Betreuungsbeginn JJJJ-MM-TT (Pflicht).")
@click.option("--end", help="Betreuungsende JJJJ-MM-TT.")
@click.option("--school-entry", "school_entry", help="Einschulung JJJJ-MM-TT (sonst nach § 50 KiBiz).")
@click.option("--income", help="Maßgebliches Jahreseinkommen in Euro, z. B. 52000; ohne: keine Erklärung.")
@click.option("--highest", is_flag=True, help="Der Höchstbeitrag wird akzeptiert.")
@click.option("--benefit", "benefits", multiple=True, metavar="JJJJ-MM:JJJJ-MM",
              help="Monate mit Sozialleistung (Bürgergeld, Wohngeld …); mehrfach möglich.")
@click.option("--from", "first", help="Erster Monat JJJJ-MM (sonst der Monat des Betreuungsbeginns).")
@click.option("--to", "last", help="Letzter Monat JJJJ-MM (sonst der Monat des Endes, höchstens 12 Monate).")
def estimate(**options: object) -> None:
    """Die Beiträge eines Falls Monat für Monat ausgeben."""
    request = build_request(**options)  # type: ignore[arg-type]
    session = db.session()
    try:
        statute, household, first, last = parse_request(request, lambda wanted: statutes.statute_by_id(session, wanted))
        if options["highest"]:
            household = dataclasses.replace(household, income=AcceptedHighest())
        assessment = assess_household(StatuteBook.single(statute), household, first, last)
    except (EstimateError, HouseholdError) as error:
        _fail(error.problems, typed_period=bool(options["first"] or options["last"]))
    click.echo(month_table(assessment, statute))


def build_request(statute: str | None, birth: str | None, care: str | None, hours: str | None, start: str | None,
                  end: str | None, school_entry: str | None, income: str | None, highest: bool,
                  benefits: tuple[str, ...], first: str | None, last: str | None) -> dict:
    """Return the JSON request of ``POST /api/v1/estimate`` for one child typed on the command line."""
    first = first or (start[:7] if start else None)
    child = {"id": "1", "birth_date": birth, "care": care, "hours": _whole(hours), "start": start, "end": end,
             "school_entry": school_entry}
    return {
        "statute": statute, "from": first, "to": last or _default_last(first, end),
        "children": [child],
        "income": {"annual": income} if income is not None and not highest else None,
        "benefits": [_benefit(text) for text in benefits],
    }


def _whole(text: str | None) -> int | str | None:
    """Pass digits on as a number; anything else as typed, for the parser to refuse in German."""
    return int(text) if text is not None and re.fullmatch(r"[0-9]{1,3}", text) else text


def _default_last(first: str | None, end: str | None) -> str | None:
    """Return the month of the end, but at most the twelfth month from ``first``."""
    if first is None or not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", first):
        return first
    year_later = Month.parse(first)
    for _ in range(11):
        year_later = year_later.next()
    if end and re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}", end):
        return str(min(Month.parse(end[:7]), year_later))
    return str(year_later)


def _benefit(text: str) -> dict:
    first, _, last = text.partition(":")
    return {"from": first, "to": last or first}


def month_table(assessment: HouseholdAssessment, statute: Statute) -> str:
    """Return the German month table of every child, with its total and the household's total."""
    lines = []
    for child in assessment.children:
        rows = [HEADINGS] + [_row(fee, statute) for fee in child.months]
        widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS) - 1)]
        for row in rows:
            lines.append("  ".join(_aligned(cell, width, column) for column, (cell, width)
                                   in enumerate(zip(row, widths, strict=False))) + "  " + row[-1])
        lines.append(f"Summe: {german_euro(child.total)}")
    if len(assessment.children) != 1:
        lines.append(f"Summe des Haushalts: {german_euro(assessment.total)}")
    return "\n".join(lines)


def _row(fee: MonthlyFee, statute: Statute) -> tuple[str, ...]:
    age_group = next((group.label for group in statute.age_groups if group.id == fee.age_group), fee.age_group)
    return (fee.month.label(), german_euro(fee.amount), str(fee.bracket), age_group or "–",
            str(fee.hours_tier) if fee.hours_tier is not None else "–", "; ".join(fee.reasons))


def _aligned(cell: str, width: int, column: int) -> str:
    return cell.rjust(width) if column in (1, 2, 4) else cell.ljust(width)


def _fail(problems: list[Problem], typed_period: bool) -> NoReturn:
    """Print every problem in German, naming the option where there is one, and stop with exit status 1."""
    fields = {problem.field for problem in problems}
    for problem in problems:
        if problem.field in ("from", "to") and not typed_period and "children[0].start" in fields:
            continue  # the period was derived from the start date, whose problem is printed
        click.echo(f"{_option(problem.field)}: {problem.message}", err=True)
    click.get_current_context().exit(1)


def _option(field: str) -> str:
    if field.startswith("benefits"):
        return "--benefit"
    if field.startswith("income"):
        return "--income"
    return OPTIONS.get(field, field.replace("children[0].", "") or "Eingabe")
