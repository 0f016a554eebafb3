"""Flask command for what is due: ``flask jobs run-due`` (run it daily, e.g. from cron or a systemd timer)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..services.cases import jobs as service
from ..web import public_url, today
from .mail import report_run, send_now


@click.group("jobs", cls=AppGroup)  # its commands run inside the app context
def jobs() -> None:
    """Fällige Arbeiten: Erinnerungen, Fristabläufe, endgültige Prüfung, Abschluss."""


@jobs.command("run-due")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Stichtag (JJJJ-MM-TT); ohne Angabe heute.")
def run_due(on) -> None:
    """Erledigt, was heute fällig ist, und stellt die fälligen E-Mails zu; ein zweiter Lauf am selben Tag tut nichts
    mehr."""
    day: date = on.date() if on else today()
    done = service.run_due(current_app.extensions["db_sessions"], day, public_url(),
                           Path(current_app.config["PRINT_DIR"]), current_app.config["NOTICE_WORKERS"] or None)
    click.echo(f"Fällige Arbeiten am {day:%d.%m.%Y}:")
    for job in service.JOBS:
        click.echo(f"  {job.label:<34} {done[job.name]:>5}")
    click.echo(f"  {'Bescheide erzeugt':<34} {done['notices']:>5}")
    report_run(send_now())
