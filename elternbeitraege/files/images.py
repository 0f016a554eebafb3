"""Checking a JPEG or PNG in the reader process: size from the header first, then a real decode with Pillow.

Only the reader process imports this module; the web worker never decodes an uploaded image.
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, JpegImagePlugin, PngImagePlugin  # noqa: F401  (the plugins, loaded before the limits)

from .headers import JPEG_START, HeaderError, jpeg_end, jpeg_size, png_end, png_size
from .kinds import BROKEN, EXTRA, JPEG, PIXELS, PNG, Verdict

FORMATS = {JPEG: ["JPEG"], PNG: ["PNG"]}
MAX_APPENDED_IMAGES = 8  # cameras append previews and depth maps as further JPEGs (CIPA multi-picture format)


def image_verdict(content: bytes, media_type: str, max_pixels: int, max_side: int | None) -> Verdict:
    """Refuse an image too large by its header, one whose data is broken, or one with other data appended."""
    try:
        width, height = png_size(content) if media_type == PNG else jpeg_size(content)
    except HeaderError:
        return Verdict(BROKEN, media_type)
    if _too_large(width, height, max_pixels, max_side):
        return Verdict(PIXELS, media_type, width, height)
    try:
        end = png_end(content) if media_type == PNG else jpeg_end(content)
    except HeaderError:
        return Verdict(BROKEN, media_type, width, height)
    extra = _extra_after(content, end, media_type, max_pixels, max_side)
    if extra:
        return Verdict(extra, media_type, width, height)
    if not _decodes(content, media_type, (width, height), max_pixels):
        return Verdict(BROKEN, media_type, width, height)
    return Verdict(None, media_type, width, height)


def _too_large(width: int, height: int, max_pixels: int, max_side: int | None) -> bool:
    return width * height > max_pixels or (max_side is not None and max(width, height) > max_side)


def _extra_after(content: bytes, end: int, media_type: str, max_pixels: int, max_side: int | None) -> str | None:
    """Tell what is wrong with the bytes after the image: nothing may follow a PNG; a JPEG may be followed
    by padding and by further complete JPEGs (previews), each within the size limit."""
    if media_type == PNG:
        return EXTRA if content[end:] else None
    for _image in range(MAX_APPENDED_IMAGES):
        rest = content[end:]
        if not rest.strip(b"\x00\xff"):
            return None
        start = end + (len(rest) - len(rest.lstrip(b"\x00")))
        if content[start:start + 3] != JPEG_START:
            return EXTRA
        try:
            width, height = jpeg_size(content, start)
            end = jpeg_end(content, start)
        except HeaderError:
            return EXTRA
        if _too_large(width, height, max_pixels, max_side):
            return PIXELS
    return EXTRA


def _decodes(content: bytes, media_type: str, size: tuple[int, int], max_pixels: int) -> bool:
    """Decode the image once with Pillow (a JPEG at an eighth of its size, which still reads all its data)."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # DecompressionBombWarning and any "truncated" warning refuse the file
        try:
            with Image.open(io.BytesIO(content), formats=FORMATS[media_type]) as image:
                if image.size != size:
                    return False
                image.verify()  # PNG: every chunk's CRC
            with Image.open(io.BytesIO(content), formats=FORMATS[media_type]) as image:
                if media_type == JPEG:
                    image.draft(image.mode, (max(1, size[0] // 8), max(1, size[1] // 8)))
                image.load()
        except MemoryError:
            raise
        except Exception:  # any failure to read is a refusal (the warnings above are exceptions here)
            return False
    return True
