"""The public API, version 1: fee estimates for anyone (no login, no CSRF token) and the statutes to ask about.

No CORS headers: the parents' form calls the API from the same origin; other sites' scripts get no answer
they may read. Requests are limited per client address (``ESTIMATE_RATE_LIMIT``); see ``ratelimit``.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable

from flask import Blueprint, Response, current_app, jsonify, request
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import RequestEntityTooLarge

from .. import db
from ..fees import Problem
from ..ratelimit import RateLimiter, parse_rate
from ..services import estimates
from ..services.estimates import EstimateError
from ..web import csrf
from .errors import problems_response, too_many_requests

MAX_BODY_BYTES = 64 * 1024
LIMITER = "estimate_rate_limiter"

bp = Blueprint("v1", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookie-based login here, so nothing a forged request could abuse


@bp.record_once
def _attach_limiter(state: BlueprintSetupState) -> None:
    rate = parse_rate(state.app.config["ESTIMATE_RATE_LIMIT"])
    state.app.extensions[LIMITER] = RateLimiter(rate) if rate else None


def rate_limited(view: Callable) -> Callable:
    """Refuse a client's requests beyond the configured rate with 429."""
    @functools.wraps(view)
    def limited(*args, **kwargs):
        limiter: RateLimiter | None = current_app.extensions.get(LIMITER)
        if limiter is not None:
            decision = limiter.hit(request.remote_addr or "unbekannt")
            if not decision.allowed:
                return too_many_requests(decision.retry_after)
        return view(*args, **kwargs)
    return limited


@bp.post("/estimate")
@rate_limited
def estimate():
    """Answer a household's fees month by month, or 400 with every problem of the request."""
    try:
        payload = estimates.decode_json(_json_body())
        return _compact_json(estimates.estimate(db.session, payload))
    except EstimateError as error:
        return problems_response(error.problems)


@bp.get("/statutes")
def statutes():
    """List the known statutes with their validity and care kinds."""
    return jsonify(estimates.statute_list(db.session()))


def _compact_json(answer: dict) -> Response:
    """Answer JSON without spaces and in UTF-8 (the estimate is the API's most asked and largest answer)."""
    return Response(json.dumps(answer, ensure_ascii=False, separators=(",", ":")), mimetype="application/json")


def _json_body() -> bytes:
    """Return the body of a JSON request, reading at most MAX_BODY_BYTES (413 beyond)."""
    if request.mimetype != "application/json":
        raise EstimateError([Problem("", "Die Anfrage muss JSON sein (Content-Type: application/json).")])
    if request.content_length is not None:
        if request.content_length > MAX_BODY_BYTES:
            raise RequestEntityTooLarge()
        return request.stream.read(request.content_length)
    chunks, size = [], 0
    while size <= MAX_BODY_BYTES:
        chunk = request.stream.read(MAX_BODY_BYTES + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BODY_BYTES:
        raise RequestEntityTooLarge()
    return b"".join(chunks)
