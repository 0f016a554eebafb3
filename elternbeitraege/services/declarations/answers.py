"""The parents' declaration: saved task by task, estimated on the way, submitted once complete."""
from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workflows import Trigger
from workflows.definition import DECLARING

from ... import fees
from ...fees import Month
from ...fees.household import HouseholdIncome
from ...models import Benefit, Declaration, FeeCase, IncomeChoice, IncomeItem, Proof, utcnow
from ..cases.moves import move
from ..kernel.actor import Actor
from ..kernel.errors import Conflict, InvalidInput
from ..kernel.scope import case_for
from ..kernel.uow import UnitOfWork, abandon
from ..mail import parents as parent_mail

log = logging.getLogger(__name__)

EDITABLE = DECLARING


class TaskStatus(StrEnum):
    """How far the parents are with one task of their declaration; ``label`` is what they read."""

    DONE = "done"
    STARTED = "started"
    NOT_STARTED = "not_started"
    BLOCKED = "blocked"  # the final check, until every other task is done

    @property
    def label(self) -> str:
        return TASK_STATUS_LABELS[self]


TASK_STATUS_LABELS = {TaskStatus.DONE: "Erledigt", TaskStatus.STARTED: "In Bearbeitung",
                      TaskStatus.NOT_STARTED: "Nicht begonnen", TaskStatus.BLOCKED: "Noch nicht möglich"}


@dataclass(frozen=True)
class Task:
    key: str  # the endpoint of the task's page in the parents' blueprint
    label: str
    status: TaskStatus


def open_declaration(session: Session, actor: Actor, case_id: int, create: bool = False
                     ) -> tuple[FeeCase, Declaration]:
    """Return the case and its declaration; an empty one is stored only when ``create`` (never on reading)."""
    case = case_for(session, actor, case_id)
    declaration = declaration_of(session, case)
    if declaration is None:
        declaration = Declaration(case=case, case_id=case.id, income_year=case.start_date.year, child_confirmed=False,
                                  incomes_done=False, proofs_done=False)
        if create:
            return _created(session, actor, case, declaration)
    return case, declaration


def _created(session: Session, actor: Actor, case: FeeCase, declaration: Declaration
             ) -> tuple[FeeCase, Declaration]:
    """Store a first declaration; if another click or tab stored it a moment ago, go on with that one."""
    session.add(declaration)
    try:
        session.flush()
    except IntegrityError:
        abandon(session)  # nothing else was written yet: the write begins with its declaration
        log.info("case %s: the declaration was begun at the same moment elsewhere", case.id)
        case = case_for(session, actor, case.id)
        stored = declaration_of(session, case)
        if stored is None:
            raise
        return case, stored
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


def still_open(session: Session, actor: Actor, case_id: int) -> bool:
    """Tell whether the parents may still change the declaration of a case they see."""
    return case_for(session, actor, case_id).status in EDITABLE


def was_sent(session: Session, actor: Actor, case_id: int) -> bool:
    """Tell whether the parents have sent the declaration of a case they see."""
    declaration = declaration_of(session, case_for(session, actor, case_id))
    return declaration is not None and declaration.submitted_at is not None


def proofs_of(session: Session, case_id: int) -> list[Proof]:
    return list(session.scalars(select(Proof).where(Proof.case_id == case_id).order_by(Proof.id)))


def needs_mandate(declaration: Declaration) -> bool:
    """Tell whether the household pays at all and so must give a SEPA mandate."""
    return declaration.benefit in (None, Benefit.NONE) or not benefit_covers_care(declaration)


