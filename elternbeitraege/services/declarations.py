"""The parents' declaration: saved task by task, estimated on the way, submitted once complete."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..fees import Assessment, Care, Income, assess, load_statute
from ..models import Declaration, FeeCase, IncomeItem, Proof, utcnow
from .actor import Actor
from .cases import advance, case_for
from .errors import Conflict, InvalidInput

log = logging.getLogger(__name__)

EDITABLE = ("invited", "documents_requested")
DONE, STARTED, NOT_STARTED, BLOCKED = "Erledigt", "In Bearbeitung", "Nicht begonnen", "Noch nicht möglich"


@dataclass(frozen=True)
class Task:
    key: str
    label: str
    status: str


def open_declaration(session: Session, actor: Actor, case_id: int, create: bool = False
                     ) -> tuple[FeeCase, Declaration]:
    """Return the case and its declaration; an empty one is stored only when ``create`` (never on reading)."""
    case = case_for(session, actor, case_id)
    declaration = declaration_of(session, case)
    if declaration is None:
        declaration = Declaration(case_id=case.id, income_year=case.start_date.year, child_confirmed=False,
                                  incomes_done=False, proofs_done=False)
        if create:
            session.add(declaration)
            session.flush()
    return case, declaration


def declaration_of(session: Session, case: FeeCase) -> Declaration | None:
    """Return the stored declaration of a case, if the parents have begun one."""
    return session.scalars(select(Declaration).where(Declaration.case_id == case.id)).first()


def editable(session: Session, actor: Actor, case_id: int, create: bool = False) -> tuple[FeeCase, Declaration]:
    """Return case and declaration if the parents may still change it, else raise Conflict."""
    case, declaration = open_declaration(session, actor, case_id, create)
    if case.status not in EDITABLE:
        raise Conflict("Die Erklärung wurde bereits abgesendet.")
    return case, declaration


def proofs_of(session: Session, case_id: int) -> list[Proof]:
    return list(session.scalars(select(Proof).where(Proof.case_id == case_id).order_by(Proof.id)))


def needs_mandate(declaration: Declaration) -> bool:
    """Tell whether the household pays at all and so must give a SEPA mandate."""
    return declaration.benefit in (None, "none")


def tasks(declaration: Declaration, proof_count: int) -> list[Task]:
    """Return the task list with the status of each task."""
    household = _status(declaration.lives_with is not None and _household_named(declaration),
                        declaration.lives_with is not None)
    income = _status(_income_done(declaration), declaration.benefit is not None)
    proofs = _status(declaration.proofs_done and (declaration.benefit in (None, "none") or proof_count > 0),
                     proof_count > 0)
    mandate = _status(not needs_mandate(declaration) or bool(declaration.iban and declaration.mandate_agreed_at),
                      bool(declaration.iban))
    listed = [
        Task("kind", "Angaben zum Kind prüfen", DONE if declaration.child_confirmed else NOT_STARTED),
        Task("haushalt", "Haushalt", household),
        Task("einkommen", "Einkommen und Leistungen", income),
        Task("nachweise", "Nachweise hochladen", proofs),
        Task("lastschrift", "SEPA-Lastschriftmandat", mandate),
    ]
    ready = all(task.status == DONE for task in listed)
    listed.append(Task("pruefen", "Prüfen und absenden", NOT_STARTED if ready else BLOCKED))
    return listed


def is_complete(declaration: Declaration, proof_count: int) -> bool:
    """Tell whether every task but the final check is done."""
    return all(task.status == DONE for task in tasks(declaration, proof_count)[:-1])


def _status(done: bool, started: bool) -> str:
    return DONE if done else STARTED if started else NOT_STARTED


def _household_named(declaration: Declaration) -> bool:
    return declaration.lives_with == "one" or bool(declaration.other_parent_last_name)


def _income_done(declaration: Declaration) -> bool:
    if declaration.benefit is None:
        return False
    if declaration.benefit != "none" or declaration.income_choice == "highest":
        return True
    return declaration.income_choice == "declare" and declaration.incomes_done


def household_income(declaration: Declaration | None) -> Income:
    """Return what the fee engine needs of a declaration: annual income, benefit or nothing."""
    if declaration is None or declaration.benefit is None:
        return Income()
    if declaration.benefit != "none":
        return Income(benefit=True)
    if declaration.income_choice == "highest":
        return Income(accepted_highest=True)
    if declaration.income_choice == "declare" and declaration.incomes_done:
        total = sum((item.amount for item in declaration.incomes if item.amount > 0), Decimal("0.00"))
        return Income(annual=total)
    return Income()


def estimate(case: FeeCase, declaration: Declaration | None) -> Assessment:
    """Return the fee the case would have with this declaration, month by month."""
    care = Care(case.child.birth_date, case.care_kind, case.weekly_hours, case.start_date, case.end_date)
    return assess(load_statute(case.office.statute_id), care, household_income(declaration))


def save(session: Session, actor: Actor, case_id: int, **fields) -> Declaration:
    """Save answers of one task page (explicit fields only) and commit."""
    _case, declaration = editable(session, actor, case_id, create=True)
    previous_household = declaration.lives_with
    for name, value in fields.items():
        if name not in SAVABLE:
            raise ValueError(f"not a declaration field: {name}")
        setattr(declaration, name, value)
    _drop_stale_answers(declaration, fields, previous_household)
    session.commit()
    return declaration


def _drop_stale_answers(declaration: Declaration, fields: dict, previous_household: str | None) -> None:
    """Forget answers that a changed earlier answer made wrong, so nothing stale is submitted."""
    if declaration.benefit not in (None, "none"):
        declaration.income_choice = None
    if fields.get("lives_with") == "one":
        declaration.incomes = [item for item in declaration.incomes if item.person == 1]
    elif fields.get("lives_with") == "both" and previous_household != "both":
        declaration.incomes_done = False  # the second parent's income has not been asked yet
    if "income_choice" in fields and fields["income_choice"] != "declare":
        declaration.incomes_done = False


SAVABLE = frozenset({
    "child_confirmed", "lives_with", "other_parent_first_name", "other_parent_last_name", "benefit",
    "income_choice", "income_year", "proofs_done", "account_holder", "iban",
})


def save_incomes(session: Session, actor: Actor, case_id: int, person: int, amounts: dict[str, Decimal],
                 last_person: bool) -> None:
    """Replace one parent's income items; the income task is done after the last parent."""
    _case, declaration = editable(session, actor, case_id, create=True)
    declaration.incomes = [item for item in declaration.incomes if item.person != person] + [
        IncomeItem(person=person, kind=kind, amount=amount) for kind, amount in amounts.items() if amount
    ]
    if last_person:
        declaration.incomes_done = True
    session.commit()


