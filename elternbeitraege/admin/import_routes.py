"""The administrator's import pages: upload a file of the old system, read the dry run's report, import it.

The checked file is kept on the server between the two steps, under a generated name in the
instance folder that also names the office and the administrator; the session holds only that
name's random part. The browser never sends a path or a file name to import.
"""
from __future__ import annotations

import logging
import secrets
from pathlib import Path

from flask import abort, current_app, render_template, session

from ..forms import ConfirmForm
from ..services.imports import cases, facilities, letters
from ..services.imports.report import KIND_LABELS, ImportKind, Report
from ..services.kernel.errors import Conflict, InvalidInput
from ..services.kernel.labels import file_size
from ..web import actor, public_url, role_required, unit_of_work
from .blueprint import bp
from .import_forms import ImportUploadForm

log = logging.getLogger(__name__)

SESSION_KEY = "checked_import"
NOTHING_CHOSEN = "Wählen Sie eine CSV- oder XLSX-Datei aus."
EMPTY_FILE = "Die Datei ist leer. Wählen Sie die Datei mit den Daten aus."
TOO_LARGE = ("Die Datei ist größer als {limit}. Teilen Sie sie auf mehrere Dateien auf oder lassen Sie sie mit "
             "dem Befehl „flask import“ übernehmen.")
LETTERS_FAILED = ("Die Einladungsschreiben konnten nicht erstellt werden. Die Fälle sind gespeichert; der Betrieb "
                  "erstellt die fehlenden Schreiben mit „flask import letters“.")


def _limit() -> int:
    return current_app.config["MAX_UPLOAD_BYTES"]


def _folder() -> Path:
    return Path(current_app.config.get("IMPORT_DIR") or Path(current_app.instance_path) / "imports")


def _path(token: str) -> Path:
    who = actor()
    return _folder() / f"{who.office_id}-{who.user_id}-{token}.upload"


def _forget_checked() -> None:
    """Delete the file an earlier upload of this session kept for its import step (a new one replaces it)."""
    earlier = session.pop(SESSION_KEY, None)
    if isinstance(earlier, dict) and isinstance(earlier.get("token"), str):
        _path(earlier["token"]).unlink(missing_ok=True)


def _check(kind: str, content: bytes) -> Report:
    who, uow = actor(), unit_of_work()
    if kind == ImportKind.FACILITIES:
        return facilities.check(uow.session, who, who.office_id, content)[0]
    return cases.check(uow.session, who, who.office_id, content, uow.today)


@bp.route("/import", methods=["GET", "POST"])
@role_required("admin")
def import_upload():
    form = ImportUploadForm()
    report = None
    valid = form.validate_on_submit()
    if form.is_submitted():
        upload = form.file.data
        content = upload.read(_limit() + 1) if upload and hasattr(upload, "read") else b""
        if not content:
            form.file.errors = [*form.file.errors, NOTHING_CHOSEN if not getattr(upload, "filename", None) else
                                EMPTY_FILE]
        elif len(content) > _limit():
            form.file.errors = [*form.file.errors, TOO_LARGE.format(limit=file_size(_limit()))]
        elif valid:
            try:
                report = _check(form.kind.data, content)
            except InvalidInput as error:
                form.file.errors = [*form.file.errors, error.errors["file"]]
            else:
                if report.ok:
                    _forget_checked()
                    token = secrets.token_urlsafe(16)
                    _folder().mkdir(parents=True, exist_ok=True)
                    _path(token).write_bytes(content)
                    session[SESSION_KEY] = {"token": token, "kind": form.kind.data,
                                            "name": (upload.filename or "Datei")[:100]}
                    return render_template("admin/import_check.html", report=report, form=ConfirmForm(),
                                           name=upload.filename, kinds=KIND_LABELS)
                form.file.errors = [*form.file.errors, f"Die Datei hat {len(report.problems)} Fehler. Korrigieren "
                                    "Sie sie und laden Sie die Datei erneut hoch; nichts wurde gespeichert."]
    max_size = file_size(_limit())
    return (render_template("admin/import.html", form=form, report=report, max_size=max_size, kinds=KIND_LABELS),
            400 if form.errors else 200)


@bp.post("/import/ausfuehren")
@role_required("admin")
def import_run():
    form = ConfirmForm()
    checked = session.get(SESSION_KEY)
    if not form.validate_on_submit() or not isinstance(checked, dict):
        abort(404)
    path = _path(str(checked.get("token", "")))
    if not path.is_file():
        abort(404)
    who, uow, kind = actor(), unit_of_work(), checked["kind"]
    try:
        if kind == ImportKind.FACILITIES:
            report = facilities.import_facilities(uow, who, who.office_id, path, checked["name"])
        else:
            report = cases.import_cases(uow, who, who.office_id, path, checked["name"])
    except (InvalidInput, Conflict) as error:
        message = " ".join(error.errors.values()) if isinstance(error, InvalidInput) else str(error)
        return render_template("admin/import_result.html", report=None, message=message, kinds=KIND_LABELS), 409
    finally:
        session.pop(SESSION_KEY, None)
    path.unlink(missing_ok=True)
    run, message = None, None
    if report.written and report.letters_due:
        try:
            run = letters.write_letters(current_app.extensions["db_sessions"], who.office_id, uow.today,
                                        public_url(), Path(current_app.config["PRINT_DIR"]),
                                        current_app.config["NOTICE_WORKERS"] or None)
        except Exception:  # the cases stay; the letters still missing are written by the command
            log.exception("office %s: invitation letters of imported cases failed", who.office_id)
            message = LETTERS_FAILED
    return render_template("admin/import_result.html", report=report, run=run, message=message, kinds=KIND_LABELS,
                           name=checked["name"]), 200 if report.written else 400
