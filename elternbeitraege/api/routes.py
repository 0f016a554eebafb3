"""Machine-readable endpoints: the health check, and the public API ``/api/v1`` with JSON errors."""
from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from .. import db
from . import errors
from .v1 import bp as v1_bp

bp = Blueprint("api", __name__)
log = logging.getLogger(__name__)
bp.register_blueprint(v1_bp)
bp.register_error_handler(HTTPException, errors.http_error)
bp.register_error_handler(Exception, errors.unexpected_error)
bp.before_app_request(errors.routing_error)


@bp.get("/healthz")
def healthz():
    """Answer 200 when the app and its database respond, 503 otherwise."""
    try:
        db.session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("health check: database not reachable")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
