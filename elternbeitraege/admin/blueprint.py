"""The ``admin`` blueprint itself; its pages register on it from the modules that import it."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/verwaltung")
