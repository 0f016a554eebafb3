"""Form fields every blueprint shares: text normalised before it is checked, the three-part date, forgiving euro
amounts, IBANs, and the base of every page's form."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import has_request_context, request
from flask_wtf import FlaskForm
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from wtforms import Field, RadioField, SelectChoice, StringField, widgets
from wtforms import PasswordField as PlainPasswordField
from wtforms.validators import StopValidation, ValidationError

SUBMIT_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# --- Text as typed, normalised before it is checked ------------------------------------------------------------

SURROGATES = re.compile("[\ud800-\udfff]")  # never valid UTF-8: the database driver could not store them
LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
CONTROLS = {False: re.compile("[\x00-\x1f\x7f-\x9f]"), True: re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")}
SPACES = re.compile(r"[^\S\t\n]")  # every other Unicode space (no-break, ideographic, thin …)
# Invisible and without effect on the letters around them (zero-width space, word joiner, BOM, soft hyphen, …):
# removed wherever they stand, so that two values that look alike are alike.
DROPPED = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff]")
# Invisible, yet they join or order letters of some scripts inside a word (ZWNJ, ZWJ, LRM, RLM, ALM), or are
# letters that print as nothing (Hangul fillers, the blank braille pattern): removed at the ends only.
EDGES = " \t\n\u034f\u061c\u115f\u1160\u200c\u200d\u200e\u200f\u2800\u3164\uffa0"
# Embeddings, overrides and isolates make a value look different from what it is ("Trojan source"): refused.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
UNREADABLE = ("Im Feld „{label}“ steht ein Zeichen, das nicht gelesen werden kann (\ufffd). Löschen Sie es und "
              "geben Sie den Text an dieser Stelle neu ein.")
BIDI = ("Im Feld „{label}“ stehen unsichtbare Zeichen, die die Schreibrichtung ändern. Tippen Sie den Text neu "
        "ein, statt ihn einzufügen.")
UNREADABLE_PASSWORD = ("Im Passwort steht ein Zeichen, das nicht verarbeitet werden kann. Geben Sie das Passwort "
                       "noch einmal ein.")


def first_text(valuelist) -> str:
    """Return the first text among the values sent for a field ("" if none: a file or nothing was sent)."""
    return next((value for value in valuelist if isinstance(value, str)), "")


def displayable(text: str) -> str:
    """Return the text with lone surrogates replaced by U+FFFD, so that a page can show it again."""
    return SURROGATES.sub("\ufffd", text)


def readable(text: str) -> bool:
    """Tell whether a text holds no lone surrogate."""
    return SURROGATES.search(text) is None


def normalised(text: str, multiline: bool = False) -> tuple[str, str | None]:
    """Return the text as it is kept, and the message (with ``{label}``) if it must be typed again, else None.

    NFC; a single line gets spaces for line breaks and tabs, several lines keep ``\\n`` and tabs; other
    control characters go; every Unicode space becomes a plain one; invisible characters go at the ends
    (zero-width ones everywhere). Nothing but invisible characters is empty. U+FFFD (from a lone surrogate
    or bytes that were no UTF-8) and direction overrides are refused.
    """
    text = LINE_BREAKS.sub("\n" if multiline else " ", displayable(text))
    text = CONTROLS[multiline].sub("", text if multiline else text.replace("\t", " "))
    text = unicodedata.normalize("NFC", DROPPED.sub("", SPACES.sub(" ", text))).strip(EDGES)
    if all(char.isspace() or char in EDGES or unicodedata.category(char) == "Cf" for char in text):
        return "", None
    if "\ufffd" in text:
        return text, UNREADABLE
    return text, BIDI if BIDI_CONTROLS.search(text) else None


class PageForm(FlaskForm):
    """The base of every page's form: it reads the request's form fields, never a JSON body.

    Flask-WTF would turn a JSON body into form data; a browser never sends one to a page, and a
    hostile one brings numbers, lists or lone surrogates where a text is expected.
    """

    class Meta:
        def wrap_formdata(self, form, formdata):
            if (not hasattr(formdata, "getlist") and has_request_context() and request.method in SUBMIT_METHODS
                    and request.is_json):
                formdata = request.form  # empty: the body was JSON, so every field counts as not sent
            return super().wrap_formdata(form, formdata)

    def refuse(self, errors: dict[str, str]) -> None:
        """Show each of a service's messages (``InvalidInput.errors``) beside its field, after the form's own."""
        for name, message in errors.items():
            field = self._fields.get(name)
            if field is not None:
                field.errors = [*field.errors, message]
            else:
                self.form_errors.append(message)


class ConfirmForm(PageForm):
    """A button that confirms an act; only its CSRF token is sent."""


class Required:
    """Refuse an answer that is empty once normalised: blanks and invisible characters alone count as nothing.

    Unlike WTForms' ``InputRequired`` (which looks at the raw value) it looks at ``field.data``.
    """

    field_flags = {"required": True}

    def __init__(self, message: str):
        self.message = message

    def __call__(self, _form, field) -> None:
        if not field.data:
            raise StopValidation(self.message)


class TextField(StringField):
    """One line of text, normalised before any validator sees it (see ``normalised``).

    ``data`` is the normalised value the services get; the page shows the value as it was typed,
    so that a refused form loses and changes nothing.
    """

    multiline = False
    typed: str | None = None

    def process_formdata(self, valuelist) -> None:
        self.typed = first_text(valuelist)
        self.data, problem = normalised(self.typed, multiline=self.multiline)
        if problem:
            raise ValueError(problem.format(label=self.label.text))

    def _value(self) -> str:
        if self.typed is not None:
            return displayable(self.typed)
        return displayable(str(self.data)) if self.data is not None else ""


class TextAreaField(TextField):
    """Several lines of text (a comment, a message, a reason): line breaks and tabs stay, normalised as well."""

    widget = widgets.TextArea()
    multiline = True


class EmailField(TextField):
    """An e-mail address, normalised like any text; the ``Email`` validator checks its form."""

    widget = widgets.EmailInput()


class PasswordField(PlainPasswordField):
    """A password exactly as typed: never stripped or normalised, for it is compared byte for byte.

    Only a lone surrogate, which no hash function or database can take, is refused with a message.
    """

    def process_formdata(self, valuelist) -> None:
        typed = first_text(valuelist)
        self.data = displayable(typed)
        if not readable(typed):
            raise ValueError(UNREADABLE_PASSWORD)


class DateField3(Field):
    """A date asked as three text fields (Tag, Monat, Jahr), kept as typed when it is wrong."""

    def __init__(self, label=None, validators=None, missing="Geben Sie das Datum an.", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.missing = missing
        self.parts = {"day": "", "month": "", "year": ""}

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = data if data is not None else self.default
        if isinstance(self.data, date):
            self.parts = {"day": str(self.data.day), "month": str(self.data.month), "year": str(self.data.year)}
        if formdata is not None:
            self.parts = {key: displayable(first_text(formdata.getlist(f"{self.name}-{key}"))).strip()
                          for key in self.parts}
            self.data = self._parse()

    def _parse(self) -> date | None:
        if not any(self.parts.values()):
            self.process_errors.append(self.missing)
            return None
        if not all(re.fullmatch(r"[0-9]{1,4}", value) for value in self.parts.values()):
            self.process_errors.append(f"{self.label.text} muss aus Tag, Monat und Jahr in Ziffern bestehen.")
            return None
        day, month, year = (int(self.parts[key]) for key in ("day", "month", "year"))
        if year < 1900 or year > 2200:
            self.process_errors.append("Geben Sie das Jahr vierstellig an, z. B. 2024.")
            return None
        try:
            return date(year, month, day)
        except (ValueError, OverflowError):
            self.process_errors.append(f"{self.label.text} muss ein echtes Datum sein, z. B. 27.3.2024.")
            return None


class MonthField(Field):
    """A month asked as two text fields (Monat, Jahr), kept as typed when it is wrong; ``data`` is its first day.

    Left empty it is None without a message: whether it must be given is for the form to say.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parts = {"month": "", "year": ""}

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = data if data is not None else self.default
        if isinstance(self.data, date):
            self.parts = {"month": str(self.data.month), "year": str(self.data.year)}
        if formdata is not None:
            self.parts = {key: displayable(first_text(formdata.getlist(f"{self.name}-{key}"))).strip()
                          for key in self.parts}
            self.data = self._parse()

    def _parse(self) -> date | None:
        month, year = self.parts["month"], self.parts["year"]
        if not month and not year:
            return None
        if not month or not year:
            self.process_errors.append(f"{self.label.text}: Geben Sie Monat und Jahr an, z. B. 3 2025.")
            return None
        if not re.fullmatch(r"[0-9]{1,2}", month) or not 1 <= int(month) <= 12:
            self.process_errors.append(f"{self.label.text}: Geben Sie den Monat als Zahl von 1 bis 12 an.")
            return None
        if not re.fullmatch(r"[0-9]{4}", year) or not 1900 <= int(year) <= 2200:
            self.process_errors.append(f"{self.label.text}: Geben Sie das Jahr vierstellig an, z. B. 2025.")
            return None
        return date(int(year), int(month), 1)


