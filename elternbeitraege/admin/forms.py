"""The administrator's forms: upload a statute file, apply a statute from a date."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import InputRequired

from ..forms import DateField3


class StatuteUploadForm(FlaskForm):
    file = FileField("Satzungsdatei auswählen")


class AssignStatuteForm(FlaskForm):
    # The service refuses an id it does not know, with a message in German; the choices are set per request.
    statute_id = SelectField("Satzung", validate_choice=False,
                             validators=[InputRequired("Wählen Sie die Satzung aus, die gelten soll.")])
    valid_from = DateField3("Anwenden ab", missing="Geben Sie an, ab wann die Satzung gelten soll.")
