"""Reading rendered PDFs in tests: text per page that ignores line breaks and hyphens."""

from __future__ import annotations

import io
import re

import pypdf


class ReadPdf:
    """A rendered PDF as pypdf sees it, with text that ignores line breaks and hyphens."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.page_texts = [page.extract_text() for page in self.reader.pages]
        self.text = "\n".join(self.page_texts)

    def __contains__(self, expected: str) -> bool:
        return squash(expected) in squash(self.text)

    def squashed_pages(self) -> list[str]:
        """Return the text of each page without whitespace and automatic hyphens."""
        return [squash(text) for text in self.page_texts]

    def page_has(self, number: int, expected: str) -> bool:
        """Tell whether page ``number`` (from 1) contains ``expected``."""
        return squash(expected) in squash(self.page_texts[number - 1])


def squash(text: str) -> str:
    """Drop whitespace and automatic hyphens (U+2010), so that line breaks do not matter."""
    return re.sub(r"\s+|\u2010", "", text)
