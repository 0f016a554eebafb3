"""What goes over the wire: a file to upload, a request as sent, and the two encodings of a form body.

Bodies are written here, not by the test client, so that every byte is chosen: a value can be a lone surrogate
encoded anyway, bytes that are no UTF-8, or left unescaped in an urlencoded body, as no browser sends it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes

from . import samples
from .discovery import Form

BOUNDARY = "----fuzzboundary7MA4YWxkTrZu0gW"


@dataclass(frozen=True)
class Upload:
    filename: bytes
    content: bytes
    content_type: str

    def __repr__(self) -> str:
        name = next((key for key, value in samples.ALL_CRAFTED.items() if value == self.content), None)
        content = name or (repr(self.content[:60]) + (f"… ({len(self.content)} bytes)" if len(self.content) > 60
                                                        else ""))
        return f"Upload({self.filename!r}, {content}, {self.content_type!r})"

    def _repr_pretty_(self, printer, _cycle) -> None:  # how Hypothesis prints a failing example
        printer.text(repr(self))


@dataclass
class Request:
    """A POST as sent: the address, the body, its content type; what each field carried, for the checks."""

    url: str
    body: bytes
    content_type: str | None
    fields: list[tuple[str, bytes]] = field(default_factory=list)
    files: list[tuple[str, Upload]] = field(default_factory=list)
    # "browser": encoded as a browser does. "raw bytes": the values' bytes unescaped in an urlencoded body, which
    # no browser sends (werkzeug reads such a body as UTF-8 and, if it is not, silently as an empty form);
    # "wrong content type" and "garbage body": the body is not what the fields say.
    how: str = "browser"

    @property
    def as_a_browser_sends(self) -> bool:
        """Tell whether a browser could have sent this: encoded as one does, every file name in UTF-8.

        A browser sends a file's name as UTF-8; werkzeug drops the whole multipart form when a name is not.
        """
        def utf8(name: bytes) -> bool:
            try:
                name.decode("utf-8")
            except UnicodeDecodeError:
                return False
            return True
        return self.how == "browser" and all(utf8(upload.filename) for _, upload in self.files)

    def values_of(self, name: str) -> list[bytes]:
        return [value for sent, value in self.fields if sent == name]

    def __repr__(self) -> str:
        def short(value: bytes) -> str:
            return repr(value[:80]) + (f"… ({len(value)} bytes)" if len(value) > 80 else "")
        sent = ", ".join(f"{name}={short(value)}" for name, value in self.fields)
        files = ", ".join(f"{name}={upload!r}" for name, upload in self.files)
        body = "" if self.how in ("browser", "raw bytes") else f" body={short(self.body)}"
        return f"POST {self.url} [{self.how}; {self.content_type}] {sent} {files}{body}"

    def _repr_pretty_(self, printer, _cycle) -> None:
        printer.text(repr(self))


def urlencoded(pairs: list[tuple[str, bytes]], raw: bool) -> bytes:
    """Encode like a browser (every byte escaped) or raw (only the bytes that would change the structure)."""
    def encode(value: bytes) -> bytes:
        if not raw:
            return quote_from_bytes(value, safe="").encode()
        return value.replace(b"%", b"%25").replace(b"&", b"%26").replace(b"=", b"%3D").replace(b"+", b"%2B")
    return b"&".join(encode(name.encode()) + b"=" + encode(value) for name, value in pairs)


def multipart(pairs: list[tuple[str, bytes]], files: list[tuple[str, Upload]], boundary: str) -> bytes:
    """Encode as multipart/form-data, values and file contents as raw bytes."""
    parts = []
    for name, value in pairs:
        parts.append(b'Content-Disposition: form-data; name="%s"\r\n\r\n' % name.encode() + value)
    for name, upload in files:
        filename = upload.filename.replace(b'"', b"%22").replace(b"\r", b"%0D").replace(b"\n", b"%0A")
        header = b'Content-Disposition: form-data; name="%s"; filename="%s"\r\n' % (name.encode(), filename)
        if upload.content_type:
            header += b"Content-Type: %s\r\n" % upload.content_type.encode()
        parts.append(header + b"\r\n" + upload.content)
    separator = b"--" + boundary.encode()
    return b"".join(separator + b"\r\n" + part + b"\r\n" for part in parts) + separator + b"--\r\n"


def encode(form: Form, pairs: list[tuple[str, bytes]], files: list[tuple[str, Upload]], raw: bool = False) -> Request:
    """Return the request a browser sends for the form (``raw``: the urlencoded values' bytes left unescaped)."""
    if form.multipart or files:
        return Request(form.action, multipart(pairs, files, BOUNDARY), f"multipart/form-data; boundary={BOUNDARY}",
                       pairs, files)
    return Request(form.action, urlencoded(pairs, raw), "application/x-www-form-urlencoded", pairs, files,
                   "raw bytes" if raw else "browser")
