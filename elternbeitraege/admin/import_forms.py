"""The administrator's forms for moving in: choose what a file holds and the file; confirm the checked file."""
from __future__ import annotations

from flask_wtf.file import FileField

from ..forms import PageForm, options
from ..services.imports.report import KIND_LABELS, ImportKind
from .forms import OfferedChoice


class ImportUploadForm(PageForm):
    kind = OfferedChoice("Was enthält die Datei?", "Wählen Sie aus, ob die Datei Einrichtungen oder Beitragsfälle "
                         "enthält.", choices=options((kind.value, KIND_LABELS[kind]) for kind in ImportKind))
    file = FileField("Datei auswählen")
