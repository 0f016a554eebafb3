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
    logo: bytes | None = None  # PNG or JPEG, printed in the letterhead


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
    statute_id: str | None = None  # the machine-readable name of the statute, for the archive attachment
    confirms_date: date | None = None  # a final notice: the date of the provisional one it confirms unchanged


@dataclass(frozen=True)
class Reminder:
    """The reminder (Erinnerung) that the income declaration has not arrived by its deadline."""

    letter: Letter
    child_name: str
    facility_name: str
    care_start: date
    original_due: date
    reply_by: date
    code_entry_url: str


@dataclass(frozen=True)
class ProofRequest:
    """The request for missing proofs, in the first review or in the yearly final check.

    ``message`` is the clerk's free text; ``final_check_year`` is the calendar year whose
    provisional fee is now to be set finally, or ``None`` during the first review.
    """

    letter: Letter
    child_name: str
    message: str
    deadline: date
    portal_url: str
    final_check_year: int | None


@dataclass(frozen=True)
class DifferenceMonth:
    """One month of the recalculation: the fee so far and the new fee."""

    month: date
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        """Return new minus old: positive is owed, negative is refunded."""
        return self.new - self.old


@dataclass(frozen=True)
class AmendingNotice:
    """An amending notice (Änderungsbescheid): a full new fee notice plus the recalculation.

    ``balance`` is new minus old total: positive is a back payment, negative a refund.
    """

    notice: FeeNotice
    replaces_date: date
    replaces_file_name: str
    change_reason: str
    differences: tuple[DifferenceMonth, ...]
    old_total: Decimal
    new_total: Decimal
    balance: Decimal


@dataclass(frozen=True)
class FacilityChild:
    """One child of the facility's notification: who, which care, where the fee case stands — no amounts."""

    child_name: str
    child_birth_date: date
    file_number: str
    care_kind_label: str
    weekly_hours: int | None
    care_start: date
    status: str


@dataclass(frozen=True)
class FacilityNotice:
    """The notification to a facility that the fee cases of its children are settled.

    It never carries income, benefits, bank data or amounts: the facility may know only that a
    notice exists.
    """

    letter: Letter
    facility_name: str
    children: tuple[FacilityChild, ...]
