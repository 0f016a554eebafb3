"""Errors under ``/api/`` answer as JSON ``{"errors": [{"field", "message"}]}``, never as an HTML page."""
from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

from .. import db
from ..fees import Problem
from ..services.kernel.uow import abandon

log = logging.getLogger(__name__)
API_PREFIX = "/api/"
MESSAGES = {
    400: "Die Anfrage konnte nicht verarbeitet werden.",
    404: "Diese Adresse gibt es in der Schnittstelle nicht.",
    405: "Diese Methode ist für diese Adresse nicht erlaubt.",
    413: "Die Anfrage ist zu groß.",
    429: "Zu viele Anfragen. Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.",
    500: "Es ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
}


def problems_response(problems: Iterable[Problem], status: int = 400) -> tuple[Response, int]:
    """Answer with one entry per problem."""
    return jsonify(errors=[{"field": problem.field, "message": problem.message} for problem in problems]), status


def error_response(status: int, **values: object) -> tuple[Response, int]:
    """Answer with the German message of a status; the error concerns the whole request (``field`` empty)."""
    message = MESSAGES.get(status, MESSAGES[400]).format(**values)
    return problems_response([Problem("", message)], status)


def too_many_requests(retry_after: int) -> tuple[Response, int]:
    """Answer 429 with the seconds to wait, in the message and in ``Retry-After``."""
    response, status = error_response(429, seconds=retry_after)
    response.headers["Retry-After"] = str(retry_after)
    return response, status


def http_error(error: HTTPException) -> Response | tuple[Response, int] | HTTPException:
    """Answer an HTTP error raised in an API view (or by routing under /api/) as JSON."""
    if error.code is None or error.code < 400:
        return error
    response, status = error_response(error.code)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    return response, status


def unexpected_error(_error: Exception) -> tuple[Response, int]:
    """Log a bug with its traceback and answer a bare JSON 500."""
    log.exception("unexpected error on %s %s", request.method, request.path)
    abandon(db.session())
    return error_response(500)


def routing_error() -> Response | tuple[Response, int] | HTTPException | None:
    """Answer an unknown address or method under /api/ as JSON (routing errors reach no blueprint handler)."""
    error = request.routing_exception
    if isinstance(error, HTTPException) and request.path.startswith(API_PREFIX):
        return http_error(error)
    return None
