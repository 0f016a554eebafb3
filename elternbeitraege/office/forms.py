"""The clerk's forms: filter the worklist, correct a declared income figure."""
from __future__ import annotations

import re
from datetime import date

from wtforms import Field, SelectField
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import HiddenInput, TextInput

from workflows import STATE_LABELS

from ..case_forms import CaseForm
from ..fees import format_euro
from ..forms import AmountField, Choice, PageForm, Required, TextAreaField, TextField, displayable, first_text, options
from ..services.assessment.corrections import Correction, IncomeRow
from ..services.views.worklist import LEFT_OUT, Filters, Worklist


class FilterSelect(SelectField):
    """A select whose unknown value is left out with the given German message instead of WTForms' English one."""

    def __init__(self, label, left_out: str, **kwargs):
        super().__init__(label, **kwargs)
        self.left_out = left_out

    def pre_validate(self, form) -> None:
        offered = {choice.value for choice in self.choices}
        if self.validate_choice and self.data not in (None, "") and self.data not in offered:
            raise ValidationError(self.left_out)


class DueByField(Field):
    """A date typed as the browser's date input sends it (2025-07-31) or the German way (31.7.2025)."""

    widget = TextInput()

    def _value(self) -> str:
        if isinstance(self.data, date):
            return self.data.isoformat()
        return displayable(first_text(self.raw_data or []))

    def process_formdata(self, valuelist) -> None:
        text = first_text(valuelist).strip()
        self.data = None
        if not text:
            return
        self.data = _parse_date(text)
        if self.data is None:
            raise ValueError(f"Geben Sie bei „{self.label.text}“ ein Datum an, zum Beispiel 31.07.2025. "
                             "Bis dahin wird ohne Frist-Filter gezeigt.")


def _parse_date(text: str) -> date | None:
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    german = re.fullmatch(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})", text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif german:
        day, month, year = (int(part) for part in german.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class PageField(Field):
    """The page number; anything but a sensible positive number shows the first page and says so."""

    widget = HiddenInput()

    def _value(self) -> str:
        return str(self.data) if self.data else ""

    def process_formdata(self, valuelist) -> None:
        text = first_text(valuelist).strip()
        self.data = None
        if not text:
            return
        if not re.fullmatch(r"[0-9]{1,6}", text) or int(text) < 1:
            raise ValueError("Diese Seite gibt es nicht. Gezeigt wird die erste Seite.")
        self.data = int(text)


class WorklistFilter(PageForm):
    """The worklist's filters, sent with GET so that a filtered list can be bookmarked and shared."""

    class Meta:
        csrf = False

    PARAMS = ("status", "facility", "statute", "due_by", "q", "page")  # the URL parameters, in this order
    status = FilterSelect("Status", LEFT_OUT["status"], choices=options([("", "Alle"), *STATE_LABELS.items()]))
    facility = FilterSelect("Einrichtung", LEFT_OUT["facility_id"], choices=options([("", "Alle")]),
                            validate_choice=False)  # the office's facilities: the service checks
    statute = FilterSelect("Satzung", LEFT_OUT["statute_id"], choices=options([("", "Alle")]),
                           validate_choice=False, validators=[Length(max=100, message=LEFT_OUT["statute_id"])])
    due_by = DueByField("Fällig bis")
    q = TextField("Suche", validators=[Length(max=100, message=(
        "Geben Sie höchstens 100 Zeichen ein. Bis dahin wird ohne Suche gezeigt."))])
    page = PageField()

    def validate_facility(self, field):
        if field.data and not re.fullmatch(r"[0-9]{1,9}", field.data):
            raise ValidationError(LEFT_OUT["facility_id"])

    def criteria(self) -> Filters:
        """Return the filters to apply after ``validate()``: a field with an error is left out."""
        value = {name: self[name].data if not self[name].errors else None for name in self.PARAMS}
        facility = int(value["facility"]) if value["facility"] else None
        return Filters(status=value["status"] or None, facility_id=facility, statute_id=value["statute"] or None,
                       due_by=value["due_by"], search=value["q"] or "", page=value["page"] or 1)

    def show(self, worklist: Worklist) -> None:
        """Offer the office's facilities and statutes, and say which filters the service left out."""
        self.facility.choices = options([("", "Alle"), *((str(id_), name) for id_, name in worklist.facilities)])
        self.statute.choices = options([("", "Alle"), *((id_, id_) for id_ in worklist.statute_ids)])
        fields = {"status": self.status, "facility_id": self.facility, "statute_id": self.statute}
        for criterion, message in worklist.left_out.items():
            if not fields[criterion].errors:
                fields[criterion].errors = [*fields[criterion].errors, message]

    def link(self, **changes) -> dict[str, str]:
        """Return the URL parameters of the filters in force, with changes (None: leave one out)."""
        params = {name: self._param(name) for name in self.PARAMS}
        params.update(changes)
        return {name: value for name, value in params.items() if value not in (None, "")}

    def _param(self, name: str) -> str | None:
        field = self[name]
        if field.errors or field.data in (None, ""):
            return None
        return field.data.isoformat() if isinstance(field.data, date) else str(field.data).strip()


class IncomeCorrectionForm(CaseForm):
    """The clerk's correction of one declared income figure: which one, the corrected amount, why."""

    item = Choice("Welches Einkommen korrigieren Sie?", choices=[],
                  validators=[InputRequired("Wählen Sie aus, welches Einkommen welches Elternteils Sie korrigieren.")])
    amount = AmountField("Berichtigter Jahresbetrag in Euro", validators=[
        Required("Geben Sie den berichtigten Jahresbetrag in Euro an, z. B. 41.000,00.")])
    reason = TextAreaField("Grund der Korrektur", validators=[
        Required("Schreiben Sie, warum Sie das Einkommen korrigieren (z. B. laut Steuerbescheid)."),
        Length(max=2000, message="Schreiben Sie höchstens 2000 Zeichen.")])

    def offer(self, rows: list[IncomeRow]) -> None:
        """Offer each parent's income of every kind, with what was declared and what counts now."""
        self.item.choices = options([(row.key, _choice_label(row)) for row in rows])

    def correction(self) -> Correction:
        """Return the correction asked for, after ``validate()``."""
        person, kind = self.item.data.split("-", 1)
        return Correction(int(person), kind, self.amount.amount, self.reason.data or "")


def _choice_label(row: IncomeRow) -> str:
    declared = f"angegeben {format_euro(row.declared)}"
    return f"{row.label} ({declared}, berücksichtigt {format_euro(row.counted)})" if row.corrected else (
        f"{row.label} ({declared})")
