"""Flask commands for an office's accounts (clerks, administrators, facility accounts): ``flask staff list|invite|
resend|deactivate|reactivate|reset-password|role --office ID`` — the same services as the administrator's
pages, acting as the system or as an administrator of the office (``--as EMAIL``). An account is named by its
number or its e-mail address."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from .. import db
from ..models import User
from ..services.kernel.actor import Actor
from ..services.kernel.errors import InvalidInput, NotFound
from ..services.kernel.labels import ROLE_LABELS
from ..services.office import staff as service
from ..services.views import staff as view
from ..web import unit_of_work
from .office_options import acting, office_option, refusal

NAMES = {"email": "--email", "display_name": "--name", "role": "--role", "facility_id": "--facility"}


@click.group("staff", cls=AppGroup)  # its commands run inside the app context
def staff() -> None:
    """Konten der Sachbearbeitung, der Fachadministration und der Einrichtungen eines Jugendamts verwalten."""


def _account_id(office_id: int, account: str) -> int:
    """Return the number of the account named by number or e-mail address in the office; refuse any other."""
    session = db.session()
    text = account.strip()
    user_id = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None
    query = select(User.id).where(User.office_id == office_id, User.role.in_(service.STAFF_ROLES))
    found = session.scalar(query.where(User.id == user_id) if user_id is not None
                           else query.where(User.email == text.lower()))
    if found is None:
        raise click.ClickException(f"Ein Konto „{account}“ gibt es im Jugendamt {office_id} nicht (Konten von "
                                   f"Eltern werden hier nicht verwaltet). „flask staff list --office {office_id}“ "
                                   "zeigt die Konten.")
    return found


def _acted(office_id: int, as_email: str | None, account: str) -> tuple[Actor, int]:
    return acting(office_id, as_email), _account_id(office_id, account)


@staff.command("list")
@office_option
def list_accounts(office_id: int, as_email: str | None) -> None:
    """Die Konten mit Nummer, Name, E-Mail, Rolle, Einrichtung und Zustand auflisten."""
    listing = view.account_list(db.session(), acting(office_id, as_email), office_id)
    if not listing.rows:
        click.echo(f"{listing.office.name} hat noch kein Konto. „flask staff invite --help“ zeigt, wie Sie eins "
                   "einladen.")
    for row in listing.rows:
        user = row.user
        facility = f", {user.facility.name}" if user.facility else ""
        click.echo(f"{user.id:>4}  {user.display_name} <{user.email}> ({ROLE_LABELS[user.role]}{facility}, "
                   f"{row.state_label.lower()})")


@staff.command("invite")
@office_option
@click.option("--email", default="", help="E-Mail-Adresse der Person; mit ihr meldet sie sich an")
@click.option("--name", "display_name", default="", help="Name der Person oder des Einrichtungskontos")
@click.option("--role", default="", help="clerk (Sachbearbeitung), admin (Fachadministration) oder facility")
@click.option("--facility", "facility_id", type=int, default=None, help="Nummer der Einrichtung (nur für facility)")
def invite(office_id: int, as_email: str | None, email: str, display_name: str, role: str,
           facility_id: int | None) -> None:
    """Ein Konto per E-Mail einladen: ein Link zum Setzen des Passworts, 72 Stunden und einmal gültig."""
    actor = acting(office_id, as_email)
    try:
        user = service.invite_staff(unit_of_work(), actor, email, display_name, role, facility_id, office_id)
    except InvalidInput as error:
        raise refusal(error, NAMES) from None
    click.echo(f"Konto {user.id} ({user.email}, {ROLE_LABELS[user.role]}) eingeladen; die Einladung liegt im "
               "Postausgang („flask mail send-due“ versendet sie).")


@staff.command("resend")
@office_option
@click.argument("account")
def resend(office_id: int, as_email: str | None, account: str) -> None:
    """Die Einladung eines Kontos erneut senden; ältere Links gelten dann nicht mehr."""
    actor, user_id = _acted(office_id, as_email, account)
    user = _run(lambda: service.resend_invitation(unit_of_work(), actor, user_id, office_id))
    click.echo(f"Neue Einladung an {user.email} liegt im Postausgang.")


@staff.command("deactivate")
@office_option
@click.argument("account")
def deactivate(office_id: int, as_email: str | None, account: str) -> None:
    """Ein Konto deaktivieren: Es kann sich nicht mehr anmelden, seine Sitzungen enden sofort."""
    actor, user_id = _acted(office_id, as_email, account)
    user = _run(lambda: service.set_account_active(unit_of_work(), actor, user_id, False, office_id))
    click.echo(f"Konto {user.id} ({user.email}) ist deaktiviert.")


@staff.command("reactivate")
@office_option
@click.argument("account")
def reactivate(office_id: int, as_email: str | None, account: str) -> None:
    """Ein deaktiviertes Konto wieder aktivieren; es meldet sich mit seinem bisherigen Passwort an."""
    actor, user_id = _acted(office_id, as_email, account)
    user = _run(lambda: service.set_account_active(unit_of_work(), actor, user_id, True, office_id))
    click.echo(f"Konto {user.id} ({user.email}) ist wieder aktiv.")


@staff.command("reset-password")
@office_option
@click.argument("account")
def reset_password(office_id: int, as_email: str | None, account: str) -> None:
    """Einen Link zum Setzen eines neuen Passworts senden (eine Stunde und einmal gültig)."""
    actor, user_id = _acted(office_id, as_email, account)
    user = _run(lambda: service.send_password_reset(unit_of_work(), actor, user_id, office_id))
    click.echo(f"Link zum Zurücksetzen des Passworts an {user.email} liegt im Postausgang.")


@staff.command("role")
@office_option
@click.argument("account")
@click.argument("role")
def set_role(office_id: int, as_email: str | None, account: str, role: str) -> None:
    """Die Rolle eines Kontos ändern: clerk (Sachbearbeitung) oder admin (Fachadministration)."""
    actor, user_id = _acted(office_id, as_email, account)
    user = _run(lambda: service.change_role(unit_of_work(), actor, user_id, role, office_id))
    click.echo(f"Konto {user.id} ({user.email}) hat jetzt die Rolle {ROLE_LABELS[user.role]}.")


def _run(act) -> User:
    try:
        return act()
    except InvalidInput as error:
        raise refusal(error, {}) from None
    except NotFound:
        raise click.ClickException("Das Konto gibt es in diesem Jugendamt nicht.") from None
