"""Tell whether a logo is an intact PNG or JPEG, with the standard library only.

WeasyPrint prints an image's alternative text where it cannot decode the image, so a broken logo
would put "Logo: …" into the letterhead. A PNG is intact when its chunks' checksums hold, it
starts with its header and ends with IEND, and its image data inflates; a JPEG when it starts
with a start-of-image and ends with an end-of-image marker.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START, JPEG_END = b"\xff\xd8\xff", b"\xff\xd9"


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length] or b"\0\0\0\0")
        if len(body) != length or zlib.crc32(kind + body) != crc:
            raise ValueError("damaged chunk")
        yield kind, body
        position += 12 + length


def intact_png(data: bytes) -> bool:
    """Tell whether ``data`` is a complete PNG whose checksums and image data hold."""
    if not data.startswith(PNG_SIGNATURE):
        return False
    try:
        chunks = list(_png_chunks(data))
        if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
            return False
        zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    except (ValueError, struct.error, zlib.error):
        return False
    return True


def intact_jpeg(data: bytes) -> bool:
    """Tell whether ``data`` starts and ends like a complete JPEG."""
    return data.startswith(JPEG_START) and data.rstrip(b"\0").endswith(JPEG_END)


def image_type(data: bytes) -> str | None:
    """Return ``image/png`` or ``image/jpeg`` for an intact logo, else None."""
    if intact_png(data):
        return "image/png"
    if intact_jpeg(data):
        return "image/jpeg"
    return None
