"""The clerk's case page and every act on it: each act is a form posted to its own address."""
from __future__ import annotations

from collections.abc import Callable

from flask import render_template, url_for

from .. import case_forms as forms
from .. import db
from ..case_acts import act
from ..services.assessment import review
from ..services.cases import changes
from ..services.declarations import proofs
from ..services.kernel import scope as cases
from ..services.views import portal
from ..services.views import review as review_view
from ..web import actor, public_url, role_required, send_stored, today
from .routes import bp

# The form of each act the clerk can take on a case page, by trigger.
FORMS: dict[str, type[forms.CaseForm]] = {
    "start_review": forms.PlainActionForm,
    "request_documents": forms.RequestDocumentsForm,
    "approve": forms.ApproveForm,
    "report_care_change": forms.CareChangeForm,
    "report_departure": forms.DepartureForm,
    "link_sibling": forms.SiblingForm,
    "start_final_check": forms.PlainActionForm,
    "withdraw": forms.ReasonForm,
    "reopen": forms.ReasonForm,
}
DONE = {
    "start_review": "Die Prüfung ist begonnen.",
    "request_documents": ("Die Nachweise sind angefordert. Die Eltern erhalten einen Brief und sehen die Bitte "
                          "im Portal."),
    "approve": "Der Beitrag ist festgesetzt, der Bescheid erstellt und die Einrichtung benachrichtigt.",
    "report_care_change": "Die neue Betreuungszeit ist eingetragen.",
    "report_departure": "Die Abmeldung ist eingetragen.",
    "link_sibling": "Die Fälle sind als Geschwister verknüpft.",
    "start_final_check": "Die endgültige Prüfung ist eingeleitet; die Eltern erhalten die Anforderung der Nachweise.",
    "withdraw": "Der Fall ist zurückgezogen.",
    "reopen": "Der Fall ist wieder geöffnet.",
}

NOT_DONE = {
    "approve": "Der Beitrag wurde nicht festgesetzt.",
    "request_documents": "Die Nachweise wurden nicht angefordert.",
}


def forms_for(care_kind: str) -> dict[str, type[forms.CaseForm]]:
    """Return the form of every act the clerk takes on a case of this care kind."""
    return forms.for_care_kind(FORMS, care_kind)


def _forms(care_kind: str, failed: forms.CaseForm | None = None,
           trigger: str | None = None) -> dict[str, forms.CaseForm]:
    return {name: failed if name == trigger and failed else form(formdata=None)
            for name, form in forms_for(care_kind).items()}


def render_case(case_id: int, failed: forms.CaseForm | None = None, trigger: str | None = None, status: int = 200):
    """Show the case with a fresh form for every act, or the failed one with its errors."""
    view = review_view.review_view(db.session(), actor(), case_id, today())
    shown = _forms(view.case.care_kind, failed, trigger)
    for form in shown.values():
        form.version.data = str(view.case.version)
    return render_template("office/case.html", view=view, forms=shown, form=failed,
                           hours_hint=forms.HOURS_HINT), status


@bp.get("/faelle/<int:case_id>")
@role_required("clerk")
def case(case_id: int):
    return render_case(case_id)


def _act(case_id: int, trigger: str, call: Callable[[forms.CaseForm], object]):
    """Run the clerk's act from its form and go back to the case; errors stay on the page."""
    not_done = {"not_done": NOT_DONE[trigger]} if trigger in NOT_DONE else {}
    form = forms_for(cases.case_for(db.session(), actor(), case_id).care_kind)[trigger]()
    return act(form, call, back=url_for("office.case", case_id=case_id), done=DONE[trigger],
               failed_page=lambda form: render_case(case_id, form, trigger, 400), **not_done)


def _session_actor():
    return db.session(), actor()


@bp.post("/faelle/<int:case_id>/pruefung")
@role_required("clerk")
def start_review(case_id: int):
    return _act(case_id, "start_review", lambda form: review.start_review(
        *_session_actor(), case_id, form.seen_version(), today()))


@bp.post("/faelle/<int:case_id>/nachweise-anfordern")
@role_required("clerk")
def request_documents(case_id: int):
    return _act(case_id, "request_documents", lambda form: review.request_documents(
        *_session_actor(), case_id, form.seen_version(), form.deadline.data, form.message.data, today(),
        public_url()))


@bp.post("/faelle/<int:case_id>/festsetzen")
@role_required("clerk")
def approve(case_id: int):
    return _act(case_id, "approve", lambda form: review.approve(
        *_session_actor(), case_id, form.seen_version(), form.kind.data == "final",
        form.comment.data or "", today()))


@bp.post("/faelle/<int:case_id>/betreuungszeit")
@role_required("clerk")
def care_change(case_id: int):
    return _act(case_id, "report_care_change", lambda form: changes.report_care_change(
        *_session_actor(), case_id, form.seen_version(), form.change_from.data, int(form.hours.data), today()))


@bp.post("/faelle/<int:case_id>/abmeldung")
@role_required("clerk")
def departure(case_id: int):
    return _act(case_id, "report_departure", lambda form: changes.report_departure(
        *_session_actor(), case_id, form.seen_version(), form.last_day.data, today()))


@bp.post("/faelle/<int:case_id>/geschwister")
@role_required("clerk")
def link_sibling(case_id: int):
    return _act(case_id, "link_sibling", lambda form: changes.link_sibling(
        *_session_actor(), case_id, form.seen_version(), form.file_number.data, today()))


@bp.post("/faelle/<int:case_id>/endgueltige-pruefung")
@role_required("clerk")
def final_check(case_id: int):
    return _act(case_id, "start_final_check", lambda form: changes.start_final_check_now(
        *_session_actor(), case_id, form.seen_version(), today(), public_url()))


@bp.post("/faelle/<int:case_id>/zurueckziehen")
@role_required("clerk")
def withdraw(case_id: int):
    return _act(case_id, "withdraw", lambda form: changes.withdraw(
        *_session_actor(), case_id, form.seen_version(), form.reason.data, today()))


@bp.post("/faelle/<int:case_id>/wieder-oeffnen")
@role_required("clerk")
def reopen(case_id: int):
    return _act(case_id, "reopen", lambda form: changes.reopen(
        *_session_actor(), case_id, form.seen_version(), form.reason.data, today()))


@bp.get("/faelle/<int:case_id>/dokumente/<int:document_id>")
@role_required("clerk")
def document(case_id: int, document_id: int):
    stored = portal.document_of(db.session(), actor(), case_id, document_id)
    return send_stored(stored.content, stored.filename, "application/pdf", stored.sha256)


@bp.get("/faelle/<int:case_id>/nachweise/<int:proof_id>")
@role_required("clerk")
def proof(case_id: int, proof_id: int):
    stored = review_view.proof_of(db.session(), actor(), case_id, proof_id)
    name, media_type = proofs.download(stored)
    return send_stored(stored.content, name, media_type, stored.sha256)
