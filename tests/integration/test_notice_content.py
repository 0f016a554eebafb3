"""What a real case's notice says: who is liable and greeted, why a month is free, the tense of care, the reason
of a change — read from the PDF the services issue."""
from __future__ import annotations

from datetime import date

import pytest

from elternbeitraege.services.assessment import review
from elternbeitraege.services.declarations import answers as declarations
from tests.helpers import pdf_text
from tests.integration.story import Story
from tests.web.steps import upload_proof
from workflows import TRIGGER_LABELS

TODAY = date(2025, 7, 1)  # care starts on 01.08.2025


@pytest.fixture
def story(app, demo, login) -> Story:
    return Story(app, login)


def declare(story: Story, case_id: int, household: dict, employment: str = "52.000,00",
            benefit: str | None = None, benefit_months: dict | None = None) -> None:
    """Fill in the declaration as the parents would, with the household given; a benefit instead of income."""
    client = story.parent(case_id)
    base = f"/eltern/faelle/{case_id}/erklaerung"
    steps = [("/kind", {"confirmed": "y"}), ("/haushalt", household)]
    if benefit is None:
        chosen = {"benefit": "none"} if benefit_months is None else benefit_months
        steps += [("/leistungen", chosen), ("/einkommen", {"income_choice": "declare"}),
                  ("/einkommen/1", {"employment": employment})]
        if household["lives_with"] == "both":
            steps.append(("/einkommen/2", {"employment": ""}))
    for path, data in steps:
        response = client.post(base + path, data=data)
        assert response.status_code == 302, (path, response.get_data(as_text=True)[:3000])
    if benefit is not None:  # every month of care: the benefit notice runs until further notice
        story.act(declarations.save, case_id, benefit=benefit, actor=story.parent_actor(case_id))
    assert upload_proof(client, case_id, kind="income" if benefit is None else "benefit").status_code == 302
    assert client.post(base + "/nachweise/fertig").status_code == 302
    assert client.post(base + "/lastschrift", data={"account_holder": "Julia Beispiel",
                                                    "iban": "de89 3704 0044 0532 0130 00", "agree": "y"}
                       ).status_code == 302
    assert client.post(base + "/pruefen").status_code == 302


def notice_of(story: Story, case_id: int, household: dict, today: date = TODAY, **declared) -> str:
    """Declare, review and approve provisionally on ``today``; return the text of the fee notice."""
    declare(story, case_id, household, **declared)
    story.on(case_id, review.start_review, today=today)
    story.on(case_id, review.approve, False, "", today=today)
    notice, = story.documents(case_id, "fee_notice")
    return pdf_text(notice.content)


LIVES_WITH_ONE = {"lives_with": "one"}
LIVES_WITH_BOTH = {"lives_with": "both", "other_first_name": "Tom", "other_last_name": "Neumann"}


def test_a_child_living_with_one_parent_makes_that_parent_alone_liable_and_greeted(story):
    case_id = story.report()  # the facility reported Julia and Tom Beispiel
    text = notice_of(story, case_id, LIVES_WITH_ONE)
    assert "Guten Tag Julia Beispiel," in text
    assert "Beitragspflichtig Julia Beispiel Kind" in text
    assert "Tom" not in text and "Gesamtschuldner" not in text


def test_both_parents_the_declaration_names_are_liable_as_joint_debtors_and_greeted(story):
    case_id = story.report()
    text = notice_of(story, case_id, LIVES_WITH_BOTH)
    assert "Guten Tag Julia Beispiel und Tom Neumann," in text
    assert "Beitragspflichtig (als Gesamtschuldner) Julia Beispiel Tom Neumann Kind" in text
    assert "Tom Beispiel" not in text  # the other parent as the parents declared him, not as reported


def test_months_free_because_of_a_benefit_say_which_benefit_and_name_no_income_bracket(story):
    case_id = story.report()
    text = notice_of(story, case_id, LIVES_WITH_ONE, benefit="buergergeld")
    assert "Std. – 0,00 € beitragsfrei nach § 90 Abs. 4 SGB VIII: Bezug von Bürgergeld (SGB II)" in text
    assert "Std. 12 0,00 €" not in text and "Einkommensgruppe 12" not in text


