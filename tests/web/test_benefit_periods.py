"""A benefit notice covers months: the parents say from when to when, the months are checked in German all at
once, kept, shown to parents and clerk, and only those months are free of the fee."""
from __future__ import annotations

import html as html_lib
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Declaration, FeeCase, IncomeItem
from elternbeitraege.services import demo as seed
from elternbeitraege.services.assessment import case_file
from elternbeitraege.services.declarations import answers as declarations
from elternbeitraege.services.kernel.actor import Actor
from tests.web.steps import newest_case, register, upload_proof
from tests.web.test_forms import assert_refused_page, field_error, input_value

CLERK = "sachbearbeitung@musterstadt.example"

# The demo case: care from August 2025 (the tests' today is 1 July 2025), assessed up to July 2026.
FROM_MISSING = "Geben Sie an, ab welchem Monat die Leistung bewilligt ist (Monat und Jahr)."
UNTIL_MISSING = ("Geben Sie an, bis wann die Leistung bewilligt ist (Monat und Jahr), oder wählen Sie "
                 "„bis auf Weiteres“.")
UNTIL_AND_OPEN = ("Geben Sie entweder an, bis wann die Leistung bewilligt ist, oder wählen Sie „bis auf Weiteres“ – "
                  "nicht beides.")
UNTIL_BEFORE_FROM = "Bewilligt bis: Das Ende darf nicht vor dem Beginn liegen. Prüfen Sie Monat und Jahr."
UNTIL_BEFORE_CARE = ("Bewilligt bis: Die Betreuung beginnt im August 2025. Geben Sie einen Monat ab Beginn der "
                     "Betreuung an – für Monate davor ist kein Beitrag zu zahlen.")
FROM_AFTER_ASSESSMENT = ("Bewilligt ab: Geben Sie einen Monat bis Juli 2026 an. Für spätere Monate wird der Beitrag "
                         "noch nicht festgesetzt; melden Sie die Leistung dann als Änderung.")


def period(benefit: str = "buergergeld", since: tuple[str, str] = ("", ""), until: tuple[str, str] = ("", ""),
           open_ended: bool = False) -> dict[str, str]:
    """Return the benefit page as a browser sends it: the benefit, and Monat and Jahr of beginning and end."""
    data = {"benefit": benefit, "benefit_from-month": since[0], "benefit_from-year": since[1],
            "benefit_until-month": until[0], "benefit_until-year": until[1]}
    return data | ({"open_ended": "y"} if open_ended else {})


def summary(page: str) -> dict[str, str]:
    """Return the error summary's messages by the field they link to."""
    found = re.search(r"data-error-summary>(.*?)</div>\s*</div>", page, re.S)
    assert found, "no error summary"
    links = re.findall(r'<a class="kern-link" href="#([^"]+)">([^<]*)</a>', found.group(1))
    return {target: html_lib.unescape(text) for target, text in links}


def stored(app, case_id: int) -> tuple:
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        return declaration.benefit, declaration.benefit_from, declaration.benefit_until


@pytest.fixture
def at_benefit(app, demo):
    """A parent of the demo case, signed in, with the declaration answered up to the benefit page."""
    client = app.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    case_id = newest_case(app).id
    base = f"/eltern/faelle/{case_id}/erklaerung"
    for path, data in [("/kind", {"confirmed": "y"}), ("/haushalt", {"lives_with": "one"})]:
        assert client.post(base + path, data=data).status_code == 302, path
    return client, case_id, base + "/leistungen"


# --- Asking and checking the months ----------------------------------------------------------------------------------

def test_the_benefit_page_asks_for_month_and_year_of_beginning_and_end_or_until_further_notice(at_benefit):
    client, _case_id, page_url = at_benefit
    page = client.get(page_url).get_data(as_text=True)
    for name in ("benefit_from-month", "benefit_from-year", "benefit_until-month", "benefit_until-year"):
        assert re.search(rf'<label class="kern-label" for="{name}">', page)
        assert re.search(rf'<input[^>]*name="{name}"[^>]*inputmode="numeric"', page)
    assert "bis auf Weiteres" in page


