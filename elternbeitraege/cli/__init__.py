"""Flask commands: migrate the database and load the demo data."""
from __future__ import annotations

import click
from flask import Flask, current_app

from .. import db
from ..services import demo as seed
from ..web import public_url, today
from .corrections import cases
from .facilities import facilities
from .fees import fees
from .imports import imports
from .jobs import jobs
from .mail import mail
from .notices import notices
from .offices import offices
from .staff import staff
from .statutes import statutes
from .users import users
from .workflow import workflow


def init_app(app: Flask) -> None:
    """Register the commands with the app."""
    app.cli.add_command(db_upgrade)
    app.cli.add_command(seed_demo)
    app.cli.add_command(statutes)
    app.cli.add_command(fees)
    app.cli.add_command(workflow)
    app.cli.add_command(jobs)
    app.cli.add_command(notices)
    app.cli.add_command(cases)
    app.cli.add_command(offices)
    app.cli.add_command(users)
    app.cli.add_command(imports)
    app.cli.add_command(mail)
    app.cli.add_command(facilities)
    app.cli.add_command(staff)


@click.command("db-upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema."""
    db.upgrade(current_app.config["DATABASE_URL"])
    click.echo("Datenbank ist auf dem neuesten Stand.")


@click.command("seed-demo")
def seed_demo() -> None:
    """Load the demo data of Jugendamt Musterstadt if the database is empty, and print the logins."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demodaten werden in Produktion nicht geladen.")
    session = db.session()
    if not seed.is_empty(session):
        click.echo("Die Datenbank enthält schon Daten; Demodaten werden nicht erneut geladen.")
    else:
        seed.seed_demo(session, public_url(), today())
        click.echo("Demodaten geladen.")
    _print_logins()


def _print_logins() -> None:
    click.echo("\nDemo-Zugänge (nur für die Demo) – Passwort für alle: " + seed.DEMO_PASSWORD)
    for role, email in (("Sachbearbeitung", "sachbearbeitung@musterstadt.example"),
                        ("Fachadministration", "verwaltung@musterstadt.example"),
                        ("Kita Sonnenblume", "kita-sonnenblume@musterstadt.example"),
                        ("Kita Regenbogen", "kita-regenbogen@musterstadt.example"),
                        ("Kindertagespflege", "tagespflege@musterstadt.example")):
        click.echo(f"  {role:<20} {email}")
    click.echo(f"  Eltern: Zugangscode {seed.DEMO_CODE} unter {public_url()}/erklaerung/zugang\n")
