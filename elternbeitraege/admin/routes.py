"""The office administrator's overview: statute, facilities and users of the office."""
from __future__ import annotations

from flask import Blueprint, render_template

from .. import db
from ..services import administration
from ..web import actor, role_required

bp = Blueprint("admin", __name__, url_prefix="/verwaltung")


@bp.get("/")
@role_required("admin")
def overview():
    return render_template("admin/overview.html", view=administration.overview(db.session(), actor()))
