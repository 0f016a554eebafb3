"""The shared text fields: what is typed is normalised before any check, and shown again as typed."""
from __future__ import annotations

import importlib
import io
import pkgutil

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import Form, HiddenField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

import elternbeitraege
from elternbeitraege import forms
from elternbeitraege.admin.forms import FacilityForm, InviteAccountForm, LetterheadForm, WholeNumberField
from elternbeitraege.auth.forms import LoginForm, RegisterForm
from elternbeitraege.case_forms import RequestDocumentsForm, SiblingForm, WeeklyHoursField
from elternbeitraege.facilities.forms import AdmissionForm
from elternbeitraege.models import Child, Declaration, FeeCase, Household, User
from elternbeitraege.parents.forms import HouseholdForm, MandateForm
from elternbeitraege.services.office.letterhead import SIZES

MISSING = "Geben Sie den Namen an."
TOO_LONG = "Höchstens 100 Zeichen."


class NameForm(Form):
    name = forms.TextField("Name", validators=[forms.Required(MISSING), Length(max=100, message=TOO_LONG)])
    nickname = forms.TextField("Rufname", validators=[Length(max=100, message=TOO_LONG)])  # optional
    note = forms.TextAreaField("Vermerk", validators=[forms.Required("Schreiben Sie einen Vermerk."), Length(max=2000)])
    email = forms.EmailField("E-Mail-Adresse", validators=[Length(max=254)])
    password = forms.PasswordField("Passwort", validators=[forms.Required("Geben Sie ein Passwort an.")])


def sent(**values) -> NameForm:
    """Return the form as if sent with these values (others as typed by a careful user), validated."""
    form = NameForm(MultiDict({"name": "Lena", "note": "Bitte prüfen.", "password": "Regen Fahrrad", **values}))
    form.validate()
    return form


# (what was typed, the value kept, the message beside the field or None)
ONE_LINE = {
    "spaces only": ("   ", "", MISSING),
    "a tab only": ("\t", "", MISSING),
    "a no-break space only": ("\u00a0", "", MISSING),
    "an ideographic space only": ("\u3000", "", MISSING),
    "a zero-width space only": ("\u200b", "", MISSING),
    "a byte order mark only": ("\ufeff", "", MISSING),
    "a word joiner and a zero-width joiner only": ("\u2060\u200d", "", MISSING),
    "a Hangul filler only": ("\u3164", "", MISSING),
    "a right-to-left override only": ("\u202e", "", MISSING),
    "invisible characters and blanks of every kind": (" \u00a0\u200b\t\u3000\ufeff\u2060\u202f\r\n", "", MISSING),
    "blanks around the name": (" \u00a0Lena\u3000\t", "Lena", None),
    "a byte order mark before the name": ("\ufeffLena", "Lena", None),
    "a zero-width space inside the name": ("Le\u200bna", "Lena", None),
    "a soft hyphen inside the name": ("Mül\u00adler", "Müller", None),
    "a no-break space between two names": ("Anna\u00a0Lena", "Anna Lena", None),
    "a line break in a single line": ("Anna\r\nLena", "Anna Lena", None),
    "control characters": ("Le\x00na\x07\x1b\x7f", "Lena", None),
    "a zero-width joiner inside an emoji": ("Lena \U0001F469\u200d\U0001F467", "Lena \U0001F469\u200d\U0001F467",
                                            None),
    "é decomposed (NFD)": ("Rene\u0301e", "Renée", None),
    "é composed (NFC)": ("Ren\u00e9e", "Renée", None),
    "a right-to-left override inside the name": ("Lena\u202eanneL", "Lena\u202eanneL", forms.BIDI.format(label="Name")),
    "a directional isolate around the name": ("\u2067Lena\u2069", "\u2067Lena\u2069", forms.BIDI.format(label="Name")),
    "a lone surrogate": ("Le\ud800na", "Le\ufffdna", forms.UNREADABLE.format(label="Name")),
    "a replacement character from bytes that were no UTF-8": ("Le\ufffdna", "Le\ufffdna",
                                                               forms.UNREADABLE.format(label="Name")),
    "100,000 characters": ("x" * 100_000, "x" * 100_000, TOO_LONG),
    "101 characters": ("x" * 101, "x" * 101, TOO_LONG),
    "100 characters": ("x" * 100, "x" * 100, None),
    "100 decomposed é (200 code points)": ("e\u0301" * 100, "\u00e9" * 100, None),
}


