"""What a file check answers: the media types we take, the problems a file can have, and the verdict.

Shared by the web worker (:mod:`.bounded`) and the reader process (:mod:`.reader`); standard library only.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SIGNATURES = {b"%PDF-": PDF, b"\xff\xd8\xff": JPEG, b"\x89PNG\r\n\x1a\n": PNG}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# Other spellings of the same type that a stored name may keep.
SAME_EXTENSIONS = {PDF: {"pdf"}, JPEG: {"jpg", "jpeg", "jpe", "jfif"}, PNG: {"png"}}

# The problems, as codes: the services word them for their readers.
EMPTY = "empty"            # no bytes at all
TYPE = "type"              # not one of the types asked for, by its first bytes
BROKEN = "broken"          # cannot be read as what it claims to be
ENCRYPTED = "encrypted"    # a PDF that needs a password or an encryption we cannot open
ACTIVE = "active"          # a PDF with JavaScript, launch or form actions, embedded files
PIXELS = "pixels"          # an image larger than allowed, read from its header
EXTRA = "extra"            # other data hidden before or after the image or document (a polyglot)
COMPLEX = "complex"        # reading it took too long or too much memory, or it unpacks to far too much
UNAVAILABLE = "unavailable"  # the checking process could not be started
STATUTE = "statute"        # a statute file that cannot be used; ``message`` says why
PROBLEMS = (EMPTY, TYPE, BROKEN, ENCRYPTED, ACTIVE, PIXELS, EXTRA, COMPLEX, UNAVAILABLE, STATUTE)


def media_type_of(content: bytes) -> str | None:
    """Return the media type the content really has (PDF, JPEG, PNG) by its first bytes, or None."""
    return next((kind for magic, kind in SIGNATURES.items() if content.startswith(magic)), None)


@dataclass(frozen=True)
class Verdict:
    """The answer of a check: no problem or which one, the type found, an image's size."""

    problem: str | None
    media_type: str | None = None
    width: int | None = None
    height: int | None = None
    message: str | None = None  # statute files only: what is wrong, in German, naming file and place

    @property
    def ok(self) -> bool:
        return self.problem is None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Verdict:
        """Read a verdict the reader wrote; anything else is ``BROKEN`` (the reader is not trusted further)."""
        try:
            values = json.loads(text)
        except ValueError:
            return cls(BROKEN)
        if not isinstance(values, dict) or set(values) != {"problem", "media_type", "width", "height", "message"}:
            return cls(BROKEN)
        verdict = cls(**values)
        sizes_ok = all(size is None or (type(size) is int and size > 0) for size in (verdict.width, verdict.height))
        if (verdict.problem not in (None, *PROBLEMS) or verdict.media_type not in (None, *EXTENSIONS) or not sizes_ok
                or not isinstance(verdict.message, str | None)):
            return cls(BROKEN)
        return verdict
