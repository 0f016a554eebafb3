"""The admission report and the facility's change of hours: every problem at once, each at its field, in German;
a second parent named in full or not at all; a childminder books the hours of its contract."""
from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import FeeCase, Household, User
from elternbeitraege.services.cases import admissions, changes
from elternbeitraege.services.kernel.actor import Actor
from elternbeitraege.services.kernel.errors import InvalidInput
from elternbeitraege.services.kernel.uow import UnitOfWork, abandon
from tests.conftest import TODAY
from tests.web.steps import ADMISSION, newest_case, report, version_of
from tests.web.test_forms import assert_refused_page, field_error, input_value, summary_links

SONNENBLUME = "kita-sonnenblume@musterstadt.example"
CHILDMINDER = "tagespflege@musterstadt.example"
SURNAME_MISSING = "Geben Sie auch den Nachnamen des zweiten Elternteils an – oder lassen Sie beide Namen leer."
FIRST_NAME_MISSING = "Geben Sie auch den Vornamen des zweiten Elternteils an – oder lassen Sie beide Namen leer."
HOURS_RANGE = ("Geben Sie die Wochenstunden als ganze Zahl von 1 bis 60 an, wie im Betreuungsvertrag "
               "vereinbart.")
FULL = admissions.Admission(
    child_first_name="Lena", child_last_name="Beispiel", birth_date=date(2024, 3, 15), weekly_hours=35,
    start_date=date(2025, 8, 1), parent1_first_name="Julia", parent1_last_name="Beispiel",
    parent2_first_name="Tom", parent2_last_name="Beispiel", street="Hauptstraße 1", postcode="33330",
    city="Musterstadt")


def post_admission(client, **changes):
    data = {name: value for name, value in {**ADMISSION, **changes}.items() if value is not None}
    return client.post("/einrichtung/aufnahme", data=data)


def input_types(page: str, name: str) -> list[str]:
    """Return the type of every input named ``name``, in page order."""
    tags = re.findall(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    return [re.search(r'\btype="([^"]+)"', tag).group(1) for tag in tags]


def cases_in(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(FeeCase))


def facility_actor(session, email: str) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.email == email)).one())


@pytest.fixture
def kita(app, demo, login):
    return login(app.test_client(), SONNENBLUME)


@pytest.fixture
def childminder(app, demo, login):
    return login(app.test_client(), CHILDMINDER)


# --- A second parent: both names or neither ----------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"parent2_last_name": ""}, "parent2_last_name", SURNAME_MISSING),
    ({"parent2_first_name": ""}, "parent2_first_name", FIRST_NAME_MISSING),
], ids=["first name without surname", "surname without first name"])
def test_a_second_parent_with_only_one_name_is_refused_at_the_name_that_is_missing(app, kita, changes, field,
                                                                                   message):
    before = cases_in(app)
    response = post_admission(kita, **changes)
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary_links(page) == {field: message}
    assert field_error(page, field) == message
    assert cases_in(app) == before


def test_a_second_parent_left_out_entirely_is_fine(app, kita):
    case = report(kita, parent2_first_name="", parent2_last_name="")
    with app.app_context():
        household = db.session().get(Household, case.household_id)
        assert (household.parent2_first_name, household.parent2_last_name) == (None, None)
        assert household.parent_names == ("Julia Beispiel",)


@pytest.mark.parametrize(("changes", "errors"), [
    ({"parent2_last_name": None}, {"parent2_last_name": SURNAME_MISSING}),
    ({"parent2_first_name": None}, {"parent2_first_name": FIRST_NAME_MISSING}),
    ({"parent1_last_name": None}, {"parent1_last_name": "Geben Sie den Nachnamen des ersten Elternteils an."}),
    ({"child_last_name": None}, {"child_last_name": "Geben Sie den Nachnamen des Kindes an."}),
], ids=["second parent without surname", "second parent without first name", "first parent without surname",
        "child without surname"])
def test_the_service_stores_no_household_with_a_name_missing(app, demo, changes, errors):
    with app.app_context():
        session = db.session()
        with pytest.raises(InvalidInput) as refused:
            admissions.report_admission(UnitOfWork(session, TODAY, "http://localhost"),
                                        facility_actor(session, SONNENBLUME), dataclasses.replace(FULL, **changes))
        assert refused.value.errors == errors
        abandon(session)
        assert session.scalar(select(func.count()).select_from(Household)) == 1  # the demo household only


