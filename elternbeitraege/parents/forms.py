"""The declaration's pages, one question (or one small group) per page."""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms.validators import InputRequired, Length, ValidationError

from ..forms import AmountField, Choice, MonthField, PageForm, Required, TextField, displayable, options, valid_iban
from ..models import Benefit, IncomeChoice
from ..services.kernel.labels import BENEFIT_LABELS, INCOME_KIND_LABELS, LIVES_WITH_LABELS, PROOF_KIND_LABELS


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


RECEIVED_BENEFITS = frozenset(BENEFIT_LABELS) - {Benefit.NONE}


class BenefitForm(PageForm):
    """Which benefit, and the months its notice covers (Bewilligungszeitraum), asked only with a benefit.

    ``window`` holds the first and last month of care the assessment covers; the months must overlap them.
    """

    benefit = Choice(
        "Bezieht Ihr Haushalt eine dieser Leistungen?",
        choices=options([(key, label) for key, label in BENEFIT_LABELS.items() if key != Benefit.NONE]
                        + [(Benefit.NONE, BENEFIT_LABELS[Benefit.NONE])]),
        validators=[InputRequired("Wählen Sie aus, ob Ihr Haushalt eine dieser Leistungen bezieht.")],
    )
    benefit_from = MonthField("Bewilligt ab")
    benefit_until = MonthField("Bewilligt bis")
    open_ended = BooleanField("bis auf Weiteres (der Bescheid nennt kein Ende)")

    def __init__(self, *args, window=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.window = window

    def receives(self) -> bool:
        return self.benefit.data in RECEIVED_BENEFITS

    def period(self) -> dict:
        """Return the months as the declaration keeps them: first days, no end for "bis auf Weiteres"."""
        if not self.receives():
            return {"benefit_from": None, "benefit_until": None}
        return {"benefit_from": self.benefit_from.data,
                "benefit_until": None if self.open_ended.data else self.benefit_until.data}

    def validate(self, extra_validators=None) -> bool:
        if not self.receives():  # the months belong to a benefit: without one they are not asked
            self.benefit_from.process_errors = self.benefit_until.process_errors = []
        return super().validate(extra_validators)

    def validate_benefit_from(self, field) -> None:
        if not self.receives() or field.errors:
            return
        if field.data is None:
            raise ValidationError("Geben Sie an, ab welchem Monat die Leistung bewilligt ist (Monat und Jahr).")
        if self.window and field.data > self.window[1].first_day:
            raise ValidationError(f"Bewilligt ab: Geben Sie einen Monat bis {self.window[1].label()} an. Für "
                                  "spätere Monate wird der Beitrag noch nicht festgesetzt; melden Sie die "
                                  "Leistung dann als Änderung.")

    def validate_benefit_until(self, field) -> None:
        if not self.receives() or field.errors:
            return
        if field.data is not None and self.open_ended.data:
            raise ValidationError("Geben Sie entweder an, bis wann die Leistung bewilligt ist, oder wählen Sie "
                                  "„bis auf Weiteres“ – nicht beides.")
        if field.data is None and not self.open_ended.data:
            raise ValidationError("Geben Sie an, bis wann die Leistung bewilligt ist (Monat und Jahr), oder wählen "
                                  "Sie „bis auf Weiteres“.")
        if field.data is None:
            return
        if self.benefit_from.data is not None and field.data < self.benefit_from.data:
            raise ValidationError("Bewilligt bis: Das Ende darf nicht vor dem Beginn liegen. Prüfen Sie Monat und "
                                  "Jahr.")
        if self.window and field.data < self.window[0].first_day:
            raise ValidationError(f"Bewilligt bis: Die Betreuung beginnt im {self.window[0].label()}. Geben Sie "
                                  "einen Monat ab Beginn der Betreuung an – für Monate davor ist kein Beitrag "
                                  "zu zahlen.")


class IncomeChoiceForm(PageForm):
    income_choice = Choice("Wie möchten Sie Ihr Einkommen angeben?", choices=options([
        (IncomeChoice.DECLARE, "Ich gebe unser Einkommen an"),
        (IncomeChoice.HIGHEST, "Ich gebe kein Einkommen an und zahle den Höchstbeitrag"),
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

    def chosen(self) -> bool:
        """Tell whether a file was chosen (a browser sends an empty part when none was)."""
        return bool(self.file.data and self.file.data.filename)

    def say_chosen_file_is_not_stored(self) -> None:
        """Say beside the file input that the chosen file is not stored yet: a page cannot choose it again."""
        if self.chosen() and not self.file.errors:
            self.file.errors = [f"Die Datei „{displayable(self.file.data.filename)}“ ist noch nicht hochgeladen. "
                                "Wählen Sie sie noch einmal aus."]


class MandateForm(PageForm):
    account_holder = TextField("Kontoinhaberin oder Kontoinhaber", validators=[
        Required("Geben Sie den Namen der Kontoinhaberin oder des Kontoinhabers an."),
        Length(max=70, message="Höchstens 70 Zeichen.")])
    iban = TextField("IBAN", validators=[Required("Geben Sie Ihre IBAN an."), valid_iban])
    agree = BooleanField("Ich erteile das SEPA-Lastschriftmandat.",
                         validators=[InputRequired("Bestätigen Sie das SEPA-Lastschriftmandat.")])


class SubmitForm(PageForm):
    """Only the CSRF token: the binding submit carries no other data."""
