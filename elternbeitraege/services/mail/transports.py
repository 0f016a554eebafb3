"""How a mail leaves the installation: over SMTP, or — in development, with no SMTP host set — as a file.

A transport takes a finished ``EmailMessage`` and either returns (the server accepted it) or raises:
``Unreachable`` when no server can be reached at all (the run stops, the other mails keep their tries),
any other ``smtplib.SMTPException`` or ``OSError`` for this one message.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Unreachable(Exception):
    """No SMTP server answered: connecting, STARTTLS or signing in failed."""


class Transport(Protocol):
    """Delivers one message after another; ``close`` ends the connection it keeps."""

    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to reach the SMTP server (``MAIL_SMTP_*``), and the sender address (``MAIL_FROM``)."""

    host: str
    port: int = 587
    starttls: bool = True
    user: str = ""
    password: str = ""
    timeout: float = 30.0


class SmtpTransport:
    """One connection per run, opened at the first message and opened again after an error."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        """Hand the message to the server; return once it has accepted it (250 after DATA)."""
        smtp = self._connection()
        try:
            smtp.send_message(message)
        except smtplib.SMTPServerDisconnected as error:
            self._drop()
            raise Unreachable(f"Verbindung zum SMTP-Server abgebrochen: {error}") from error
        except (smtplib.SMTPException, OSError):
            self._drop()  # the session's state is unknown: the next message starts a fresh one
            raise

    def close(self) -> None:
        """Say goodbye to the server, if connected."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        settings = self.settings
        try:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password)
        except (smtplib.SMTPException, OSError) as error:
            raise Unreachable(f"SMTP-Server {settings.host}:{settings.port} nicht erreichbar: {error}") from error
        self._smtp = smtp
        return smtp

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.close()
            except OSError:
                pass


class FileTransport:
    """Development: write each message as ``<folder>/<Message-ID>.eml`` and show it through ``echo``."""

    def __init__(self, folder: Path, echo: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.echo = echo

    def send(self, message: EmailMessage) -> None:
        """Write the message to its file (the same message again overwrites it) and print it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = str(message["Message-ID"]).strip("<>").replace("/", "_")
        path = self.folder / f"{name}.eml"
        path.write_bytes(message.as_bytes(policy=SMTP))
        log.info("mail %s written to %s", message["Message-ID"], path)
        if self.echo is not None:
            text = message.get_body(("plain",))
            self.echo(f"--- E-Mail an {message['To']}: {message['Subject']} ({path})\n"
                      f"{text.get_content() if text is not None else ''}")

    def close(self) -> None:
        """Nothing to close."""
