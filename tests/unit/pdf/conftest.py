"""Fixtures for the PDF tests: sample documents as factories, and text extraction."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pypdf
import pytest

from pdf import (
    AmendingNotice,
    DifferenceMonth,
    FeeMonth,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
    render_amending_notice,
    render_fee_notice,
    render_invitation,
    render_proof_request,
    render_reminder,
)

LONG_REASON = (
    "beitragsfrei nach § 50 KiBiz (die letzten zwei Kindergartenjahre vor der Einschulung); "
    "das Geschwisterkind zahlt den höheren Beitrag"
)

def make_office(**changes: object) -> Office:
    """Return a sample youth office; keyword arguments replace fields."""
    return replace(OFFICE, **changes)


OFFICE = Office(
    name="Jugendamt Musterstadt",
    street="Rathausplatz 1",
    postcode_city="33330 Musterstadt",
    phone="05241 100-214",
    email="elternbeitraege@musterstadt.example",
    website="www.musterstadt.example/elternbeitrag",
    contact_person="Frau Beispiel, Zimmer 2.14",
    court_name="Verwaltungsgericht Minden",
    court_address="Königswall 8, 32423 Minden",
    dpo_contact="Datenschutzbeauftragte der Stadt Musterstadt, datenschutz@musterstadt.example",
    bank_name="Sparkasse Musterstadt",
    iban="DE02 4805 0161 0000 1234 56",
    bic="SPGTDE3GXXX",
    creditor_id="DE98ZZZ09999999999",
)


def make_letter(**changes: object) -> Letter:
    """Return a sample letter head; keyword arguments replace fields."""
    letter = Letter(
        office=OFFICE,
        recipient_lines=(
            "Frau Anna Muster", "Herrn Ben Muster", "Lindenweg 7", "33330 Musterstadt",
        ),
        date=date(2024, 7, 15),
        file_number="51.2-2024-00817",
        salutation="Sehr geehrte Frau Muster, sehr geehrter Herr Muster,",
    )
    return replace(letter, **changes)


def make_invitation(**changes: object) -> InvitationLetter:
    """Return a sample invitation; keyword arguments replace fields."""
    invitation = InvitationLetter(
        letter=make_letter(),
        child_name="Mia Muster",
        child_birth_date=date(2023, 3, 4),
        facility_name="Kita Sonnenschein",
        care_start=date(2024, 8, 1),
        access_code="K7QF-M2XP-9RTA",
        declaration_url="https://elternbeitrag.musterstadt.example/erklaerung?code=K7QF-M2XP-9RTA",
        code_entry_url="https://elternbeitrag.musterstadt.example/code",
        reply_by=date(2024, 8, 15),
    )
    return replace(invitation, **changes)


def month_rows(
    count: int, start: date = date(2024, 8, 1), reasons: tuple[str, ...] = (),
) -> tuple[FeeMonth, ...]:
    """Return ``count`` consecutive fee months from ``start``."""
    rows = []
    for index in range(count):
        year, month = divmod(start.month - 1 + index, 12)
        first = date(start.year + year, month + 1, 1)
        young = first < date(2025, 4, 1)
        rows.append(FeeMonth(
            month=first,
            amount=Decimal("1234.56") if index == 0 else Decimal("145.00"),
            bracket=6,
            age_group_label="unter 2 Jahre" if young else "2 Jahre und älter",
            hours=35,
            reasons=reasons or (() if young else ("Wechsel der Altersgruppe nach dem 2. Geburtstag",)),
        ))
    return tuple(rows)


def make_notice(**changes: object) -> FeeNotice:
    """Return a sample provisional notice paid by direct debit; keyword arguments replace fields."""
    months = changes.pop("months", month_rows(12))
    notice = FeeNotice(
        letter=make_letter(),
        cash_reference="5.0817.000123.4",
        provisional=True,
        child_name="Mia Muster",
        child_birth_date=date(2023, 3, 4),
        facility_name="Kita Sonnenschein",
        care_kind_label="Kindertageseinrichtung",
        weekly_hours=35,
        income_basis="Einkommen bis 55.000 € (Einkommensgruppe 6)",
        statute_title="Satzung über die Erhebung von Elternbeiträgen für die Inanspruchnahme "
                      "von Kindertageseinrichtungen und Kindertagespflege im Kreis Gütersloh",
        statute_date="02.03.2020",
        months=months,
        total=sum((row.amount for row in months), Decimal(0)),
        mandate_reference="EB-2024-000817",
        iban_masked="DE89 **** **** **** **30 00",
        reasoning=(
            (
                "Sie haben ein Jahreseinkommen von 52.400 € angegeben. Das entspricht der "
                "Einkommensgruppe 6 der Beitragstabelle."
            ),
            "Ab April 2025 ist Mia zwei Jahre alt; es gilt der Beitrag für Kinder ab 2 Jahren.",
        ),
    )
    return replace(notice, **changes)


def make_reminder(**changes: object) -> Reminder:
    """Return a sample reminder; keyword arguments replace fields."""
    reminder = Reminder(
        letter=make_letter(date=date(2024, 8, 22)), child_name="Mia Muster",
        facility_name="Kita Sonnenschein", care_start=date(2024, 8, 1),
        original_due=date(2024, 8, 15), reply_by=date(2024, 9, 5),
        code_entry_url="https://elternbeitrag.musterstadt.example/code",
    )
    return replace(reminder, **changes)


def make_proof_request(**changes: object) -> ProofRequest:
    """Return a sample proof request of the first review; keyword arguments replace fields."""
    request = ProofRequest(
        letter=make_letter(), child_name="Mia Muster",
        message="Es fehlen noch:\n- Lohnabrechnungen Januar bis März 2024\n- Elterngeldbescheid\n\n"
                "Den Einkommensteuerbescheid 2023 haben wir erhalten.",
        deadline=date(2024, 8, 9), portal_url="https://elternbeitrag.musterstadt.example/portal",
        final_check_year=None,
    )
    return replace(request, **changes)


def make_amending_notice(balance: str = "-100.00", **changes: object) -> AmendingNotice:
    """Return a sample amending notice of 12 months whose first two months change by ``balance``."""
    notice = changes.pop("notice", make_notice())
    change = Decimal(balance) / 2
    differences = tuple(
        DifferenceMonth(month=row.month, old=row.amount - change, new=row.amount)
        for row in notice.months[:2]
    )
    amending = AmendingNotice(
        notice=notice, replaces_date=date(2024, 7, 1), replaces_file_name="Beitragsbescheid vom 01.07.2024",
        change_reason="Änderung der Betreuungszeit ab August 2024", differences=differences,
        old_total=notice.total - Decimal(balance), new_total=notice.total, balance=Decimal(balance),
    )
    return replace(amending, **changes)


class ReadPdf:
    """A rendered PDF as pypdf sees it, with text that ignores line breaks and hyphens."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.page_texts = [page.extract_text() for page in self.reader.pages]
        self.text = "\n".join(self.page_texts)

    def __contains__(self, expected: str) -> bool:
        return squash(expected) in squash(self.text)

    def squashed_pages(self) -> list[str]:
        """Return the text of each page without whitespace and automatic hyphens."""
        return [squash(text) for text in self.page_texts]

    def page_has(self, number: int, expected: str) -> bool:
        """Tell whether page ``number`` (from 1) contains ``expected``."""
        return squash(expected) in squash(self.page_texts[number - 1])


