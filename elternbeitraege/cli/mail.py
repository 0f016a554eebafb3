"""Flask commands for the outbox: ``flask mail send-due`` (run it every minute or two), ``list``, ``requeue``."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .. import db
from ..services.kernel.uow import one_writer
from ..services.mail import delivery
from ..services.mail.transports import FileTransport, SmtpSettings, SmtpTransport, Transport

STATE_LABELS = {"due": "wartet", "sending": "wird gesendet", "sent": "gesendet", "failed": "gescheitert"}


@click.group("mail", cls=AppGroup)
def mail() -> None:
    """E-Mails aus dem Postausgang zustellen und ansehen."""


@mail.command("send-due")
@click.option("--limit", type=click.IntRange(1, 100_000), default=None, help="Höchstens so viele E-Mails.")
def send_due(limit: int | None) -> None:
    """Stellt die fälligen E-Mails zu, jede genau einmal beansprucht; zeigt, was gesendet wurde und was nicht."""
    report_run(send_now(limit))


@mail.command("list")
@click.option("--state", type=click.Choice(sorted(STATE_LABELS)), default=None, help="Nur dieser Zustand.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
def list_mails(state: str | None, limit: int) -> None:
    """Zeigt die neuesten E-Mails des Postausgangs mit ihrem Zustand (ohne Inhalt)."""
    messages = delivery.listing(db.session(), state, limit)
    if not messages:
        click.echo("Keine E-Mails.")
    for message in messages:
        click.echo(f"{message.id:>6}  {STATE_LABELS[message.state]:<14} Versuche {message.tries}  "
                   f"fällig {message.due_at:%d.%m.%Y %H:%M}  {message.kind:<24} {message.to_address}  "
                   f"{message.message_id}")
        if message.state == "sending" and message.claimed_at is not None:
            click.echo(f"        beansprucht {message.claimed_at:%d.%m.%Y %H:%M:%S} – ob der Server sie "
                       "angenommen hat, zeigt sein Protokoll (Message-ID)")
        if message.last_error:
            click.echo(f"        {message.last_error}")


@mail.command("requeue")
@click.argument("message_id")
def requeue(message_id: str) -> None:
    """Reiht eine hängende oder gescheiterte E-Mail (nach ihrer Message-ID) erneut ein."""
    session = db.session()
    with one_writer(session):
        done = delivery.requeue(session, message_id)
    if not done:
        raise click.ClickException("Keine hängende oder gescheiterte E-Mail mit dieser Message-ID.")
    click.echo(f"{message_id} wird beim nächsten Lauf erneut gesendet.")


def transport() -> Transport:
    """Return the SMTP transport the settings name, or — in development without a host — files in MAIL_DIR."""
    config = current_app.config
    if config["MAIL_SMTP_HOST"]:
        return SmtpTransport(SmtpSettings(config["MAIL_SMTP_HOST"], int(config["MAIL_SMTP_PORT"]),
                                          bool(config["MAIL_SMTP_STARTTLS"]), config["MAIL_SMTP_USER"],
                                          config["MAIL_SMTP_PASSWORD"], float(config["MAIL_SMTP_TIMEOUT"])))
    if config["ENV_NAME"] == "production":
        raise click.ClickException("MAIL_SMTP_HOST ist nicht gesetzt: In Produktion werden E-Mails nur über "
                                   "SMTP zugestellt.")
    return FileTransport(Path(config["MAIL_DIR"]), click.echo)


def send_now(limit: int | None = None) -> delivery.Report:
    """Deliver what is due with the configured transport."""
    hours = int(current_app.config["MAIL_REQUEUE_AFTER_HOURS"])
    return delivery.send_due(current_app.extensions["db_sessions"], transport(), current_app.config["MAIL_FROM"],
                             limit=limit, stuck_after=timedelta(hours=hours) if hours > 0 else None)


def report_run(report: delivery.Report) -> None:
    """Print what a run sent, will try again, gave up, and put back."""
    for message_id in report.requeued:
        click.echo(f"erneut eingereiht (hing in Zustellung): {message_id}")
    for message_id in report.sent:
        click.echo(f"gesendet: {message_id}")
    for message_id, error in report.retried:
        click.echo(f"später erneut: {message_id} – {error}")
    for message_id, error in report.failed:
        click.echo(f"gescheitert: {message_id} – {error}")
    click.echo(f"E-Mails: {len(report.sent)} gesendet, {len(report.retried)} später erneut, "
               f"{len(report.failed)} gescheitert.")
    if report.stopped:
        click.echo(f"Abgebrochen: {report.stopped}", err=True)
