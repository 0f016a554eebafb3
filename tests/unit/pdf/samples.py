"""Sample documents of the PDF tests: a youth office, letters and every kind of document.

Each ``make_*`` returns a fresh, valid context; keyword arguments replace fields. The fixtures in
``conftest.py`` hand these factories to the tests; session fixtures render them once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pdf import (
    AmendingNotice,
    DifferenceMonth,
    FacilityChild,
    FacilityNotice,
    FeeMonth,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
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


FACILITY_CHILDREN = (
    FacilityChild(
        child_name="Mia Muster", child_birth_date=date(2023, 3, 4), file_number="51.2-2024-00817",
        care_kind_label="Kindertageseinrichtung", weekly_hours=35, care_start=date(2024, 8, 1),
        status="Beitragsbescheid erteilt am 15.07.2024",
    ),
    FacilityChild(
        child_name="Noah Beispiel", child_birth_date=date(2022, 11, 20), file_number="51.2-2024-00818",
        care_kind_label="Kindertagespflege", weekly_hours=None, care_start=date(2024, 9, 1),
        status="Änderungsbescheid erteilt am 15.07.2024",
    ),
)


def facility_children(count: int) -> tuple[FacilityChild, ...]:
    """Return ``count`` distinct children of one facility, numbered from 1."""
    return tuple(
        replace(FACILITY_CHILDREN[0], child_name=f"Kind{number:02d} Muster", file_number=f"51.2-2024-{number:05d}",
                child_birth_date=date(2020, 1 + number % 12, 1 + number % 28), weekly_hours=25 + number % 21)
        for number in range(1, count + 1)
    )


def make_facility_notice(**changes: object) -> FacilityNotice:
    """Return a sample notification of a facility about two children; keyword arguments replace fields."""
    notice = FacilityNotice(
        letter=make_letter(
            recipient_lines=("Kita Sonnenschein", "z. Hd. der Leitung", "Blumenweg 3", "33330 Musterstadt"),
            file_number="51.2-E-0042-2024-07", salutation="Guten Tag,",
        ),
        facility_name="Kita Sonnenschein",
        children=FACILITY_CHILDREN,
    )
    return replace(notice, **changes)