def parse_amount(text: str) -> Decimal | None:
    """Read a euro amount typed the German way ("1.234,56 €", "52000", "52.000") or None."""
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "").strip()
    if not cleaned:
        return Decimal("0.00")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        return None
    try:
        return Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


MAX_AMOUNT = Decimal("99999999")


class AmountField(StringField):
    """A euro amount; empty means 0; negative or malformed amounts are refused with a message.

    Each message begins with the field's label: a page with several amounts lists them in its error summary,
    where a message must say on its own which amount it is about.
    """

    def process_formdata(self, valuelist):
        self.raw = displayable(first_text(valuelist))
        self.data = self.raw

    def pre_validate(self, form):
        raw = getattr(self, "raw", "") or ""
        amount = parse_amount(raw)
        if amount is None:
            raise ValidationError(f"{self.label.text}: Geben Sie den Betrag in Euro an, z. B. 1.234,56 – ohne "
                                  "Minuszeichen.")
        if amount > MAX_AMOUNT:
            raise ValidationError(f"{self.label.text}: Der Betrag ist zu hoch. Geben Sie höchstens 99.999.999 € an.")
        self.amount = amount

    def _value(self):
        return getattr(self, "raw", None) or (self.data if isinstance(self.data, str) else "")


def valid_iban(_form, field) -> None:
    """Accept an IBAN with spaces or in lower case, refuse a wrong one with a message."""
    try:
        field.iban = IBAN(field.data or "")
    except SchwiftyException:
        raise ValidationError("Geben Sie eine gültige IBAN an, z. B. DE89 3704 0044 0532 0130 00.") from None


def options(pairs) -> list[SelectChoice]:
    """Return radio or select choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class Choice(RadioField):
    """Radio buttons that refuse an answer not offered with a message in German."""

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError("Wählen Sie eine der angebotenen Möglichkeiten aus.")
