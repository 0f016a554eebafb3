"""Mails to parents: each act writes its mail in its own transaction; none carries an amount, income or the notice."""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import FeeCase, OutboxMessage
from elternbeitraege.services.assessment import review
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.helpers import access_code_in
from tests.web.steps import PARENT_PASSWORD, clerk_actor, document_bytes, register, report

TODAY = date(2025, 7, 1)
PARENT = "julia@beispiel.example"
AMOUNTS = re.compile(r"€|EUR|\d+,\d\d|52\.000")


def mails(app, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session().scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                         .order_by(OutboxMessage.id)))


def no_amounts(message: OutboxMessage) -> None:
    for body in (message.subject, message.text_body, message.html_body):
        assert not AMOUNTS.search(body), body
    assert "Jugendamt Musterstadt" in message.text_body and "Jugendamt Musterstadt" in message.html_body
    assert "http" in message.text_body


def test_the_submitted_declaration_tells_the_parents_it_arrived_and_registration_confirmed(app, submitted_case):
    [confirmed] = mails(app, "registration_confirmed")
    [received] = mails(app, "declaration_received")
    assert confirmed.to_address == received.to_address == PARENT
    for message in (confirmed, received):
        no_amounts(message)
    assert "/eltern/" in received.text_body


def test_registering_an_address_that_has_an_account_mails_its_holder_and_answers_alike(app, demo, login):
    first = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"))
    second = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"), child_first_name="Paul")
    answer_new = register(app.test_client(), access_code_in(document_bytes(app, first.id, "invitation")))
    answer_taken = app.test_client().post("/registrieren", data={
        "code": access_code_in(document_bytes(app, second.id, "invitation")), "email": PARENT,
        "password": PARENT_PASSWORD, "password_repeat": PARENT_PASSWORD})
    assert (answer_new.status_code, answer_new.headers.get("Location")) == (
        answer_taken.status_code, answer_taken.headers.get("Location"))
    [attempt] = mails(app, "registration_attempt")
    assert attempt.to_address == PARENT and "kein zweites" in attempt.text_body
    no_amounts(attempt)
    assert len(mails(app, "registration_confirmed")) == 1


def test_asking_for_proofs_mails_the_deadline(app, submitted_case):
    deadline = TODAY + timedelta(days=14)
    with app.app_context():
        session = db.session()
        version = session.get(FeeCase, submitted_case).version
        review.request_documents(UnitOfWork(session, TODAY, "https://eltern.example"), clerk_actor(session),
                                 submitted_case, version, deadline, "Bitte die Lohnabrechnungen.")
    [message] = mails(app, "proofs_requested")
    assert f"{deadline:%d.%m.%Y}" in message.text_body and "https://eltern.example/eltern/" in message.text_body
    assert "Lohnabrechnungen" not in message.text_body  # the clerk's words stay in the portal
    no_amounts(message)


def test_a_new_notice_is_announced_without_the_notice_or_its_amounts(app, submitted_case):
    with app.app_context():
        session = db.session()
        version = session.get(FeeCase, submitted_case).version
        review.approve(UnitOfWork(session, TODAY, "https://eltern.example"), clerk_actor(session), submitted_case,
                       version, final=False, comment="")
    [message] = mails(app, "notice_issued")
    assert message.to_address == PARENT and "https://eltern.example/eltern/" in message.text_body
    no_amounts(message)


def test_the_reminder_job_mails_the_household_accounts(app, demo, login):
    case = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"))
    register(app.test_client(), access_code_in(document_bytes(app, case.id, "invitation")))
    app.test_cli_runner().invoke(args=["jobs", "run-due", "--date", (TODAY + timedelta(days=29)).isoformat()])
    reminders = mails(app, "declaration_reminder")
    assert [m.to_address for m in reminders] == [PARENT]
    no_amounts(reminders[0])
    assert reminders[0].state == "sent"  # run-due delivered it too (to the development folder)
