"""Flask commands for accounts of the installation's operator: ``flask users create-provider EMAIL``."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from .. import db
from ..services.accounts import invitations, providers
from ..services.kernel.errors import InvalidInput
from ..web import public_url, unit_of_work


@click.group("users", cls=AppGroup)  # its commands run inside the app context
def users() -> None:
    """Konten des Betriebs anlegen."""


@users.command("create-provider")
@click.argument("email")
@click.option("--name", default="", help="Name der Person oder Stelle (sonst die E-Mail-Adresse).")
def create_provider(email: str, name: str) -> None:
    """Ein Konto für den Betrieb (Provider) anlegen und den Link zum Setzen des Passworts ausgeben."""
    db.session()
    try:
        user, secret = providers.create_provider(unit_of_work(), email, name)
    except InvalidInput as error:
        raise click.ClickException(" ".join(error.errors.values())) from None
    click.echo(f"Konto für den Betrieb angelegt: {user.email}")
    click.echo("Öffnen Sie diesen Link, um das Passwort zu setzen (gilt 72 Stunden und nur einmal; er wird nicht "
               "gespeichert und nicht noch einmal angezeigt):")
    click.echo(invitations.link_url(public_url(), secret))
