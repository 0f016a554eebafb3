"""The clerk's review: take a submitted case up, ask for proofs with a deadline the office allows, or set the fee."""
from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.orm import Session

from workflows import Trigger

from ...models import FeeCase, User
from ..cases.moves import move
from ..declarations.answers import approval_facts
from ..kernel.actor import Actor
from ..kernel.errors import Conflict, InvalidInput
from ..kernel.scope import case_for
from ..kernel.uow import CHANGED_MEANWHILE, UnitOfWork
from ..mail import parents as parent_mail
from ..notices import letters
from ..office.bounds import deadline_problem
from .case_file import read_case_file
from .decisions import Decision, settle

log = logging.getLogger(__name__)

def case_at_version(session: Session, actor: Actor, case_id: int, version: int) -> FeeCase:
    """Return the case if it is still the version the actor saw, else raise Conflict."""
    case = case_for(session, actor, case_id)
    if case.version != version:
        raise Conflict(CHANGED_MEANWHILE)
    return case


def start_review(uow: UnitOfWork, actor: Actor, case_id: int, version: int) -> FeeCase:
    """Take a submitted declaration up for checking."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    with uow.writing():
        move(session, case, Trigger.START_REVIEW, actor, today)
    return case


def request_documents(uow: UnitOfWork, actor: Actor, case_id: int, version: int, deadline: date,
                      message: str) -> FeeCase:
    """Ask the parents for proofs by a deadline, by letter and in the portal; the case waits for them."""
    session, today, public_url = uow.session, uow.today, uow.public_url
    case = case_at_version(session, actor, case_id, version)
    problem = deadline_problem(case.office, deadline, today)
    if problem:
        raise InvalidInput({"deadline": problem})
    with uow.writing():
        case.documents_due = deadline
        case.documents_message = message
        move(session, case, Trigger.REQUEST_DOCUMENTS, actor, today, comment=message, deadline=deadline)
        store_proof_request(session, case, actor, today, public_url)
    log.info("case %s: proofs requested by user %s until %s", case.id, actor.user_id, deadline)
    return case


def store_proof_request(session: Session, case: FeeCase, actor: Actor, today: date, public_url: str) -> None:
    """Render and keep the letter asking for proofs, and tell the household by e-mail (with the deadline)."""
    clerk = session.get(User, actor.user_id) if actor.user_id else None
    content = letters.proof_request(case, public_url,
                                    clerk.display_name if clerk else None, today)
    letters.store(session, case, "proof_request", content, f"Nachweisanforderung-{case.file_number}.pdf", today)
    parent_mail.proofs_requested(session, case, public_url)


def approve(uow: UnitOfWork, actor: Actor, case_id: int, version: int, final: bool, comment: str) -> FeeCase:
    """Set the fee, store the notice once, and notify the facility — all in one transaction."""
    session, today = uow.session, uow.today
    case = case_at_version(session, actor, case_id, version)
    with uow.writing():
        file = read_case_file(session, case)
        facts = approval_facts(file.declaration, len(file.proofs))
        settle(session, file, actor, Decision(Trigger.APPROVE, final, comment or None), today, uow.public_url,
               final=final, **facts)
    log.info("case %s approved (%s) by user %s", case.id, "final" if final else "provisional", actor.user_id)
    return case
