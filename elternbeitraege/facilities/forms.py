"""The admission report a facility sends."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from ..forms import Choice, DateField3, options


def _name(label: str, message: str, optional: bool = False) -> StringField:
    checks = [Optional()] if optional else [InputRequired(message)]
    return StringField(label, validators=[*checks, Length(max=100, message="Höchstens 100 Zeichen.")])


class AdmissionForm(FlaskForm):
    child_first_name = _name("Vorname des Kindes", "Geben Sie den Vornamen des Kindes an.")
    child_last_name = _name("Nachname des Kindes", "Geben Sie den Nachnamen des Kindes an.")
    birth_date = DateField3("Geburtsdatum des Kindes", missing="Geben Sie das Geburtsdatum des Kindes an.")
    weekly_hours = Choice("Gebuchte Betreuungszeit", choices=options([
        ("25", "25 Stunden pro Woche"), ("35", "35 Stunden pro Woche"), ("45", "45 Stunden pro Woche"),
    ]), validators=[InputRequired("Wählen Sie die gebuchte Betreuungszeit aus.")])
    start_date = DateField3("Betreuungsbeginn", missing="Geben Sie den Betreuungsbeginn an.")
    parent1_first_name = _name("Vorname", "Geben Sie den Vornamen des ersten Elternteils an.")
    parent1_last_name = _name("Nachname", "Geben Sie den Nachnamen des ersten Elternteils an.")
    parent2_first_name = _name("Vorname", "", optional=True)
    parent2_last_name = _name("Nachname", "", optional=True)
    street = StringField("Straße und Hausnummer", validators=[
        InputRequired("Geben Sie Straße und Hausnummer an."), Length(max=200, message="Höchstens 200 Zeichen.")])
    postcode = StringField("Postleitzahl", validators=[
        InputRequired("Geben Sie die Postleitzahl an."),
        Regexp(r"^\s*\d{5}\s*$", message="Die Postleitzahl hat 5 Ziffern, z. B. 33330.")])
    city = StringField("Ort", validators=[InputRequired("Geben Sie den Ort an."),
                                          Length(max=100, message="Höchstens 100 Zeichen.")])

    def validate_parent2_last_name(self, field) -> None:
        if bool(self.parent2_first_name.data) != bool(field.data):
            raise ValidationError(
                "Geben Sie für den zweiten Elternteil Vor- und Nachnamen an oder lassen Sie beide leer.")