def agree_mandate(session: Session, actor: Actor, case_id: int, holder: str, iban: str) -> None:
    """Record the SEPA mandate with its reference."""
    case, declaration = editable(session, actor, case_id, create=True)
    if (declaration.account_holder, declaration.iban) != (holder, iban) or not declaration.mandate_agreed_at:
        declaration.mandate_agreed_at = utcnow()  # a new or changed mandate is signed now
    declaration.account_holder = holder
    declaration.iban = iban
    if not declaration.mandate_reference:
        declaration.mandate_reference = f"{case.cash_reference}-{secrets.token_hex(2).upper()}"
    session.commit()


def submit(session: Session, actor: Actor, case_id: int) -> FeeCase:
    """Submit the declaration bindingly; the case goes to the office."""
    case, declaration = editable(session, actor, case_id, create=True)
    complete = is_complete(declaration, len(proofs_of(session, case.id)))
    if not complete:
        raise InvalidInput({"declaration": "Es fehlen noch Angaben. Erledigen Sie zuerst alle Aufgaben."})
    advance(session, case, "submit", actor, declaration_complete=complete)
    declaration.submitted_at = utcnow()
    case.documents_due = None
    session.commit()
    log.info("declaration of case %s submitted by user %s", case.id, actor.user_id)
    return case
