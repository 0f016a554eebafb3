"""A case read once: the case with its declaration, proofs, latest assessment, siblings and statute book.

Deciding, issuing and the clerk's review page take one :class:`CaseFile` instead of querying the same
facts again in every step. It is read at the start of an act; what the act then writes (a new record, a
move) is the act's own, and the next act reads a new file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy.orm import Session

from ...fees import ChildAssessment, StatuteBook
from ...models import AssessmentRecord, Declaration, FeeCase, Proof
from ..declarations.answers import declaration_of, proofs_of
from ..office.statutes import statute_book
from .fee_input import assess, latest_record, siblings

UNREAD = object()  # read_case_file reads the declaration unless one is given


@dataclass(frozen=True)
class CaseFile:
    """What deciding on a case reads of it, read once."""

    case: FeeCase
    declaration: Declaration | None
    proofs: tuple[Proof, ...]
    latest_record: AssessmentRecord | None  # the assessment the notice in force rests on
    siblings: tuple[FeeCase, ...]  # the household's other cases in care, assessed together with this one
    book: StatuteBook  # the statutes the case's office applies


def read_case_file(session: Session, case: FeeCase, declaration: Declaration | None | object = UNREAD) -> CaseFile:
    """Read a case's file; a declaration already in hand is taken as it is."""
    declared = declaration_of(session, case) if declaration is UNREAD else cast(Declaration | None, declaration)
    return CaseFile(case, declared, tuple(proofs_of(session, case.id)), latest_record(session, case),
                    tuple(siblings(session, case)), statute_book(session, case.office))


def assessment_of(session: Session, case: FeeCase, declaration: Declaration | None,
                  highest: bool = False) -> ChildAssessment:
    """Return the binding fee of a case with the given declaration (see :func:`fee_input.assess`)."""
    return assess(read_case_file(session, case, declaration), highest)
