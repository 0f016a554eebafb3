"""The invitation to declare the household income."""

from __future__ import annotations

import pytest

INVITATION_TEXTS = [
    # letterhead, information block, address block
    "Jugendamt Musterstadt",
    "Rathausplatz 1",
    "33330 Musterstadt",
    "Aktenzeichen 51.2-2024-00817",
    "Frau Beispiel, Zimmer 2.14",
    "Telefon 05241 100-214",
    "elternbeitraege@musterstadt.example",
    "Datum 15.07.2024",
    "Frau Anna Muster",
    "Herrn Ben Muster",
    "Lindenweg 7",
    # what it is about
    "Einladung zur Einkommenserklärung",
    "Sehr geehrte Frau Muster, sehr geehrter Herr Muster,",
    "Ihr Kind Mia Muster wurde zum 01.08.2024 in der Einrichtung „Kita Sonnenschein“ aufgenommen.",
    "geboren am 04.03.2023",
    "Einkommen Ihres Haushalts",
    # how to declare
    "https://elternbeitrag.musterstadt.example/code",
    "K7QF-M2XP-9RTA",
    "QR-Code",
    "bis zum 15.08.2024",
    # consequences and exemptions
    "Höchstbeitrag",
    "Bürgergeld",
    "Sozialhilfe",
    "AsylbLG",
    "Kinderzuschlag",
    "Wohngeld",
    "Leistungsbescheid",
    # data protection and signature
    "Datenschutz",
    "Datenschutzbeauftragte der Stadt Musterstadt",
    "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.",
]


@pytest.mark.parametrize("expected", INVITATION_TEXTS)
def test_invitation_says_everything_the_parents_need(invitation_pdf, expected: str) -> None:
    assert expected in invitation_pdf


def test_invitation_prints_the_access_code_large_in_a_monospace_font(invitation_pdf) -> None:
    seen: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if "K7QF-M2XP-9RTA" in text and font is not None:
            seen.append((str(font["/BaseFont"]), size * cm[0] * tm[0]))

    invitation_pdf.reader.pages[0].extract_text(visitor_text=visit)
    assert seen, "access code not found on page 1"
    font_name, points = seen[0]
    assert "Mono" in font_name
    assert points >= 14


def test_invitation_does_not_print_the_declaration_url_only_encodes_it(invitation_pdf) -> None:
    assert "erklaerung?code=" not in invitation_pdf
