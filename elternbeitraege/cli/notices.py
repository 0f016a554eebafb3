"""Flask commands for documents: render a sample of any kind, issue the due notices in one batch."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import db
from ..models import YouthOffice
from ..services.notices import batch as batches
from ..services.notices import letters, samples
from ..web import public_url, today


@click.group("notices")
def notices() -> None:
    """Bescheide und Briefe erzeugen."""


def _date(text: str | None) -> date:
    if not text:
        return today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"„{text}“ ist kein Datum. Geben Sie es als JJJJ-MM-TT an, z. B. 2026-08-01.",
                                 param_hint="--date") from None


def _office(office_id: int | None):
    if office_id is None:
        return samples.demo_office()
    office = db.session().get(YouthOffice, office_id)
    if office is None:
        raise click.BadParameter(f"Es gibt kein Jugendamt mit der Nummer {office_id}.", param_hint="--office")
    return letters.office_context(office)


@notices.command("sample")
@with_appcontext
@click.argument("kind", metavar="ART")
@click.argument("out", metavar="DATEI.pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--office", "office_id", type=int, help="Briefkopf dieses Jugendamts (Nummer); sonst ein Musteramt.")
@click.option("--date", "dated", help="Datum des Schreibens JJJJ-MM-TT (sonst heute).")
def sample(kind: str, out: Path, office_id: int | None, dated: str | None) -> None:
    """Ein Musterdokument der Art ART als PDF schreiben (fee, amending, invitation, proof_request, reminder,
    facility)."""
    if kind not in samples.KINDS:
        raise click.BadParameter(f"„{kind}“ gibt es nicht. Möglich sind: {', '.join(samples.KINDS)}.",
                                 param_hint="ART")
    content = samples.render_sample(kind, _office(office_id), _date(dated), public_url())
    try:
        out.write_bytes(content)
    except OSError as error:
        raise click.ClickException(f"Die Datei {out} lässt sich nicht schreiben: {error.strerror}.") from None
    click.echo(f"{samples.KIND_LABELS[kind]} geschrieben: {out} ({len(content) // 1024} KB)")


@notices.command("batch")
@with_appcontext
@click.option("--office", "office_id", type=int, required=True, help="Nummer des Jugendamts (Pflicht).")
@click.option("--year", type=int, help="Nur Bescheide, deren Monate in dieses Kalenderjahr fallen.")
@click.option("--final", "kind", flag_value="final", help="Nur endgültige Festsetzungen.")
@click.option("--provisional", "kind", flag_value="provisional", help="Nur vorläufige Festsetzungen.")
@click.option("--date", "dated", help="Datum der Bescheide JJJJ-MM-TT (sonst heute).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Ordner für die Druckdatei (sonst PRINT_DIR).")
@click.option("--workers", type=int, help="Zahl der Prozesse, die Bescheide erzeugen (sonst einer je Kern).")
def batch(office_id: int, year: int | None, kind: str | None, dated: str | None, out: Path | None,
          workers: int | None) -> None:
    """Die fälligen Bescheide eines Jugendamts erzeugen, einzeln ablegen und als eine Druckdatei schreiben.

    Ein abgebrochener Lauf wird beim nächsten Aufruf fortgesetzt; ein zweiter Lauf erzeugt nichts doppelt."""
    day = _date(dated)
    if db.session().get(YouthOffice, office_id) is None:
        raise click.BadParameter(f"Es gibt kein Jugendamt mit der Nummer {office_id}.", param_hint="--office")
    if year is not None and not 2000 <= year <= 2100:
        raise click.BadParameter(f"{year} ist kein sinnvolles Kalenderjahr.", param_hint="--year")
    if workers is not None and not 1 <= workers <= 64:
        raise click.BadParameter("Geben Sie zwischen 1 und 64 Prozesse an.", param_hint="--workers")
    selection = batches.Selection(office_id, year, kind)
    new_session = current_app.extensions["db_sessions"]
    with new_session() as session:
        due = batches.count_due(session, selection)
    click.echo(f"Fällige Bescheide: {due}")
    with click.progressbar(length=due, label="Bescheide", show_pos=True, show_eta=True) as bar:
        outcome = batches.issue_due(new_session, selection, day, out or Path(current_app.config["PRINT_DIR"]),
                                    workers or current_app.config["NOTICE_WORKERS"] or None, bar.update,
                                    public_url=public_url())
    _report(outcome)


def _report(outcome: batches.Outcome) -> None:
    if outcome.batch_id is None:
        click.echo("Nichts zu tun: Es sind keine Bescheide fällig.")
        return
    if outcome.resumed:
        click.echo(f"Lauf {outcome.batch_id} fortgesetzt.")
    click.echo(f"Erzeugt: {outcome.issued_now} Bescheide, im Lauf {outcome.batch_id} insgesamt {outcome.issued}.")
    if outcome.skipped:
        click.echo(f"Übersprungen (inzwischen anders bearbeitet): {outcome.skipped}")
    click.echo(f"Mitteilungen an Einrichtungen: {outcome.facility_letters}")
    if outcome.print_file:
        click.echo(f"Druckdatei: {outcome.print_file}")
