"""What the commands on an office's facilities and accounts (``flask facilities …``, ``flask staff …``) share:
the ``--office ID`` and ``--as EMAIL`` options, who acts, and the services' refusals as the options' messages."""
from __future__ import annotations

import click
from sqlalchemy import select

from .. import db
from ..models import User, YouthOffice
from ..services.kernel.actor import SYSTEM, Actor
from ..services.kernel.errors import InvalidInput


def office_option(command):
    """Add ``--office ID`` (required) and ``--as EMAIL`` (an administrator of the office; else the system)."""
    command = click.option("--as", "as_email", default=None, metavar="EMAIL",
                           help="im Namen dieser Fachadministration des Jugendamts handeln (sonst: System)")(command)
    return click.option("--office", "office_id", type=int, required=True, metavar="ID",
                        help="Nummer des Jugendamts („flask offices list“ zeigt sie)")(command)


def acting(office_id: int, as_email: str | None) -> Actor:
    """Return who acts: the system, or the named active administrator of the office; refuse an unknown office."""
    session = db.session()
    if session.get(YouthOffice, office_id) is None:
        raise click.ClickException(f"Ein Jugendamt mit der Nummer {office_id} gibt es nicht. "
                                   "„flask offices list“ zeigt die Nummern.")
    if as_email is None:
        return SYSTEM
    user = session.scalar(select(User).where(User.email == as_email.strip().lower(), User.role == "admin",
                                             User.office_id == office_id))
    if user is None or not user.is_active:
        raise click.ClickException(f"{as_email} ist kein aktives Konto der Fachadministration des Jugendamts "
                                   f"{office_id}. Lassen Sie --as weg, um als System zu handeln.")
    return Actor.of(user)


def refusal(error: InvalidInput, names: dict[str, str]) -> click.ClickException:
    """Return the service's messages, one a line, each with its option."""
    lines = [f"{names[name]}: {message}" if name in names else message for name, message in error.errors.items()]
    return click.ClickException("\n".join(lines))
