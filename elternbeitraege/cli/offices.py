"""Flask commands of the provider for youth offices: ``flask offices list|create|edit|deactivate|reactivate|
assign-statute|invite-admin`` — the same services as the console in the browser, acting as the system."""
from __future__ import annotations

from dataclasses import asdict, replace

import click
from flask.cli import AppGroup

from .. import db
from ..services.kernel.actor import SYSTEM
from ..services.kernel.errors import InvalidInput, NotFound
from ..services.office import offices as service
from ..services.office.letterhead import FIELDS, Letterhead, letterhead_of
from ..services.views import offices as view
from ..web import unit_of_work
from .statutes import parse_day

# The options of create and edit: one per letterhead value, with its German help.
OPTIONS = {
    "name": "Name des Jugendamts, z. B. „Jugendamt Beispielkreis“",
    "street": "Straße und Hausnummer",
    "postcode_city": "Postleitzahl und Ort, z. B. „33330 Musterstadt“",
    "phone": "Telefon für Rückfragen",
    "email": "E-Mail-Adresse für Rückfragen",
    "website": "Internetseite",
    "contact_person": "Ansprechperson in den Schreiben",
    "court_name": "zuständiges Verwaltungsgericht",
    "court_address": "Anschrift des Verwaltungsgerichts",
    "dpo_contact": "Kontakt der oder des Datenschutzbeauftragten",
    "bank_name": "Name der Bank",
    "iban": "IBAN",
    "bic": "BIC",
    "creditor_id": "Gläubiger-Identifikationsnummer",
}
# The German names of the values, for the messages.
NAMES = {name: "--" + name.replace("_", "-") for name in FIELDS}


@click.group("offices", cls=AppGroup)  # its commands run inside the app context
def offices() -> None:
    """Jugendämter anlegen, bearbeiten, deaktivieren, ihre Satzungen anwenden und ihre Fachadministration
    einladen."""


def letterhead_options(command):
    """Add one option per letterhead value to a command."""
    for name in reversed(FIELDS):
        command = click.option(NAMES[name], name, default=None, help=OPTIONS[name])(command)
    return command


def _refusal(error: InvalidInput) -> click.ClickException:
    lines = [f"{NAMES.get(name, name)}: {message}" for name, message in error.errors.items()]
    return click.ClickException("\n".join(lines))


def _unknown(office_id: int) -> click.ClickException:
    return click.ClickException(f"Ein Jugendamt mit der Nummer {office_id} gibt es nicht. "
                                "„flask offices list“ zeigt die Nummern.")


@offices.command("list")
def list_offices() -> None:
    """Die Jugendämter mit Nummer, Zustand und Zahl der Konten auflisten."""
    rows = view.office_list(db.session(), SYSTEM)
    if not rows:
        click.echo("Es gibt noch kein Jugendamt. „flask offices create --help“ zeigt, wie Sie eins anlegen.")
    for row in rows:
        state = "aktiv" if row.office.active else "deaktiviert"
        click.echo(f"{row.office.id:>4}  {row.office.name} ({state}, {row.users} Konten)")


@offices.command("create")
@letterhead_options
def create(**values: str | None) -> None:
    """Ein Jugendamt mit Anschrift, Kontakt, Gericht, Datenschutz und Bankverbindung anlegen."""
    db.session()
    letterhead = Letterhead(**{name: values[name] or "" for name in FIELDS})
    if not letterhead.contact_person:
        letterhead = replace(letterhead, contact_person="Team Elternbeiträge")
    try:
        office = service.create_office(unit_of_work(), SYSTEM, letterhead)
    except InvalidInput as error:
        raise _refusal(error) from None
    click.echo(f"Jugendamt {office.id} angelegt: {office.name}.")


@offices.command("edit")
@click.argument("office_id", type=int)
@letterhead_options
def edit(office_id: int, **values: str | None) -> None:
    """Angaben des Jugendamts OFFICE_ID ändern; nicht genannte Angaben bleiben, wie sie sind."""
    session = db.session()
    try:
        current = letterhead_of(service.operated_office(session, SYSTEM, office_id))
        changed = {name: value for name, value in values.items() if value is not None}
        service.edit_office(unit_of_work(), SYSTEM, office_id, Letterhead(**{**asdict(current), **changed}))
    except NotFound:
        raise _unknown(office_id) from None
    except InvalidInput as error:
        raise _refusal(error) from None
    click.echo(f"Angaben des Jugendamts {office_id} gespeichert.")


@offices.command("deactivate")
@click.argument("office_id", type=int)
def deactivate(office_id: int) -> None:
    """Das Jugendamt OFFICE_ID deaktivieren: seine Konten können sich nicht mehr anmelden, seine Daten bleiben."""
    _set_active(office_id, False)
    click.echo(f"Jugendamt {office_id} deaktiviert. Seine Konten können sich nicht mehr anmelden; seine Daten "
               "bleiben erhalten.")


@offices.command("reactivate")
@click.argument("office_id", type=int)
def reactivate(office_id: int) -> None:
    """Das Jugendamt OFFICE_ID wieder aktivieren."""
    _set_active(office_id, True)
    click.echo(f"Jugendamt {office_id} ist wieder aktiv.")


def _set_active(office_id: int, active: bool) -> None:
    db.session()
    try:
        service.set_office_active(unit_of_work(), SYSTEM, office_id, active)
    except NotFound:
        raise _unknown(office_id) from None
    except InvalidInput as error:
        raise click.ClickException(" ".join(error.errors.values())) from None


@offices.command("assign-statute")
@click.argument("office_id", type=int)
@click.argument("statute_id")
@click.argument("from_date")
def assign_statute(office_id: int, statute_id: str, from_date: str) -> None:
    """Im Jugendamt OFFICE_ID die Satzung STATUTE_ID ab FROM_DATE (TT.MM.JJJJ oder JJJJ-MM-TT) anwenden."""
    day = parse_day(from_date)
    if day is None:
        raise click.ClickException(f"„{from_date}“ ist kein Datum. Geben Sie es als TT.MM.JJJJ oder JJJJ-MM-TT an, "
                                   "z. B. 01.08.2025.")
    db.session()
    try:
        entry = service.assign_statute(unit_of_work(), SYSTEM, office_id, statute_id, day)
    except NotFound:
        raise _unknown(office_id) from None
    except InvalidInput as error:
        raise click.ClickException(" ".join(error.errors.values())) from None
    click.echo(f"Jugendamt {office_id} wendet die Satzung {entry.statute_id} ab dem {entry.valid_from:%d.%m.%Y} an.")


@offices.command("invite-admin")
@click.argument("office_id", type=int)
@click.argument("email")
@click.option("--name", "display_name", required=True, help="Name der Person, z. B. „Anna Verwalterin“.")
def invite_admin(office_id: int, email: str, display_name: str) -> None:
    """Eine Fachadministration des Jugendamts OFFICE_ID per E-Mail einladen (Link 72 Stunden gültig)."""
    db.session()
    try:
        user = service.invite_admin(unit_of_work(), SYSTEM, office_id, email, display_name)
    except NotFound:
        raise _unknown(office_id) from None
    except InvalidInput as error:
        raise click.ClickException(" ".join(error.errors.values())) from None
    click.echo(f"Einladung an {user.email} liegt im Postausgang („flask mail send-due“ verschickt sie).")