@pytest.mark.parametrize(("typed", "kept", "message"), ONE_LINE.values(), ids=ONE_LINE.keys())
def test_a_line_of_text_is_normalised_before_it_is_checked(typed, kept, message):
    form = sent(name=typed)
    assert form.name.data == kept
    assert form.name.errors == ([message] if message else [])


@pytest.mark.parametrize("typed", [" \u00a0Lena\u200b ", "Rene\u0301e", "Le\u202ena", "x" * 101],
                         ids=["blanks", "NFD", "RTL override", "too long"])
def test_the_page_shows_again_what_was_typed_not_the_normalised_value(typed):
    form = sent(name=typed)
    assert form.name._value() == typed
    assert f'value="{typed}"' in form.name()


def test_a_lone_surrogate_is_shown_again_as_the_replacement_character_so_the_page_can_be_sent():
    form = sent(name="Le\ud800na")
    assert form.name._value() == "Le\ufffdna"
    form.name().encode()  # would raise UnicodeEncodeError with the surrogate


def test_a_value_from_the_database_is_shown_when_nothing_was_sent():
    form = NameForm(data={"name": "Lena Beispiel"})
    assert form.name._value() == "Lena Beispiel"


@pytest.mark.parametrize(("typed", "kept"), [("\u200b\u00a0", ""), ("  Lena ", "Lena"), ("", "")],
                         ids=["invisible only", "blanks around", "empty"])
def test_an_optional_line_stays_optional(typed, kept):
    form = sent(nickname=typed)
    assert form.nickname.data == kept and form.nickname.errors == []


def test_a_file_sent_instead_of_a_text_counts_as_nothing_typed():
    form = NameForm(MultiDict([("name", FileStorage(io.BytesIO(b"Lena"), "name.txt")), ("note", "x"),
                               ("password", "Regen Fahrrad")]))
    assert not form.validate()
    assert form.name.data == "" and form.name.errors == [MISSING] and form.name._value() == ""


SEVERAL_LINES = {
    "Windows line breaks": ("Zeile 1\r\nZeile 2", "Zeile 1\nZeile 2", None),
    "old Mac line breaks": ("Zeile 1\rZeile 2", "Zeile 1\nZeile 2", None),
    "a Unicode line separator": ("Zeile 1\u2028Zeile 2", "Zeile 1\nZeile 2", None),
    "tabs and line breaks inside": ("Fehlt:\n\t- Lohn\n\t- Steuer", "Fehlt:\n\t- Lohn\n\t- Steuer", None),
    "blank lines around": ("\r\n\n  Bitte prüfen.\n\t\n", "Bitte prüfen.", None),
    "control characters": ("Bitte\x00 prüfen\x1b.\x0c", "Bitte prüfen.", None),
    "line breaks and invisible characters only": ("\r\n\t\u200b\n \u00a0", "", "Schreiben Sie einen Vermerk."),
    "a right-to-left override": ("Bitte \u202eprüfen", "Bitte \u202eprüfen", forms.BIDI.format(label="Vermerk")),
    "é decomposed (NFD)": ("Rene\u0301e", "Renée", None),
}


@pytest.mark.parametrize(("typed", "kept", "message"), SEVERAL_LINES.values(), ids=SEVERAL_LINES.keys())
def test_several_lines_keep_their_line_breaks_and_tabs_and_lose_other_controls(typed, kept, message):
    form = sent(note=typed)
    assert form.note.data == kept
    assert form.note.errors == ([message] if message else [])


def test_an_email_address_is_normalised_like_any_text():
    form = sent(email="\ufeff julia@beispiel.example\u200b\u00a0")
    assert form.email.data == "julia@beispiel.example" and form.email.errors == []


PASSWORDS = {
    "blanks around": " Regen Fahrrad\u00a0",
    "decomposed é": "Cafe\u0301 Regen Fahrrad",
    "a tab and a zero-width space": "Regen\tFahrrad\u200b",
}


@pytest.mark.parametrize("typed", PASSWORDS.values(), ids=PASSWORDS.keys())
def test_a_password_is_kept_byte_for_byte(typed):
    form = sent(password=typed)
    assert form.password.data == typed and form.password.errors == []


