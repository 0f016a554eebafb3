"""Sample documents of every kind, with a fictional household, assessed by the real fee engine.

``flask notices sample`` and the administrator's preview of the letterhead use them: they show
an office what its letters look like before a real one goes out. Nothing here reads or writes a
case; the amounts come from the shipped statute of Kreis Gütersloh.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pdf
from pdf.context import (
    AmendingNotice,
    DifferenceMonth,
    FacilityChild,
    FacilityNotice,
    FeeMonth,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
)

from ...fees import (
    BenefitPeriod,
    ChildAssessment,
    ChildCare,
    Household,
    IncomeByYear,
    Month,
    Statute,
    assess_household,
    format_euro,
    recalculate,
)
from ...fees.reasons import BENEFIT as BENEFIT_REASON
from ..kernel.labels import CARE_KIND_LABELS
from ..office.statutes import shipped_by_id
from .change_reasons import REASON_LABELS, ChangeReason
from .letters import income_bracket
from .notice_text import care_sentence, confirmation

KINDS = ("fee", "amending", "final", "invitation", "proof_request", "reminder", "facility")
KIND_LABELS = {
    "fee": "Beitragsbescheid", "amending": "Änderungsbescheid",
    "final": "Endgültiger Beitragsbescheid (bestätigt den vorläufigen)", "invitation": "Einladungsschreiben",
    "proof_request": "Anforderung von Nachweisen", "reminder": "Erinnerung",
    "facility": "Mitteilung an die Einrichtung",
}
STATUTE_ID = "kreis-guetersloh-2024"
PARENTS = ("Anna Muster", "Ben Muster")
ADDRESS = ("Lindenweg 7", "33330 Musterstadt")
CHILD = ChildCare(id="mia", birth_date=date(2023, 3, 4), care="kita", hours=35, start=date(2024, 8, 1))
FILE_NUMBER = "51-2024-00817"
CODE = "MUST-ER23-4567"
# The sample household receives Wohngeld for the last months of the Kita year: those months are free.
BENEFIT = BenefitPeriod(Month(2025, 5), Month(2025, 7))
BENEFIT_NAME = "Wohngeld"


def demo_office() -> Office:
    """Return the fictional Jugendamt Musterstadt, for a sample without an office of one's own."""
    return Office(
        name="Jugendamt Musterstadt", street="Rathausplatz 1", postcode_city="33330 Musterstadt",
        phone="05241 100-214", email="elternbeitraege@musterstadt.example",
        website="www.musterstadt.example/elternbeitrag", contact_person="Team Elternbeiträge",
        court_name="Verwaltungsgericht Minden", court_address="Königswall 8, 32423 Minden",
        dpo_contact="Datenschutzbeauftragte der Stadt Musterstadt, datenschutz@musterstadt.example",
        bank_name="Sparkasse Musterstadt", iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX",
        creditor_id="DE98ZZZ09999999999",
    )


def sample(kind: str, office: Office, today: date, public_url: str = "https://elternbeitrag.example") -> object:
    """Return the sample document context of a kind (one of KINDS), issued by ``office`` on ``today``."""
    makers = {"fee": _fee_notice, "amending": _amending_notice, "final": _final_notice, "invitation": _invitation,
              "proof_request": _proof_request, "reminder": _reminder, "facility": _facility_notice}
    if kind not in makers:
        raise ValueError(f"unknown sample kind {kind!r}; known: {', '.join(KINDS)}")
    return makers[kind](_letter(office, today), public_url)


def render_sample(kind: str, office: Office, today: date, public_url: str = "https://elternbeitrag.example") -> bytes:
    """Render the sample document of a kind as PDF."""
    return pdf.render_document(sample(kind, office, today, public_url))


def _letter(office: Office, today: date) -> Letter:
    return Letter(office=office, recipient_lines=(*PARENTS, *ADDRESS), date=today, file_number=FILE_NUMBER,
                  salutation=f"Guten Tag {' und '.join(PARENTS)},")


def _statute() -> Statute:
    statute = shipped_by_id(STATUTE_ID)
    if statute is None:  # the package ships it; without it there is no sample
        raise LookupError(f"the shipped statute {STATUTE_ID} is missing")
    return statute


def _assess(income: dict[int, str]) -> ChildAssessment:
    household = Household((CHILD,), IncomeByYear({year: Decimal(amount) for year, amount in income.items()}),
                          (BENEFIT,))
    return assess_household(_statute(), household, Month(2024, 8), Month(2025, 7)).child(CHILD.id)


def _months(assessment: ChildAssessment, statute: Statute) -> tuple[FeeMonth, ...]:
    labels = {group.id: group.label for group in statute.age_groups}
    named = f"beitragsfrei nach § 90 Abs. 4 SGB VIII: Bezug von {BENEFIT_NAME}"
    return tuple(FeeMonth(month=fee.month.first_day, amount=fee.amount, bracket=income_bracket(fee),
                          age_group_label=labels.get(fee.age_group or "", "–"), hours=fee.hours_tier,
                          reasons=tuple(named if reason == BENEFIT_REASON else reason for reason in fee.reasons))
                 for fee in assessment.months)


