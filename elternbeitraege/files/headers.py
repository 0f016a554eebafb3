"""The structure of PNG and JPEG files, read without decoding a single pixel: size from the header, where it ends.

A decompression bomb declares its size honestly in its header (PNG ``IHDR``, JPEG ``SOF``), so reading the
header is enough to refuse it before any decoder allocates its pixels. Standard library only.
"""
from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8\xff"
MAX_PNG_CHUNKS = 100_000  # a real PNG has a few hundred; each costs a loop here
MAX_JPEG_SEGMENTS = 10_000
# Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are other segments.
SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
STANDALONE_MARKERS = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and RST0–7 carry no length
SOS, EOI = 0xDA, 0xD9


class HeaderError(ValueError):
    """The file is not built the way its format requires."""


def png_size(content: bytes) -> tuple[int, int]:
    """Return width and height from the ``IHDR`` chunk that must come first."""
    if not content.startswith(PNG_SIGNATURE) or len(content) < 33:
        raise HeaderError("no IHDR")
    length, kind, width, height = struct.unpack(">I4sII", content[8:24])
    if kind != b"IHDR" or length != 13 or not width or not height:
        raise HeaderError("bad IHDR")
    return width, height


def png_end(content: bytes) -> int:
    """Walk the chunks, checking each CRC, and return the offset just after ``IEND``."""
    view, position = memoryview(content), len(PNG_SIGNATURE)
    for _chunk in range(MAX_PNG_CHUNKS):
        if position + 12 > len(content):
            raise HeaderError("truncated before IEND")
        length, kind = struct.unpack(">I4s", view[position:position + 8])
        end = position + 12 + length
        if length > 0x7FFFFFFF or end > len(content):
            raise HeaderError("chunk beyond the end")
        (crc,) = struct.unpack(">I", view[end - 4:end])
        if zlib.crc32(view[position + 8:end - 4], zlib.crc32(kind)) != crc:
            raise HeaderError("bad CRC")
        position = end
        if kind == b"IEND":
            return position
    raise HeaderError("too many chunks")


def jpeg_size(content: bytes, start: int = 0) -> tuple[int, int]:
    """Return width and height from the first start-of-frame segment, which comes before the first scan."""
    for marker, segment in _segments(content, start):
        if marker in SOF_MARKERS:
            if len(segment) < 5:
                raise HeaderError("short SOF")
            height, width = struct.unpack(">HH", segment[1:5])
            if not width or not height:  # a height of 0 would be defined later (DNL): not for us
                raise HeaderError("no size in SOF")
            return width, height
        if marker in (SOS, EOI):
            break
    raise HeaderError("no SOF before the first scan")


def jpeg_end(content: bytes, start: int = 0) -> int:
    """Walk the segments and scans and return the offset just after the end-of-image marker."""
    for marker, position in _segments(content, start, positions=True):
        if marker == EOI:
            return position
    raise HeaderError("no EOI")


def _segments(content: bytes, start: int, positions: bool = False):
    """Yield each marker with its segment (or, with ``positions``, the offset after it), skipping scan data."""
    if content[start:start + 3] != JPEG_START:
        raise HeaderError("no SOI")
    view, position = memoryview(content), start + 2
    for _segment in range(MAX_JPEG_SEGMENTS):
        if position >= len(content) or content[position] != 0xFF:
            raise HeaderError("no marker where one belongs")
        while position < len(content) and content[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= len(content):
            raise HeaderError("truncated")
        marker, position = content[position], position + 1
        if marker in STANDALONE_MARKERS:
            continue
        if marker == EOI:
            yield marker, position if positions else b""
            return
        if position + 2 > len(content):
            raise HeaderError("truncated")
        (length,) = struct.unpack(">H", view[position:position + 2])
        if length < 2 or position + length > len(content):
            raise HeaderError("segment beyond the end")
        segment, position = view[position + 2:position + length], position + length
        if marker == SOS:
            position = _after_scan(content, position)
        yield marker, position if positions else segment
    raise HeaderError("too many segments")


def _after_scan(content: bytes, position: int) -> int:
    """Return the offset of the marker that ends the entropy-coded data of a scan."""
    while True:
        found = content.find(b"\xff", position)
        if found < 0 or found + 1 >= len(content):
            raise HeaderError("scan not ended")
        following = content[found + 1]
        if following == 0x00 or following in STANDALONE_MARKERS or following == 0xFF:
            position = found + (1 if following == 0xFF else 2)  # a stuffed byte, a restart marker, fill
            continue
        return found
