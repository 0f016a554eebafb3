"""The parents' portal: their cases, the declaration as a task list, and their notices; reporting a change and
accepting the highest fee are in ``change_routes``."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from .. import db
from ..models import Benefit, IncomeChoice
from ..services.assessment import fee_input
from ..services.declarations import answers as declarations
from ..services.declarations import proofs
from ..services.kernel.errors import Conflict, InvalidInput
from ..services.kernel.uow import CHANGED_MEANWHILE
from ..services.views import portal
from ..web import actor, role_required, send_stored, today, unit_of_work
from . import forms
from .blueprint import bp


@bp.errorhandler(Conflict)
def _changed_meanwhile(_error):
    """A second click or tab, or the office meanwhile: the declaration was sent, changed elsewhere, or the case moved.
    """
    case_id = (request.view_args or {}).get("case_id")
    if case_id is None:
        abort(409)
    if declarations.still_open(db.session(), actor(), case_id):
        flash("Ihre Erklärung wurde gerade an anderer Stelle geändert, zum Beispiel in einem zweiten Fenster. Prüfen "
              "Sie die Angaben und speichern Sie die Seite noch einmal.", "info")
        return redirect(url_for("parents.tasks", case_id=case_id))
    if declarations.was_sent(db.session(), actor(), case_id):
        flash("Die Erklärung ist schon abgesendet und kann nicht mehr geändert werden.", "info")
    else:  # the office acted on the case meanwhile (withdrew it, for example)
        flash(f"{CHANGED_MEANWHILE} Hier sehen Sie den aktuellen Stand Ihres Falls.", "info")
    return redirect(url_for("parents.case", case_id=case_id))


def _next(case_id: int, step: str):
    """Go on to ``step``, or back to the check page when the parent came from there."""
    target = "check" if request.args.get("zurueck") == "pruefen" else step
    return redirect(url_for(f"parents.{target}", case_id=case_id))


def _page(template: str, case_id: int, form, **context):
    case, declaration = declarations.open_declaration(db.session(), actor(), case_id)
    return render_template(f"parents/{template}.html", case=case, declaration=declaration, form=form,
                           from_check=request.args.get("zurueck") == "pruefen", **context)


@bp.get("/")
@role_required("parent")
def cases():
    return render_template("parents/cases.html", cases=portal.cases_of(db.session(), actor()),
                           editable=declarations.EDITABLE)


@bp.get("/faelle/<int:case_id>")
@role_required("parent")
def case(case_id: int):
    return render_template("parents/case.html", view=portal.case_view(db.session(), actor(), case_id, today()))


@bp.get("/faelle/<int:case_id>/dokumente/<int:document_id>")
@role_required("parent")
def document(case_id: int, document_id: int):
    stored = portal.document_of(db.session(), actor(), case_id, document_id)
    return send_stored(stored.content, stored.filename, "application/pdf", stored.sha256)


@bp.get("/faelle/<int:case_id>/erklaerung")
@role_required("parent")
def tasks(case_id: int):
    view = portal.tasks_view(db.session(), actor(), case_id, today())
    if not view.editable:
        return redirect(url_for("parents.case", case_id=case_id))
    return render_template("parents/tasks.html", view=view, case=view.case, tasks=view.tasks,
                           highest_form=forms.SubmitForm())


@bp.route("/faelle/<int:case_id>/erklaerung/kind", methods=["GET", "POST"])
@role_required("parent")
def child(case_id: int):
    form = forms.ConfirmChildForm()
    if form.validate_on_submit():
        declarations.save(unit_of_work(), actor(), case_id, child_confirmed=True)
        return _next(case_id, "household")
    return _page("child", case_id, form)


@bp.route("/faelle/<int:case_id>/erklaerung/haushalt", methods=["GET", "POST"])
@role_required("parent")
def household(case_id: int):
    _case, declaration = declarations.editable(db.session(), actor(), case_id)
    form = forms.HouseholdForm(data={"lives_with": declaration.lives_with,
                                     "other_first_name": declaration.other_parent_first_name,
                                     "other_last_name": declaration.other_parent_last_name})
    if form.validate_on_submit():
        both = form.lives_with.data == "both"
        declarations.save(unit_of_work(), actor(), case_id, lives_with=form.lives_with.data,
                          other_parent_first_name=form.other_first_name.data if both else None,
                          other_parent_last_name=form.other_last_name.data if both else None)
        return _next(case_id, "benefits")
    return _page("household", case_id, form)


@bp.route("/faelle/<int:case_id>/erklaerung/leistungen", methods=["GET", "POST"])
@role_required("parent")
def benefits(case_id: int):
    case, declaration = declarations.editable(db.session(), actor(), case_id)
    form = forms.BenefitForm(data={"benefit": declaration.benefit, "benefit_from": declaration.benefit_from,
                                   "benefit_until": declaration.benefit_until,
                                   "open_ended": declaration.benefit_from is not None
                                   and declaration.benefit_until is None},
                             window=fee_input.benefit_window(db.session(), case))
    if form.validate_on_submit():
        saved = declarations.save(unit_of_work(), actor(), case_id, benefit=form.benefit.data, **form.period())
        if declarations.income_missing(saved):  # also from the check page: months without the benefit need it
            return redirect(url_for("parents.income", case_id=case_id, **_keep_check()))
        return _next(case_id, "income" if declarations.asks_income(saved) else "proofs")
    return _page("benefit", case_id, form)


@bp.route("/faelle/<int:case_id>/erklaerung/einkommen", methods=["GET", "POST"])
@role_required("parent")
def income(case_id: int):
    _case, declaration = declarations.editable(db.session(), actor(), case_id)
    if not declarations.asks_income(declaration):
        return redirect(url_for("parents.benefits", case_id=case_id))
    form = forms.IncomeChoiceForm(data={"income_choice": declaration.income_choice})
    if form.validate_on_submit():
        declarations.save(unit_of_work(), actor(), case_id, income_choice=form.income_choice.data)
        if form.income_choice.data == IncomeChoice.DECLARE:
            return redirect(url_for("parents.person_income", case_id=case_id, person=1, **_keep_check()))
        return _next(case_id, "proofs")
    return _page("income_choice", case_id, form)


def _keep_check() -> dict:
    return {"zurueck": "pruefen"} if request.args.get("zurueck") == "pruefen" else {}


@bp.route("/faelle/<int:case_id>/erklaerung/einkommen/<int:person>", methods=["GET", "POST"])
@role_required("parent")
def person_income(case_id: int, person: int):
    case, declaration = declarations.editable(db.session(), actor(), case_id)
    persons = portal.income_persons(case, declaration)
    if person not in range(1, len(persons) + 1) or declaration.income_choice != IncomeChoice.DECLARE:
        abort(404)
    form = forms.IncomeForm(data=portal.income_amounts(declaration, person))
    if form.validate_on_submit():
        last = person == len(persons)
        declarations.save_incomes(unit_of_work(), actor(), case_id, person, form.amounts(), last)
        if not last:
            return redirect(url_for("parents.person_income", case_id=case_id, person=person + 1, **_keep_check()))
        return _next(case_id, "proofs")
    return _page("income", case_id, form, person=person, person_name=persons[person - 1], year=declaration.income_year)


@bp.route("/faelle/<int:case_id>/erklaerung/nachweise", methods=["GET", "POST"], endpoint="proofs")
@role_required("parent")
def proofs_page(case_id: int):
    session = db.session()
    form = forms.ProofForm()
    limits = proofs.ProofLimits.of(current_app.config)
    if form.is_submitted() and _uploaded(session, case_id, form, limits):
        return redirect(url_for("parents.proofs", case_id=case_id, **_keep_check()))
    return _proofs_page(session, case_id, form, limits)


def _uploaded(session, case_id: int, form: forms.ProofForm, limits: proofs.ProofLimits) -> bool:
    """Store the chosen file as a proof; else put what to do beside the fields and tell so."""
    if not form.validate():
        form.say_chosen_file_is_not_stored()
        return False
    if not form.chosen():
        form.file.errors = ["Wählen Sie eine Datei aus."]
        return False
    upload = form.file.data
    try:
        proofs.add_proof(unit_of_work(), actor(), case_id, form.kind.data, upload.filename,
                         upload.read(limits.max_bytes + 1), limits)
    except InvalidInput as error:
        form.file.errors = [error.errors["file"]]
        return False
    flash("Der Nachweis ist hochgeladen.", "success")
    return True


def _proofs_page(session, case_id: int, form: forms.ProofForm, limits: proofs.ProofLimits):
    declarations.editable(session, actor(), case_id)
    return _page("proofs", case_id, form, proofs=declarations.proofs_of(session, case_id), limits=limits)


@bp.post("/faelle/<int:case_id>/erklaerung/nachweise/<int:proof_id>/entfernen")
@role_required("parent")
def remove_proof(case_id: int, proof_id: int):
    if forms.SubmitForm().validate_on_submit():
        proofs.remove_proof(unit_of_work(), actor(), case_id, proof_id)
        flash("Der Nachweis ist entfernt.", "success")
    return redirect(url_for("parents.proofs", case_id=case_id, **_keep_check()))


@bp.post("/faelle/<int:case_id>/erklaerung/nachweise/fertig")
@role_required("parent")
def proofs_done(case_id: int):
    """Go on from the proofs page; a file chosen but not yet uploaded is uploaded first (or the page says why not)."""
    session = db.session()
    _case, declaration = declarations.editable(session, actor(), case_id)
    form = forms.ProofForm()
    limits = proofs.ProofLimits.of(current_app.config)
    if form.chosen() and not _uploaded(session, case_id, form, limits):
        return _proofs_page(session, case_id, form, limits)
    if declaration.benefit not in (None, Benefit.NONE) and not declarations.proofs_of(session, case_id):
        flash("Laden Sie Ihren Leistungsbescheid hoch, damit das Jugendamt den Bezug prüfen kann.", "error")
        return redirect(url_for("parents.proofs", case_id=case_id, **_keep_check()))
    if forms.SubmitForm().validate_on_submit():
        declarations.save(unit_of_work(), actor(), case_id, proofs_done=True)
    mandate_missing = declarations.needs_mandate(declaration) and not declaration.mandate_agreed_at
    return _next(case_id, "mandate" if mandate_missing else "check")


@bp.route("/faelle/<int:case_id>/erklaerung/lastschrift", methods=["GET", "POST"])
@role_required("parent")
def mandate(case_id: int):
    _case, declaration = declarations.editable(db.session(), actor(), case_id)
    form = forms.MandateForm(data={"account_holder": declaration.account_holder, "iban": declaration.iban,
                                   "agree": bool(declaration.mandate_agreed_at)})
    if form.validate_on_submit():
        declarations.agree_mandate(unit_of_work(), actor(), case_id, form.account_holder.data, form.iban.iban.compact)
        return _next(case_id, "check")
    return _page("mandate", case_id, form)


@bp.route("/faelle/<int:case_id>/erklaerung/pruefen", methods=["GET", "POST"])
@role_required("parent")
def check(case_id: int):
    session = db.session()
    form = forms.SubmitForm()
    if form.validate_on_submit():
        try:
            declarations.submit(unit_of_work(), actor(), case_id)
        except InvalidInput as error:
            flash(error.errors["declaration"], "error")
            return redirect(url_for("parents.tasks", case_id=case_id))
        return redirect(url_for("parents.confirmation", case_id=case_id))
    declarations.editable(session, actor(), case_id)
    return render_template("parents/check.html", form=form, view=portal.check_view(session, actor(), case_id))


@bp.get("/faelle/<int:case_id>/bestaetigung")
@role_required("parent")
def confirmation(case_id: int):
    return render_template("parents/confirmation.html", view=portal.case_view(db.session(), actor(), case_id, today()))
