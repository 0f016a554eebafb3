"""Flask commands for documents: render a sample of any kind, issue the due notices in one batch."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from . import db
from .models import YouthOffice
from .services import letters, samples
from .web import today


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
    content = samples.render_sample(kind, _office(office_id), _date(dated), current_app.config["PUBLIC_URL"])
    try:
        out.write_bytes(content)
    except OSError as error:
        raise click.ClickException(f"Die Datei {out} lässt sich nicht schreiben: {error.strerror}.") from None
    click.echo(f"{samples.KIND_LABELS[kind]} geschrieben: {out} ({len(content) // 1024} KB)")
