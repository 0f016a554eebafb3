"""The outbox's sender against a real SMTP server (aiosmtpd): mails arrive once, with text, HTML and Message-ID;
a refusing server leads to back-off and finally ``failed``; a sender killed mid-run loses and doubles nothing."""
from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from email.policy import default
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from elternbeitraege import db
from elternbeitraege.models import OutboxMessage, utcnow
from elternbeitraege.services.mail import delivery, outbox
from elternbeitraege.services.mail.compose import compose
from elternbeitraege.services.mail.transports import FileTransport, SmtpSettings, SmtpTransport
from tests.mail_server import Inbox, free_port

ROOT = Path(__file__).resolve().parents[2]
SENDER = "Jugendamt <keine-antwort@musterstadt.example>"


def smtp(port: int) -> SmtpTransport:
    return SmtpTransport(SmtpSettings("127.0.0.1", port, starttls=False, timeout=10))


def put_mails(app, count: int = 1) -> list[str]:
    with app.app_context():
        session = db.session()
        ids = [outbox.put(session, compose("password_reset", f"eltern{n}@beispiel.example", "Neues Passwort",
                                           "Jugendamt Musterstadt", link=f"https://app.example/p/{n}"), None).message_id
               for n in range(count)]
        session.commit()
    return ids


def states(app) -> dict[str, OutboxMessage]:
    with app.app_context():
        return {m.message_id: m for m in db.session().scalars(select(OutboxMessage))}


def test_a_due_message_arrives_with_text_html_and_its_message_id(app, smtp_server):
    inbox = Inbox()
    port = smtp_server(inbox)
    [message_id] = put_mails(app)
    report = delivery.send_due(app.extensions["db_sessions"], smtp(port), SENDER)
    assert report.sent == [message_id]
    [received] = inbox.messages
    assert received["Message-ID"] == message_id
    assert received.get_content_type() == "multipart/alternative"
    assert "Neues Passwort festlegen" in received.get_body(("html",)).get_content()
    assert "Legen Sie Ihr neues Passwort" in received.get_body(("plain",)).get_content()
    assert received["Subject"] == "Neues Passwort"
    assert states(app)[message_id].state == "sent"
    assert delivery.send_due(app.extensions["db_sessions"], smtp(port), SENDER).sent == []  # never twice


def test_a_refusing_server_leads_to_back_off_and_finally_failed(app, smtp_server):
    port = smtp_server(Inbox(answer="451 Bitte später"))
    [message_id] = put_mails(app)
    now = utcnow()
    for tries, wait in enumerate(delivery.BACKOFF, start=1):
        report = delivery.send_due(app.extensions["db_sessions"], smtp(port), SENDER, now=now)
        assert [m for m, _ in report.retried] == [message_id]
        message = states(app)[message_id]
        assert (message.state, message.tries) == ("due", tries)
        assert "451" in message.last_error
        assert delivery.send_due(app.extensions["db_sessions"], smtp(port), SENDER, now=now).retried == []
        now += wait
    report = delivery.send_due(app.extensions["db_sessions"], smtp(port), SENDER, now=now)
    assert [m for m, _ in report.failed] == [message_id]
    assert states(app)[message_id].state == "failed"


def test_a_closed_port_stops_the_run_and_costs_one_try_only(app):
    first, second = put_mails(app, 2)
    report = delivery.send_due(app.extensions["db_sessions"], smtp(free_port()), SENDER)
    assert report.stopped and len(report.retried) == 1
    assert sorted(m.tries for m in states(app).values()) == [0, 1]


def test_development_writes_eml_files(app, tmp_path):
    [message_id] = put_mails(app)
    shown = []
    delivery.send_due(app.extensions["db_sessions"], FileTransport(tmp_path / "mails", shown.append), SENDER)
    [file] = (tmp_path / "mails").glob("*.eml")
    assert email.message_from_bytes(file.read_bytes(), policy=default)["Message-ID"] == message_id
    assert "Neues Passwort" in shown[0]


def test_the_command_sends_to_the_instance_folder_without_smtp_host(app):
    put_mails(app)
    result = app.test_cli_runner().invoke(args=["mail", "send-due"])
    assert "1 gesendet" in result.output, result.output
    assert list(Path(app.config["MAIL_DIR"]).glob("*.eml"))
    assert "gesendet" in app.test_cli_runner().invoke(args=["mail", "list"]).output


SENDER_SCRIPT = """
from elternbeitraege.app import create_app
app = create_app({"SECRET_KEY": "kill-test", "ENV_NAME": "development"})
with app.app_context():
    from elternbeitraege.cli.mail import send_now
    send_now()
"""


def test_a_sender_killed_mid_run_loses_nothing_and_sends_nothing_twice(tmp_path, smtp_server):
    url = f"sqlite:///{tmp_path / 'kill.sqlite'}"
    db.upgrade(url)
    engine = create_engine(url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session:
        for n in range(30):
            outbox.put(session, compose("password_reset", f"e{n}@beispiel.example", "Passwort", "Jugendamt",
                                        link=f"https://app.example/{n}"), None)
        session.commit()
    received_log = tmp_path / "received.txt"
    inbox = Inbox(delay=0.15, log=received_log)
    port = smtp_server(inbox)
    env = {**os.environ, "DATABASE_URL": url, "MAIL_SMTP_HOST": "127.0.0.1", "MAIL_SMTP_PORT": str(port),
           "MAIL_SMTP_STARTTLS": "no", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", SENDER_SCRIPT], env=env, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while len(inbox.messages) < 8 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 8 <= len(inbox.messages) < 30
    time.sleep(0.3)  # the server finishes the message it was taking when the sender died

    subprocess.run([sys.executable, "-c", SENDER_SCRIPT], env=env, cwd=tmp_path, check=True, timeout=120)
    with sessions() as session:
        rows = {m.message_id: m.state for m in session.scalars(select(OutboxMessage))}
    arrived = [m["Message-ID"] for m in inbox.messages]
    assert len(arrived) == len(set(arrived))  # nothing twice
    stuck = [m for m, state in rows.items() if state == "sending"]
    assert len(stuck) <= 1  # the one claimed when the sender died, if any: left alone, not resent blindly
    assert all(state == "sent" for m, state in rows.items() if m not in stuck)
    assert {m for m, state in rows.items() if state == "sent"} <= set(arrived)
    # Honest about SMTP: the stuck one may or may not have been accepted before the kill. After the timeout it
    # is put back and sent; a second copy, if any, carries the same Message-ID for the receiver to drop.
    later = utcnow() + delivery.STUCK_AFTER + timedelta(minutes=1)
    report = delivery.send_due(sessions, smtp(port), SENDER, now=later)
    assert sorted(report.requeued) == sorted(stuck)
    arrived = [m["Message-ID"] for m in inbox.messages]
    assert set(arrived) == set(rows)  # none lost
    doubled = {m for m in arrived if arrived.count(m) > 1}
    assert doubled <= set(stuck)
    engine.dispose()
