"""Helpers the tests share: reading text and access codes out of PDFs."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy.orm import Session

from elternbeitraege.services.kernel.uow import one_writer


def pdf_text(content: bytes) -> str:
    """Return the text of a PDF with whitespace made single."""
    reader = PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
    return re.sub(r"(?<=[a-zäöüß])[-\u00ad\u2010] (?=[a-zäöüß])", "", text)  # undo hyphenation at line ends


def access_code_in(letter: bytes) -> str:
    """Read the personal access code out of an invitation letter."""
    match = re.search(r"\b([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})\b", pdf_text(letter))
    assert match, "no access code in the invitation letter"
    return match.group(1)


def commit(session: Session) -> None:
    """Keep what a test wrote straight into the database, through the unit of work's one commit."""
    with one_writer(session):
        pass
