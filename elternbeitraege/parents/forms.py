"""The declaration's pages, one question (or one small group) per page."""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms.validators import InputRequired, Length, ValidationError

from ..forms import AmountField, Choice, PageForm, Required, TextField, options, valid_iban
from ..services.labels import BENEFIT_LABELS, INCOME_KIND_LABELS, LIVES_WITH_LABELS, PROOF_KIND_LABELS


class ConfirmChildForm(PageForm):
    confirmed = BooleanField("Die Angaben zum Kind und zur Betreuung stimmen.",
                             validators=[InputRequired("Bestätigen Sie die Angaben oder rufen Sie das Jugendamt an, "
                                                       "wenn etwas nicht stimmt.")])


class HouseholdForm(PageForm):
    lives_with = Choice("Mit wem lebt das Kind zusammen?", choices=options(list(LIVES_WITH_LABELS.items())),
                            validators=[InputRequired("Wählen Sie aus, mit wem das Kind zusammenlebt.")])
    other_first_name = TextField("Vorname des anderen Elternteils",
                                 validators=[Length(max=100, message="Höchstens 100 Zeichen.")])
    other_last_name = TextField("Nachname des anderen Elternteils",
                                validators=[Length(max=100, message="Höchstens 100 Zeichen.")])

    def validate_other_first_name(self, field) -> None:
        if self.lives_with.data == "both" and not field.data:
            raise ValidationError("Geben Sie den Vornamen des anderen Elternteils an.")

    def validate_other_last_name(self, field) -> None:
        if self.lives_with.data == "both" and not field.data:
            raise ValidationError("Geben Sie den Nachnamen des anderen Elternteils an.")


class BenefitForm(PageForm):
    benefit = Choice(
        "Bezieht Ihr Haushalt eine dieser Leistungen?",
        choices=options([(key, label) for key, label in BENEFIT_LABELS.items() if key != "none"]
                        + [("none", BENEFIT_LABELS["none"])]),
        validators=[InputRequired("Wählen Sie aus, ob Ihr Haushalt eine dieser Leistungen bezieht.")],
    )


class IncomeChoiceForm(PageForm):
    income_choice = Choice("Wie möchten Sie Ihr Einkommen angeben?", choices=options([
        ("declare", "Ich gebe unser Einkommen an"),
        ("highest", "Ich gebe kein Einkommen an und zahle den Höchstbeitrag"),
    ]), validators=[InputRequired("Wählen Sie aus, ob Sie Ihr Einkommen angeben oder den Höchstbeitrag zahlen.")])


class IncomeForm(PageForm):
    employment = AmountField(INCOME_KIND_LABELS["employment"])
    self_employment = AmountField(INCOME_KIND_LABELS["self_employment"])
    income_replacement = AmountField(INCOME_KIND_LABELS["income_replacement"])
    other = AmountField(INCOME_KIND_LABELS["other"])

    def amounts(self) -> dict:
        return {name: self[name].amount for name in INCOME_KIND_LABELS}


class ProofForm(PageForm):
    kind = Choice("Was für ein Nachweis ist das?", choices=options(list(PROOF_KIND_LABELS.items())),
                      validators=[InputRequired("Wählen Sie aus, was für ein Nachweis das ist.")])
    file = FileField("Datei auswählen")


class MandateForm(PageForm):
    account_holder = TextField("Kontoinhaberin oder Kontoinhaber", validators=[
        Required("Geben Sie den Namen der Kontoinhaberin oder des Kontoinhabers an."),
        Length(max=70, message="Höchstens 70 Zeichen.")])
    iban = TextField("IBAN", validators=[Required("Geben Sie Ihre IBAN an."), valid_iban])
    agree = BooleanField("Ich erteile das SEPA-Lastschriftmandat.",
                         validators=[InputRequired("Bestätigen Sie das SEPA-Lastschriftmandat.")])


class SubmitForm(PageForm):
    """Only the CSRF token: the binding submit carries no other data."""
