"""Files that people upload — proofs, logos, statute files — read by their content in a bounded process.

:func:`check` and :func:`check_statute` answer with a :class:`Verdict` and never raise: any failure to read
a file, whatever it is crafted to do, is a refusal. The services word the refusals for their readers. This
package imports nothing of Flask or the app; the reader process loads pypdf, Pillow or the fee engine's
statute parser, and nothing else.
"""
from __future__ import annotations

from .bounded import Bounds, bounds_from, check, check_statute
from .kinds import (
    ACTIVE,
    BROKEN,
    COMPLEX,
    EMPTY,
    ENCRYPTED,
    EXTENSIONS,
    EXTRA,
    JPEG,
    PDF,
    PIXELS,
    PNG,
    SAME_EXTENSIONS,
    STATUTE,
    TYPE,
    UNAVAILABLE,
    Verdict,
    media_type_of,
)

__all__ = [
    "ACTIVE", "BROKEN", "COMPLEX", "EMPTY", "ENCRYPTED", "EXTENSIONS", "EXTRA", "JPEG", "PDF", "PIXELS", "PNG",
    "SAME_EXTENSIONS", "STATUTE", "TYPE", "UNAVAILABLE", "Bounds", "Verdict", "bounds_from", "check",
    "check_statute", "media_type_of",
]