def squash(text: str) -> str:
    """Drop whitespace and automatic hyphens (U+2010), so that line breaks do not matter."""
    return re.sub(r"\s+|\u2010", "", text)


@pytest.fixture
def invitation_factory() -> Callable[..., InvitationLetter]:
    """Return the factory of sample invitations."""
    return make_invitation


@pytest.fixture
def notice_factory() -> Callable[..., FeeNotice]:
    """Return the factory of sample fee notices."""
    return make_notice


@pytest.fixture
def reminder_factory() -> Callable[..., Reminder]:
    """Return the factory of sample reminders."""
    return make_reminder


@pytest.fixture
def proof_request_factory() -> Callable[..., ProofRequest]:
    """Return the factory of sample proof requests."""
    return make_proof_request


@pytest.fixture
def amending_factory() -> Callable[..., AmendingNotice]:
    """Return the factory of sample amending notices."""
    return make_amending_notice


@pytest.fixture
def office_factory() -> Callable[..., Office]:
    """Return the factory of sample youth offices."""
    return make_office


@pytest.fixture
def letter_factory() -> Callable[..., Letter]:
    """Return the factory of sample letter heads."""
    return make_letter


@pytest.fixture
def months_factory() -> Callable[..., tuple[FeeMonth, ...]]:
    """Return the factory of consecutive fee months."""
    return month_rows


@pytest.fixture
def read_pdf() -> Callable[[bytes], ReadPdf]:
    """Return a function that opens PDF bytes for inspection."""
    return ReadPdf


@pytest.fixture(scope="session")
def invitation_pdf() -> ReadPdf:
    """Return the sample invitation, rendered once."""
    return ReadPdf(render_invitation(make_invitation()))


@pytest.fixture(scope="session", params=[True, False], ids=["provisional", "final"])
def notice_pdf(request: pytest.FixtureRequest) -> ReadPdf:
    """Return the sample notice, provisional and final, rendered once each."""
    return ReadPdf(render_fee_notice(make_notice(provisional=request.param)))


@pytest.fixture(scope="session")
def long_notice_pdf() -> ReadPdf:
    """Return a notice of 24 months with long reasons, rendered once."""
    months = month_rows(24, reasons=(LONG_REASON,))
    return ReadPdf(render_fee_notice(make_notice(months=months)))


@pytest.fixture(scope="session")
def reminder_pdf() -> ReadPdf:
    """Return the sample reminder, rendered once."""
    return ReadPdf(render_reminder(make_reminder()))


@pytest.fixture(scope="session")
def proof_request_pdf() -> ReadPdf:
    """Return the sample proof request of the first review, rendered once."""
    return ReadPdf(render_proof_request(make_proof_request()))


@pytest.fixture(scope="session")
def amending_pdf() -> ReadPdf:
    """Return the sample amending notice with a refund, rendered once."""
    return ReadPdf(render_amending_notice(make_amending_notice()))
