"""Files for the upload fields: real ones, empty ones, magic bytes with junk, and crafted PDFs, images and statutes.

The crafted PDFs are well-formed enough for pypdf to get past its first checks (a header, objects, an xref
table, a trailer) and then hold what a careless reader trips over: encryption dictionaries of unknown or
broken kinds, a trailer whose root is no dictionary, an xref chain that loops, nesting deeper than the stack.
"""
from __future__ import annotations

import struct
import zlib
from importlib import resources

from tests.web import two_offices

MAGIC = {"pdf": b"%PDF-1.7\n", "png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff\xe0"}


def pdf(objects: dict[int, bytes], trailer: bytes, *, prev: int | None = None, startxref: int | None = None) -> bytes:
    """Return a PDF of the given objects with a correct xref table; ``trailer`` is the dictionary's inside."""
    body = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, content in sorted(objects.items()):
        offsets[number] = len(body)
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    size = max(objects, default=0) + 1
    body += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        body += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    extra = b" /Prev %d" % (xref if prev == -1 else prev) if prev is not None else b""
    body += b"trailer\n<< /Size %d " % size + trailer + extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % (
        xref if startxref is None else startxref)
    return bytes(body)


CATALOG = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"}


def encrypted(dictionary: bytes) -> bytes:
    return pdf({**CATALOG, 4: dictionary}, b"/Root 1 0 R /Encrypt 4 0 R /ID [<00112233> <00112233>]")


CRAFTED_PDFS = {
    "encryption with an unknown filter": encrypted(b"<< /Filter /Geheim /V 1 /R 2 >>"),
    "standard encryption of version 99": encrypted(b"<< /Filter /Standard /V 99 /R 99 /O <00> /U <00> /P -1 >>"),
    "encryption of revision 6 with short keys": encrypted(b"<< /Filter /Standard /V 5 /R 6 /O <00> /U <00> "
                                                          b"/OE <00> /UE <00> /P -4 /Length 256 >>"),
    "encryption with an unknown crypt filter": encrypted(
        b"<< /Filter /Standard /V 4 /R 4 /Length 128 /O <00> /U <00> /P -4 "
        b"/CF << /StdCF << /CFM /Unbekannt /Length 16 >> >> /StmF /StdCF /StrF /StdCF >>"),
    "encryption without keys": encrypted(b"<< /Filter /Standard /V 2 /R 3 /P -4 >>"),
    "encryption as a number": pdf(CATALOG, b"/Root 1 0 R /Encrypt 42"),
    "encryption as an array": pdf({**CATALOG, 4: b"[1 2 3]"}, b"/Root 1 0 R /Encrypt 4 0 R"),
    "encryption referring to itself": pdf({**CATALOG, 4: b"4 0 R"}, b"/Root 1 0 R /Encrypt 4 0 R"),
    "no root": pdf(CATALOG, b""),
    "a root that is a number": pdf({1: b"42"}, b"/Root 1 0 R"),
    "an xref chain that loops": pdf(CATALOG, b"/Root 1 0 R", prev=-1),
    "startxref past the end": pdf(CATALOG, b"/Root 1 0 R", startxref=10**12),
    "arrays nested 20000 deep": pdf({**CATALOG, 4: b"[" * 20000 + b"]" * 20000}, b"/Root 1 0 R /Info 4 0 R"),
    "dictionaries nested 5000 deep": pdf({**CATALOG, 4: b"<< /A " * 5000 + b">> " * 5000},
                                         b"/Root 1 0 R /Encrypt 4 0 R"),
    "a stream with a broken Flate filter": pdf({**CATALOG, 4: b"<< /Type /XRef /Filter /FlateDecode /Length 10 >>"
                                                b"\nstream\n0123456789\nendstream"}, b"/Root 1 0 R /Info 4 0 R"),
    "only the header": b"%PDF-1.7\n",
    "header and EOF": b"%PDF-1.7\n%%EOF\n",
}


def png(width: int, height: int, data: bytes = b"\x00\xff\xff\xff", crc_ok: bool = True) -> bytes:
    """Return a PNG with the given header size (its pixels need not match) and optionally a wrong CRC."""
    def chunk(kind: bytes, content: bytes) -> bytes:
        crc = zlib.crc32(kind + content) if crc_ok else 0
        return struct.pack(">I", len(content)) + kind + content + struct.pack(">I", crc)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return MAGIC["png"] + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")


CRAFTED_IMAGES = {
    "a PNG of 100000 × 100000 pixels": png(100_000, 100_000),
    "a PNG of 0 × 0 pixels": png(0, 0),
    "a PNG with a wrong checksum": png(1, 1, crc_ok=False),
    "a PNG cut after its header": png(1, 1)[:33],
    "a PNG whose pixels are no zlib": MAGIC["png"] + png(1, 1)[8:33] + b"\x00\x00\x00\x04IDAT\xff\xff\xff\xff\0\0\0\0",
    "a JPEG of only its start": b"\xff\xd8\xff",
    "a JPEG frame of 65535 × 65535": b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01"
                                     b"\x03\x11\x01\xff\xd9",
    "a GIF": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "an SVG with a script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}


def shipped_statute() -> str:
    return resources.files("elternbeitraege.statutes").joinpath("kreis-guetersloh-2024.toml").read_text("utf-8")


STATUTE = shipped_statute()
RENAMED_STATUTE = STATUTE.replace('id = "kreis-guetersloh-2024"', 'id = "fuzz-satzung-2024"')
CRAFTED_STATUTES = {
    "the shipped statute": STATUTE.encode(),
    "a statute with a new id": RENAMED_STATUTE.encode(),
    "a statute with a BOM": b"\xef\xbb\xbf" + RENAMED_STATUTE.encode(),
    "arrays nested 3000 deep": b"x = " + b"[" * 3000 + b"]" * 3000,
    "tables nested 3000 deep": b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000,
    "a huge integer as a year": RENAMED_STATUTE.replace("valid_from = 2024-08-01", "valid_from = "
                                                        + "9" * 4000).encode(),
    "a date of year 9999": RENAMED_STATUTE.replace("valid_from = 2024-08-01", "valid_from = 9999-12-31").encode(),
    "a date of year 0": RENAMED_STATUTE.replace("valid_from = 2024-08-01", "valid_from = 0000-01-01").encode(),
    "not UTF-8": b"\xff\xfeid = 1",
    "a NUL in the text": RENAMED_STATUTE.replace("title = ", "title = \"\\u0000\" # ").encode(),
}

REAL_FILES = {
    "a real PDF": two_offices.pdf_file(),
    "a PDF with a user password": two_offices.pdf_file(user_password="geheim"),
    "a PDF with an owner password only": two_offices.pdf_file(owner_password="eigentum"),
    "a PDF with AES-256 and a user password": two_offices.pdf_file(user_password="geheim", algorithm="AES-256"),
    "a real PNG": two_offices.png_file(),
    "an empty file": b"",
}

ALL_CRAFTED = {**REAL_FILES, **CRAFTED_PDFS, **CRAFTED_IMAGES, **CRAFTED_STATUTES}