def tasks(declaration: Declaration, proof_count: int) -> list[Task]:
    """Return the task list with the status of each task."""
    household = _status(declaration.lives_with is not None and _household_named(declaration),
                        declaration.lives_with is not None)
    income = _status(_income_done(declaration), declaration.benefit is not None)
    proofs = _status(declaration.proofs_done and (declaration.benefit in (None, Benefit.NONE) or proof_count > 0),
                     proof_count > 0)
    mandate = _status(not needs_mandate(declaration) or bool(declaration.iban and declaration.mandate_agreed_at),
                      bool(declaration.iban))
    listed = [
        Task("child", "Angaben zum Kind prüfen", _status(declaration.child_confirmed, False)),
        Task("household", "Haushalt", household),
        Task("income", "Einkommen und Leistungen", income),
        Task("proofs", "Nachweise hochladen", proofs),
        Task("mandate", "SEPA-Lastschriftmandat", mandate),
    ]
    ready = all(task.status == TaskStatus.DONE for task in listed)
    listed.append(Task("check", "Prüfen und absenden", TaskStatus.NOT_STARTED if ready else TaskStatus.BLOCKED))
    return listed


def is_complete(declaration: Declaration, proof_count: int) -> bool:
    """Tell whether every task but the final check is done."""
    return all(task.status == TaskStatus.DONE for task in tasks(declaration, proof_count)[:-1])


def _status(done: bool, started: bool) -> TaskStatus:
    return TaskStatus.DONE if done else TaskStatus.STARTED if started else TaskStatus.NOT_STARTED


def _household_named(declaration: Declaration) -> bool:
    return declaration.lives_with == "one" or bool(declaration.other_parent_last_name)


def _income_done(declaration: Declaration) -> bool:
    if declaration.benefit is None:
        return False
    if benefit_covers_care(declaration) or declaration.income_choice == IncomeChoice.HIGHEST:
        return True
    return declaration.income_choice == IncomeChoice.DECLARE and declaration.incomes_done


def income_missing(declaration: Declaration) -> bool:
    """Tell whether the parents still have to declare their income (or accept the highest fee)."""
    return asks_income(declaration) and not _income_done(declaration)


# The engine's kind for each kind the parents' income page asks for (a yearly amount per parent).
ENGINE_INCOME_KINDS = {
    # The page asks for the gross wage (Bruttoarbeitslohn, as on the payslip): parents know it, and the engine
    # deducts the work-related expenses the statute allows (the 1,230 € lump sum) — asking for the amount after
    # expenses made parents do tax arithmetic and would have the lump sum deducted twice.
    "employment": "employment",
    "self_employment": "self_employment",  # the profit; the page asks for 0 in a year with a loss
    # The page asks only for the part that counts (parental allowance above 300 € a month, 150 € for
    # ElterngeldPlus; unemployment benefit and sick pay in full), so it counts as it is, like other income.
    "income_replacement": "other",
    "other": "other",
}


def approval_facts(declaration: Declaration | None, proof_count: int) -> dict[str, object]:
    """Return what the approval's guards read of the declaration: complete (or the highest fee accepted), proofs."""
    highest = accepted_highest(declaration)
    complete = declaration is not None and is_complete(declaration, proof_count)
    return {"declaration_complete": complete or highest, "proof_count": proof_count, "highest_accepted": highest}


def accepted_highest(declaration: Declaration | None) -> bool:
    """Tell whether the parents accepted the highest fee instead of declaring their income."""
    return (declaration is not None and declaration.benefit == Benefit.NONE
            and declaration.income_choice == IncomeChoice.HIGHEST)


def receives_benefit(declaration: Declaration | None) -> bool:
    """Tell whether the household declared a benefit that frees it from the fee."""
    return declaration is not None and declaration.benefit not in (None, Benefit.NONE)


def benefit_covers_care(declaration: Declaration | None) -> bool:
    """Tell whether the declared benefit covers every month of care, so that no income is asked."""
    if not receives_benefit(declaration):
        return False
    case = declaration.case
    starts = declaration.benefit_from is None or declaration.benefit_from <= case.start_date
    ends = declaration.benefit_until is None or (
        case.end_date is not None and declaration.benefit_until >= case.end_date.replace(day=1))
    return starts and ends


def asks_income(declaration: Declaration) -> bool:
    """Tell whether the parents declare their income: without a benefit, or for the months their benefit leaves."""
    return declaration.benefit == Benefit.NONE or (
        receives_benefit(declaration) and not benefit_covers_care(declaration))


