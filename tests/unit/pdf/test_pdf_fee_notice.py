"""The fee notice (Beitragsbescheid): every element of domain README § 4 the context carries."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pdf import render_fee_notice

NOTICE_TEXTS = [
    # issuer, date, references
    "Jugendamt Musterstadt",
    "Rathausplatz 1",
    "Ansprechperson Frau Beispiel, Zimmer 2.14",
    "Telefon 05241 100-214",
    "Datum 15.07.2024",
    "Aktenzeichen 51.2-2024-00817",
    "Kassenzeichen 5.0817.000123.4",
    # addressees, jointly liable
    "Frau Anna Muster",
    "Herrn Ben Muster",
    "Lindenweg 7",
    "Beitragspflichtig (als Gesamtschuldner)",
    "Sehr geehrte Frau Muster, sehr geehrter Herr Muster,",
    # child and care
    "Mia Muster, geboren am 04.03.2023",
    "Einrichtung Kita Sonnenschein",
    "Betreuungsart Kindertageseinrichtung",
    "Wöchentliche Betreuungszeit 35 Stunden",
    # income basis, table, period
    "Einkommensgrundlage Einkommen bis 55.000 € (Einkommensgruppe 6)",
    "Beitragstabelle Anlage der Satzung über die Erhebung von Elternbeiträgen",
    "Kreis Gütersloh vom 02.03.2020",
    "Zeitraum 01.08.2024 bis 31.07.2025",
    # the month table
    "Monat Altersgruppe Betreuungsumfang Einkommensgruppe Beitrag Begründung",
    "August 2024 unter 2 Jahre 35 Std. 6 1.234,56 €",
    "September 2024 unter 2 Jahre 35 Std. 6 145,00 €",
    "April 2025 2 Jahre und älter 35 Std. 6 145,00 € Wechsel der Altersgruppe nach dem 2. Geburtstag",
    "Juli 2025",
    "Summe 2.829,56 €",
    # due date and legal basis
    "Der Beitrag ist jeweils zum 15. eines Monats fällig.",
    "§ 90 Abs. 1 SGB VIII, §§ 50, 51 KiBiz",
    # reasoning
    "Begründung",
    "Sie haben ein Jahreseinkommen von 52.400 € angegeben.",
    "Ab April 2025 ist Mia zwei Jahre alt",
    # legal remedy
    "Rechtsbehelfsbelehrung",
    (
        "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim "
        "Verwaltungsgericht Minden, Königswall 8, 32423 Minden, erhoben werden."
    ),
    (
        "Die Klage ist schriftlich oder zur Niederschrift der Urkundsbeamtin oder des "
        "Urkundsbeamten der Geschäftsstelle des Gerichts zu erheben."
    ),
    "Die Klage kann auch durch Übertragung eines elektronischen Dokuments",
    "§ 55a Abs. 4 der Verwaltungsgerichtsordnung",
    # machine-made
    "Dieser Bescheid wurde maschinell erstellt und ist ohne Unterschrift gültig",
    # data protection, Art. 13 GDPR
    "Hinweise zum Datenschutz (Art. 13 DSGVO)",
    "Verantwortlich Jugendamt Musterstadt",
    "Datenschutzbeauftragte der Stadt Musterstadt, datenschutz@musterstadt.example",
    "Zweck Festsetzung und Erhebung des Elternbeitrags",
    "§ 90 SGB VIII, §§ 67 ff. SGB X und Art. 6 Abs. 1 lit. c, e DSGVO",
    "Stadtkasse oder Kreiskasse",
    "Speicherdauer",
    "Art. 77 DSGVO",
]


@pytest.mark.parametrize("expected", NOTICE_TEXTS)
def test_fee_notice_contains_every_required_element(notice_pdf, expected: str) -> None:
    assert expected in notice_pdf


def test_fee_notice_names_the_court_for_legal_remedy(
    notice_factory, letter_factory, office_factory, read_pdf,
) -> None:
    office = office_factory(court_name="Verwaltungsgericht Köln", court_address="Appellhofplatz, 50667 Köln")
    notice = notice_factory(letter=letter_factory(office=office))
    document = read_pdf(render_fee_notice(notice))
    assert "Klage beim Verwaltungsgericht Köln, Appellhofplatz, 50667 Köln, erhoben werden." in document
    assert "Minden" not in document


def test_provisional_notice_says_so_in_heading_and_wording(notice_factory, read_pdf) -> None:
    document = read_pdf(render_fee_notice(notice_factory(provisional=True)))
    assert "Vorläufiger Beitragsbescheid" in document
    assert "Die Festsetzung erfolgt vorläufig, vorbehaltlich der Prüfung des Einkommens." in document
    assert "Endgültiger Beitragsbescheid" not in document
    assert "Die Festsetzung erfolgt endgültig" not in document


def test_final_notice_says_so_and_drops_the_reservation(notice_factory, read_pdf) -> None:
    document = read_pdf(render_fee_notice(notice_factory(provisional=False)))
    assert "Endgültiger Beitragsbescheid" in document
    assert "Die Festsetzung erfolgt endgültig" in document
    assert "vorbehaltlich" not in document
    assert "vorläufig" not in document.text.lower()


def test_notice_with_mandate_announces_the_direct_debit(notice_factory, read_pdf) -> None:
    document = read_pdf(render_fee_notice(notice_factory()))
    assert "SEPA-Lastschriftmandats" in document
    assert "Mandatsreferenz EB-2024-000817" in document
    assert "Ihre IBAN DE89 **** **** **** **30 00" in document
    assert "Gläubiger-Identifikationsnummer DE98ZZZ09999999999" in document
    assert "DE02 4805 0161 0000 1234 56" not in document


def test_notice_without_mandate_asks_for_a_transfer_with_the_cash_reference(notice_factory, read_pdf) -> None:
    notice = notice_factory(mandate_reference=None, iban_masked=None)
    document = read_pdf(render_fee_notice(notice))
    assert "Bitte überweisen Sie den Beitrag" in document
    assert "Bank Sparkasse Musterstadt" in document
    assert "IBAN DE02 4805 0161 0000 1234 56" in document
    assert "BIC SPGTDE3GXXX" in document
    assert "Verwendungszweck Kassenzeichen 5.0817.000123.4" in document
    assert "Mandatsreferenz" not in document


def test_notice_with_nothing_to_pay_asks_for_no_payment(notice_factory, months_factory, read_pdf) -> None:
    free = tuple(
        replace(row, amount=Decimal(0), reasons=("beitragsfrei nach § 50 KiBiz",))
        for row in months_factory(3)
    )
    document = read_pdf(render_fee_notice(notice_factory(months=free, total=Decimal(0))))
    assert "Für den genannten Zeitraum ist kein Beitrag zu zahlen." in document
    assert "Summe 0,00 €" in document
    assert "beitragsfrei nach § 50 KiBiz" in document
    assert "Mandatsreferenz" not in document


def test_unknown_hours_and_bracket_print_as_such(notice_factory, months_factory, read_pdf) -> None:
    rows = tuple(replace(row, hours=None, bracket=None) for row in months_factory(2))
    notice = notice_factory(
        weekly_hours=None, months=rows, total=sum((row.amount for row in rows), Decimal(0)),
        income_basis="Höchstbeitrag: keine Einkommenserklärung",
    )
    document = read_pdf(render_fee_notice(notice))
    assert "Wöchentliche Betreuungszeit keine Angabe" in document
    assert "August 2024 unter 2 Jahre – – 1.234,56 €" in document
    assert "Höchstbeitrag: keine Einkommenserklärung" in document
    assert "Zeitraum 01.08.2024 bis 30.09.2024" in document


def test_every_reason_of_a_month_is_printed(notice_factory, months_factory, read_pdf) -> None:
    rows = months_factory(1, reasons=("Geschwisterkind: 50 %", "Wechsel der Altersgruppe"))
    document = read_pdf(render_fee_notice(notice_factory(months=rows, total=Decimal("1234.56"))))
    assert "Geschwisterkind: 50 %" in document
    assert "Wechsel der Altersgruppe" in document


def test_notice_without_months_still_renders_without_a_period(notice_factory, read_pdf) -> None:
    document = read_pdf(render_fee_notice(notice_factory(months=(), total=Decimal(0))))
    assert "Zeitraum –" in document
    assert "Summe 0,00 €" in document


def test_a_months_reasons_print_where_they_change_and_a_month_like_the_one_before_says_so(
    notice_factory, months_factory, read_pdf,
) -> None:
    document = read_pdf(render_fee_notice(notice_factory(months=months_factory(12))))
    assert "Oktober 2024 unter 2 Jahre 35 Std. 6 145,00 € wie Vormonat" in document
    assert "April 2025 2 Jahre und älter 35 Std. 6 145,00 € Wechsel der Altersgruppe nach dem 2. Geburtstag" in document
    assert "Mai 2025 2 Jahre und älter 35 Std. 6 145,00 € wie Vormonat" in document
    assert document.text.count("Wechsel der Altersgruppe") == 1