def test_a_benefit_without_its_months_is_refused_with_both_messages_at_once(app, at_benefit):
    client, case_id, page_url = at_benefit
    response = client.post(page_url, data=period())
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary(page) == {"benefit_from-month": FROM_MISSING, "benefit_until-month": UNTIL_MISSING}
    assert field_error(page, "benefit_from") == FROM_MISSING and field_error(page, "benefit_until") == UNTIL_MISSING
    assert stored(app, case_id) == (None, None, None)


@pytest.mark.parametrize(("data", "errors"), [
    (period(since=("13", "2025"), until=("3", "")),
     {"benefit_from-month": "Bewilligt ab: Geben Sie den Monat als Zahl von 1 bis 12 an.",
      "benefit_until-month": "Bewilligt bis: Geben Sie Monat und Jahr an, z. B. 3 2025."}),
    (period(since=("", "2025"), until=("6", "25")),
     {"benefit_from-month": "Bewilligt ab: Geben Sie Monat und Jahr an, z. B. 3 2025.",
      "benefit_until-month": "Bewilligt bis: Geben Sie das Jahr vierstellig an, z. B. 2025."}),
    (period(since=("3", "2026"), until=("12", "2025")), {"benefit_until-month": UNTIL_BEFORE_FROM}),
    (period(since=("1", "2025"), until=("6", "2025")), {"benefit_until-month": UNTIL_BEFORE_CARE}),
    (period(since=("9", "2026"), open_ended=True), {"benefit_from-month": FROM_AFTER_ASSESSMENT}),
    (period(since=("9", "2025"), until=("12", "2025"), open_ended=True), {"benefit_until-month": UNTIL_AND_OPEN}),
    (period(since=("9", "2026"), until=("3", "2025")),
     {"benefit_from-month": FROM_AFTER_ASSESSMENT, "benefit_until-month": UNTIL_BEFORE_FROM}),
])
def test_wrong_months_are_refused_in_german_all_at_once_and_kept_as_typed(app, at_benefit, data, errors):
    client, case_id, page_url = at_benefit
    response = client.post(page_url, data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary(page) == errors
    assert {name: field_error(page, name.removesuffix("-month")) for name in errors} == errors
    assert {name: input_value(page, name) for name in data if "-" in name} == {
        name: value for name, value in data.items() if "-" in name}
    assert bool(re.search(r'<input checked[^>]*name="open_ended"', page)) == ("open_ended" in data)
    assert stored(app, case_id) == (None, None, None)


def test_months_typed_for_no_benefit_are_neither_checked_nor_kept(app, at_benefit):
    client, case_id, page_url = at_benefit
    response = client.post(page_url, data=period("none", since=("13", "x"), until=("4", "2025")))
    assert response.status_code == 302 and response.headers["Location"].endswith("/einkommen")
    assert stored(app, case_id) == ("none", None, None)


def test_choosing_no_benefit_later_forgets_the_months_of_the_earlier_one(app, at_benefit):
    client, case_id, page_url = at_benefit
    assert client.post(page_url, data=period(since=("8", "2025"), open_ended=True)).status_code == 302
    assert client.post(page_url, data=period("none")).status_code == 302
    assert stored(app, case_id) == ("none", None, None)


# --- What follows from the months ----------------------------------------------------------------------------------

def test_a_benefit_from_the_start_of_care_until_further_notice_asks_no_income(app, at_benefit):
    client, case_id, page_url = at_benefit
    response = client.post(page_url, data=period("wohngeld", since=("3", "2025"), open_ended=True))
    assert response.status_code == 302 and response.headers["Location"].endswith("/nachweise")
    assert stored(app, case_id) == ("wohngeld", date(2025, 3, 1), None)
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        assert not declarations.asks_income(declaration) and not declarations.needs_mandate(declaration)


def test_a_benefit_for_some_months_asks_the_income_for_the_others_and_a_mandate(app, at_benefit):
    client, case_id, page_url = at_benefit
    response = client.post(page_url, data=period(since=("11", "2025"), until=("2", "2026")))
    assert response.status_code == 302 and response.headers["Location"].endswith("/einkommen")
    assert stored(app, case_id) == ("buergergeld", date(2025, 11, 1), date(2026, 2, 1))
    base = page_url.removesuffix("/leistungen")
    tasks = client.get(base).get_data(as_text=True)
    assert re.search(r"Einkommen und Leistungen.*?In Bearbeitung", tasks, re.S)
    assert client.post(base + "/einkommen", data={"income_choice": "declare"}).status_code == 302
    assert client.post(base + "/einkommen/1", data={"employment": "44.000"}).status_code == 302
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        assert declarations.asks_income(declaration) and declarations.needs_mandate(declaration)
        assert declaration.income_choice == "declare" and declaration.incomes_done


def test_the_check_page_and_the_clerks_case_view_show_the_months(app, at_benefit, login):
    client, case_id, page_url = at_benefit
    assert client.post(page_url, data=period(since=("11", "2025"), until=("2", "2026"))).status_code == 302
    base = page_url.removesuffix("/leistungen")
    assert client.post(base + "/einkommen", data={"income_choice": "highest"}).status_code == 302
    assert upload_proof(client, case_id, name="bescheid.pdf").status_code == 302
    assert client.post(base + "/nachweise/fertig").status_code == 302
    assert client.post(base + "/lastschrift", data={"account_holder": "Julia Beispiel",
                                                    "iban": "DE89370400440532013000", "agree": "y"}).status_code == 302
    check = client.get(base + "/pruefen").get_data(as_text=True)
    assert "Bürgergeld" in check and "von November 2025 bis Februar 2026" in check
    assert client.post(base + "/pruefen").status_code == 302
    assert newest_case(app).status == "submitted"
    clerk = login(app.test_client(), CLERK)
    view = clerk.get(f"/amt/faelle/{case_id}").get_data(as_text=True)
    assert "von November 2025 bis Februar 2026" in view


def test_a_page_opened_again_shows_the_stored_months(at_benefit):
    client, _case_id, page_url = at_benefit
    assert client.post(page_url, data=period(since=("10", "2025"), open_ended=True)).status_code == 302
    page = client.get(page_url).get_data(as_text=True)
    assert input_value(page, "benefit_from-month") == "10" and input_value(page, "benefit_from-year") == "2025"
    assert input_value(page, "benefit_until-month") == "" and re.search(r'<input checked[^>]*name="open_ended"', page)


# --- The fee engine is told the months ------------------------------------------------------------------------------

@pytest.fixture
def session(app, demo):
    with app.app_context():
        yield db.session()


def declared(session, **fields) -> tuple[FeeCase, Declaration]:
    case = session.scalars(select(FeeCase)).one()
    _case, declaration = declarations.open_declaration(session, Actor(None, "clerk", office_id=case.office_id), case.id)
    for name, value in fields.items():
        setattr(declaration, name, value)
    return case, declaration


def test_only_the_months_of_the_benefit_are_free_and_the_others_follow_the_declared_income(session):
    case, declaration = declared(session, benefit="buergergeld", benefit_from=date(2025, 11, 1),
                                 benefit_until=date(2026, 2, 1), income_choice="declare", incomes_done=True)
    declaration.incomes = [IncomeItem(person=1, kind="employment", amount=Decimal("44000"))]
    months = {str(fee.month): fee.amount for fee in case_file.assessment_of(session, case, declaration).months}
    free = {"2025-11", "2025-12", "2026-01", "2026-02"}
    assert {month for month, amount in months.items() if amount == 0} == free
    charged = {amount for month, amount in months.items() if month not in free}
    highest = case_file.assessment_of(session, case, declared(session, benefit="none", income_choice="highest")[1])
    assert len(charged) == 1 and charged.pop() < highest.months[0].amount


def test_a_benefit_until_further_notice_frees_every_month_from_its_beginning(session):
    case, declaration = declared(session, benefit="wohngeld", benefit_from=date(2026, 3, 1), income_choice="highest")
    months = {str(fee.month): fee.amount for fee in case_file.assessment_of(session, case, declaration).months}
    assert [month for month, amount in months.items() if amount == 0] == [
        "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]
    assert all(amount > 0 for month, amount in months.items() if month < "2026-03")


def test_a_benefit_declared_before_its_months_were_asked_frees_every_month(session):
    case, declaration = declared(session, benefit="wohngeld")
    assert all(fee.amount == 0 for fee in case_file.assessment_of(session, case, declaration).months)
    assert not declarations.asks_income(declaration)
