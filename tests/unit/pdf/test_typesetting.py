"""Typesetting of the letters: German hyphenation, amounts with their unit, totals and file numbers kept whole."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace

import pypdf
import pyphen
import pytest

from pdf import render_fee_notice
from pdf.formatting import bind_units
from pdf.render import html_to_pdf
from tests.unit.pdf.samples import make_notice, month_rows

HYPHEN = "\u2010"


def lines_of(data: bytes) -> list[str]:
    """Return the text lines of a PDF, page after page."""
    return [line.strip() for page in pypdf.PdfReader(io.BytesIO(data)).pages
            for line in page.extract_text().splitlines()]


@pytest.mark.parametrize(("word", "hyphenated"), [
    ("Bearbeitung", "Be-ar-bei-tung"),
    ("Sachbearbeiterin", "Sach-be-ar-bei-te-rin"),
    ("Verarbeitung", "Ver-ar-bei-tung"),
    ("Zusammenarbeit", "Zu-sam-men-ar-beit"),
    ("Gesamtschuldner", "Ge-samt-schuld-ner"),
    ("Beitragstabelle", "Bei-trags-ta-bel-le"),
    ("Kindertagespflege", "Kin-der-ta-ges-pfle-ge"),
    ("Lohnersatzleistungen", "Lohn-er-satz-leis-tun-gen"),
    ("Rückfragen", "Rück-fra-gen"),
    ("Beitragsbescheid", "Bei-trags-be-scheid"),
    ("Einkommensgruppe", "Ein-kom-mens-grup-pe"),
])
def test_german_words_of_the_letters_are_hyphenated_only_between_their_syllables(word: str, hyphenated: str) -> None:
    # WeasyPrint asks pyphen for the dictionary of the document's language, "de".
    assert pyphen.Pyphen(lang="de").inserted(word) == hyphenated


def narrow_boxes(word: str, widths: range) -> str:
    boxes = "".join(f'<p style="width: {width / 2}mm; margin: 0 0 4mm">{word}</p>' for width in widths)
    return (f'<!DOCTYPE html><html lang="de"><body style="hyphens: auto; hyphenate-character: \'\\2010\'; '
            f'font: 10pt \'DejaVu Sans\'">{boxes}</body></html>')


@pytest.mark.parametrize(("word", "wrong"), [("Bearbeitung", "Bea"), ("Verarbeitung", "Vera")])
def test_a_word_in_a_narrow_box_never_breaks_beside_a_joint(word: str, wrong: str) -> None:
    lines = lines_of(html_to_pdf(narrow_boxes(word, range(14, 60))))
    broken = [line for line in lines if line.endswith(HYPHEN)]
    assert broken  # the boxes are narrow enough to hyphenate the word
    assert f"{wrong}{HYPHEN}" not in broken


@pytest.mark.parametrize(("text", "bound"), [
    ("Einkommen über 75.000 € bis 85.000 €", "Einkommen über 75.000\u00a0€ bis 85.000\u00a0€"),
    ("mindestens 1.230 EUR", "mindestens 1.230\u00a0EUR"),
    ("35 Std. pro Woche", "35\u00a0Std. pro Woche"),
    ("35 Stunden pro Woche", "35\u00a0Stunden pro Woche"),
    ("nach § 90 SGB VIII", "nach §\u00a090 SGB VIII"),
    ("im Jahr 2024 erklärt", "im Jahr 2024 erklärt"),
])
def test_numbers_are_bound_to_their_units(text: str, bound: str) -> None:
    assert bind_units(text) == bound


def test_an_amount_in_the_reasons_never_leaves_its_euro_sign_on_the_next_line() -> None:
    # Each month a word longer, so that some line of the narrow reasons column ends right at an amount.
    months = tuple(replace(month, reasons=(f"{'Wort ' * index}über 75.000 € bis 85.000 €",))
                   for index, month in enumerate(month_rows(24)))
    lines = lines_of(render_fee_notice(make_notice(months=months)))
    assert not [line for line in lines if line.startswith("€")]
    assert not [line for line in lines if re.search(r"\d$", line) and "€" not in line and "bis 85.000" in line]


def total_page_rows(count: int) -> tuple[int, int]:
    """Return the page of the "Summe" row of a notice of ``count`` months and how many months share it."""
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(
        render_fee_notice(make_notice(months=month_rows(count))))).pages]
    page = next(number for number, text in enumerate(pages) if "Summe" in text)
    return page, len(re.findall(r"35\s*Std\.", pages[page]))


def first(predicate: Callable[[int], bool], low: int, high: int) -> int:
    """Return the smallest count in [low, high] for which ``predicate`` holds (it holds from there on)."""
    while low < high:
        middle = (low + high) // 2
        if predicate(middle):
            high = middle
        else:
            low = middle + 1
    return low


def test_the_total_never_starts_a_page_alone_but_keeps_the_last_months_with_it() -> None:
    first_page, _ = total_page_rows(12)
    moved = first(lambda count: total_page_rows(count)[0] > first_page, 12, 90)
    assert total_page_rows(moved)[0] > first_page  # the table did grow onto the next page
    for count in (moved, moved + 1):
        _, rows = total_page_rows(count)
        assert rows >= 2
