"""Fee estimates for anyone: read a request strictly, assess it with the fee engine, answer as JSON."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from ...fees import HouseholdError, Statute, assess_household
from ..office import statutes
from .render import describe_statute, german_euro, money, render
from .request import EstimateError, decode_json, parse_request

__all__ = ["EstimateError", "decode_json", "describe_statute", "estimate", "german_euro", "money", "parse_request",
           "render", "statute_list"]


def estimate(session: Session | Callable[[], Session], data: object) -> dict:
    """Return the answer to an estimate request; raise EstimateError naming every problem of the request.

    ``session`` may be a function that opens one: a shipped statute needs no database.
    """
    def lookup(wanted: str) -> Statute | None:
        found = statutes.shipped_by_id(wanted)
        return found or statutes.statute_by_id(session if isinstance(session, Session) else session(), wanted)

    statute, household, first, last = parse_request(data, lookup)
    try:
        assessment = assess_household(statute, household, first, last)
    except HouseholdError as error:
        raise EstimateError(error.problems) from error
    return render(assessment, statute)


def statute_list(session: Session) -> dict:
    """Return every known statute with its validity and care kinds."""
    return {"statutes": [describe_statute(statute) for statute in statutes.all_statutes(session)]}