def _reasoning(today: date, *middle: str, final: bool) -> tuple[str, ...]:
    """Return a sample's reasoning: the care in the tense of its date, what it says besides, and its standing."""
    care = care_sentence("Mia Muster", "Kita Sonnenblume", CHILD.hours, CHILD.start, None, today)
    benefit = (f"Sie haben den Bezug von {BENEFIT_NAME} von {BENEFIT.first.label()} bis {BENEFIT.last.label()} "
               "angegeben. Für die Monate des Bezugs wird kein Beitrag erhoben (§ 90 Abs. 4 SGB VIII).")
    standing = ("Die Festsetzung ist endgültig." if final else
                "Die Festsetzung erfolgt vorläufig auf Grund Ihrer Selbsteinschätzung, vorbehaltlich der "
                "Prüfung des Einkommens.")
    return (care, *middle, benefit, standing)


def _fee_notice(letter: Letter, _url: str, income: dict[int, str] | None = None) -> FeeNotice:
    statute = _statute()
    income = income or {2024: "52000", 2025: "52000"}
    assessment = _assess(income)
    bracket = statute.brackets[assessment.months[0].bracket - 1]
    declared = ", ".join(f"{year}: {format_euro(Decimal(amount))}" for year, amount in sorted(income.items()))
    return FeeNotice(
        letter=letter, cash_reference="5.0817.000123.4", provisional=True, child_name="Mia Muster",
        child_birth_date=CHILD.birth_date, facility_name="Kita Sonnenblume", care_kind_label=CARE_KIND_LABELS["kita"],
        weekly_hours=CHILD.hours, statute_id=statute.id,
        income_basis=f"Einkommensgruppe {bracket.number}: {statute.bracket_label(bracket)} (erklärte Einkünfte "
                     f"{declared})",
        statute_title=statute.title, statute_date=f"{statute.adopted or statute.valid_from:%d.%m.%Y}",
        months=_months(assessment, statute), total=assessment.total, mandate_reference="EB-2024-000817",
        iban_masked="DE89 **** **** **** **30 00", reasoning=_reasoning(letter.date, final=False),
    )


def _amending_notice(letter: Letter, url: str) -> AmendingNotice:
    old = _assess({2024: "52000", 2025: "52000"})
    new = _assess({2024: "52000", 2025: "61000"})
    reason = REASON_LABELS[ChangeReason.FINAL_ASSESSMENT].format(years=" 2025")
    notice = replace(_fee_notice(letter, url, {2024: "52000", 2025: "61000"}), provisional=False,
                     reasoning=_reasoning(letter.date, f"Dieser Bescheid ändert die bisherige Festsetzung. Grund "
                                                       f"der Änderung: {reason}.", final=True))
    recalculation = recalculate(old, new)
    return AmendingNotice(
        notice=notice, replaces_date=letter.date - timedelta(days=120),
        replaces_file_name=f"Beitragsbescheid vom {letter.date - timedelta(days=120):%d.%m.%Y}",
        change_reason=reason,
        differences=tuple(DifferenceMonth(month=row.month.first_day, old=row.old, new=row.new)
                          for row in recalculation.months),
        old_total=recalculation.old_total, new_total=recalculation.new_total, balance=recalculation.balance,
    )


def _final_notice(letter: Letter, url: str) -> FeeNotice:
    """A final notice confirming the provisional one; the child lives with its mother alone, who alone is liable."""
    provisional_on = letter.date - timedelta(days=120)
    single = replace(letter, recipient_lines=(PARENTS[0], *ADDRESS), salutation=f"Guten Tag {PARENTS[0]},")
    return replace(_fee_notice(single, url), provisional=False, confirms_date=provisional_on,
                   reasoning=_reasoning(letter.date, confirmation(provisional_on), final=True))


def _invitation(letter: Letter, url: str) -> InvitationLetter:
    return InvitationLetter(
        letter=letter, child_name="Mia Muster", child_birth_date=CHILD.birth_date, facility_name="Kita Sonnenblume",
        care_start=CHILD.start, access_code=CODE, declaration_url=f"{url}/erklaerung/zugang?code={CODE}",
        code_entry_url=f"{url}/erklaerung/zugang", reply_by=letter.date + timedelta(days=28),
    )


def _proof_request(letter: Letter, url: str) -> ProofRequest:
    return ProofRequest(
        letter=letter, child_name="Mia Muster", deadline=letter.date + timedelta(days=28),
        message="Es fehlen noch:\n- die Lohnabrechnungen Oktober bis Dezember\n- der Elterngeldbescheid",
        portal_url=f"{url}/eltern/", final_check_year=None,
    )


def _reminder(letter: Letter, url: str) -> Reminder:
    return Reminder(
        letter=letter, child_name="Mia Muster", facility_name="Kita Sonnenblume", care_start=CHILD.start,
        original_due=letter.date - timedelta(days=1), reply_by=letter.date + timedelta(days=14),
        code_entry_url=f"{url}/erklaerung/zugang",
    )


def _facility_notice(letter: Letter, _url: str) -> FacilityNotice:
    facility = replace(letter, recipient_lines=("Kita Sonnenblume", "Sonnenweg 3", "33330 Musterstadt"),
                       file_number="Sammelbescheid 1", salutation="Guten Tag,")
    children = (
        FacilityChild("Mia Muster", CHILD.birth_date, FILE_NUMBER, CARE_KIND_LABELS["kita"], 35, CHILD.start,
                      "Beitragsbescheid erteilt"),
        FacilityChild("Noah Beispiel", date(2022, 11, 20), "51-2024-00818", CARE_KIND_LABELS["kita"], 45,
                      CHILD.start, "Beitragsbescheid erteilt"),
    )
    return FacilityNotice(letter=facility, facility_name="Kita Sonnenblume", children=children)