def test_a_benefit_for_some_months_frees_those_and_the_other_months_rest_on_the_declared_income(story):
    case_id = story.report()
    wohngeld = {"benefit": "wohngeld", "benefit_from-month": "8", "benefit_from-year": "2025",
                "benefit_until-month": "10", "benefit_until-year": "2025"}
    text = notice_of(story, case_id, LIVES_WITH_ONE, benefit_months=wohngeld)
    assert "Bezug von Wohngeld von August 2025 bis Oktober 2025: in diesen Monaten beitragsfrei" in text
    assert "Einkommensgrundlage Einkommensgruppe 6: Einkommen über 50.000 € bis 55.000 € (erklärte Einkünfte" in text
    assert "November 2025 unter 2 Jahre 35 Std. 6 223,00 €" in text
    assert "Für diese Monate wird kein Beitrag erhoben (§ 90 Abs. 4 SGB VIII); für die übrigen Monate" in text
    assert "Maßgeblich ist das Einkommen Ihres Haushalts" in text


@pytest.mark.parametrize(("today", "words"), [
    (date(2025, 7, 1), "Ihr Kind Lena Beispiel wird ab dem 01.08.2025 in der Einrichtung"),
    (date(2025, 8, 1), "Ihr Kind Lena Beispiel wird seit dem 01.08.2025 in der Einrichtung"),
    (date(2025, 9, 15), "Ihr Kind Lena Beispiel wird seit dem 01.08.2025 in der Einrichtung"),
])
def test_the_notice_says_since_when_the_child_is_cared_for_in_the_tense_of_its_date(story, today, words):
    case_id = story.report()
    text = notice_of(story, case_id, LIVES_WITH_BOTH, today=today)
    assert words in text
    assert ("seit dem" if today < date(2025, 8, 1) else "ab dem 01.08.2025") not in text


def finally_checked(story: Story, employment: str) -> int:
    """Return a provisionally assessed case after its final check, with the income of 2025 proven as given."""
    case_id = story.report()
    notice_of(story, case_id, LIVES_WITH_BOTH)
    assert story.run_due(date(2026, 4, 1))["final_checks"] == 1
    parent = story.parent(case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1", data={"employment": employment}
                       ).status_code == 302
    assert upload_proof(parent, case_id, name="steuerbescheid-2025.pdf").status_code == 302
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    story.on(case_id, review.start_review, today=date(2026, 4, 20))
    story.on(case_id, review.approve, True, "Steuerbescheid 2025 geprüft", today=date(2026, 4, 20))
    return case_id


def test_a_final_assessment_that_changes_an_amount_gives_its_reason_in_law(story):
    case_id = finally_checked(story, "30.000,00")
    amending, = story.documents(case_id, "amending_notice")
    text = pdf_text(amending.content)
    assert "Grund der Änderung Endgültige Festsetzung nach Prüfung des Einkommens 2025" in text
    assert not any(label in text for label in TRIGGER_LABELS.values())


def test_a_final_assessment_that_changes_no_month_is_a_final_notice_confirming_the_provisional_one(story):
    case_id = finally_checked(story, "52.000,00")
    assert story.documents(case_id, "amending_notice") == []
    provisional, final = story.documents(case_id, "fee_notice")
    assert final.replaces_id == provisional.id and final.dated == date(2026, 4, 20)
    text = pdf_text(final.content)
    assert "Endgültiger Beitragsbescheid" in text
    assert "Die Prüfung Ihres Einkommens bestätigt unseren vorläufigen Bescheid vom 01.07.2025" in text
    assert "Sie müssen nichts nachzahlen und erhalten nichts erstattet" in text
    assert "Änderungsbescheid" not in text and "Grund der Änderung" not in text and "Nachberechnung" not in text
    assert story.case(case_id).assessment_kind == "final"
