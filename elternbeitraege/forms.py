"""Form fields every blueprint shares: the three-part date, forgiving euro amounts, IBANs."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from wtforms import Field, RadioField, SelectChoice, StringField
from wtforms.validators import ValidationError


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
            self.parts = {key: formdata.get(f"{self.name}-{key}", "").strip() for key in self.parts}
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


class AmountField(StringField):
    """A euro amount; empty means 0; negative or malformed amounts are refused with a message."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        self.data = self.raw

    def pre_validate(self, form):
        raw = getattr(self, "raw", "") or ""
        amount = parse_amount(raw)
        if amount is None:
            raise ValidationError("Geben Sie den Betrag in Euro an, z. B. 1.234,56 – ohne Minuszeichen.")
        if amount > Decimal("99999999"):
            raise ValidationError("Der Betrag ist zu hoch. Geben Sie den Jahresbetrag in Euro an.")
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
