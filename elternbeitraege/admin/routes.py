"""The office administrator's pages: the overview, the statutes with the office's schedule, the workflow, the
letterhead."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from .. import db, files
from ..services.kernel.errors import InvalidInput
from ..services.kernel.labels import file_size
from ..services.office import administration, letterhead, statutes
from ..services.office import settings as office_settings
from ..services.views import workflow as workflow_view
from ..web import actor, role_required, send_stored, today, unit_of_work
from . import workflow_picture
from .blueprint import bp
from .forms import AssignStatuteForm, LetterheadForm, StatuteUploadForm, WorkflowSettingsForm


@bp.get("/")
@role_required("admin")
def overview():
    return render_template("admin/overview.html", view=administration.overview(db.session(), actor()))


@bp.get("/satzungen")
@role_required("admin")
def statute_list():
    return render_template("admin/statutes.html", view=administration.statutes_view(db.session(), actor()))


@bp.route("/satzungen/hochladen", methods=["GET", "POST"])
@role_required("admin")
def statute_upload():
    form = StatuteUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        limit = current_app.config["MAX_STATUTE_BYTES"]
        content = upload.read(limit + 1) if upload else b""
        try:
            text = statutes.decode_statute_file(content, limit)
            imported = statutes.import_statute(unit_of_work(), actor(), upload.filename if upload else "", text,
                                               files.bounds_from(current_app.config))
        except InvalidInput as error:
            form.file.errors = [*form.file.errors, error.errors["file"]]
        else:
            statute = imported.statute
            flash(f"Satzung {statute.id} importiert, gültig ab {statute.valid_from:%d.%m.%Y}." if imported.new else
                  f"Satzung {statute.id} ist schon mit demselben Inhalt vorhanden; nichts geändert.", "success")
            return redirect(url_for("admin.statute_list"))
    max_size = file_size(current_app.config["MAX_STATUTE_BYTES"])
    return render_template("admin/statute_upload.html", form=form, max_size=max_size), 400 if form.errors else 200


@bp.route("/satzungen/anwenden", methods=["GET", "POST"])
@role_required("admin")
def statute_assign():
    view = administration.statutes_view(db.session(), actor())
    form = AssignStatuteForm()
    form.statute_id.choices = [("", "Satzung auswählen")] + [
        (known.statute.id, f"{known.statute.title} ({known.statute.id})") for known in view.statutes]
    if form.validate_on_submit():
        try:
            entry = statutes.assign_statute(unit_of_work(), actor(), form.statute_id.data, form.valid_from.data)
        except InvalidInput as error:
            for name, message in error.errors.items():
                form[name].errors = [*form[name].errors, message]
        else:
            flash(f"Die Satzung {entry.statute_id} gilt ab dem {entry.valid_from:%d.%m.%Y}.", "success")
            return redirect(url_for("admin.statute_list"))
    return render_template("admin/statute_assign.html", form=form, view=view), 400 if form.errors else 200


@bp.get("/ablauf")
@role_required("admin")
def workflow():
    view = workflow_view.workflow_view(db.session(), actor())
    svg = workflow_picture.picture()
    picture = Markup(svg) if svg else None  # Graphviz's SVG, checked by inline_svg
    return render_template("admin/workflow.html", view=view, picture=picture)


@bp.route("/ablauf/einstellungen", methods=["GET", "POST"])
@role_required("admin")
def workflow_settings():
    if request.method == "GET":
        form = WorkflowSettingsForm.of(office_settings.workflow_settings(db.session(), actor()))
    else:
        form = WorkflowSettingsForm()
    if form.validate_on_submit():
        try:
            office_settings.change_workflow_settings(unit_of_work(), actor(), form.settings())
        except InvalidInput as error:
            for name, message in error.errors.items():
                form[name].errors = [*form[name].errors, message]
        else:
            flash("Die Einstellungen zum Ablauf sind gespeichert. Sie gelten für Fristen, die ab jetzt gesetzt "
                  "werden; laufende Fristen bleiben, wie sie sind.", "success")
            return redirect(url_for("admin.workflow"))
    return render_template("admin/workflow_settings.html", form=form), 400 if form.errors else 200


@bp.route("/briefkopf", methods=["GET", "POST"])
@role_required("admin")
def letterhead_settings():
    if request.method == "GET":
        view = letterhead.letterhead_view(db.session(), actor())
        return render_template("admin/letterhead.html", form=LetterheadForm.of(view.letterhead), view=view)
    form = LetterheadForm()
    if form.validate_on_submit():
        try:
            letterhead.change_letterhead(unit_of_work(), actor(), form.letterhead(), form.logo_content(),
                                         form.remove_logo.data, bounds=files.bounds_from(current_app.config))
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            flash("Der Briefkopf ist gespeichert. Er gilt für alle Schreiben und Bescheide, die ab jetzt erstellt "
                  "werden; schon erstellte bleiben, wie sie sind.", "success")
            return redirect(url_for("admin.letterhead_settings"))
    return _refused_letterhead(form)


@bp.post("/briefkopf/vorschau")
@role_required("admin")
def letterhead_preview():
    form = LetterheadForm()
    if form.validate_on_submit():
        try:
            content = letterhead.preview_letterhead(db.session(), actor(), form.letterhead(), form.logo_content(),
                                                    form.remove_logo.data, today(),
                                                    bounds=files.bounds_from(current_app.config))
        except InvalidInput as error:
            form.refuse(error.errors)
        else:
            return send_stored(content, "Vorschau-Beitragsbescheid.pdf", "application/pdf")
    return _refused_letterhead(form)


@bp.get("/briefkopf/logo")
@role_required("admin")
def letterhead_logo():
    content, media_type = letterhead.office_logo(db.session(), actor())
    return send_stored(content, f"logo.{letterhead.LOGO_TYPES[media_type]}", media_type)


def _refused_letterhead(form: LetterheadForm):
    """Show the letterhead page again with what was typed and the messages, answering 400."""
    view = letterhead.letterhead_view(db.session(), actor())
    return render_template("admin/letterhead.html", form=form, view=view), 400