def test_a_password_with_a_lone_surrogate_is_refused_with_a_message_and_not_shown_again():
    form = sent(password="Regen\udc80Fahrrad")
    assert form.password.errors == [forms.UNREADABLE_PASSWORD]
    form.password.data.encode()  # what reaches a hash function or a log can be encoded
    assert 'value=""' in form.password()


# --- Every form of every role ------------------------------------------------------------------------------------

def page_forms() -> list[type]:
    """Return every form class of the application (its modules imported first)."""
    for module in pkgutil.walk_packages(elternbeitraege.__path__, "elternbeitraege."):
        if module.name.endswith("forms"):
            importlib.import_module(module.name)
    found, todo = [], [FlaskForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            found.append(subclass)
            todo.append(subclass)
    return [form for form in found if form.__module__.startswith("elternbeitraege.")]


def text_fields() -> list[tuple[type, str, UnboundField]]:
    return [(form, name, field) for form in page_forms() for name, field in vars(form).items()
            if isinstance(field, UnboundField) and issubclass(field.field_class, StringField)]


def test_every_form_of_the_application_is_a_page_form():
    found = page_forms()
    assert AdmissionForm in found and RegisterForm in found and RequestDocumentsForm in found
    assert [form.__name__ for form in found if not issubclass(form, forms.PageForm)] == []


NORMALISED = forms.TextField | forms.PasswordField | forms.AmountField  # a hidden field: see below


def test_every_text_field_of_the_application_is_normalised():
    assert len(text_fields()) > 30
    plain = [f"{form.__name__}.{name}" for form, name, field in text_fields()
             if not issubclass(field.field_class, NORMALISED | HiddenField)]
    assert plain == []


# Bounded by their form instead of a Length: five digits, an IBAN (stored compact, 34 at most), the case version
# (digits only, read by ``seen_version``); a number of days (three digits), an amount (parsed), a password (the
# service allows 12 to 64 characters and keeps only its hash); the letterhead, which its service checks against
# the columns' sizes; a facility and an account to invite, whose services check every length with their own message
# (services/office/facilities.py, offices.person_problems).
SERVICE_CHECKED = (LetterheadForm, FacilityForm, InviteAccountForm)
BOUNDED_BY_FORMAT = {"AdmissionForm.postcode", "MandateForm.iban", "CaseForm.version"}
BOUNDED_FIELDS = WholeNumberField | WeeklyHoursField | forms.AmountField | forms.PasswordField


def test_every_text_field_has_a_length_limit_or_a_format_that_bounds_it():
    unlimited = {f"{form.__name__}.{name}" for form, name, field in text_fields()
                 if not issubclass(form, SERVICE_CHECKED) and not issubclass(field.field_class, BOUNDED_FIELDS)
                 and not any(isinstance(check, Length) for check in field.kwargs.get("validators", ()))}
    assert unlimited == BOUNDED_BY_FORMAT


def test_the_letterhead_service_knows_the_size_of_every_letterhead_field():
    fields = {name for form, name, field in text_fields() if form is LetterheadForm}
    assert fields == set(SIZES)


def limit(form: type, name: str) -> int:
    return next(check.max for check in getattr(form, name).kwargs["validators"] if isinstance(check, Length))


COLUMNS = [
    (AdmissionForm, "child_first_name", Child.first_name), (AdmissionForm, "child_last_name", Child.last_name),
    (AdmissionForm, "parent1_first_name", Household.parent1_first_name),
    (AdmissionForm, "parent1_last_name", Household.parent1_last_name),
    (AdmissionForm, "parent2_first_name", Household.parent2_first_name),
    (AdmissionForm, "parent2_last_name", Household.parent2_last_name),
    (AdmissionForm, "street", Household.street), (AdmissionForm, "city", Household.city),
    (HouseholdForm, "other_first_name", Declaration.other_parent_first_name),
    (HouseholdForm, "other_last_name", Declaration.other_parent_last_name),
    (MandateForm, "account_holder", Declaration.account_holder),
    (SiblingForm, "file_number", FeeCase.file_number),
    (LoginForm, "email", User.email), (RegisterForm, "email", User.email),
]


@pytest.mark.parametrize(("form", "name", "column"), COLUMNS, ids=[f"{row[0].__name__}.{row[1]}" for row in COLUMNS])
def test_no_text_field_lets_through_more_than_its_column_holds(form, name, column):
    assert limit(form, name) <= column.type.length
