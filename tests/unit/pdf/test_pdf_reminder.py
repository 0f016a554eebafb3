"""The reminder (Erinnerung) that the income declaration has not arrived by its deadline."""

from __future__ import annotations

from datetime import date

import pytest

from pdf import render_reminder

REMINDER_TEXTS = [
    # letterhead, information block, address block
    "Jugendamt Musterstadt",
    "Aktenzeichen 51.2-2024-00817",
    "Telefon 05241 100-214",
    "Datum 22.08.2024",
    "Frau Anna Muster",
    "Lindenweg 7",
    "Sehr geehrte Frau Muster, sehr geehrter Herr Muster,",
    # what it is about
    "Erinnerung: Einkommenserklärung für Mia Muster",
    "in der Einrichtung „Kita Sonnenschein“ ab dem 01.08.2024",
    "mit unserem Einladungsschreiben haben wir Sie gebeten, uns bis zum 15.08.2024",
    "Ihre Erklärung ist bei uns bisher nicht eingegangen.",
    # how to catch up, by when
    "Bitte geben Sie Ihre Erklärung jetzt bis zum 05.09.2024 ab.",
    "https://elternbeitrag.musterstadt.example/code",
    "den persönlichen Zugangscode aus unserem Einladungsschreiben",
    "Sie können dort auch den Höchstbeitrag wählen.",
    # the consequence
    (
        "Geht bis zum 05.09.2024 keine Erklärung bei uns ein, setzen wir den höchsten Beitrag "
        "der Beitragstabelle fest (Höchstbeitrag)."
    ),
    # exemptions, help, data protection, signature
    "Bürgergeld",
    "Haben Sie Fragen?",
    "Datenschutzbeauftragte der Stadt Musterstadt",
    "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.",
]


@pytest.mark.parametrize("expected", REMINDER_TEXTS)
def test_reminder_says_everything_the_parents_need(reminder_pdf, expected: str) -> None:
    assert expected in reminder_pdf


def test_reminder_prints_the_given_dates_and_address(reminder_factory, read_pdf) -> None:
    reminder = reminder_factory(
        original_due=date(2025, 1, 31), reply_by=date(2025, 2, 21), care_start=date(2025, 1, 1),
        code_entry_url="https://beitrag.example/c",
    )
    document = read_pdf(render_reminder(reminder))
    assert "bis zum 31.01.2025" in document
    assert "Bitte geben Sie Ihre Erklärung jetzt bis zum 21.02.2025 ab." in document
    assert "Geht bis zum 21.02.2025 keine Erklärung bei uns ein" in document
    assert "ab dem 01.01.2025" in document
    assert "https://beitrag.example/c" in document
    assert "05.09.2024" not in document


def test_reminder_counts_its_pages(reminder_pdf) -> None:
    pages = len(reminder_pdf.reader.pages)
    for number in range(1, pages + 1):
        assert reminder_pdf.page_has(number, f"Seite {number} von {pages}")
