"""The provider's forms: an office's details, the statute it applies from a date, an administrator to invite."""
from __future__ import annotations

from wtforms.validators import Length

from ..admin.forms import LetterheadForm
from ..forms import ConfirmForm, EmailField, PageForm, Required, TextField

__all__ = ["ConfirmForm", "InviteAdminForm", "OfficeForm"]


class OfficeForm(LetterheadForm):
    """The office's name, address, contact, court, data protection and bank details, as on the letterhead page
    (checked with the letterhead's rules); the logo is the office's own to choose."""

    logo = None
    remove_logo = None


class InviteAdminForm(PageForm):
    display_name = TextField("Name", validators=[
        Required("Geben Sie den Namen der Person an, zum Beispiel Anna Verwalterin."),
        Length(max=200, message="Kürzen Sie den Namen auf höchstens 200 Zeichen.")])
    email = EmailField("E-Mail-Adresse", validators=[
        Required("Geben Sie die E-Mail-Adresse der Person an, zum Beispiel name@musterstadt.de."),
        Length(max=254, message="Die E-Mail-Adresse ist zu lang.")])

