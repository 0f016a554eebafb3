"""The admission report a facility sends."""
from __future__ import annotations

from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from ..forms import Choice, DateField3, PageForm, Required, TextField, options


def _name(label: str, message: str, optional: bool = False) -> TextField:
    checks = [] if optional else [Required(message)]
    return TextField(label, validators=[*checks, Length(max=100, message="Höchstens 100 Zeichen.")])


class AdmissionForm(PageForm):
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
    street = TextField("Straße und Hausnummer", validators=[
        Required("Geben Sie Straße und Hausnummer an."), Length(max=200, message="Höchstens 200 Zeichen.")])
    postcode = TextField("Postleitzahl", validators=[
        Required("Geben Sie die Postleitzahl an."),
        Regexp(r"^[0-9]{5}$", message="Die Postleitzahl hat 5 Ziffern, z. B. 33330.")])
    city = TextField("Ort", validators=[Required("Geben Sie den Ort an."),
                                        Length(max=100, message="Höchstens 100 Zeichen.")])

    def validate_parent2_last_name(self, field) -> None:
        if bool(self.parent2_first_name.data) != bool(field.data):
            raise ValidationError(
                "Geben Sie für den zweiten Elternteil Vor- und Nachnamen an oder lassen Sie beide leer.")
