"""Flask commands for moving in from the old system: ``flask import facilities FILE --office ID [--apply]`` and
``flask import cases FILE --office ID [--apply]`` (CSV or XLSX, see docs/import.md).

Without ``--apply`` a command is a dry run (``--dry-run`` says so explicitly): every row is checked, the
problems are printed by line and column, and nothing is written. ``--apply`` writes the whole file or nothing.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..services.imports import cases as case_import
from ..services.imports import facilities as facility_import
from ..services.imports import letters
from ..services.imports.common import office_for
from ..services.imports.report import KIND_LABELS, Report
from ..services.kernel.actor import SYSTEM
from ..services.kernel.errors import Conflict, InvalidInput, NotFound
from ..web import public_url, unit_of_work


@click.group("import", cls=AppGroup)  # its commands run inside the app context
def imports() -> None:
    """Einrichtungen und Beitragsfälle aus dem bisherigen Verfahren übernehmen (CSV oder XLSX)."""


FILE = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
OFFICE = click.option("--office", "office_id", type=int, required=True, help="Nummer (id) des Jugendamts.")
DRY_RUN = click.option("--dry-run", is_flag=True, help="Nur prüfen, nichts speichern (das ist ohne --apply immer so).")
APPLY = click.option("--apply", is_flag=True, help="Die Datei wirklich importieren: ganz oder gar nicht.")


def _dry(dry_run: bool, apply: bool) -> bool:
    """Return whether the run only checks: always, unless ``--apply`` is given; both at once are refused."""
    if dry_run and apply:
        raise click.UsageError("Geben Sie entweder --dry-run oder --apply an, nicht beides.")
    return not apply


@imports.command("facilities")
@FILE
@OFFICE
@DRY_RUN
@APPLY
def facilities(file: Path, office_id: int, dry_run: bool, apply: bool) -> None:
    """Einrichtungen aus einer Datei prüfen (Probelauf) und mit --apply importieren."""
    dry_run = _dry(dry_run, apply)
    uow = unit_of_work()
    report = _run(lambda: facility_import.check(uow.session, SYSTEM, office_id, file)[0] if dry_run else
                  facility_import.import_facilities(uow, SYSTEM, office_id, file, file.name))
    _show(report, dry_run)


@imports.command("cases")
@FILE
@OFFICE
@DRY_RUN
@APPLY
@click.option("--workers", type=int, default=None, help="Prozesse für die Einladungsschreiben (sonst NOTICE_WORKERS).")
def cases(file: Path, office_id: int, dry_run: bool, apply: bool, workers: int | None) -> None:
    """Beitragsfälle prüfen (Probelauf) und mit --apply importieren; danach die Einladungsschreiben (eine Druckdatei).

    Ein Lauf mit --apply schreibt auch die Einladungsschreiben, die ein früherer Lauf nicht mehr geschafft hat.
    """
    dry_run = _dry(dry_run, apply)
    uow = unit_of_work()
    report = _run(lambda: case_import.check(uow.session, SYSTEM, office_id, file, uow.today) if dry_run else
                  case_import.import_cases(uow, SYSTEM, office_id, file, file.name))
    _show(report, dry_run)
    if dry_run:
        return
    _letters(office_id, workers, uow.today)


@imports.command("letters")
@OFFICE
@click.option("--workers", type=int, default=None, help="Prozesse für die Einladungsschreiben (sonst NOTICE_WORKERS).")
def letters_command(office_id: int, workers: int | None) -> None:
    """Die fehlenden Einladungsschreiben importierter Fälle erstellen (eine Druckdatei)."""
    uow = unit_of_work()
    _run(lambda: office_for(uow.session, SYSTEM, office_id))
    if not _letters(office_id, workers, uow.today):
        click.echo("Keine importierten Fälle warten auf ihr Einladungsschreiben.")


def _letters(office_id: int, workers: int | None, today) -> int:
    """Write the letters the office's imported cases still wait for, with a progress bar; return how many."""
    new_session = current_app.extensions["db_sessions"]
    with new_session() as session:
        due = letters.count_waiting(session, office_id)
    if not due:
        return 0
    with click.progressbar(length=due, label="Einladungsschreiben") as bar:
        done = [0]

        def tell(written: int) -> None:
            bar.update(written - done[0])
            done[0] = written

        run = letters.write_letters(new_session, office_id, today, public_url(),
                                    Path(current_app.config["PRINT_DIR"]),
                                    workers or current_app.config["NOTICE_WORKERS"] or None, tell)
    click.echo(f"{run.written} Einladungsschreiben erstellt. Druckdatei: {run.print_file}")
    return run.written


def _run(act):
    try:
        return act()
    except NotFound:
        _fail("Dieses Jugendamt gibt es nicht. Die Nummern zeigt „flask offices list“.")
    except (InvalidInput, Conflict) as error:
        _fail(" ".join(error.errors.values()) if isinstance(error, InvalidInput) else str(error))
    raise AssertionError("unreachable")


def _fail(message: str) -> None:
    click.echo(f"Fehler: {message}", err=True)
    raise SystemExit(1)


def _show(report: Report, dry_run: bool) -> None:
    """Print the problems, or what was (or would be) imported, and the conflicts."""
    kind = KIND_LABELS[report.kind]
    for problem in report.problems:
        click.echo(f"Zeile {problem.line}, Spalte „{problem.column}“: {problem.message}", err=True)
    if report.problems:
        more = " (die ersten angezeigt)" if report.truncated else ""
        _fail(f"{len(report.problems)} Fehler{more} in {report.rows} Zeilen. Nichts wurde gespeichert.")
    if dry_run:
        click.echo(f"Probelauf: {report.rows} Zeilen geprüft, {report.new} {kind} bereit zum Import, "
                   f"{report.unchanged} schon vorhanden, {len(report.conflicts)} Konflikte. Nichts gespeichert; "
                   "mit --apply importieren.")
    else:
        click.echo(f"{report.new} {kind} importiert, {report.unchanged} schon vorhanden und unverändert, "
                   f"{len(report.conflicts)} Konflikte.")
    for conflict in report.conflicts:
        click.echo(f"Konflikt in Zeile {conflict.line}: {conflict.message}")
