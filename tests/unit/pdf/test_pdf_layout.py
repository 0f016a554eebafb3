"""Page layout: A4, DIN 5008 address window, page numbers, table breaks, fonts, QR code."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import pytest

from pdf import render, render_amending_notice, render_invitation, render_proof_request, render_reminder

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def text_positions(document, page: int = 0) -> list[tuple[str, float, float]]:
    """Return (text, mm from the left, mm from the top) of each text run on a page."""
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x / MM, (A4[1] - y) / MM))

    document.reader.pages[page].extract_text(visitor_text=visit)
    return runs


def positions_of(document, text: str) -> list[tuple[float, float]]:
    """Return the positions of the text runs on page 1 that contain ``text``."""
    return [(x, y) for run, x, y in text_positions(document) if text in run]


def test_pages_are_a4(notice_pdf) -> None:
    for page in notice_pdf.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.5)


def test_address_block_sits_in_the_din_5008_window(notice_pdf) -> None:
    for name in ("Frau Anna Muster", "Herrn Ben Muster", "Lindenweg 7", "33330 Musterstadt"):
        assert any(
            20 <= x <= 30 and 45 + 17.7 <= y <= 90 for x, y in positions_of(notice_pdf, name)
        ), f"{name} not in the address zone of the window: {positions_of(notice_pdf, name)}"


def test_return_address_sits_above_the_recipient_in_the_window(notice_pdf) -> None:
    positions = positions_of(notice_pdf, "Jugendamt Musterstadt · Rathausplatz 1")
    assert any(20 <= x <= 30 and 45 <= y <= 45 + 17.7 for x, y in positions), positions


def test_letterhead_and_information_block_are_on_the_right(notice_pdf) -> None:
    assert any(x > 105 and y < 45 for x, y in positions_of(notice_pdf, "Jugendamt Musterstadt"))
    assert any(x >= 125 and 45 <= y <= 100 for x, y in positions_of(notice_pdf, "51.2-2024-00817"))
    assert any(x >= 125 and 45 <= y <= 100 for x, y in positions_of(notice_pdf, "15.07.2024"))


def test_document_language_is_german(notice_pdf, invitation_pdf) -> None:
    for document in (notice_pdf, invitation_pdf):
        assert document.reader.trailer["/Root"]["/Lang"] == "de"


def test_footer_counts_the_pages_of_the_invitation(invitation_pdf) -> None:
    pages = len(invitation_pdf.reader.pages)
    for number in range(1, pages + 1):
        assert invitation_pdf.page_has(number, f"Seite {number} von {pages}")


def test_long_month_table_spans_pages_with_page_numbers(long_notice_pdf) -> None:
    pages = len(long_notice_pdf.reader.pages)
    assert pages >= 2
    for number in range(1, pages + 1):
        assert long_notice_pdf.page_has(number, f"Seite {number} von {pages}")


def test_long_month_table_repeats_its_header_and_never_splits_a_row(long_notice_pdf) -> None:
    pages_with_rows = 0
    for squashed in long_notice_pdf.squashed_pages():
        rows = squashed.count("145,00€") + squashed.count("1.234,56€")
        if not rows:
            continue
        pages_with_rows += 1
        assert "MonatAltersgruppeBetreuungsumfangEinkommensgruppeBeitragBegründung" in squashed
        # each row ends with the end of its reason on the same page
        assert squashed.count("dasGeschwisterkindzahltdenhöherenBeitrag") == rows
    assert pages_with_rows >= 2


def test_fonts_are_embedded(notice_pdf, invitation_pdf) -> None:
    for document in (notice_pdf, invitation_pdf):
        names = []
        for page in document.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                names.append(str(font["/BaseFont"]))
                if "/DescendantFonts" in font:
                    font = font["/DescendantFonts"][0].get_object()
                descriptor = font["/FontDescriptor"].get_object()
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert any("DejaVu-Sans" in name for name in names)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_qr_code_is_drawn_and_depends_on_the_declaration_url(invitation_factory, tmp_path: Path) -> None:
    from PIL import Image, ImageChops

    def first_page(url: str, name: str) -> Image.Image:
        pdf_path = tmp_path / f"{name}.pdf"
        pdf_path.write_bytes(render_invitation(invitation_factory(declaration_url=url)))
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-gray", "-f", "1", "-l", "1",
                        "-singlefile", str(pdf_path), str(tmp_path / name)], check=True)
        with Image.open(tmp_path / f"{name}.png") as image:
            return image.copy()

    one = first_page("https://elternbeitrag.musterstadt.example/erklaerung?code=AAAA-BBBB-CCCC", "one")
    two = first_page("https://elternbeitrag.musterstadt.example/erklaerung?code=ZZZZ-YYYY-XXXX", "two")
    left, top, right, bottom = ImageChops.difference(one, two).getbbox()
    width_mm, height_mm = (right - left) / 100 * 25.4, (bottom - top) / 100 * 25.4
    assert 20 <= width_mm <= 36 and 20 <= height_mm <= 36  # a square of about 34 mm
    assert left / 100 * 25.4 > 105  # right half of the page, beside the access code
    dark = sum(one.crop((left, top, right, bottom)).histogram()[:128])
    assert 0.25 < dark / ((right - left) * (bottom - top)) < 0.75  # modules, not a blank box


def test_stylesheets_and_documents_render_without_weasyprint_complaints(
    caplog: pytest.LogCaptureFixture, invitation_factory, notice_factory,
) -> None:
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render._stylesheets("letter.css", "invitation.css", "fee_notice.css")
    render_invitation(invitation_factory())
    render.render_fee_notice(notice_factory(mandate_reference=None))
    assert [record.getMessage() for record in caplog.records] == []


def test_new_documents_render_without_weasyprint_complaints(
    caplog: pytest.LogCaptureFixture, reminder_factory, proof_request_factory, amending_factory,
) -> None:
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render._stylesheets("letter.css", "request.css", "fee_notice.css", "amending_notice.css")
    render_reminder(reminder_factory())
    render_proof_request(proof_request_factory(final_check_year=2024))
    render_amending_notice(amending_factory("60.00"))
    assert [record.getMessage() for record in caplog.records] == []


def test_new_documents_are_german_a4_letters_with_the_address_in_the_window(
    reminder_pdf, proof_request_pdf, amending_pdf,
) -> None:
    for document in (reminder_pdf, proof_request_pdf, amending_pdf):
        assert document.reader.trailer["/Root"]["/Lang"] == "de"
        page = document.reader.pages[0]
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.5)
        assert any(20 <= x <= 30 and 45 + 17.7 <= y <= 90 for x, y in positions_of(document, "Lindenweg 7"))