# --- Every error at once -----------------------------------------------------------------------------------------

FUTURE_BIRTH = {"birth_date-day": "15", "birth_date-month": "7", "birth_date-year": "2025"}  # before the start


def test_a_future_birth_date_is_reported_together_with_every_other_error(app, kita):
    sent = {**FUTURE_BIRTH, "child_first_name": "", "postcode": "123", "parent2_last_name": ""}
    response = post_admission(kita, **sent)
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary_links(page) == {
        "child_first_name": "Geben Sie den Vornamen des Kindes an.",
        "birth_date": "Das Geburtsdatum darf nicht in der Zukunft liegen.",
        "parent2_last_name": SURNAME_MISSING,
        "postcode": "Die Postleitzahl hat 5 Ziffern, z. B. 33330.",
    }
    assert field_error(page, "birth_date") == "Das Geburtsdatum darf nicht in der Zukunft liegen."
    assert input_value(page, "birth_date-month") == "7" and input_value(page, "postcode") == "123"
    assert input_value(page, "parent2_first_name") == "Tom"


def test_a_start_without_statute_and_a_start_before_birth_are_reported_with_the_form_errors(app, kita):
    response = post_admission(kita, city="", **{"start_date-year": "2023"})
    page = response.get_data(as_text=True)
    links = summary_links(page)
    assert set(links) == {"start_date", "city"}
    assert links["start_date"] == "Der Betreuungsbeginn muss nach dem Geburtsdatum liegen."

    response = post_admission(kita, city="", **{"birth_date-year": "2022", "start_date-year": "2024",
                                                 "start_date-month": "7"})
    links = summary_links(response.get_data(as_text=True))
    assert set(links) == {"start_date", "city"}
    assert links["start_date"].startswith("Für die Betreuungsart „Kindertageseinrichtung (Kita)“ gilt am "
                                          "01.07.2024 keine Beitragssatzung des Jugendamts.")


def test_a_date_the_form_cannot_read_is_not_judged_a_second_time(app, kita):
    response = post_admission(kita, **{"birth_date-day": "31", "birth_date-month": "2", "start_date-year": ""})
    page = response.get_data(as_text=True)
    assert summary_links(page) == {
        "birth_date": "Geburtsdatum des Kindes muss ein echtes Datum sein, z. B. 27.3.2024.",
        "start_date": "Betreuungsbeginn muss aus Tag, Monat und Jahr in Ziffern bestehen.",
    }


# --- Hours: a Kita its tiers, a childminder the hours of its contract ---------------------------------------------

def test_the_childminder_admission_form_asks_for_whole_hours_and_books_what_the_contract_says(app, childminder):
    page = childminder.get("/einrichtung/aufnahme").get_data(as_text=True)
    assert input_types(page, "weekly_hours") == ["text"]
    assert 'inputmode="numeric"' in page and "nächsthöheren Stundenstufe" in page
    case = report(childminder, weekly_hours="30")
    assert (case.care_kind, case.weekly_hours) == ("childminder", 30)
    with app.app_context():
        assert [period.weekly_hours for period in db.session().get(FeeCase, case.id).care_periods] == [30]


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Geben Sie die gebuchte Betreuungszeit in Wochenstunden an."),
    ("0", HOURS_RANGE),
    ("61", HOURS_RANGE),
    ("30,5", "Geben Sie die Wochenstunden als ganze Zahl an, zum Beispiel 30 – ohne Komma und ohne „Stunden“."),
    ("dreißig", "Geben Sie die Wochenstunden als ganze Zahl an, zum Beispiel 30 – ohne Komma und ohne „Stunden“."),
], ids=["empty", "zero", "above 60", "half hours", "a word"])
def test_childminder_hours_that_are_no_whole_number_in_range_are_refused_in_german_and_kept(
        app, childminder, typed, message):
    before = cases_in(app)
    page = post_admission(childminder, weekly_hours=typed, **FUTURE_BIRTH).get_data(as_text=True)
    assert_refused_page(page)
    assert summary_links(page) == {"birth_date": "Das Geburtsdatum darf nicht in der Zukunft liegen.",
                                   "weekly_hours": message}
    assert field_error(page, "weekly_hours") == message
    assert input_value(page, "weekly_hours") == typed
    assert cases_in(app) == before


