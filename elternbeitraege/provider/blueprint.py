"""The ``provider`` blueprint itself; its pages register on it from the modules that import it."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("provider", __name__, url_prefix="/betrieb")
