"""The clerk's forms: ask for proofs with a deadline, approve provisionally or finally."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from workflows import STATE_LABELS

from ..forms import Choice, DateField3, options


class RequestDocumentsForm(FlaskForm):
    version = HiddenField()
    deadline = DateField3("Frist für die Nachweise", missing="Geben Sie die Frist für die Nachweise an.")
    message = TextAreaField("Welche Nachweise fehlen?", validators=[
        InputRequired("Schreiben Sie, welche Nachweise fehlen."), Length(max=2000, message="Höchstens 2000 Zeichen.")])


class ApproveForm(FlaskForm):
    version = HiddenField()
    kind = Choice("Art der Festsetzung", choices=options([
        ("provisional", "Vorläufig – vorbehaltlich der Prüfung des Einkommens"),
        ("final", "Endgültig – Einkommen ist nachgewiesen"),
    ]), validators=[InputRequired("Wählen Sie, ob vorläufig oder endgültig festgesetzt wird.")])
    comment = TextAreaField("Vermerk", validators=[Optional(), Length(max=2000, message="Höchstens 2000 Zeichen.")])


class WorklistFilter(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField("Status", choices=options([("", "Alle"), *STATE_LABELS.items()]), validators=[Optional()])
    q = StringField("Name oder Aktenzeichen", validators=[Optional(), Length(max=100)])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100000)])
