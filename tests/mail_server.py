"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1 and a free port), keeping the mails it accepted."""
from __future__ import annotations

import email
import socket
import time
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps what it accepted; it can answer 451 or take its time."""

    def __init__(self, answer: str = "250 OK", delay: float = 0.0, log: Path | None = None) -> None:
        self.answer, self.delay, self.log = answer, delay, log
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's name)
        if self.delay:
            time.sleep(self.delay)  # a slow server: the sender waits for the answer
        if self.answer.startswith("250"):
            message = email.message_from_bytes(envelope.content, policy=default)
            self.messages.append(message)
            if self.log is not None:
                with self.log.open("a") as file:
                    file.write(f"{message['Message-ID']}\n")
        return self.answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start an SMTP server on a free port of 127.0.0.1 with the given handler; stopped afterwards."""
    controllers = []

    def start(handler: Inbox) -> int:
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return port

    yield start
    for controller in controllers:
        controller.stop()
