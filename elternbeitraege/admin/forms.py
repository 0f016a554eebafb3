"""The administrator's forms: upload a statute file, apply a statute from a date, set the workflow's variants,
keep the letterhead; a facility's details, an account to invite, an account's role. A confirming button is the
shared ``ConfirmForm``; a service's messages go beside their fields with ``PageForm.refuse``."""
from __future__ import annotations

import re
from dataclasses import asdict

from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField
from wtforms.validators import InputRequired, ValidationError

from ..forms import Choice, ConfirmForm, DateField3, EmailField, PageForm, TextField, options
from ..services.office import staff
from ..services.office.facilities import FIELDS as FACILITY_FIELDS
from ..services.office.facilities import FacilityDetails, facility_problems
from ..services.office.letterhead import FIELDS, LOGO_MAX_BYTES, Letterhead
from ..services.office.settings import MESSAGES, MONTH_NAMES, WorkflowSettings, problems

YES, NO = "yes", "no"
__all__ = ["AssignStatuteForm", "ConfirmForm", "FacilityForm", "InviteAccountForm", "LetterheadForm", "RoleForm",
           "StatuteUploadForm", "WorkflowSettingsForm"]
NUMBERS = ("declaration_days", "reminder_days", "documents_days", "deadline_max_months", "final_check_after_months")


class StatuteUploadForm(PageForm):
    file = FileField("Satzungsdatei auswählen")


class AssignStatuteForm(PageForm):
    # The service refuses an id it does not know, with a message in German; the choices are set per request.
    statute_id = SelectField("Satzung", validate_choice=False,
                             validators=[InputRequired("Wählen Sie die Satzung aus, die gelten soll.")])
    valid_from = DateField3("Anwenden ab", missing="Geben Sie an, ab wann die Satzung gelten soll.")


class WholeNumberField(TextField):
    """A whole number (days, months) typed as digits; text that is no number stays as typed, with the setting's
    message. ``number`` is the value read, None when there is none."""

    number: int | None = None

    def __init__(self, label, refusal: str, **kwargs):
        super().__init__(label, **kwargs)
        self.refusal = refusal

    def pre_validate(self, form):
        self.number = None
        text = str(self.data if self.data is not None else "")
        if not re.fullmatch(r"[0-9]{1,3}", text):
            raise ValidationError(self.refusal)
        self.number = int(text)


class OfferedChoice(Choice):
    """Radio buttons that say what to choose when none of them is chosen."""

    def __init__(self, label, refusal: str, **kwargs):
        super().__init__(label, **kwargs)
        self.refusal = refusal
        self.type = "Choice"  # the error summary links a Choice to its first radio button

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(self.refusal)


class OfferedSelect(SelectField):
    """A select that says what to choose when the value sent is not one of its options."""

    def __init__(self, label, refusal: str, **kwargs):
        super().__init__(label, **kwargs)
        self.refusal = refusal

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(self.refusal)


class WorkflowSettingsForm(PageForm):
    declaration_days = WholeNumberField("Frist für die Einkommenserklärung nach der Einladung (Tage)",
                                        MESSAGES["declaration_days"])
    reminder_days = WholeNumberField("Frist nach der Erinnerung (Tage)", MESSAGES["reminder_days"])
    documents_days = WholeNumberField("Frist für Nachweise und die endgültige Prüfung (Tage)",
                                      MESSAGES["documents_days"])
    deadline_max_months = WholeNumberField("Längste Frist, die die Sachbearbeitung setzen kann (Monate)",
                                           MESSAGES["deadline_max_months"])
    proofs_before_provisional = OfferedChoice(
        "Nachweise schon vor einer vorläufigen Festsetzung verlangen?", MESSAGES["proofs_before_provisional"],
        choices=options([(YES, "Ja – auch vorläufig nur mit Nachweisen festsetzen"),
                         (NO, "Nein – vorläufig festsetzen, Nachweise bei der endgültigen Prüfung")]))
    final_check_after_months = WholeNumberField(
        "Endgültige Prüfung frühestens so viele Monate nach dem Ende des Einkommensjahres",
        MESSAGES["final_check_after_months"])
    final_check_month = OfferedSelect(
        "Monat, ab dem die vorläufigen Fälle des Vorjahres endgültig geprüft werden", MESSAGES["final_check_month"],
        choices=options((str(number), name) for number, name in enumerate(MONTH_NAMES, 1)))

    @classmethod
    def of(cls, settings: WorkflowSettings) -> WorkflowSettingsForm:
        """Return the form filled with the office's current settings."""
        return cls(data={
            "declaration_days": str(settings.declaration_days), "reminder_days": str(settings.reminder_days),
            "documents_days": str(settings.documents_days),
            "deadline_max_months": str(settings.deadline_max_months),
            "proofs_before_provisional": YES if settings.proofs_before_provisional else NO,
            "final_check_after_months": str(settings.final_check_after_months),
            "final_check_month": str(settings.final_check_month),
        })

    def validate(self, extra_validators=None) -> bool:
        """Check every field, then the settings that could be read against their ranges and each other, so that
        every error shows at once."""
        valid = super().validate(extra_validators)
        for name, message in problems(self._readable()).items():
            self[name].errors = [*self[name].errors, message]
            valid = False
        return valid

    def _readable(self) -> dict[str, object]:
        """Return the settings read without an error so far, by name."""
        values: dict[str, object] = {name: self[name].number for name in NUMBERS}
        values["proofs_before_provisional"] = self.proofs_before_provisional.data == YES
        values["final_check_month"] = int(self.final_check_month.data) if not self.final_check_month.errors else None
        return {name: value for name, value in values.items() if value is not None and not self[name].errors}

    def settings(self) -> WorkflowSettings:
        """Return the settings as typed, once the form is valid."""
        return WorkflowSettings(**self._readable())


