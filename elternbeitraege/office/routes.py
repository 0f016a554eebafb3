"""The clerk's desk: the worklist; the case pages are in ``case_routes``."""
from __future__ import annotations

from flask import render_template, request

from .. import db
from ..services.views import worklist as worklists
from ..web import actor, role_required, today
from .blueprint import bp
from .forms import WorklistFilter


@bp.get("/")
@role_required("clerk")
def worklist():
    filters = WorklistFilter(request.args)
    filters.validate()
    result = worklists.worklist(db.session(), actor(), filters.criteria(), today())
    filters.show(result)
    return render_template("office/worklist.html", worklist=result, filters=filters, form=filters)
