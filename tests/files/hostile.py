"""Hostile files, made from code at test time (bombs are never committed): crafted PDFs, images and statute files.

Each entry is ``(name, content, problem)``: the problem code a check must answer with (``None``: any refusal
will do, the point is that it refuses in time and never raises). Good files to compare with are here too.
"""
from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

from PIL import Image
from pypdf import PdfWriter

from elternbeitraege import files

# --- PDFs -----------------------------------------------------------------------------------------------------------

PAGES = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]


def raw_pdf(objects: list[bytes], trailer: bytes = b"", startxref: int | None = None) -> bytes:
    """Return a PDF written by hand: the objects numbered from 1, a classic xref table, the trailer."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref if startxref is None else startxref)
    return bytes(out)


def with_catalog(extra: bytes, *objects: bytes) -> bytes:
    """Return the one-page PDF with more in its catalog and further objects (numbered from 4)."""
    return raw_pdf([PAGES[0].replace(b" >>", b" " + extra + b" >>"), *PAGES[1:], *objects])


def object_stream_pdf(hidden: bytes) -> bytes:
    """Return a PDF 1.5 whose catalog, page tree and page sit compressed in an object stream, with ``hidden``
    added to the catalog, where a search of the file's bytes cannot see it."""
    bodies = [PAGES[0].replace(b" >>", b" " + hidden + b" >>"), *PAGES[1:]]
    header, offset = b"", 0
    for number, body in enumerate(bodies, start=1):
        header += b"%d %d " % (number, offset)
        offset += len(body) + 1
    packed = zlib.compress(header + b"".join(body + b" " for body in bodies))
    out = bytearray(b"%PDF-1.7\n")
    stream_at = len(out)
    out += (b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(packed)) + packed + b"\nendstream\nendobj\n")
    xref_at = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)] + [struct.pack(">BIH", 2, 4, index) for index in range(3)]
    rows += [struct.pack(">BIH", 1, stream_at, 0), struct.pack(">BIH", 1, xref_at, 0)]
    table = b"".join(rows)
    out += (b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
            + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    return bytes(out)


def good_pdf(user_password: str | None = None, owner_password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password or "", owner_password, algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def attachment_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("rechnung.exe", b"MZ" + b"\x00" * 64)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zlib_zeros(size: int) -> bytes:
    """Return a zlib stream that unpacks to ``size`` zero bytes (a multiple of 16 MB), made in milliseconds:
    one packed block ended by a full flush (which makes it independent of what came before), repeated."""
    piece = 16 * 1024 * 1024
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(piece)) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = ((size % 65521) << 16) | 1  # Adler-32 of zeros: a stays 1, b counts the bytes
    return b"\x78\xda" + block * (size // piece) + packer.flush() + struct.pack(">I", adler)


def flate_bomb_pdf(megabytes: int = 2048, streams: int = 1) -> bytes:
    """Return a PDF whose page content is ``streams`` small Flate streams, each unpacking to ``megabytes`` MB."""
    packed = zlib_zeros(megabytes * 1024 * 1024)
    contents = b" ".join(b"%d 0 R" % (4 + number) for number in range(streams))
    page = PAGES[2].replace(b" >>", b" /Contents [%s] >>" % contents)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
    return raw_pdf([PAGES[0], PAGES[1], page, *[stream] * streams])


def zip_polyglot() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    return good_pdf() + buffer.getvalue()


def mutated_pdfs(count: int = 12) -> list[bytes]:
    """Return copies of a real PDF with a few bytes changed at random (seeded: the same every run)."""
    base, chance = good_pdf(), random.Random(11)
    copies = []
    for _copy in range(count):
        mutated = bytearray(base)
        for _byte in range(chance.randint(1, 8)):
            mutated[chance.randrange(5, len(mutated))] = chance.randrange(256)
        copies.append(bytes(mutated))
    return copies


def hostile_pdfs() -> list[tuple[str, bytes, str | None]]:
    base = good_pdf()
    return [
        ("encryption handler /Foo", raw_pdf(PAGES, b"/Encrypt << /Filter /Foo /V 9 /R 9 >> /ID [<00><00>]"),
         files.ENCRYPTED),
        ("standard handler V 9 R 9", raw_pdf(PAGES, b"/Encrypt << /Filter /Standard /V 9 /R 9 /O (x) /U (y) /P -4 >>"
                                                    b" /ID [<00><00>]"), files.ENCRYPTED),
        ("standard handler with a broken /O", raw_pdf(PAGES, b"/Encrypt << /Filter /Standard /V 2 /R 3 /O (x) /U (y) "
                                                             b"/P -4 /Length 128 >> /ID [<00><00>]"), files.ENCRYPTED),
        ("password (AES-256)", good_pdf(user_password="geheim"), files.ENCRYPTED),
        ("truncated", base[:len(base) // 2], None),
        ("startxref 99999999999999999999", raw_pdf(PAGES, startxref=99999999999999999999), None),
        ("object referencing itself", raw_pdf([PAGES[0], b"2 0 R"]), files.BROKEN),
        ("page tree in a loop", raw_pdf([PAGES[0], b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                         b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]), files.BROKEN),
        ("stream /Length 99999999999", raw_pdf(PAGES + [b"<< /Length 99999999999 >>\nstream\nabc\nendstream"]), None),
        ("xref claiming 4 billion objects", base.replace(b"xref\n0 ", b"xref\n0 4000000000\n0 ", 1), None),
        ("Flate bomb of 2 GB", flate_bomb_pdf(), files.COMPLEX),
        ("ten Flate streams of 112 MB each", flate_bomb_pdf(112, streams=10), files.COMPLEX),
        ("JavaScript name tree", with_catalog(b"/Names << /JavaScript << /Names [(start) 4 0 R] >> >>",
                                              b"<< /S /JavaScript /JS (app.alert(1)) >>"), files.ACTIVE),
        ("OpenAction with JavaScript", with_catalog(b"/OpenAction 4 0 R", b"<< /S /JavaScript /JS (app.alert(1)) >>"),
         files.ACTIVE),
        ("OpenAction JavaScript with an escaped name", with_catalog(b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"),
         files.ACTIVE),
        ("page /AA with JavaScript", raw_pdf([*PAGES[:2], PAGES[2].replace(
            b" >>", b" /AA << /O << /S /JavaScript /JS 4 0 R >> >> >>"), b"<< /Length 1 >>\nstream\nx\nendstream"]),
         files.ACTIVE),
        ("Launch action", with_catalog(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), files.ACTIVE),
        ("SubmitForm action", with_catalog(b"/OpenAction << /S /SubmitForm /F (https://example.org) >>"),
         files.ACTIVE),
        ("ImportData action", with_catalog(b"/OpenAction << /S /ImportData /F (daten.fdf) >>"), files.ACTIVE),
        ("GoToR to a UNC path", with_catalog(b"/OpenAction << /S /GoToR /F (\\\\\\\\host\\\\share\\\\x.pdf) >>"),
         files.ACTIVE),
        ("embedded executable", attachment_pdf(), files.ACTIVE),
        ("JavaScript hidden in an object stream", object_stream_pdf(b"/OpenAction << /S /JavaScript /JS (x) >>"),
         files.ACTIVE),
        ("PDF with a ZIP appended", zip_polyglot(), files.EXTRA),
        ("no pages", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
         files.BROKEN),
        ("only the magic bytes", b"%PDF-", files.BROKEN),
        ("only a header line", b"%PDF-1.4 nur der Anfang", files.BROKEN),
    ]


# --- images ---------------------------------------------------------------------------------------------------------

def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int, full: bool = True) -> bytes:
    """Return a 1-bit PNG of ``width`` × ``height`` white pixels whose data is all there (``full``) or cut short;
    either way it is a few hundred KB that a decoder would turn into ``width`` × ``height`` bytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    packer, row, data = zlib.compressobj(9), b"\x00" + b"\xff" * ((width + 7) // 8), b""
    for _row in range(height if full else 16):
        data += packer.compress(row)
    data += packer.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def image(kind: str = "PNG", size: tuple[int, int] = (300, 200), noise: bool = False, **options) -> bytes:
    """Return a real image; with ``noise`` a photo-like one that compresses poorly."""
    if noise:
        picture = Image.effect_noise(size, 60).convert("RGB")
    else:
        picture = Image.new("RGB", size, (20, 60, 120))
    buffer = io.BytesIO()
    picture.save(buffer, kind, **options)
    return buffer.getvalue()


def jpeg_with_size(width: int, height: int) -> bytes:
    """Return a small real JPEG whose start-of-frame segment is changed to declare another size."""
    content = bytearray(image("JPEG", (16, 16)))
    at = content.index(b"\xff\xc0") + 5
    content[at:at + 4] = struct.pack(">HH", height, width)
    return bytes(content)


def bad_crc_png() -> bytes:
    content = bytearray(image("PNG"))
    at = content.index(b"IDAT") - 4
    length = struct.unpack(">I", content[at:at + 4])[0]
    content[at + 8 + length] ^= 0xFF  # the first byte of the IDAT chunk's CRC
    return bytes(content)


HTML = b"<html><body><script>fetch('/amt/').then(r => r.text()).then(alert)</script></body></html>"


def hostile_images() -> list[tuple[str, bytes, str | None]]:
    jpeg, png = image("JPEG"), image("PNG")
    return [
        ("PNG 20000 × 20000 (a full bomb)", png_bomb(20000, 20000), files.PIXELS),
        ("PNG 65535 × 65535", png_bomb(65535, 65535, full=False), files.PIXELS),
        ("JPEG declaring 60000 × 60000", jpeg_with_size(60000, 60000), files.PIXELS),
        ("JPEG declaring 0 × 0", jpeg_with_size(0, 0), files.BROKEN),
        ("truncated JPEG", jpeg[:len(jpeg) // 2], files.BROKEN),
        ("truncated PNG", png[:len(png) - 20], files.BROKEN),
        ("PNG with a bad CRC", bad_crc_png(), files.BROKEN),
        ("JPEG signature followed by HTML", b"\xff\xd8\xff\xe0" + HTML, files.BROKEN),
        ("JPEG followed by HTML", jpeg + HTML, files.EXTRA),
        ("PNG followed by a script", png + HTML, files.EXTRA),
        ("JPEG with a ZIP appended", jpeg + zip_polyglot()[len(good_pdf()):], files.EXTRA),
        ("only the JPEG magic bytes", b"\xff\xd8\xff", files.BROKEN),
        ("only the PNG magic bytes", b"\x89PNG\r\n\x1a\n", files.BROKEN),
        ("JPEG without image data", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, files.BROKEN),
    ]


def hostile_files() -> list[tuple[str, bytes, str | None]]:
    """Return every hostile proof: PDFs, images, and files of no allowed type."""
    return [*hostile_pdfs(), *hostile_images(), ("empty file", b"", files.EMPTY),
            ("HTML", HTML, files.TYPE), ("GIF", image("GIF"), files.TYPE)]


# --- statute files --------------------------------------------------------------------------------------------------

def nested_arrays(levels: int = 10_000) -> str:
    return 'id = "tief"\nx = ' + "[" * levels + "]" * levels + "\n"


def nested_tables(levels: int = 10_000) -> str:
    return 'id = "tief"\nx = ' + "{ a = " * levels + "1" + " }" * levels + "\n"
