"""Checking a PDF in the reader process with pypdf: it opens without a password, has pages, holds no active
content, and its packed streams do not unpack to far more than any document needs.

Only the reader process imports this module. Every object the cross-reference table names is read once
(objects in object streams too, which a plain byte search would miss) and looked through for the names
of active content, whether used as key, as action type or as subtype.
"""
from __future__ import annotations

import io
import zlib

from pypdf import PasswordType, PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from .kinds import ACTIVE, BROKEN, COMPLEX, ENCRYPTED, EXTRA, Verdict

# Names that make a PDF do something when opened or clicked, or carry files: JavaScript (an action, or the
# document's name tree), launching programs, sending or importing form data, opening other (remote or
# embedded) documents, which on Windows also leaks the clerk's login hash through a UNC path, rich media,
# XFA forms with their scripts, and embedded files and file attachments.
ACTIVE_NAMES = frozenset({
    "/JS", "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/Rendition",
    "/RichMedia", "/RichMediaExecute", "/XFA", "/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment",
})
FLATE = frozenset({"/FlateDecode", "/Fl"})
MAX_OBJECTS = 500_000
MAX_ITEMS = 5_000_000  # keys, values and array entries looked at in all objects together
MAX_STREAM_UNPACKED = 200 * 1024 * 1024  # an A4 page scanned at 600 dpi in colour is 105 MB
MAX_TOTAL_UNPACKED = 512 * 1024 * 1024
ZIP_END = b"PK\x05\x06"  # a ZIP archive's directory ends within its last 64 KB (plus 22 bytes)


def pdf_verdict(content: bytes) -> Verdict:
    """Refuse a PDF that cannot be read, needs a password, does something on its own, or is a bomb."""
    if ZIP_END in content[-(65535 + 22):]:
        return Verdict(EXTRA, "application/pdf")
    try:
        problem = _problem(_reader(content))
    except MemoryError:
        raise
    except _Locked:
        problem = ENCRYPTED
    except (LimitReachedError, RecursionError):
        problem = COMPLEX
    except Exception:  # pypdf raises nearly anything on crafted files: any failure to read refuses
        problem = BROKEN
    return Verdict(problem, "application/pdf")


class _Locked(Exception):
    """The PDF is encrypted in a way pypdf cannot open (another handler, a version it does not know)."""


def _reader(content: bytes) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(content), strict=False)
    except NotImplementedError:  # pypdf's answer to an encryption it does not support
        raise _Locked() from None


def _problem(reader: PdfReader) -> str | None:
    if reader.is_encrypted and _locked(reader):
        return ENCRYPTED
    if len(reader.pages) == 0:
        return BROKEN
    return _contents_problem(reader)


def _locked(reader: PdfReader) -> bool:
    """Tell whether the PDF needs a password; an owner password only restricts printing or copying."""
    try:
        return reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except Exception:  # another encryption handler or a broken one: the clerk cannot open it either
        return True


def _contents_problem(reader: PdfReader) -> str | None:
    """Look through every object once for active content and count what its streams unpack to."""
    references = [(number, generation) for generation, table in reader.xref.items() for number in table]
    references += [(number, 0) for number in reader.xref_objStm]
    if len(references) > MAX_OBJECTS:
        return COMPLEX
    budget = _Budget()
    for number, generation in references:
        found = reader.get_object(IndirectObject(number, generation, reader))
        problem = _object_problem(found, reader, budget)
        if problem:
            return problem
    return None


class _Budget:
    """What the whole file may still cost: items looked at and bytes unpacked."""

    def __init__(self) -> None:
        self.items = MAX_ITEMS
        self.unpacked = MAX_TOTAL_UNPACKED


def _object_problem(found: object, reader: PdfReader, budget: _Budget) -> str | None:
    """Walk one object's direct contents (references are objects of their own and walked there)."""
    pending = [found]
    while pending:
        item = pending.pop()
        budget.items -= 1
        if budget.items < 0:
            return COMPLEX
        if isinstance(item, NameObject):
            if item in ACTIVE_NAMES:
                return ACTIVE
        elif isinstance(item, DictionaryObject):
            if any(key in ACTIVE_NAMES for key in item):
                return ACTIVE
            pending.extend(item.values())
            if isinstance(item, StreamObject) and not _unpacks_within(item, reader, budget):
                return COMPLEX
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None


def _unpacks_within(stream: StreamObject, reader: PdfReader, budget: _Budget) -> bool:
    """Unpack a Flate stream piece by piece, keeping nothing, and tell whether it stays within the budget.

    A broken stream is no refusal (viewers show what they can); only the size it unpacks to counts.
    """
    filters = stream.get("/Filter")
    first = filters[0] if isinstance(filters, ArrayObject) and filters else filters
    if isinstance(first, IndirectObject):
        first = reader.get_object(first)
    if first not in FLATE:
        return True
    inflater, data, unpacked = zlib.decompressobj(), stream._data, 0  # the raw bytes, decrypted by pypdf
    while data:
        try:
            unpacked += len(inflater.decompress(data, 1024 * 1024))
        except zlib.error:
            break
        if unpacked > MAX_STREAM_UNPACKED or unpacked > budget.unpacked:
            return False
        data = inflater.unconsumed_tail
    budget.unpacked -= unpacked
    return True
