"""The clerk's case page and every act on it: each act is a form posted to its own address."""
from __future__ import annotations

from collections.abc import Callable

from flask import render_template, url_for

from workflows import Trigger

from .. import case_forms as forms
from .. import db
from ..case_acts import act
from ..services.assessment import review
from ..services.cases import changes
from ..services.declarations import proofs
from ..services.kernel import scope as cases
from ..services.views import portal
from ..services.views import review as review_view
from ..web import actor, role_required, send_stored, today, unit_of_work
from .blueprint import bp

# The form of each act the clerk can take on a case page, by trigger.
FORMS: dict[str, type[forms.CaseForm]] = {
    Trigger.START_REVIEW: forms.PlainActionForm,
    Trigger.REQUEST_DOCUMENTS: forms.RequestDocumentsForm,
    Trigger.APPROVE: forms.ApproveForm,
    Trigger.REPORT_CARE_CHANGE: forms.CareChangeForm,
    Trigger.REPORT_DEPARTURE: forms.DepartureForm,
    Trigger.LINK_SIBLING: forms.SiblingForm,
    Trigger.START_FINAL_CHECK: forms.PlainActionForm,
    Trigger.WITHDRAW: forms.ReasonForm,
    Trigger.REOPEN: forms.ReasonForm,
}
DONE = {
    Trigger.START_REVIEW: "Die Prüfung ist begonnen.",
    Trigger.REQUEST_DOCUMENTS: ("Die Nachweise sind angefordert. Die Eltern erhalten einen Brief und sehen die Bitte "
                                "im Portal."),
    Trigger.APPROVE: "Der Beitrag ist festgesetzt, der Bescheid erstellt und die Einrichtung benachrichtigt.",
    Trigger.REPORT_CARE_CHANGE: "Die neue Betreuungszeit ist eingetragen.",
    Trigger.REPORT_DEPARTURE: "Die Abmeldung ist eingetragen.",
    Trigger.LINK_SIBLING: "Die Fälle sind als Geschwister verknüpft.",
    Trigger.START_FINAL_CHECK: ("Die endgültige Prüfung ist eingeleitet; die Eltern erhalten die Anforderung der "
                                "Nachweise."),
    Trigger.WITHDRAW: "Der Fall ist zurückgezogen.",
    Trigger.REOPEN: "Der Fall ist wieder geöffnet.",
}

NOT_DONE = {
    Trigger.APPROVE: "Der Beitrag wurde nicht festgesetzt.",
    Trigger.REQUEST_DOCUMENTS: "Die Nachweise wurden nicht angefordert.",
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


def _unit_actor():
    return unit_of_work(), actor()


@bp.post("/faelle/<int:case_id>/pruefung")
@role_required("clerk")
def start_review(case_id: int):
    return _act(case_id, Trigger.START_REVIEW, lambda form: review.start_review(
        *_unit_actor(), case_id, form.seen_version()))


@bp.post("/faelle/<int:case_id>/nachweise-anfordern")
@role_required("clerk")
def request_documents(case_id: int):
    return _act(case_id, Trigger.REQUEST_DOCUMENTS, lambda form: review.request_documents(
        *_unit_actor(), case_id, form.seen_version(), form.deadline.data, form.message.data))


@bp.post("/faelle/<int:case_id>/festsetzen")
@role_required("clerk")
def approve(case_id: int):
    return _act(case_id, Trigger.APPROVE, lambda form: review.approve(
        *_unit_actor(), case_id, form.seen_version(), form.kind.data == "final",
        form.comment.data or ""))


@bp.post("/faelle/<int:case_id>/betreuungszeit")
@role_required("clerk")
def care_change(case_id: int):
    return _act(case_id, Trigger.REPORT_CARE_CHANGE, lambda form: changes.report_care_change(
        *_unit_actor(), case_id, form.seen_version(), form.change_from.data, int(form.hours.data)))


@bp.post("/faelle/<int:case_id>/abmeldung")
@role_required("clerk")
def departure(case_id: int):
    return _act(case_id, Trigger.REPORT_DEPARTURE, lambda form: changes.report_departure(
        *_unit_actor(), case_id, form.seen_version(), form.last_day.data))


@bp.post("/faelle/<int:case_id>/geschwister")
@role_required("clerk")
def link_sibling(case_id: int):
    return _act(case_id, Trigger.LINK_SIBLING, lambda form: changes.link_sibling(
        *_unit_actor(), case_id, form.seen_version(), form.file_number.data))


@bp.post("/faelle/<int:case_id>/endgueltige-pruefung")
@role_required("clerk")
def final_check(case_id: int):
    return _act(case_id, Trigger.START_FINAL_CHECK, lambda form: changes.start_final_check_now(
        *_unit_actor(), case_id, form.seen_version()))


@bp.post("/faelle/<int:case_id>/zurueckziehen")
@role_required("clerk")
def withdraw(case_id: int):
    return _act(case_id, Trigger.WITHDRAW, lambda form: changes.withdraw(
        *_unit_actor(), case_id, form.seen_version(), form.reason.data))


@bp.post("/faelle/<int:case_id>/wieder-oeffnen")
@role_required("clerk")
def reopen(case_id: int):
    return _act(case_id, Trigger.REOPEN, lambda form: changes.reopen(
        *_unit_actor(), case_id, form.seen_version(), form.reason.data))


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
