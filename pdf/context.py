"""Plain, immutable inputs of the PDF documents.

The application maps its models onto these dataclasses; the templates read nothing else.
Money is ``Decimal``, dates are ``datetime.date``; nothing here knows about the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Office:
    """The issuing youth office as printed in the letterhead and the legal notices."""

    name: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str
    contact_person: str
    court_name: str
    court_address: str
    dpo_contact: str
    bank_name: str
    iban: str
    bic: str
    creditor_id: str


@dataclass(frozen=True)
class Letter:
    """The head every letter shares: sender, recipients, date and file number."""

    office: Office
    recipient_lines: tuple[str, ...]
    date: date
    file_number: str
    salutation: str


@dataclass(frozen=True)
class InvitationLetter:
    """The invitation to declare the household income, with the personal access code."""

    letter: Letter
    child_name: str
    child_birth_date: date
    facility_name: str
    care_start: date
    access_code: str
    declaration_url: str
    code_entry_url: str
    reply_by: date


@dataclass(frozen=True)
class FeeMonth:
    """One month of the fee notice's table."""

    month: date
    amount: Decimal
    bracket: int | None
    age_group_label: str
    hours: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class FeeNotice:
    """A provisional or final fee notice (Beitragsbescheid) for one child."""

    letter: Letter
    cash_reference: str
    provisional: bool
    child_name: str
    child_birth_date: date
    facility_name: str
    care_kind_label: str
    weekly_hours: int | None
    income_basis: str
    statute_title: str
    statute_date: str
    months: tuple[FeeMonth, ...]
    total: Decimal
    mandate_reference: str | None
    iban_masked: str | None
    reasoning: tuple[str, ...]
