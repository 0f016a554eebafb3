"""Machine-readable endpoints: the health check."""
from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .. import db

bp = Blueprint("api", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    """Answer 200 when the app and its database respond, 503 otherwise."""
    try:
        db.session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("health check: database not reachable")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
