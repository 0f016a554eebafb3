"""Flask command for operators: correct a declared income figure of a case as a clerk of its office."""
from __future__ import annotations

import re

import click
from flask.cli import AppGroup

from .. import db
from ..fees import format_euro
from ..forms import parse_amount
from ..models.declaration import INCOME_KINDS
from ..services.assessment import corrections
from ..services.kernel.errors import Conflict, InvalidInput, NotFound
from ..web import unit_of_work

# service field → the option that fills it, so that messages name what the operator typed
OPTIONS = {"item": "--person/--kind", "amount": "--amount", "reason": "--reason"}


@click.group("cases", cls=AppGroup)  # its commands run inside the app context
def cases() -> None:
    """Beitragsfälle bearbeiten."""


@cases.command("correct-income")
@click.argument("file_number", metavar="AKTENZEICHEN")
@click.option("--clerk", required=True, help="E-Mail-Adresse der Sachbearbeitung, in deren Namen korrigiert wird.")
@click.option("--person", required=True, help="Elternteil: 1 oder 2 (wie in der Erklärung).")
@click.option("--kind", required=True, help=f"Einkommensart: {', '.join(INCOME_KINDS)}.")
@click.option("--amount", required=True, help="Berichtigter Jahresbetrag in Euro, z. B. 41000 oder 41.000,00.")
@click.option("--reason", required=True, help="Grund der Korrektur; die Eltern lesen ihn.")
@click.option("--version", "seen", help="Stand des Falls, auf den sich die Korrektur bezieht (sonst der aktuelle).")
def correct_income(file_number: str, clerk: str, person: str, kind: str, amount: str, reason: str,
                   seen: str | None) -> None:
    """Einen Betrag der Einkommenserklärung mit Begründung korrigieren; der Verlauf hält vorher und nachher fest."""
    correction = corrections.Correction(_person(person), _kind(kind), _amount(amount), reason)
    session = db.session()
    try:
        actor = corrections.clerk_by_email(session, clerk)
    except NotFound:
        raise click.BadParameter(f"Es gibt keine Sachbearbeitung mit der E-Mail-Adresse {clerk}.",
                                 param_hint="--clerk") from None
    try:
        case = corrections.case_by_file_number(session, actor, file_number)
    except NotFound:
        raise click.BadParameter(f"Im Jugendamt dieser Sachbearbeitung gibt es keinen Fall {file_number}.",
                                 param_hint="AKTENZEICHEN") from None
    version = _version(seen) if seen is not None else case.version
    try:
        record = corrections.correct_income(unit_of_work(), actor, case.id, version, correction)
    except InvalidInput as error:
        for field, message in error.errors.items():
            click.echo(f"{OPTIONS.get(field, field)}: {message}", err=True)
        raise SystemExit(1) from None
    except Conflict as error:
        raise click.ClickException(f"{error} Das Einkommen wurde nicht korrigiert.") from None
    click.echo(f"Einkommen korrigiert im Fall {case.file_number}: Elternteil {record.person}, "
               f"{corrections.kind_label(record.kind)}: {format_euro(record.amount_before)} → "
               f"{format_euro(record.amount_after)}. Grund: {record.reason}")


def _person(text: str) -> int:
    if text.strip() not in ("1", "2"):
        raise click.BadParameter("Geben Sie 1 oder 2 an.", param_hint="--person")
    return int(text)


def _kind(text: str) -> str:
    if text.strip() not in INCOME_KINDS:
        raise click.BadParameter(f"„{text}“ gibt es nicht. Möglich sind: {', '.join(INCOME_KINDS)}.",
                                 param_hint="--kind")
    return text.strip()


def _amount(text: str):
    amount = parse_amount(text) if text.strip() else None
    if amount is None:
        raise click.BadParameter(f"„{text}“ ist kein Betrag. Geben Sie ihn in Euro an, z. B. 41000 oder 41.000,00 "
                                 "(ohne Minuszeichen).", param_hint="--amount")
    return amount


def _version(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", text.strip()):
        raise click.BadParameter("Geben Sie den Stand als Zahl an, wie ihn die Fallseite zeigt.",
                                 param_hint="--version")
    return int(text)
