"""Forms of the acts on a case that clerks, facilities and parents share; each carries the case version it saw."""
from __future__ import annotations

import re

from wtforms import HiddenField
from wtforms.validators import InputRequired, Length, StopValidation, ValidationError

from workflows import Trigger

from .forms import Choice, DateField3, PageForm, Required, TextAreaField, TextField, options
from .services.cases.admissions import HOURS_OUT_OF_RANGE, WEEKLY_HOURS

HOURS = options([("25", "25 Stunden pro Woche"), ("35", "35 Stunden pro Woche"), ("45", "45 Stunden pro Woche")])
HOURS_HINT = ("Ganze Stunden pro Woche, wie im Betreuungsvertrag vereinbart, zum Beispiel 30. Die Satzung ordnet "
              "sie der nächsthöheren Stundenstufe zu.")


class WeeklyHoursField(TextField):
    """Booked weekly hours typed as a whole number (Kindertagespflege books what its contract says).

    ``data`` stays the text as normalised, so that a refused form shows it again; ``hours`` is the number.
    """

    hours: int | None = None

    def __init__(self, label=None, validators=None, missing="Geben Sie die Wochenstunden an.", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.missing = missing

    def pre_validate(self, form) -> None:
        self.hours = None
        if not self.data:
            raise StopValidation(self.missing)
        if not re.fullmatch(r"[0-9]{1,3}", self.data):
            raise StopValidation("Geben Sie die Wochenstunden als ganze Zahl an, zum Beispiel 30 – ohne Komma "
                                 "und ohne „Stunden“.")
        if int(self.data) not in WEEKLY_HOURS:
            raise ValidationError(HOURS_OUT_OF_RANGE)
        self.hours = int(self.data)


class CaseForm(PageForm):
    version = HiddenField()

    def seen_version(self) -> int:
        """Return the version of the case the form was shown with (-1 when missing or broken)."""
        value = self.version.data
        # not str.isdigit(): it takes "²" and "٣", which int() refuses or reads as another number
        return int(value) if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value) else -1


class PlainActionForm(CaseForm):
    """An act without questions (take up for review, start the final check)."""


class CareChangeForm(CaseForm):
    change_from = DateField3("Gilt ab (immer der Erste eines Monats)",
                             missing="Geben Sie an, ab wann die neue Betreuungszeit gilt.")
    hours = Choice("Neue Betreuungszeit", choices=HOURS,
                   validators=[InputRequired("Wählen Sie die neue Betreuungszeit aus.")])


class ChildminderCareChangeForm(CareChangeForm):
    hours = WeeklyHoursField("Neue Betreuungszeit in Wochenstunden",
                             missing="Geben Sie die neue Betreuungszeit in Wochenstunden an.")


def for_care_kind(forms: dict[str, type[CaseForm]], care_kind: str) -> dict[str, type[CaseForm]]:
    """Return the forms of a case's acts for its care kind: a childminder books the hours of its contract,
    not only the statute's tiers."""
    if care_kind != "childminder" or Trigger.REPORT_CARE_CHANGE not in forms:
        return forms
    return forms | {Trigger.REPORT_CARE_CHANGE: ChildminderCareChangeForm}


class DepartureForm(CaseForm):
    last_day = DateField3("Letzter Betreuungstag", missing="Geben Sie den letzten Betreuungstag an.")


class ReasonForm(CaseForm):
    reason = TextAreaField("Begründung", validators=[
        Required("Schreiben Sie eine Begründung."), Length(max=2000, message="Höchstens 2000 Zeichen.")])


class SiblingForm(CaseForm):
    file_number = TextField("Aktenzeichen des Geschwisterfalls", validators=[
        Required("Geben Sie das Aktenzeichen des Geschwisterfalls an."),
        Length(max=30, message="Höchstens 30 Zeichen.")])


class IncomeChangeForm(CaseForm):
    what = Choice("Was hat sich geändert?", choices=options([
        ("Einkommen", "Unser Einkommen hat sich geändert"),
        ("Sozialleistung", "Wir beziehen jetzt eine Sozialleistung oder nicht mehr"),
    ]), validators=[InputRequired("Wählen Sie aus, was sich geändert hat.")])
    change_from = DateField3("Seit wann? (der Erste des Monats)", missing="Geben Sie an, seit wann die Änderung gilt.")


class OptionalCommentForm(CaseForm):
    comment = TextAreaField("Vermerk", validators=[Length(max=2000, message="Höchstens 2000 Zeichen.")])


class RequestDocumentsForm(CaseForm):
    deadline = DateField3("Frist für die Nachweise", missing="Geben Sie die Frist für die Nachweise an.")
    message = TextAreaField("Welche Nachweise fehlen?", validators=[
        Required("Schreiben Sie, welche Nachweise fehlen."), Length(max=2000, message="Höchstens 2000 Zeichen.")])


class ApproveForm(CaseForm):
    kind = Choice("Art der Festsetzung", choices=options([
        ("provisional", "Vorläufig – vorbehaltlich der Prüfung des Einkommens"),
        ("final", "Endgültig – Einkommen ist nachgewiesen"),
    ]), validators=[InputRequired("Wählen Sie, ob vorläufig oder endgültig festgesetzt wird.")])
    comment = TextAreaField("Vermerk", validators=[Length(max=2000, message="Höchstens 2000 Zeichen.")])