class LetterheadForm(PageForm):
    """Every value of the letterhead, normalised; the service checks them against the columns' sizes (fields in
    the order of the page)."""

    name = TextField("Name des Jugendamts")
    street = TextField("Straße und Hausnummer")
    postcode_city = TextField("Postleitzahl und Ort")
    contact_person = TextField("Ansprechperson")
    phone = TextField("Telefon")
    email = TextField("E-Mail-Adresse")
    website = TextField("Internetseite")
    logo = FileField("Neues Logo auswählen")
    remove_logo = BooleanField("Logo entfernen")
    court_name = TextField("Zuständiges Verwaltungsgericht")
    court_address = TextField("Anschrift des Verwaltungsgerichts")
    dpo_contact = TextField("Datenschutzbeauftragte oder Datenschutzbeauftragter")
    bank_name = TextField("Name der Bank")
    iban = TextField("IBAN")
    bic = TextField("BIC")
    creditor_id = TextField("Gläubiger-Identifikationsnummer")

    @classmethod
    def of(cls, letterhead: Letterhead) -> LetterheadForm:
        """Return the form filled with the office's current letterhead."""
        return cls(data=asdict(letterhead))

    def letterhead(self) -> Letterhead:
        """Return the letterhead as typed."""
        return Letterhead(**{name: self[name].data or "" for name in FIELDS})

    def logo_content(self) -> bytes | None:
        """Return the chosen logo file's bytes (one byte past the limit at most), or None when none is chosen."""
        upload = self.logo.data
        return upload.read(LOGO_MAX_BYTES + 1) if upload and upload.filename else None

# --- The office's facilities and accounts -------------------------------------------------------------------------

class FacilityForm(PageForm):
    """A facility's details; the service's rules are checked with the form, so that every message shows at once."""

    name = TextField("Name der Einrichtung")
    # Not checked here: the service's rules tell a missing kind from one not offered, each with its message.
    care_kind = RadioField("Art der Betreuung", validate_choice=False, choices=options(
        [("kita", "Kita (Kindertageseinrichtung)"), ("childminder", "Kindertagespflege"),
         ("ogs", "OGS (Offene Ganztagsschule)")]))
    street = TextField("Straße und Hausnummer")
    postcode_city = TextField("Postleitzahl und Ort")
    number = TextField("Einrichtungsnummer des Landes")
    contact_name = TextField("Ansprechperson")
    contact_email = EmailField("E-Mail-Adresse")
    contact_phone = TextField("Telefon")

    @classmethod
    def of(cls, details: FacilityDetails) -> FacilityForm:
        """Return the form filled with a facility's current details."""
        return cls(data=asdict(details))

    def details(self) -> FacilityDetails:
        """Return the details as typed."""
        return FacilityDetails(**{name: self[name].data or "" for name in FACILITY_FIELDS})

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name, message in facility_problems(self.details()).items():
            if not self[name].errors:
                self[name].errors = [*self[name].errors, message]
                valid = False
        return valid


class InviteAccountForm(PageForm):
    """Whom to invite: name, address, role and, for a facility's account, the facility (choices set per request).
    The service checks name, address and facility and answers with a message per field."""

    display_name = TextField("Name")
    email = EmailField("E-Mail-Adresse")
    role = OfferedChoice("Rolle", staff.MESSAGES["role"], choices=options(
        [("clerk", "Sachbearbeitung – bearbeitet die Beitragsfälle"),
         ("admin", "Fachadministration – verwaltet Einrichtungen, Konten, Satzungen und Briefkopf"),
         ("facility", "Einrichtung – meldet Kinder der gewählten Einrichtung an und ab")]))
    facility_id = SelectField("Einrichtung (nur für die Rolle Einrichtung)", validate_choice=False)

    def facility(self) -> int | None:
        """Return the chosen facility's id, or None when none (or no number) was chosen."""
        value = str(self.facility_id.data or "")
        return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None


class RoleForm(PageForm):
    role = OfferedChoice("Neue Rolle", staff.MESSAGES["office_role"], choices=options(
        [("clerk", "Sachbearbeitung"), ("admin", "Fachadministration")]))
