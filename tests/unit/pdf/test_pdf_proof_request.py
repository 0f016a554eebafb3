"""The request for missing proofs, in the first review and in the yearly final check."""

from __future__ import annotations

from datetime import date

import pytest

from pdf import render, render_proof_request

PROOF_REQUEST_TEXTS = [
    # letterhead, information block, address block
    "Jugendamt Musterstadt",
    "Aktenzeichen 51.2-2024-00817",
    "Datum 15.07.2024",
    "Frau Anna Muster",
    "Sehr geehrte Frau Muster, sehr geehrter Herr Muster,",
    # what it is about
    "Anforderung von Nachweisen",
    "Elternbeitrag für Mia Muster",
    "vielen Dank für Ihre Einkommenserklärung für Ihr Kind Mia Muster.",
    # the clerk's words
    "Es fehlen noch:",
    "- Lohnabrechnungen Januar bis März 2024",
    "- Elterngeldbescheid",
    "Den Einkommensteuerbescheid 2023 haben wir erhalten.",
    # how, by when
    "Bitte reichen Sie die Nachweise bis zum 09.08.2024 ein.",
    "Laden Sie die Nachweise im Elternportal hoch:",
    "https://elternbeitrag.musterstadt.example/portal",
    "Per Post: Schicken Sie Kopien an Jugendamt Musterstadt, Rathausplatz 1, 33330 Musterstadt.",
    "Bitte geben Sie das Aktenzeichen 51.2-2024-00817 an.",
    # the consequence
    (
        "Gehen die Nachweise nicht bis zum 09.08.2024 bei uns ein, setzen wir den höchsten Beitrag "
        "der Beitragstabelle fest (Höchstbeitrag)."
    ),
    # help, data protection, signature
    "Frau Beispiel, Zimmer 2.14",
    "Datenschutzbeauftragte der Stadt Musterstadt",
    "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.",
]


@pytest.mark.parametrize("expected", PROOF_REQUEST_TEXTS)
def test_proof_request_says_everything_the_parents_need(proof_request_pdf, expected: str) -> None:
    assert expected in proof_request_pdf


def test_proof_request_of_the_first_review_says_nothing_of_a_provisional_fee(proof_request_pdf) -> None:
    assert "vorläufig" not in proof_request_pdf.text
    assert "endgültig" not in proof_request_pdf.text


def test_final_check_explains_the_provisional_fee_of_that_year(proof_request_factory, read_pdf) -> None:
    document = read_pdf(render_proof_request(proof_request_factory(final_check_year=2023)))
    assert "Elternbeitrag für Mia Muster: endgültige Festsetzung für das Jahr 2023" in document
    assert "haben wir für das Jahr 2023 vorläufig festgesetzt" in document
    assert "Jetzt setzen wir den Beitrag für 2023 endgültig fest." in document
    assert "Nachweise über das Einkommen Ihres Haushalts im Jahr 2023" in document
    assert (
        "setzen wir für das Jahr 2023 endgültig den höchsten Beitrag der Beitragstabelle fest (Höchstbeitrag)."
    ) in document
    assert "Den Unterschied zum vorläufigen Beitrag fordern wir dann nach. Wenn Sie" in document
    assert "vielen Dank für Ihre Einkommenserklärung" not in document


def test_proof_request_prints_the_given_deadline_and_portal(proof_request_factory, read_pdf) -> None:
    request = proof_request_factory(deadline=date(2025, 3, 14), portal_url="https://portal.example/p")
    document = read_pdf(render_proof_request(request))
    assert "Bitte reichen Sie die Nachweise bis zum 14.03.2025 ein." in document
    assert "Gehen die Nachweise nicht bis zum 14.03.2025 bei uns ein" in document
    assert "https://portal.example/p" in document
    assert "09.08.2024" not in document


def test_message_keeps_its_line_breaks_and_paragraphs(proof_request_factory) -> None:
    request = proof_request_factory(message="Erstens\r\nZweitens\n\n\nDrittens")
    html = render.render_html("proof_request.html", request.letter, doc=request)
    assert "<p>Erstens<br>Zweitens</p>" in html
    assert "<p>Drittens</p>" in html


def test_message_lines_print_on_lines_of_their_own(proof_request_pdf) -> None:
    assert "Es fehlen noch:\n- Lohnabrechnungen Januar bis März 2024\n- Elterngeldbescheid" in proof_request_pdf.text