def declares_income(declaration: Declaration | None) -> bool:
    """Tell whether the parents were asked for their income and declared it item by item."""
    return (declaration is not None and asks_income(declaration) and declaration.income_choice == IncomeChoice.DECLARE
            and declaration.incomes_done)


def highest_chosen(declaration: Declaration | None) -> bool:
    """Tell whether the parents, asked for their income (perhaps for some months only), chose the highest fee."""
    return declaration is not None and asks_income(declaration) and declaration.income_choice == IncomeChoice.HIGHEST


def benefit_periods(declaration: Declaration | None, first: Month, last: Month) -> tuple[fees.BenefitPeriod, ...]:
    """Return the months from ``first`` to ``last`` the declared benefit covers, for the engine."""
    if not receives_benefit(declaration):
        return ()
    begin = first if declaration.benefit_from is None else max(first, Month.of(declaration.benefit_from))
    end = last if declaration.benefit_until is None else min(last, Month.of(declaration.benefit_until))
    return (fees.BenefitPeriod(begin, end),) if begin <= end else ()


def benefit_period_text(declaration: Declaration | None) -> str:
    """Describe in words the months the declared benefit covers ("" without a benefit)."""
    if not receives_benefit(declaration):
        return ""
    if declaration.benefit_from is None:
        return "für alle Monate der Betreuung"
    begin = Month.of(declaration.benefit_from).label()
    if declaration.benefit_until is None:
        return f"ab {begin} bis auf Weiteres"
    return f"von {begin} bis {Month.of(declaration.benefit_until).label()}"


def household_income(declaration: Declaration | None, years: range) -> HouseholdIncome:
    """Return the household's income for the engine in these calendar years: items, the highest fee, or nothing."""
    if declaration is None or declaration.benefit is None or benefit_covers_care(declaration):
        return fees.Undeclared()  # undeclared, or a benefit in every month: they cost nothing anyway
    if declaration.income_choice == IncomeChoice.HIGHEST:
        return fees.AcceptedHighest()
    if declaration.income_choice == IncomeChoice.DECLARE and declaration.incomes_done:
        # The declaration states the expected annual income (of ``income_year``); until proofs show the
        # income of each year, it stands for every calendar year the assessment touches.
        return fees.IncomeItems(tuple(
            fees.IncomeItem(person=item.person, kind=ENGINE_INCOME_KINDS[item.kind], year=year,
                            amount=counted_amount(item))
            for item in declaration.incomes for year in years
        ))
    return fees.Undeclared()


def counted_amount(item: IncomeItem) -> Decimal:
    """Return the figure the fee rests on: the office's corrected one where it corrected the parents' one."""
    return item.amount if item.corrected_amount is None else item.corrected_amount


@contextmanager
def writing(uow: UnitOfWork, actor: Actor, case_id: int) -> Iterator[tuple[FeeCase, Declaration]]:
    """Change the declaration of a case still open, and commit; a submission or act meanwhile is a Conflict.

    The case's version goes up with every change of its declaration, so a change and a submission (or
    a clerk's act) that meet cannot both be kept: the later one is told, and nothing of it is stored.
    """
    with uow.writing():
        case, declaration = editable(uow.session, actor, case_id, create=True)
        yield case, declaration
        case.updated_at = utcnow()


def save(uow: UnitOfWork, actor: Actor, case_id: int, **fields) -> Declaration:
    """Save answers of one task page (explicit fields only) and commit."""
    unknown = set(fields) - SAVABLE
    if unknown:
        raise ValueError(f"not a declaration field: {sorted(unknown)}")
    with writing(uow, actor, case_id) as (_case, declaration):
        previous_household = declaration.lives_with
        for name, value in fields.items():
            setattr(declaration, name, value)
        _drop_stale_answers(declaration, fields, previous_household)
    return declaration


