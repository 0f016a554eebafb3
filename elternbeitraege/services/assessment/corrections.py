"""The clerk's correction of a declared income figure: the figure the fee rests on, with its reason.

Parents declare the income they expect; the clerk checks it against the proofs (a tax assessment,
payslips, higher work-related expenses than the lump sum) and corrects a single figure with a
reason. The parents' figure stays beside the corrected one, the fee follows the corrected one,
every correction is kept (who, when, before, after, why), and the parents see the figure and why.
A correction is an act of the review: only while the clerk reviews the case, never once a final
notice has settled it, and only on the version of the case the clerk saw.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger

from ...fees import format_euro
from ...models import Benefit, Declaration, FeeCase, IncomeChoice, IncomeCorrection, IncomeItem, User, utcnow
from ...models.declaration import INCOME_KINDS
from ..accounts.users import normal_email
from ..cases.moves import actions, move
from ..declarations.answers import counted_amount, declaration_of
from ..kernel.actor import Actor
from ..kernel.errors import Conflict, InvalidInput, NotFound
from ..kernel.labels import INCOME_KIND_LABELS
from ..kernel.scope import case_for, visible_cases
from ..kernel.uow import CHANGED_MEANWHILE, UnitOfWork

log = logging.getLogger(__name__)

TRIGGER = Trigger.CORRECT_INCOME
MAX_AMOUNT = Decimal("99999999")
MAX_REASON = 2000
NOTHING_DECLARED = ("Die Eltern haben kein Einkommen erklärt (Höchstbeitrag oder Sozialleistung). Es gibt kein "
                    "Einkommen zu korrigieren.")
SETTLED_FINALLY = "Der Beitrag ist endgültig festgesetzt. Das Einkommen lässt sich nicht mehr korrigieren."
NOT_IN_REVIEW = "Das Einkommen lässt sich nur korrigieren, solange der Fall in Prüfung ist."
NOT_ALLOWED = ("Das Einkommen lässt sich nur korrigieren, solange der Fall in Prüfung ist, die Eltern Einkommen "
               "erklärt haben und der Beitrag nicht endgültig festgesetzt ist.")


@dataclass(frozen=True)
class Correction:
    """What the clerk (or an operator) asks: which parent's income of which kind, the new figure, why."""

    person: int
    kind: str
    amount: Decimal
    reason: str


