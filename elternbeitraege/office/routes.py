"""The clerk's desk: the worklist, the case with its calculation, proof requests and approval."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from .. import db
from ..services import cases, portal, review, review_view
from ..services.errors import Conflict, InvalidInput
from ..web import actor, role_required, send_stored, today
from .forms import ApproveForm, RequestDocumentsForm, WorklistFilter

bp = Blueprint("office", __name__, url_prefix="/amt")


@bp.get("/")
@role_required("clerk")
def worklist():
    filters = WorklistFilter(request.args)
    filters.validate()
    status = filters.status.data if not filters.status.errors else ""
    page = filters.page.data if filters.page.data and not filters.page.errors else 1
    search = (filters.q.data or "").strip() if not filters.q.errors else ""
    rows, counts, total = cases.worklist(db.session(), actor(), status or None, search, page)
    return render_template("office/worklist.html", rows=rows, counts=counts, total=total, filters=filters,
                           status=status, search=search, page=page, pages=max(1, -(-total // 25)))


@bp.get("/faelle/<int:case_id>")
@role_required("clerk")
def case(case_id: int):
    return _render_case(case_id, RequestDocumentsForm(formdata=None), ApproveForm(formdata=None))


def _render_case(case_id: int, request_form: RequestDocumentsForm, approve_form: ApproveForm, status: int = 200):
    view = review_view.review_view(db.session(), actor(), case_id)
    for form in (request_form, approve_form):
        form.version.data = str(view.case.version)
    return render_template("office/case.html", view=view, request_form=request_form,
                           approve_form=approve_form, form=_failed(request_form, approve_form)), status


def _failed(*forms):
    return next((form for form in forms if form.errors), None)


def _version(form) -> int:
    return int(form.version.data) if (form.version.data or "").isdigit() else -1


@bp.post("/faelle/<int:case_id>/nachweise-anfordern")
@role_required("clerk")
def request_documents(case_id: int):
    form = RequestDocumentsForm()
    if form.validate_on_submit():
        try:
            review.request_documents(db.session(), actor(), case_id, _version(form), form.deadline.data,
                                     form.message.data.strip(), today())
        except InvalidInput as error:
            form.deadline.errors = [*form.deadline.errors, error.errors["deadline"]]
        except Conflict as error:
            flash(f"{error} Die Nachweise wurden nicht angefordert. Prüfen Sie den aktuellen Stand.", "error")
            return redirect(url_for("office.case", case_id=case_id))
        else:
            flash("Die Nachweise sind angefordert. Die Eltern sehen die Bitte im Portal.", "success")
            return redirect(url_for("office.case", case_id=case_id))
    return _render_case(case_id, form, ApproveForm(formdata=None), 400)


@bp.post("/faelle/<int:case_id>/festsetzen")
@role_required("clerk")
def approve(case_id: int):
    form = ApproveForm()
    if form.validate_on_submit():
        try:
            review.approve(db.session(), actor(), case_id, _version(form), form.kind.data == "final",
                           (form.comment.data or "").strip(), today())
        except Conflict as error:
            flash(f"{error} Der Beitrag wurde nicht festgesetzt. Prüfen Sie den aktuellen Stand.", "error")
        else:
            flash("Der Beitrag ist festgesetzt, der Bescheid erstellt und die Einrichtung benachrichtigt.", "success")
        return redirect(url_for("office.case", case_id=case_id))
    return _render_case(case_id, RequestDocumentsForm(formdata=None), form, 400)


@bp.get("/faelle/<int:case_id>/dokumente/<int:document_id>")
@role_required("clerk")
def document(case_id: int, document_id: int):
    stored = portal.document_of(db.session(), actor(), case_id, document_id)
    return send_stored(stored.content, stored.filename, "application/pdf", stored.sha256)


@bp.get("/faelle/<int:case_id>/nachweise/<int:proof_id>")
@role_required("clerk")
def proof(case_id: int, proof_id: int):
    stored = review_view.proof_of(db.session(), actor(), case_id, proof_id)
    return send_stored(stored.content, stored.original_name, stored.media_type, stored.sha256)