def test_a_kita_still_books_only_its_statutes_tiers(app, kita):
    page = kita.get("/einrichtung/aufnahme").get_data(as_text=True)
    assert input_types(page, "weekly_hours") == ["radio"] * 3
    with app.app_context():
        session = db.session()
        with pytest.raises(InvalidInput) as refused:
            admissions.report_admission(UnitOfWork(session, TODAY, "http://localhost"),
                                        facility_actor(session, SONNENBLUME),
                                        dataclasses.replace(FULL, weekly_hours=30))
        assert refused.value.errors == {"weekly_hours": "Wählen Sie 25, 35 oder 45 Wochenstunden."}


@pytest.mark.parametrize("hours", [0, 61, 99])
def test_the_service_refuses_hours_out_of_range_for_a_childminder_too(app, demo, hours):
    with app.app_context():
        session = db.session()
        with pytest.raises(InvalidInput) as refused:
            admissions.report_admission(UnitOfWork(session, TODAY, "http://localhost"),
                                        facility_actor(session, CHILDMINDER),
                                        dataclasses.replace(FULL, weekly_hours=hours))
        assert refused.value.errors == {"weekly_hours": HOURS_RANGE}


def change_hours(client, case_id: int, hours: str):
    page = client.get(f"/einrichtung/kinder/{case_id}").get_data(as_text=True)
    version = page.split('id="version-report_care_change" name="version" type="hidden" value="', 1)[1].split('"')[0]
    return client.post(f"/einrichtung/kinder/{case_id}/betreuungszeit", data={
        "version": version, "hours": hours, "change_from-day": "1", "change_from-month": "9",
        "change_from-year": "2025"})


def test_a_childminder_reports_new_hours_of_its_contract(app, childminder):
    case_id = report(childminder, weekly_hours="30").id
    page = childminder.get(f"/einrichtung/kinder/{case_id}").get_data(as_text=True)
    assert input_types(page, "hours") == ["text"]
    assert change_hours(childminder, case_id, "38").status_code == 302
    with app.app_context():
        case = db.session().get(FeeCase, case_id)
        assert case.weekly_hours == 38
        assert sorted((p.valid_from, p.weekly_hours) for p in case.care_periods) == [
            (date(2025, 8, 1), 30), (date(2025, 9, 1), 38)]


def test_a_childminder_change_of_hours_out_of_range_is_refused_in_german_and_kept(app, childminder):
    case_id = report(childminder, weekly_hours="30").id
    response = change_hours(childminder, case_id, "70")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert field_error(page, "hours") == HOURS_RANGE
    assert input_value(page, "hours") == "70"
    assert newest_case(app).weekly_hours == 30


def test_the_change_service_refuses_hours_out_of_range_instead_of_failing_in_the_database(app, childminder):
    case = report(childminder, weekly_hours="30")
    with app.app_context():
        session = db.session()
        with pytest.raises(InvalidInput) as refused:
            changes.report_care_change(UnitOfWork(session, TODAY), facility_actor(session, CHILDMINDER), case.id,
                                       case.version, date(2025, 9, 1), 99)
        assert refused.value.errors == {"hours": HOURS_RANGE}



def clerk_changes_hours(clerk, case_id: int, hours: str):
    return clerk.post(f"/amt/faelle/{case_id}/betreuungszeit", data={
        "version": version_of(clerk, case_id), "hours": hours, "change_from-day": "1", "change_from-month": "9",
        "change_from-year": "2025"})


def test_the_clerk_enters_a_childminders_contract_hours_too_and_gets_the_same_refusals(app, childminder, login):
    case_id = report(childminder, weekly_hours="30").id
    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    refused = clerk_changes_hours(clerk, case_id, "70")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert field_error(page, "hours") == HOURS_RANGE and input_types(page, "hours") == ["text"]
    assert clerk_changes_hours(clerk, case_id, "38").status_code == 302
    assert newest_case(app).weekly_hours == 38