def _drop_stale_answers(declaration: Declaration, fields: dict, previous_household: str | None) -> None:
    """Forget answers that a changed earlier answer made wrong, so nothing stale is submitted."""
    if benefit_covers_care(declaration):
        declaration.income_choice = None
    if not receives_benefit(declaration):
        declaration.benefit_from = declaration.benefit_until = None
    if fields.get("lives_with") == "one":
        declaration.incomes = [item for item in declaration.incomes if item.person == 1]
    elif fields.get("lives_with") == "both" and previous_household != "both":
        declaration.incomes_done = False  # the second parent's income has not been asked yet
    if "income_choice" in fields and fields["income_choice"] != IncomeChoice.DECLARE:
        declaration.incomes_done = False


SAVABLE = frozenset({
    "child_confirmed", "lives_with", "other_parent_first_name", "other_parent_last_name", "benefit",
    "benefit_from", "benefit_until",
    "income_choice", "income_year", "proofs_done", "account_holder", "iban",
})


def save_incomes(uow: UnitOfWork, actor: Actor, case_id: int, person: int, amounts: dict[str, Decimal],
                 last_person: bool) -> None:
    """Replace one parent's income items; the income task is done after the last parent."""
    with writing(uow, actor, case_id) as (_case, declaration):
        saved = {item.kind: item for item in declaration.incomes if item.person == person}
        declaration.incomes = [item for item in declaration.incomes if item.person != person] + [
            saved[kind] if _corrected_as_declared(saved.get(kind), amount)
            else IncomeItem(person=person, kind=kind, amount=amount)
            for kind, amount in amounts.items() if amount or _corrected_as_declared(saved.get(kind), amount)
        ]
        if last_person:
            declaration.incomes_done = True


def _corrected_as_declared(item: IncomeItem | None, amount: Decimal) -> bool:
    """Tell whether the office corrected this figure and the parents declare it unchanged: the correction stays."""
    return item is not None and item.corrected_amount is not None and item.amount == amount


def agree_mandate(uow: UnitOfWork, actor: Actor, case_id: int, holder: str, iban: str) -> None:
    """Record the SEPA mandate with its reference."""
    with writing(uow, actor, case_id) as (case, declaration):
        if (declaration.account_holder, declaration.iban) != (holder, iban) or not declaration.mandate_agreed_at:
            declaration.mandate_agreed_at = utcnow()  # a new or changed mandate is signed now
        declaration.account_holder = holder
        declaration.iban = iban
        if not declaration.mandate_reference:
            declaration.mandate_reference = f"{case.cash_reference}-{secrets.token_hex(2).upper()}"


def submit(uow: UnitOfWork, actor: Actor, case_id: int) -> FeeCase:
    """Submit the declaration bindingly; the case goes to the office. A second click is a Conflict."""
    session, today = uow.session, uow.today
    with writing(uow, actor, case_id) as (case, declaration):
        complete = is_complete(declaration, len(proofs_of(session, case.id)))
        if not complete:
            raise InvalidInput({"declaration": "Es fehlen noch Angaben. Erledigen Sie zuerst alle Aufgaben."})
        move(session, case, Trigger.SUBMIT, actor, today, declaration_complete=complete)
        declaration.submitted_at = utcnow()
        parent_mail.declaration_received(session, case, uow.public_url)
    log.info("declaration of case %s submitted by user %s", case.id, actor.user_id)
    return case


def accept_highest(uow: UnitOfWork, actor: Actor, case_id: int) -> FeeCase:
    """Accept the highest fee instead of declaring income: no income, no proofs needed; the office sets it."""
    session, today = uow.session, uow.today
    with writing(uow, actor, case_id) as (case, declaration):
        declaration.benefit = Benefit.NONE
        declaration.benefit_from = declaration.benefit_until = None
        declaration.income_choice = IncomeChoice.HIGHEST
        declaration.incomes = []
        declaration.incomes_done = False
        move(session, case, Trigger.ACCEPT_HIGHEST, actor, today)
        declaration.submitted_at = utcnow()
        parent_mail.declaration_received(session, case, uow.public_url)
    log.info("case %s: highest fee accepted by user %s", case.id, actor.user_id)
    return case
