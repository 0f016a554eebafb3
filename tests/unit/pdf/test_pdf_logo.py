"""The office's logo in the letterhead: PNG or JPEG is drawn on page 1, anything else is left out."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace

import pytest
from pypdf import PageObject
from pypdf.generic import ArrayObject, DictionaryObject

from pdf import render_document, render_fee_notice
from tests.unit.pdf.reading import ReadPdf
from tests.unit.pdf.samples import make_facility_notice, make_letter, make_notice, make_office

MM = 72 / 25.4
RED = (200, 30, 30)
LETTERHEAD = "Jugendamt Musterstadt Rathausplatz 1 33330 Musterstadt"
NOT_AN_IMAGE_WE_TAKE = [
    pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>', id="svg"),
    pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01", id="gif"),
    pytest.param(b"", id="empty"),
]


def png(width: int = 8, height: int = 4, rgb: tuple[int, int, int] = RED) -> bytes:
    """Return a PNG of one colour, written with the standard library only."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))  # filter 0 before each row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, truecolour
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    """Return a small JPEG of one colour (Pillow comes with WeasyPrint)."""
    image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image.new("RGB", (8, 4), RED).save(buffer, "JPEG")
    return buffer.getvalue()


def with_logo(kind: str, logo: bytes):
    """Return the sample fee notice or facility notification of an office with this logo."""
    office = make_office(logo=logo)
    if kind == "facility_notice":
        sample = make_facility_notice()
        return replace(sample, letter=replace(sample.letter, office=office))
    return make_notice(letter=make_letter(office=office))


def images(page: PageObject) -> dict[str, DictionaryObject]:
    """Return the image XObjects of a page's resources by name."""
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    found = {str(name): xobject.get_object() for name, xobject in xobjects.items()}
    return {name: xobject for name, xobject in found.items() if xobject["/Subtype"] == "/Image"}


def drawn_images(page: PageObject) -> list[tuple[str, float, float, float, float]]:
    """Return (name, mm from the left, mm from the top, width mm, height mm) of each image drawn on a page."""
    names = set(images(page))
    height = float(page.mediabox.height)
    draws = []

    def visit(operator, operands, cm, tm):
        if operator == b"Do" and str(operands[0]) in names:
            draws.append((str(operands[0]), cm[4] / MM, (height - cm[5] - cm[3]) / MM, cm[0] / MM, cm[3] / MM))

    page.extract_text(visitor_operand_before=visit)
    return draws


def alternative_texts(node) -> list[tuple[str, str]]:
    """Return (structure type, /Alt) of every element of a structure tree that has an alternative text."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        return [alt for child in node for alt in alternative_texts(child)]
    if not isinstance(node, DictionaryObject):
        return []
    own = [(str(node["/S"]), str(node["/Alt"]))] if "/Alt" in node else []
    return own + (alternative_texts(node["/K"]) if "/K" in node else [])


@pytest.fixture(scope="module", params=["fee_notice", "facility_notice"])
def png_logo_pdf(request: pytest.FixtureRequest) -> ReadPdf:
    """Return a fee notice and a facility notification with an 8 × 4 red PNG logo, rendered once each."""
    return ReadPdf(render_document(with_logo(request.param, png())))


def test_a_png_logo_is_an_image_on_the_first_page(png_logo_pdf) -> None:
    [logo] = images(png_logo_pdf.reader.pages[0]).values()
    assert (logo["/Width"], logo["/Height"], logo["/ColorSpace"]) == (8, 4, "/DeviceRGB")
    assert logo.get_data() == bytes(RED) * 8 * 4  # our pixels, not some other image


def test_the_logo_is_drawn_once_at_the_top_right_of_page_one_only(png_logo_pdf) -> None:
    [(_, left, top, width, height)] = drawn_images(png_logo_pdf.reader.pages[0])
    assert left > 105 and top < 45  # the letterhead, above the address window
    assert left + width == pytest.approx(190, abs=0.5)  # flush with the right margin
    for page in png_logo_pdf.reader.pages[1:]:
        assert drawn_images(page) == []


def test_the_logo_is_tagged_as_a_figure_named_after_the_office(png_logo_pdf) -> None:
    alternatives = alternative_texts(png_logo_pdf.reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    assert ("/Figure", "Logo: Jugendamt Musterstadt") in alternatives


def test_the_letterhead_text_stays_beside_the_logo(png_logo_pdf) -> None:
    assert LETTERHEAD in png_logo_pdf
    assert "Logo:" not in png_logo_pdf  # the alternative text is for screen readers, not print


def test_a_jpeg_logo_is_embedded_as_it_is(read_pdf) -> None:
    logo = jpeg()
    document = read_pdf(render_fee_notice(with_logo("fee_notice", logo)))
    [image] = images(document.reader.pages[0]).values()
    assert image["/Filter"] == "/DCTDecode"
    assert image.get_data() == logo
    assert len(drawn_images(document.reader.pages[0])) == 1
    assert LETTERHEAD in document


def test_a_large_logo_is_scaled_into_the_letterhead_keeping_its_proportions(read_pdf) -> None:
    document = read_pdf(render_fee_notice(with_logo("fee_notice", png(1200, 320))))
    [(_, left, top, width, height)] = drawn_images(document.reader.pages[0])
    assert (width, height) == (pytest.approx(60, abs=0.1), pytest.approx(16, abs=0.1))  # at most 60 × 16 mm
    assert left + width == pytest.approx(190, abs=0.5)
    assert top < 45


@pytest.mark.parametrize("logo", NOT_AN_IMAGE_WE_TAKE)
def test_a_logo_that_is_neither_png_nor_jpeg_is_left_out(provisional_notice_pdf, read_pdf, logo: bytes) -> None:
    document = read_pdf(render_fee_notice(with_logo("fee_notice", logo)))
    assert document.data == provisional_notice_pdf.data  # exactly the notice without a logo
    assert all(images(page) == {} for page in document.reader.pages)
    assert LETTERHEAD in document
    assert "Logo:" not in document


def test_a_logo_with_the_png_signature_but_broken_data_is_left_out(read_pdf) -> None:
    document = read_pdf(render_fee_notice(with_logo("fee_notice", b"\x89PNG\r\n\x1a\n" + b"broken" * 10)))
    assert "Logo:" not in document
