"""The amending notice (Änderungsbescheid): the full new fee notice plus the recalculation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pdf import DifferenceMonth, render_amending_notice
from tests.unit.pdf.test_pdf_fee_notice import NOTICE_TEXTS

AMENDING_TEXTS = [
    "Vorläufiger Änderungsbescheid",
    "mit diesem Bescheid ändern wir unseren Bescheid vom 01.07.2024.",
    "Er ersetzt den bisherigen Bescheid vollständig.",
    "setzen wir den Elternbeitrag für die Zeit vom 01.08.2024 bis 31.07.2025 vorläufig wie folgt neu fest.",
    "Ersetzter Bescheid Beitragsbescheid vom 01.07.2024",
    "Grund der Änderung Änderung der Betreuungszeit ab August 2024",
    "Nachberechnung",
    "Monat bisher neu Differenz",
    "August 2024 1.284,56 € 1.234,56 € -50,00 €",
    "September 2024 195,00 € 145,00 € -50,00 €",
    "Summe 2.929,56 € 2.829,56 € -100,00 €",
    "Sie erhalten eine Erstattung von 100,00 €.",
    "Wir überweisen den Betrag auf Ihr Konto DE89 **** **** **** **30 00.",
]


@pytest.mark.parametrize("expected", NOTICE_TEXTS)
def test_amending_notice_contains_every_element_of_the_fee_notice(amending_pdf, expected: str) -> None:
    assert expected in amending_pdf


@pytest.mark.parametrize("expected", AMENDING_TEXTS)
def test_amending_notice_names_what_it_replaces_and_recalculates(amending_pdf, expected: str) -> None:
    assert expected in amending_pdf


def test_refund_is_not_called_a_back_payment(amending_pdf) -> None:
    assert "Nachforderung" not in amending_pdf
    assert "keine Änderung des Gesamtbetrags" not in amending_pdf


def test_sections_come_in_the_order_of_a_notice(amending_pdf) -> None:
    text = "".join(amending_pdf.squashed_pages())
    headings = [
        "VorläufigerÄnderungsbescheid", "GrundderÄnderung", "BeitragMonatfürMonat", "Nachberechnung",
        "FälligkeitundZahlung", "BegründungRechtsgrundlage", "Rechtsbehelfsbelehrung", "maschinellerstellt",
        "HinweisezumDatenschutz",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_back_payment_is_announced_with_its_due_date(amending_factory, read_pdf) -> None:
    document = read_pdf(render_amending_notice(amending_factory("60.00")))
    assert "August 2024 1.204,56 € 1.234,56 € +30,00 €" in document
    assert "September 2024 115,00 € 145,00 € +30,00 €" in document
    assert "Summe 2.769,56 € 2.829,56 € +60,00 €" in document
    assert (
        "Es ergibt sich eine Nachforderung von 60,00 €, fällig einen Monat nach Bekanntgabe dieses Bescheids."
    ) in document
    assert "Wir ziehen den Betrag zu diesem Termin aufgrund Ihres SEPA-Lastschriftmandats ein." in document
    assert "Erstattung" not in document


def test_back_payment_without_mandate_asks_for_a_transfer(amending_factory, notice_factory, read_pdf) -> None:
    notice = notice_factory(mandate_reference=None, iban_masked=None)
    document = read_pdf(render_amending_notice(amending_factory("60.00", notice=notice)))
    assert "Es ergibt sich eine Nachforderung von 60,00 €" in document
    assert "Bitte überweisen Sie den Betrag bis dahin auf das unten genannte Konto" in document
    assert "Kassenzeichen 5.0817.000123.4 an." in document
    assert "IBAN DE02 4805 0161 0000 1234 56" in document


def test_refund_without_known_account_goes_to_the_paying_account(amending_factory, notice_factory, read_pdf) -> None:
    notice = notice_factory(mandate_reference=None, iban_masked=None)
    document = read_pdf(render_amending_notice(amending_factory("-100.00", notice=notice)))
    assert "Sie erhalten eine Erstattung von 100,00 €." in document
    assert "auf das Konto, von dem Ihre Zahlungen bei uns eingegangen sind" in document


def test_unchanged_total_says_so(amending_factory, read_pdf) -> None:
    document = read_pdf(render_amending_notice(amending_factory("0")))
    assert "Es ergibt sich keine Änderung des Gesamtbetrags." in document
    assert "Summe 2.829,56 € 2.829,56 € 0,00 €" in document
    assert "Erstattung von" not in document
    assert "Nachforderung" not in document


def test_final_amending_notice_says_so(amending_factory, notice_factory, read_pdf) -> None:
    amending = amending_factory(notice=notice_factory(provisional=False))
    document = read_pdf(render_amending_notice(amending))
    assert "Endgültiger Änderungsbescheid" in document
    assert "bis 31.07.2025 endgültig wie folgt neu fest." in document
    assert "Die Festsetzung erfolgt endgültig" in document
    assert "vorläufig" not in document.text.lower()


def test_replaced_notice_and_reason_print_as_given(amending_factory, read_pdf) -> None:
    amending = amending_factory(
        replaces_date=date(2025, 7, 1), replaces_file_name="Beitragsbescheid vom 01.07.2025",
        change_reason="Wechsel in die Einkommensgruppe 4 ab Januar 2025",
    )
    document = read_pdf(render_amending_notice(amending))
    assert "ändern wir unseren Bescheid vom 01.07.2025." in document
    assert "Ersetzter Bescheid Beitragsbescheid vom 01.07.2025" in document
    assert "Grund der Änderung Wechsel in die Einkommensgruppe 4 ab Januar 2025" in document
    assert "01.07.2024" not in document


def test_long_recalculation_repeats_its_header_on_every_page(
    amending_factory, notice_factory, months_factory, read_pdf,
) -> None:
    notice = notice_factory(months=months_factory(36, reasons=("kurz",)))
    differences = tuple(
        DifferenceMonth(month=row.month, old=Decimal("98.76"), new=row.amount) for row in notice.months
    )
    document = read_pdf(render_amending_notice(amending_factory(notice=notice, differences=differences)))
    pages_with_rows = 0
    for squashed in document.squashed_pages():
        if "98,76€" not in squashed:
            continue
        pages_with_rows += 1
        assert "MonatbisherneuDifferenz" in squashed
    assert pages_with_rows >= 2


@pytest.mark.parametrize(("old", "new", "difference"), [
    ("145.00", "100.00", "-45.00"), ("100.00", "145.00", "45.00"), ("0", "0", "0"),
])
def test_difference_of_a_month_is_new_minus_old(old: str, new: str, difference: str) -> None:
    month = DifferenceMonth(month=date(2024, 8, 1), old=Decimal(old), new=Decimal(new))
    assert month.difference == Decimal(difference)
    with pytest.raises(AttributeError):
        replace(month).old = Decimal(1)  # type: ignore[misc]