@dataclass(frozen=True)
class IncomeRow:
    """One income of one parent as declared and as counted (equal unless the office corrected it)."""

    person: int
    person_name: str
    kind: str
    declared: Decimal
    counted: Decimal
    reason: str | None  # why the office corrected it; None: not corrected

    @property
    def key(self) -> str:
        return f"{self.person}-{self.kind}"

    @property
    def label(self) -> str:
        return f"{self.person_name} – {kind_label(self.kind)}"

    @property
    def corrected(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class CorrectionView:
    case: FeeCase
    rows: list[IncomeRow]
    history: list[IncomeCorrection]
    users: dict[int, str]
    allowed: bool  # the clerk may correct now


def kind_label(kind: str) -> str:
    """Return the short German name of an income kind (without the examples in brackets)."""
    return INCOME_KIND_LABELS[kind].split(" (")[0]


def person_names(case: FeeCase, declaration: Declaration) -> dict[int, str]:
    """Return the parents whose income counts, by their number in the declaration."""
    names = {1: case.household.parent_names[0]}
    if declaration.lives_with == "both":
        names[2] = f"{declaration.other_parent_first_name or ''} {declaration.other_parent_last_name or ''}".strip()
    return names


def declared_income(declaration: Declaration | None) -> bool:
    """Tell whether the parents declared income items (not the highest fee, not a benefit)."""
    return (declaration is not None and declaration.benefit == Benefit.NONE
            and declaration.income_choice == IncomeChoice.DECLARE and declaration.incomes_done)


def income_rows(case: FeeCase, declaration: Declaration, every_kind: bool = False) -> list[IncomeRow]:
    """Return each parent's incomes as declared and counted; ``every_kind``: also the kinds declared as none."""
    items = {(item.person, item.kind): item for item in declaration.incomes}
    rows = []
    for person, name in person_names(case, declaration).items():
        for kind in INCOME_KINDS:
            item = items.get((person, kind))
            if item is None and not every_kind:
                continue
            declared = item.amount if item else Decimal("0.00")
            rows.append(IncomeRow(person, name, kind, declared, counted_amount(item) if item else declared,
                                  item.correction_reason if item else None))
    return rows


def corrected_rows(case: FeeCase, declaration: Declaration | None) -> list[IncomeRow]:
    """Return the incomes the office counts otherwise than the parents declared them, with the reason."""
    if not declared_income(declaration):
        return []
    return [row for row in income_rows(case, declaration) if row.corrected]


def may_correct(case: FeeCase, actor: Actor, declaration: Declaration | None, today: date) -> bool:
    """Tell whether the actor may correct the declared income of the case now."""
    return declared_income(declaration) and TRIGGER in actions(case, actor, today)


def correction_view(session: Session, actor: Actor, case_id: int, today: date) -> CorrectionView:
    """Return the case's incomes of every kind, the corrections made so far, and whether one may be made now."""
    case = case_for(session, actor, case_id)
    declaration = declaration_of(session, case)
    if declaration is None or not declaration.submitted_at:
        return CorrectionView(case, [], [], {}, False)
    history = list(declaration.corrections)
    rows = income_rows(case, declaration, every_kind=True) if declared_income(declaration) else []
    return CorrectionView(case, rows, history, _names_of(session, history),
                          may_correct(case, actor, declaration, today))


def _names_of(session: Session, history: list[IncomeCorrection]) -> dict[int, str]:
    ids = {correction.created_by_id for correction in history if correction.created_by_id}
    return {user.id: user.display_name for user in session.scalars(select(User).where(User.id.in_(ids)))}


def clerk_by_email(session: Session, email: str) -> Actor:
    """Return the clerk with this e-mail address as an actor (for operators acting in a clerk's name)."""
    user = session.scalars(select(User).where(User.email == normal_email(email), User.role == "clerk")).first()
    if user is None:
        raise NotFound(email)
    return Actor.of(user)


def case_by_file_number(session: Session, actor: Actor, file_number: str) -> FeeCase:
    """Return the case with this file number among those the actor may see, or raise NotFound."""
    case = session.scalars(visible_cases(actor).where(FeeCase.file_number == file_number.strip())).first()
    if case is None:
        raise NotFound(file_number)
    return case


def correct_income(uow: UnitOfWork, actor: Actor, case_id: int, version: int,
                   correction: Correction) -> IncomeCorrection:
    """Correct one declared income figure with a reason, record before and after, and commit."""
    session, today = uow.session, uow.today
    case = case_for(session, actor, case_id)
    declaration = declaration_of(session, case)
    if not declared_income(declaration):
        raise Conflict(NOTHING_DECLARED)
    reason = correction.reason.strip()
    _check(case, declaration, correction, reason)
    if case.version != version:
        raise Conflict(CHANGED_MEANWHILE)
    if case.assessment_kind == "final":
        raise Conflict(SETTLED_FINALLY)
    if case.status != CaseState.IN_REVIEW:
        raise Conflict(NOT_IN_REVIEW)
    with uow.writing():
        record = _apply(session, case, declaration, actor, correction, reason, today)
    log.info("case %s: income %s of parent %s corrected by user %s", case.id, correction.kind, correction.person,
             actor.user_id)
    return record


def _check(case: FeeCase, declaration: Declaration, correction: Correction, reason: str) -> None:
    """Refuse input that cannot be used, every problem at once, each beside its field."""
    errors = {}
    if correction.person not in person_names(case, declaration) or correction.kind not in INCOME_KINDS:
        errors["item"] = "Wählen Sie aus, welches Einkommen welches Elternteils Sie korrigieren."
    if correction.amount < 0:
        errors["amount"] = "Geben Sie den berichtigten Betrag in Euro an, z. B. 41.000,00 – ohne Minuszeichen."
    elif correction.amount > MAX_AMOUNT:
        errors["amount"] = "Der Betrag ist zu hoch. Geben Sie höchstens 99.999.999 € an."
    elif "item" not in errors and correction.amount == _counted(declaration, correction):
        errors["amount"] = (f"Es gilt schon {format_euro(correction.amount)}. Geben Sie den berichtigten Betrag an, "
                            "der stattdessen gelten soll.")
    if not reason:
        errors["reason"] = "Schreiben Sie, warum Sie das Einkommen korrigieren (z. B. laut Steuerbescheid)."
    elif len(reason) > MAX_REASON:
        errors["reason"] = f"Schreiben Sie höchstens {MAX_REASON} Zeichen."
    if errors:
        raise InvalidInput(errors)


def _item(declaration: Declaration, person: int, kind: str) -> IncomeItem | None:
    return next((item for item in declaration.incomes if (item.person, item.kind) == (person, kind)), None)


def _counted(declaration: Declaration, correction: Correction) -> Decimal:
    item = _item(declaration, correction.person, correction.kind)
    return counted_amount(item) if item else Decimal("0.00")


def _apply(session: Session, case: FeeCase, declaration: Declaration, actor: Actor, correction: Correction,
           reason: str, today: date) -> IncomeCorrection:
    item = _item(declaration, correction.person, correction.kind)
    if item is None:  # declared as none: the office found an income of this kind
        item = IncomeItem(person=correction.person, kind=correction.kind, amount=Decimal("0.00"))
        declaration.incomes.append(item)
    before = counted_amount(item)
    back_to_declared = correction.amount == item.amount
    move(session, case, TRIGGER, actor, today, comment=history_text(case, declaration, correction, before, reason))
    item.corrected_amount = None if back_to_declared else correction.amount
    item.correction_reason = None if back_to_declared else reason
    record = IncomeCorrection(person=correction.person, kind=correction.kind, declared=item.amount,
                              amount_before=before, amount_after=correction.amount, reason=reason,
                              created_by_id=actor.user_id)
    declaration.corrections.append(record)
    case.updated_at = utcnow()  # a new version: an approval or another correction on the old one is refused
    session.flush()
    return record


def history_text(case: FeeCase, declaration: Declaration, correction: Correction, before: Decimal,
                 reason: str) -> str:
    """Say in the case's history what was corrected, from what to what, and why."""
    name = person_names(case, declaration)[correction.person]
    return (f"{name} – {kind_label(correction.kind)}: {format_euro(before)} → {format_euro(correction.amount)}. "
            f"Grund: {reason}")
