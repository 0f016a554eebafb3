"""Flask commands for an office's facilities: ``flask facilities list|create|edit|deactivate|reactivate --office ID``
— the same services as the administrator's pages, acting as the system or as an administrator of the office
(``--as EMAIL``)."""
from __future__ import annotations

from dataclasses import asdict, replace

import click
from flask.cli import AppGroup

from .. import db
from ..services.kernel.errors import InvalidInput, NotFound
from ..services.kernel.labels import FACILITY_KIND_LABELS
from ..services.office import facilities as service
from ..services.views import staff as view
from ..web import unit_of_work
from .office_options import acting, office_option, refusal

OPTIONS = {
    "name": "Name der Einrichtung, z. B. „Kita Sonnenblume“",
    "care_kind": "Art der Betreuung: kita, childminder (Kindertagespflege) oder ogs",
    "street": "Straße und Hausnummer",
    "postcode_city": "Postleitzahl und Ort, z. B. „33330 Musterstadt“",
    "number": "Einrichtungsnummer des Landes",
    "contact_name": "Ansprechperson",
    "contact_email": "E-Mail-Adresse der Einrichtung",
    "contact_phone": "Telefon der Einrichtung",
}
NAMES = {name: "--" + name.replace("_", "-") for name in service.FIELDS}
STATES = {True: "aktiv", False: "deaktiviert"}


@click.group("facilities", cls=AppGroup)  # its commands run inside the app context
def facilities() -> None:
    """Einrichtungen eines Jugendamts auflisten, anlegen, bearbeiten, deaktivieren und wieder aktivieren."""


def _unknown(facility_id: int, office_id: int) -> click.ClickException:
    return click.ClickException(f"Eine Einrichtung mit der Nummer {facility_id} gibt es im Jugendamt {office_id} "
                                f"nicht. „flask facilities list --office {office_id}“ zeigt die Nummern.")


def detail_options(command):
    for name in reversed(service.FIELDS):
        command = click.option(NAMES[name], name, default=None, help=OPTIONS[name])(command)
    return command


@facilities.command("list")
@office_option
def list_facilities(office_id: int, as_email: str | None) -> None:
    """Die Einrichtungen mit Nummer, Art, Zustand, Konten und Fällen auflisten."""
    listing = view.facility_list(db.session(), acting(office_id, as_email), office_id)
    if not listing.rows:
        click.echo(f"{listing.office.name} hat noch keine Einrichtung. „flask facilities create --help“ zeigt, "
                   "wie Sie eine anlegen.")
    for row in listing.rows:
        facility = row.facility
        number = f", Nr. {facility.number}" if facility.number else ""
        click.echo(f"{facility.id:>4}  {facility.name} ({FACILITY_KIND_LABELS[facility.care_kind]}{number}, "
                   f"{STATES[facility.active]}, {row.accounts} Konten, {row.cases} Fälle)")


@facilities.command("create")
@office_option
@detail_options
def create(office_id: int, as_email: str | None, **values: str | None) -> None:
    """Eine Einrichtung anlegen (Name, Art, Anschrift; Nummer und Kontakt nach Wunsch)."""
    actor = acting(office_id, as_email)
    details = service.FacilityDetails(**{name: values[name] or "" for name in service.FIELDS})
    try:
        facility = service.create_facility(unit_of_work(), actor, details, office_id)
    except InvalidInput as error:
        raise refusal(error, NAMES) from None
    click.echo(f"Einrichtung {facility.id} angelegt: {facility.name}.")


@facilities.command("edit")
@office_option
@click.argument("facility_id", type=int)
@detail_options
def edit(office_id: int, as_email: str | None, facility_id: int, **values: str | None) -> None:
    """Angaben einer Einrichtung ändern; was nicht angegeben ist, bleibt, wie es ist."""
    actor = acting(office_id, as_email)
    try:
        current = service.details_of(service.office_facility(db.session(), actor, facility_id, office_id))
        changed = replace(current, **{name: value for name, value in values.items() if value is not None})
        if changed == current:
            click.echo("Nichts angegeben, nichts geändert. „flask facilities edit --help“ zeigt die Angaben.")
            return
        service.edit_facility(unit_of_work(), actor, facility_id, changed, office_id)
    except NotFound:
        raise _unknown(facility_id, office_id) from None
    except InvalidInput as error:
        raise refusal(error, NAMES) from None
    names = ", ".join(NAMES[name] for name, value in asdict(changed).items() if getattr(current, name) != value)
    click.echo(f"Einrichtung {facility_id} geändert ({names}).")


@facilities.command("deactivate")
@office_option
@click.argument("facility_id", type=int)
def deactivate(office_id: int, as_email: str | None, facility_id: int) -> None:
    """Eine Einrichtung deaktivieren: keine neuen Kinder, ihre Konten können sich nicht anmelden; ihre Fälle
    bleiben beim Jugendamt."""
    _set_active(office_id, as_email, facility_id, False)


@facilities.command("reactivate")
@office_option
@click.argument("facility_id", type=int)
def reactivate(office_id: int, as_email: str | None, facility_id: int) -> None:
    """Eine deaktivierte Einrichtung wieder aktivieren."""
    _set_active(office_id, as_email, facility_id, True)


def _set_active(office_id: int, as_email: str | None, facility_id: int, active: bool) -> None:
    actor = acting(office_id, as_email)
    try:
        facility = service.set_facility_active(unit_of_work(), actor, facility_id, active, office_id)
    except NotFound:
        raise _unknown(facility_id, office_id) from None
    except InvalidInput as error:
        raise refusal(error, {}) from None
    click.echo(f"Einrichtung {facility.id} ({facility.name}) ist {'wieder aktiv' if active else 'deaktiviert'}.")
