"""Flask commands for statutes: import a statute file, list the statutes, apply one in an office from a date."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .. import db, files
from ..fees import Statute
from ..services.kernel.actor import SYSTEM
from ..services.kernel.errors import InvalidInput, NotFound
from ..services.kernel.labels import FACILITY_KIND_LABELS
from ..services.office import statutes as service
from ..web import unit_of_work


@click.group("statutes", cls=AppGroup)  # its commands run inside the app context
def statutes() -> None:
    """Beitragssatzungen importieren, auflisten und in einem Jugendamt anwenden."""


def _fail(message: str) -> None:
    click.echo(f"Fehler: {message}", err=True)
    raise SystemExit(1)


def _messages(error: InvalidInput) -> str:
    return " ".join(error.errors.values())


def validity(statute: Statute) -> str:
    """Return the statute's validity in words: ``gültig ab 01.08.2024 bis 31.07.2025``."""
    until = f" bis {statute.valid_until:%d.%m.%Y}" if statute.valid_until else ", bis auf Weiteres"
    return f"gültig ab {statute.valid_from:%d.%m.%Y}{until}"


@statutes.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_file(file: Path) -> None:
    """Eine Satzungsdatei (TOML) prüfen und importieren."""
    db.session()
    limit = current_app.config["MAX_STATUTE_BYTES"]
    try:
        with file.open("rb") as opened:
            content = opened.read(limit + 1)  # no further: the limit is refused anyway
    except OSError:
        _fail(f"Die Datei {file} kann nicht gelesen werden. Prüfen Sie den Pfad und die Zugriffsrechte.")
    try:
        text = service.decode_statute_file(content, limit)
        imported = service.import_statute(unit_of_work(), SYSTEM, file.name, text,
                                          files.bounds_from(current_app.config))
    except InvalidInput as error:
        _fail(_messages(error))
    statute = imported.statute
    if imported.new:
        click.echo(f"Satzung {statute.id} importiert: {statute.title}, {validity(statute)}.")
    else:
        click.echo(f"Satzung {statute.id} ist schon mit demselben Inhalt vorhanden; nichts geändert.")


@statutes.command("list")
def list_statutes() -> None:
    """Die Satzungen auflisten und für jedes Jugendamt, welche ab wann gilt."""
    session = db.session()
    click.echo("Satzungen:")
    for known in service.catalogue(session):
        statute = known.statute
        kinds = ", ".join(FACILITY_KIND_LABELS[kind] for kind in statute.care_kinds)
        click.echo(f"  {statute.id} ({service.ORIGIN_LABELS[known.origin]}): {statute.title}")
        click.echo(f"    {validity(statute)}; Betreuungsarten: {kinds}")
    click.echo("Jugendämter:")
    for office, assignments in service.office_schedules(session):
        click.echo(f"  {office.id} {office.name}")
        for assignment in assignments:
            click.echo(f"    ab {assignment.entry.valid_from:%d.%m.%Y}: {assignment.entry.statute_id}")
        if not assignments:
            click.echo("    noch keine Satzung angewendet")


@statutes.command("assign")
@click.argument("office_id", type=int)
@click.argument("statute_id")
@click.argument("from_date")
def assign(office_id: int, statute_id: str, from_date: str) -> None:
    """Im Jugendamt OFFICE_ID die Satzung STATUTE_ID ab FROM_DATE (TT.MM.JJJJ oder JJJJ-MM-TT) anwenden."""
    day = parse_day(from_date)
    if day is None:
        _fail(f"„{from_date}“ ist kein Datum. Geben Sie es als TT.MM.JJJJ oder JJJJ-MM-TT an, z. B. 01.08.2025.")
    db.session()
    try:
        entry = service.assign_statute(unit_of_work(), SYSTEM, statute_id, day, office_id=office_id)
    except NotFound:
        _fail(f"Ein Jugendamt mit der Nummer {office_id} gibt es nicht. „flask statutes list“ zeigt die Nummern.")
    except InvalidInput as error:
        _fail(_messages(error))
    click.echo(f"Jugendamt {office_id} wendet die Satzung {entry.statute_id} ab dem {entry.valid_from:%d.%m.%Y} an.")


def parse_day(text: str) -> date | None:
    """Read a German (``01.08.2025``) or ISO (``2025-08-01``) date, or None."""
    text = text.strip()
    pattern = "%d.%m.%Y" if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text) else "%Y-%m-%d"
    try:
        return datetime.strptime(text, pattern).date()
    except ValueError:
        return None
