"""The provider's forms: an office's details, the statute it applies from a date, an administrator to invite."""
from __future__ import annotations

from dataclasses import asdict

from wtforms.validators import Length

from ..forms import ConfirmForm, EmailField, PageForm, Required, TextField
from ..services.office.letterhead import FIELDS, Letterhead

__all__ = ["ConfirmForm", "InviteAdminForm", "OfficeForm"]


class OfficeForm(PageForm):
    """The office's name, address, contact, court, data protection and bank details; the service checks them with
    the letterhead's rules (fields in the order of the page)."""

    name = TextField("Name des Jugendamts")
    street = TextField("Straße und Hausnummer")
    postcode_city = TextField("Postleitzahl und Ort")
    contact_person = TextField("Ansprechperson in den Schreiben")
    phone = TextField("Telefon")
    email = TextField("E-Mail-Adresse")
    website = TextField("Internetseite")
    court_name = TextField("Zuständiges Verwaltungsgericht")
    court_address = TextField("Anschrift des Verwaltungsgerichts")
    dpo_contact = TextField("Datenschutzbeauftragte oder Datenschutzbeauftragter")
    bank_name = TextField("Name der Bank")
    iban = TextField("IBAN")
    bic = TextField("BIC")
    creditor_id = TextField("Gläubiger-Identifikationsnummer")

    @classmethod
    def of(cls, letterhead: Letterhead) -> OfficeForm:
        """Return the form filled with an office's current details."""
        return cls(data=asdict(letterhead))

    def letterhead(self) -> Letterhead:
        """Return the details as typed."""
        return Letterhead(**{name: self[name].data or "" for name in FIELDS})


class InviteAdminForm(PageForm):
    display_name = TextField("Name", validators=[
        Required("Geben Sie den Namen der Person an, zum Beispiel Anna Verwalterin."),
        Length(max=200, message="Kürzen Sie den Namen auf höchstens 200 Zeichen.")])
    email = EmailField("E-Mail-Adresse", validators=[
        Required("Geben Sie die E-Mail-Adresse der Person an, zum Beispiel name@musterstadt.de."),
        Length(max=254, message="Die E-Mail-Adresse ist zu lang.")])
