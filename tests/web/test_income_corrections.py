"""The clerk corrects a declared income figure with a reason: the fee follows it, history and parents show it."""
from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AssessmentRecord, FeeCase, IncomeCorrection
from elternbeitraege.services.assessment import review
from elternbeitraege.services.declarations import answers as declarations
from tests.conftest import TODAY
from tests.helpers import commit
from tests.integration.story import Story
from tests.web import two_offices
from tests.web.test_forms import assert_refused_page, field_error
from workflows import allowed

CLERK = "sachbearbeitung@musterstadt.example"
REASON = "Höhere Werbungskosten laut Steuerbescheid 2025"


@pytest.fixture
def story(app, demo, login) -> Story:
    return Story(app, login)


@pytest.fixture
def clerk(app, demo, login):
    return login(app.test_client(), CLERK)


def in_review(story: Story, employment: str = "52.000,00", **admission) -> int:
    case_id = story.report(**admission)
    story.declare_and_submit(case_id, employment)
    story.on(case_id, review.start_review)
    return case_id


def page_of(client, case_id: int, path: str = "") -> str:
    return client.get(f"/amt/faelle/{case_id}{path}").get_data(as_text=True)


def version_on(page: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def correct(clerk, case_id: int, item: str = "1-employment", amount: str = "30.000,00", reason: str = REASON,
            version: str | None = None):
    form = page_of(clerk, case_id, "/einkommen-korrigieren")
    return clerk.post(f"/amt/faelle/{case_id}/einkommen-korrigieren", data={
        "version": version or version_on(form), "item": item, "amount": amount, "reason": reason})


def approve(clerk, case_id: int):
    return clerk.post(f"/amt/faelle/{case_id}/festsetzen", data={
        "version": version_on(page_of(clerk, case_id)), "kind": "provisional"})


def assessed_total(app, case_id: int):
    with app.app_context():
        return db.session().scalars(select(AssessmentRecord).where(AssessmentRecord.case_id == case_id)
                                    .order_by(AssessmentRecord.id.desc())).first().total


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_fee_is_assessed_on_the_corrected_figure_as_if_it_had_been_declared(app, story, clerk):
    corrected = in_review(story, "52.000,00")
    declared_so = in_review(story, "30.000,00", child_first_name="Emil")
    uncorrected = in_review(story, "52.000,00", child_first_name="Ida")
    assert correct(clerk, corrected, amount="30.000,00").status_code == 302
    for case_id in (corrected, declared_so, uncorrected):
        assert approve(clerk, case_id).status_code == 302
    assert assessed_total(app, corrected) == assessed_total(app, declared_so)
    assert assessed_total(app, corrected) != assessed_total(app, uncorrected)


def test_the_case_page_shows_the_corrected_figure_and_the_history_before_after_who_and_why(app, story, clerk):
    case_id = in_review(story)
    assert correct(clerk, case_id, amount="48.500,00").status_code == 302
    page = visible_text(page_of(clerk, case_id))
    assert "48.500,00 € (berichtigt; Angabe der Eltern: 52.000,00 €)" in page
    assert f"Sabine Sachbearbeiterin (Sachbearbeitung) Einkommen vom Jugendamt berichtigt In Prüfung In Prüfung " \
           f"Julia Beispiel – Einkünfte aus nichtselbstständiger Arbeit: 52.000 € → 48.500 €. Grund: {REASON}" in page
    row = re.search(r"Korrekturen des Einkommens.*?</table>", page_of(clerk, case_id), re.S).group(0)
    cells = [visible_text(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[1:] == ["Sabine Sachbearbeiterin", "Elternteil 1 – Einkünfte aus nichtselbstständiger Arbeit",
                         "52.000,00 €", "52.000,00 €", "48.500,00 €", REASON]
    with app.app_context():
        stored = db.session().scalars(select(IncomeCorrection)).one()
        assert (stored.declared, stored.amount_before, stored.amount_after, stored.reason) == (
            52000, 52000, 48500, REASON)
        assert stored.created_by_id is not None and stored.created_at is not None


def test_a_second_correction_starts_from_the_corrected_figure(app, story, clerk):
    case_id = in_review(story)
    assert correct(clerk, case_id, amount="48.000,00").status_code == 302
    assert correct(clerk, case_id, amount="47.000,00", reason="Steuerbescheid geändert").status_code == 302
    with app.app_context():
        second = db.session().scalars(select(IncomeCorrection).order_by(IncomeCorrection.id)).all()[-1]
        assert (second.declared, second.amount_before, second.amount_after) == (52000, 48000, 47000)


def test_the_clerk_may_add_an_income_the_parents_declared_as_none(app, story, clerk):
    case_id = in_review(story)
    assert correct(clerk, case_id, item="2-self_employment", amount="12.000,00",
                   reason="Gewinn laut Steuerbescheid").status_code == 302
    page = visible_text(page_of(clerk, case_id))
    assert "Einkommen Elternteil 2 – Einkünfte aus selbstständiger Arbeit oder Gewerbebetrieb " \
           "12.000,00 € (berichtigt; Angabe der Eltern: 0,00 €)" in page


def test_the_parents_see_the_corrected_figure_and_why(app, story, clerk):
    case_id = in_review(story)
    parent = story.parent(case_id)
    assert "berichtigt" not in parent.get(f"/eltern/faelle/{case_id}").get_data(as_text=True)
    assert correct(clerk, case_id, amount="48.500,00").status_code == 302
    page = visible_text(parent.get(f"/eltern/faelle/{case_id}").get_data(as_text=True))
    assert "Vom Jugendamt berichtigtes Einkommen" in page
    assert (f"Julia Beispiel – Einkünfte aus nichtselbstständiger Arbeit Ihre Angabe: 52.000,00 € im Jahr "
            f"Berücksichtigt: 48.500,00 € im Jahr Grund: {REASON}") in page
    assert "Einkommen vom Jugendamt berichtigt" in page  # in the timeline


@pytest.mark.parametrize(("data", "errors"), [
    ({"amount": "", "reason": ""}, {
        "amount": "Geben Sie den berichtigten Jahresbetrag in Euro an, z. B. 41.000,00.",
        "reason": "Schreiben Sie, warum Sie das Einkommen korrigieren (z. B. laut Steuerbescheid)."}),
    ({"amount": "-100", "reason": "   "}, {
        "amount": "Berichtigter Jahresbetrag in Euro: Geben Sie den Betrag in Euro an, z. B. 1.234,56 – ohne "
                  "Minuszeichen.",
        "reason": "Schreiben Sie, warum Sie das Einkommen korrigieren (z. B. laut Steuerbescheid)."}),
    ({"amount": "52.000,00"}, {"amount": "Es gilt schon 52.000 €. Geben Sie den berichtigten Betrag an, der "
                                         "stattdessen gelten soll."}),
    ({"item": None}, {"item": "Wählen Sie aus, welches Einkommen welches Elternteils Sie korrigieren."}),
    ({"item": "3-employment"}, {"item": "Wählen Sie eine der angebotenen Möglichkeiten aus."}),
])
def test_bad_input_is_refused_in_german_beside_its_field_and_what_was_typed_stays(app, story, clerk, data, errors):
    case_id = in_review(story)
    typed = {"item": "1-employment", "amount": "30.000,00", "reason": "Laut Steuerbescheid"} | data
    response = clerk.post(f"/amt/faelle/{case_id}/einkommen-korrigieren", data={
        "version": version_on(page_of(clerk, case_id, "/einkommen-korrigieren")),
        **{name: value for name, value in typed.items() if value is not None}})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    for field, message in errors.items():
        assert field_error(page, field) == message
    if typed["amount"]:
        assert f'value="{typed["amount"]}"' in page
    if typed["reason"].strip():
        assert re.search(rf">\s*{typed['reason']}</textarea>", page)
    with app.app_context():
        assert db.session().scalars(select(IncomeCorrection)).all() == []


def test_a_correction_on_a_version_someone_else_changed_is_refused_in_plain_german(app, story, clerk):
    case_id = in_review(story)
    seen = version_on(page_of(clerk, case_id, "/einkommen-korrigieren"))
    assert correct(clerk, case_id, amount="48.000,00").status_code == 302
    response = correct(clerk, case_id, amount="30.000,00", version=seen)
    assert response.status_code == 302
    page = clerk.get(response.headers["Location"]).get_data(as_text=True)
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet. Das Einkommen wurde nicht korrigiert." in page
    with app.app_context():
        assert [c.amount_after for c in db.session().scalars(select(IncomeCorrection))] == [48000]


def test_an_approval_on_the_version_before_a_correction_is_refused(app, story, clerk):
    case_id = in_review(story)
    seen = version_on(page_of(clerk, case_id))
    assert correct(clerk, case_id).status_code == 302
    clerk.post(f"/amt/faelle/{case_id}/festsetzen", data={"version": seen, "kind": "provisional"})
    assert story.status(case_id) == "in_review"


def test_no_correction_before_the_review_or_once_the_case_is_decided(app, story, clerk):
    submitted = story.report()
    story.declare_and_submit(submitted)
    assert 'id="correct-income"' not in page_of(clerk, submitted)
    refused = clerk.get(f"/amt/faelle/{submitted}/einkommen-korrigieren")
    assert refused.status_code == 302
    assert "nur korrigieren, solange der Fall in Prüfung ist" in clerk.get(refused.headers["Location"]).get_data(
        as_text=True)
    reviewed = in_review(story, child_first_name="Emil")
    assert 'id="correct-income"' in page_of(clerk, reviewed)
    assert approve(clerk, reviewed).status_code == 302
    assert correct(clerk, reviewed, version=version_on(page_of(clerk, reviewed))).status_code == 302
    with app.app_context():
        assert db.session().scalars(select(IncomeCorrection)).all() == []


def test_the_machine_refuses_a_correction_after_a_final_notice():
    facts = {"comment": REASON}
    assert allowed("in_review", "correct_income", "clerk", assessment_kind="provisional", **facts)
    assert not allowed("in_review", "correct_income", "clerk", assessment_kind="final", **facts)
    assert not allowed("facility_notified", "correct_income", "clerk", assessment_kind="provisional", **facts)
    assert not allowed("in_review", "correct_income", "parent", **facts)


def test_parents_declaring_the_same_figure_again_keep_the_correction_a_new_figure_replaces_it(app, story, clerk):
    case_id = in_review(story)
    assert correct(clerk, case_id, amount="48.000,00").status_code == 302
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, case_id)
        case.status = "change_reported"  # as after a reported change of income
        commit(session)
    kinds = {"employment": Decimal("52000.00"), "self_employment": Decimal("0"),
             "income_replacement": Decimal("0"), "other": Decimal("0")}
    parent = story.parent_actor(case_id)
    story.act(declarations.save_incomes, case_id, 1, kinds, False, actor=parent)
    with app.app_context():
        items = declarations.declaration_of(db.session(), db.session().get(FeeCase, case_id)).incomes
        assert [(item.amount, item.corrected_amount) for item in items] == [(52000, 48000)]
    story.act(declarations.save_incomes, case_id, 1, kinds | {"employment": Decimal("50000.00")}, False, actor=parent)
    with app.app_context():
        items = declarations.declaration_of(db.session(), db.session().get(FeeCase, case_id)).incomes
        assert [(item.amount, item.corrected_amount) for item in items] == [(50000, None)]


@pytest.fixture
def world(app):
    return two_offices.build(app, TODAY)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_clerk_of_another_office_finds_no_such_case(app, world, login, method):
    other = login(app.test_client(), two_offices.LOGINS["clerk_b"], world.password("clerk_b"))
    response = other.open(f"/amt/faelle/{world.cases['a'].case}/einkommen-korrigieren", method=method, data={
        "version": "1", "item": "1-employment", "amount": "1", "reason": "x"})
    assert response.status_code == 404
