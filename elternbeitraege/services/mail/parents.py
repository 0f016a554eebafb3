"""Mails to parents, put in the outbox in the transaction of the act they tell of.

Each one says what happened and links to the portal; none carries income, amounts, a fee or the notice
itself — those stay behind the parents' sign-in. They go to every active account of the household and
are signed with the youth office's name.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import FeeCase, User, YouthOffice
from ..kernel.labels import german_date
from .compose import compose
from .outbox import put

PORTAL_PATH = "/eltern/"
LOGIN_PATH = "/anmelden"
RESET_PATH = "/passwort/vergessen"

SUBJECTS = {
    "registration_confirmed": "Ihr Konto für Elternbeiträge ist angelegt",
    "registration_attempt": "Registrierung mit Ihrer E-Mail-Adresse",
    "declaration_received": "Ihre Erklärung ist eingegangen",
    "proofs_requested": "Bitte reichen Sie Nachweise ein",
    "declaration_reminder": "Erinnerung: Ihre Erklärung zum Elternbeitrag",
    "notice_issued": "Neuer Bescheid in Ihrem Elternportal",
}


def household_addresses(session: Session, household_id: int) -> list[str]:
    """Return the addresses of the household's active accounts, in a stable order."""
    return list(session.scalars(select(User.email).where(User.household_id == household_id, User.active.is_(True))
                                .order_by(User.id)))


def tell_household(session: Session, case: FeeCase, kind: str, public_url: str, **context: object) -> int:
    """Put one mail of this kind to each of the case's household's accounts; return how many (0: no account yet)."""
    addresses = household_addresses(session, case.household_id)
    for address in addresses:
        _put(session, kind, address, case.office, public_url, **context)
    return len(addresses)


def registration_confirmed(session: Session, user: User, office: YouthOffice, public_url: str) -> None:
    """Tell the new account's holder that the account exists and where to sign in."""
    _put(session, "registration_confirmed", user.email, office, public_url)


def registration_attempt(session: Session, email: str, office: YouthOffice, public_url: str) -> None:
    """Tell an account's holder that someone tried to register with their address (no second account was made)."""
    _put(session, "registration_attempt", email, office, public_url, reset_url=_url(public_url, RESET_PATH))


def declaration_received(session: Session, case: FeeCase, public_url: str) -> int:
    """Tell the household that its declaration reached the office."""
    return tell_household(session, case, "declaration_received", public_url, file_number=case.file_number)


def proofs_requested(session: Session, case: FeeCase, public_url: str) -> int:
    """Tell the household that the office asks for proofs, and by when (the message itself is in the portal)."""
    deadline = german_date(case.documents_due) if case.documents_due else ""
    return tell_household(session, case, "proofs_requested", public_url, file_number=case.file_number,
                          deadline=deadline)


def declaration_reminder(session: Session, case: FeeCase, public_url: str, reply_by: date | None) -> int:
    """Remind the household's accounts that the declaration is still missing."""
    return tell_household(session, case, "declaration_reminder", public_url, file_number=case.file_number,
                          reply_by=german_date(reply_by) if reply_by else "")


def notice_issued(session: Session, case: FeeCase, public_url: str) -> int:
    """Tell the household that a new notice is in the portal — never the notice or its amounts."""
    return tell_household(session, case, "notice_issued", public_url, file_number=case.file_number)


def _put(session: Session, kind: str, to: str, office: YouthOffice, public_url: str, **context: object) -> None:
    mail = compose(kind, to, SUBJECTS[kind], office.name, portal_url=_url(public_url, PORTAL_PATH),
                   login_url=_url(public_url, LOGIN_PATH), **context)
    put(session, mail, office.id)


def _url(public_url: str, path: str) -> str:
    return f"{public_url.rstrip('/')}{path}"
