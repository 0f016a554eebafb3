"""The admission report a facility sends: a Kita books its statute's tiers, a childminder the hours of its contract."""
from __future__ import annotations

from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from ..case_forms import WeeklyHoursField
from ..forms import Choice, DateField3, PageForm, Required, TextField, options
from ..services.cases.admissions import MISSING, second_parent_problems


def _name(label: str, field: str | None = None) -> TextField:
    checks = [Required(MISSING[field])] if field else []
    return TextField(label, validators=[*checks, Length(max=100, message="Höchstens 100 Zeichen.")])


class AdmissionForm(PageForm):
    child_first_name = _name("Vorname des Kindes", "child_first_name")
    child_last_name = _name("Nachname des Kindes", "child_last_name")
    birth_date = DateField3("Geburtsdatum des Kindes", missing=MISSING["birth_date"])
    weekly_hours = Choice("Gebuchte Betreuungszeit", choices=options([
        ("25", "25 Stunden pro Woche"), ("35", "35 Stunden pro Woche"), ("45", "45 Stunden pro Woche"),
    ]), validators=[InputRequired("Wählen Sie die gebuchte Betreuungszeit aus.")])
    start_date = DateField3("Betreuungsbeginn", missing=MISSING["start_date"])
    parent1_first_name = _name("Vorname", "parent1_first_name")
    parent1_last_name = _name("Nachname", "parent1_last_name")
    parent2_first_name = _name("Vorname")
    parent2_last_name = _name("Nachname")
    street = TextField("Straße und Hausnummer", validators=[
        Required(MISSING["street"]), Length(max=200, message="Höchstens 200 Zeichen.")])
    postcode = TextField("Postleitzahl", validators=[
        Required(MISSING["postcode"]),
        Regexp(r"^[0-9]{5}$", message="Die Postleitzahl hat 5 Ziffern, z. B. 33330.")])
    city = TextField("Ort", validators=[Required(MISSING["city"]), Length(max=100, message="Höchstens 100 Zeichen.")])

    def validate_parent2_first_name(self, field) -> None:
        self._second_parent(field)

    def validate_parent2_last_name(self, field) -> None:
        self._second_parent(field)

    def _second_parent(self, field) -> None:
        message = second_parent_problems(self.parent2_first_name.data, self.parent2_last_name.data).get(field.name)
        if message:
            raise ValidationError(message)

    def booked_hours(self) -> int | None:
        """Return the weekly hours chosen, or None when none of the offered ones was."""
        value = self.weekly_hours.data
        return int(value) if value in {choice.value for choice in self.weekly_hours.choices} else None


class ChildminderAdmissionForm(AdmissionForm):
    weekly_hours = WeeklyHoursField("Gebuchte Betreuungszeit in Wochenstunden",
                                    missing="Geben Sie die gebuchte Betreuungszeit in Wochenstunden an.")

    def booked_hours(self) -> int | None:
        """Return the weekly hours typed (once validated), or None when they are no whole number in range."""
        return self.weekly_hours.hours


def admission_form(care_kind: str) -> AdmissionForm:
    """Return the admission form of a facility of this care kind, read from the request."""
    return ChildminderAdmissionForm() if care_kind == "childminder" else AdmissionForm()
