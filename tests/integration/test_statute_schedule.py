"""Statutes through the services: importing files, an office's schedule, and which statute a case gets."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from elternbeitraege import db, fees
from elternbeitraege.models import FeeCase, IncomeItem, OfficeStatute, StatuteFile, User, YouthOffice
from elternbeitraege.services.assessment import case_file
from elternbeitraege.services.declarations import answers as declarations
from elternbeitraege.services.kernel.actor import SYSTEM, Actor
from elternbeitraege.services.kernel.errors import InvalidInput, NotFound
from elternbeitraege.services.kernel.uow import UnitOfWork
from elternbeitraege.services.office import statutes
from tests.conftest import TODAY
from tests.web.statute_files import BROKEN, GUETERSLOH, NEW_ID, guetersloh_copy, shipped_text

START_2025 = date(2025, 8, 1)


def actor_of(session, role: str) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.role == role).order_by(User.id)).first())


def demo_office(session) -> YouthOffice:
    return session.scalars(select(YouthOffice)).one()


@pytest.fixture
def session(app, demo):
    with app.app_context():
        yield db.session()


# --- Importing statute files ----------------------------------------------------------------------------------------

def test_an_imported_statute_is_kept_with_its_text_and_found_beside_the_shipped_ones(session):
    imported = statutes.import_statute(UnitOfWork(session, TODAY), actor_of(session, "admin"), "guetersloh-2025.toml",
                                       guetersloh_copy())
    stored = session.scalars(select(StatuteFile)).one()
    assert imported.new and imported.statute.id == NEW_ID
    assert (stored.statute_id, stored.file_name, stored.imported_by_id) == (
        NEW_ID, "guetersloh-2025.toml", actor_of(session, "admin").user_id)
    assert stored.text == guetersloh_copy() and len(stored.sha256) == 64
    assert statutes.statute_by_id(session, NEW_ID).brackets[5].amounts["u2_35h"] == Decimal("230")
    ids = [statute.id for statute in statutes.all_statutes(session)]
    assert ids == sorted(ids) and {GUETERSLOH, NEW_ID, "koeln-2025", "ennigerloh-ogs-2024"} <= set(ids)


def test_the_same_file_imported_again_changes_nothing_and_says_so(session):
    statutes.import_statute(UnitOfWork(session, TODAY), None, "neu.toml", guetersloh_copy())
    again = statutes.import_statute(UnitOfWork(session, TODAY), None, "neu.toml", guetersloh_copy())
    shipped_again = statutes.import_statute(UnitOfWork(session, TODAY), None, f"{GUETERSLOH}.toml", shipped_text())
    assert not again.new and not shipped_again.new
    assert session.scalar(select(func.count()).select_from(StatuteFile)) == 1


@pytest.mark.parametrize("text", [guetersloh_copy(u2_35h_row_6=231), guetersloh_copy(statute_id=GUETERSLOH)],
                         ids=["imported id", "shipped id"])
def test_another_file_under_a_known_id_is_refused_as_already_there(session, text):
    statutes.import_statute(UnitOfWork(session, TODAY), None, "neu.toml", guetersloh_copy())
    with pytest.raises(InvalidInput) as refused:
        statutes.import_statute(UnitOfWork(session, TODAY), None, "geaendert.toml", text)
    assert refused.value.errors["file"].startswith("Satzung kreis-guetersloh-")
    assert "ist schon vorhanden" in refused.value.errors["file"]
    assert statutes.statute_by_id(session, NEW_ID).brackets[5].amounts["u2_35h"] == Decimal("230")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("kaputt.toml", BROKEN.encode(), "kaputt.toml, Tabelle Zeile 6"),
    ("satzung.csv", guetersloh_copy().encode(), "Dateiendung .toml"),
    ("leer.toml", b"  \n", "Die ausgewählte Datei ist leer."),
    ("latin1.toml", "titel = 'Gütersloh'".encode("latin-1"), "keine Textdatei in UTF-8"),
])
def test_a_file_that_is_no_usable_statute_is_refused_with_a_german_message_and_nothing_is_kept(
        session, name, content, message):
    with pytest.raises(InvalidInput) as refused:
        statutes.import_statute(UnitOfWork(session, TODAY), None, name, statutes.decode_statute_file(content, 10_000))
    assert message in refused.value.errors["file"]
    assert session.scalar(select(func.count()).select_from(StatuteFile)) == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(session):
    with pytest.raises(InvalidInput) as refused:
        statutes.decode_statute_file(guetersloh_copy().encode(), 1024)
    assert "größer als" in refused.value.errors["file"]


@pytest.mark.parametrize("role", ["clerk", "facility"])
def test_only_administrators_and_the_system_import_statutes(session, role):
    with pytest.raises(NotFound):
        statutes.import_statute(UnitOfWork(session, TODAY), actor_of(session, role), "neu.toml", guetersloh_copy())


# --- Applying a statute from a date --------------------------------------------------------------------------------

def test_an_administrator_applies_a_statute_from_a_date_and_who_did_it_is_recorded(session):
    admin = actor_of(session, "admin")
    statutes.import_statute(UnitOfWork(session, TODAY), admin, "neu.toml", guetersloh_copy())
    statutes.assign_statute(UnitOfWork(session, TODAY), admin, NEW_ID, START_2025)
    schedule = statutes.schedule(session, demo_office(session).id)
    assert [(entry.entry.valid_from, entry.entry.statute_id) for entry in schedule] == [
        (date(2024, 8, 1), GUETERSLOH), (START_2025, NEW_ID)]
    assert schedule[-1].entry.created_by_id == admin.user_id and schedule[-1].entry.created_at is not None
    book = statutes.statute_book(session, demo_office(session))
    assert [(day, statute.id) for day, statute in book.entries] == [(date(2024, 8, 1), GUETERSLOH),
                                                                     (START_2025, NEW_ID)]


@pytest.mark.parametrize(("statute_id", "day", "field", "message"), [
    (GUETERSLOH, date(2024, 7, 1), "valid_from", "gilt erst ab dem 01.08.2024"),
    ("ennigerloh-ogs-2024", date(2025, 8, 1), "valid_from", "gilt nur bis zum 31.07.2025"),
    (GUETERSLOH, date(2025, 8, 15), "valid_from", "ab dem Ersten eines Monats"),
    (GUETERSLOH, date(2024, 8, 1), "valid_from", "wird schon ab dem 01.08.2024 angewendet"),
    ("gibt-es-nicht", date(2025, 8, 1), "statute_id", "Eine Satzung mit der Kennung „gibt-es-nicht“ gibt es nicht"),
])
def test_a_statute_is_not_applied_outside_its_validity_twice_or_unknown(session, statute_id, day, field, message):
    with pytest.raises(InvalidInput) as refused:
        statutes.assign_statute(UnitOfWork(session, TODAY), actor_of(session, "admin"), statute_id, day)
    assert message in refused.value.errors[field]
    assert session.scalar(select(func.count()).select_from(OfficeStatute)) == 1


@pytest.mark.parametrize("role", ["clerk", "facility", "parent"])
def test_nobody_but_the_offices_administrator_applies_a_statute(session, role):
    actor = actor_of(session, role) if role != "parent" else Actor(None, "parent", household_id=1)
    with pytest.raises(NotFound):
        statutes.assign_statute(UnitOfWork(session, TODAY), actor, "koeln-2025", START_2025)


def test_an_administrator_cannot_apply_a_statute_in_another_office(session):
    with pytest.raises(NotFound):
        statutes.assign_statute(UnitOfWork(session, TODAY), actor_of(session, "admin"), "koeln-2025", START_2025,
                                office_id=999)


def test_the_system_applies_a_statute_in_a_named_office(session):
    statutes.assign_statute(UnitOfWork(session, TODAY), SYSTEM, "koeln-2025", START_2025,
                            office_id=demo_office(session).id)
    entry = session.scalars(select(OfficeStatute).where(OfficeStatute.statute_id == "koeln-2025")).one()
    assert entry.created_by_id is None


# --- Which statute applies -------------------------------------------------------------------------------------------

def test_each_day_gets_the_newest_statute_that_covers_its_care_kind(session):
    office = demo_office(session)
    statutes.assign_statute(UnitOfWork(session, TODAY), SYSTEM, "ennigerloh-ogs-2024", date(2024, 8, 1),
                            office_id=office.id)
    statutes.assign_statute(UnitOfWork(session, TODAY), SYSTEM, "koeln-2025", START_2025, office_id=office.id)
    assert statutes.statute_for(session, office, "kita", date(2025, 7, 31)).id == GUETERSLOH
    assert statutes.statute_for(session, office, "kita", START_2025).id == "koeln-2025"
    assert statutes.statute_for(session, office, "childminder", date(2026, 1, 1)).id == "koeln-2025"
    assert statutes.statute_for(session, office, "ogs", date(2024, 9, 1)).id == "ennigerloh-ogs-2024"


@pytest.mark.parametrize(("care_kind", "day"), [("ogs", date(2025, 3, 1)), ("kita", date(2024, 7, 31))])
def test_a_day_without_a_statute_gets_a_german_message(session, care_kind, day):
    with pytest.raises(statutes.NoStatute) as refused:
        statutes.statute_for(session, demo_office(session), care_kind, day)
    assert refused.value.errors["statute"].endswith(f"gilt am {day:%d.%m.%Y} keine Beitragssatzung des Jugendamts.")


def test_the_estimate_of_a_case_starting_after_the_new_statute_uses_it(session):
    statutes.import_statute(UnitOfWork(session, TODAY), None, "neu.toml", guetersloh_copy())
    statutes.assign_statute(UnitOfWork(session, TODAY), SYSTEM, NEW_ID, START_2025, office_id=demo_office(session).id)
    case = session.scalars(select(FeeCase)).one()  # the demo household, starting 1 August 2025
    assert case.start_date == START_2025
    estimate = case_file.assessment_of(session, case, None)
    assert {fee.statute_id for fee in estimate.months} == {NEW_ID}
    assert estimate.months[0].amount == Decimal("416.00")  # no declaration: the last row, 2 and over, 35 hours


# --- The estimate goes through the household engine -----------------------------------------------------------------

@pytest.fixture
def engine_calls(monkeypatch):
    """Record every call of the household engine made by the declaration service."""
    calls = []
    real = fees.assess_household

    def spy(book, household, first, last):
        calls.append((book, household, first, last))
        return real(book, household, first, last)

    monkeypatch.setattr("elternbeitraege.services.assessment.fee_input.fees.assess_household", spy)
    return calls


def declared(session, case: FeeCase, **fields):
    """Return the case's declaration (not stored) with these answers."""
    _case, declaration = declarations.open_declaration(session, Actor(None, "clerk", office_id=case.office_id), case.id)
    for name, value in fields.items():
        setattr(declaration, name, value)
    return declaration


def test_the_estimate_asks_the_engine_for_the_child_over_its_kita_year_with_income_for_each_calendar_year(
        session, engine_calls):
    case = session.scalars(select(FeeCase)).one()
    declaration = declared(session, case, benefit="none", income_choice="declare", incomes_done=True)
    declaration.incomes = [_income(1, "employment", "52000"), _income(2, "income_replacement", "1200")]
    estimate = case_file.assessment_of(session, case, declaration)
    (book, household, first, last), = engine_calls
    assert (first, last) == (fees.Month(2025, 8), fees.Month(2026, 7))
    assert [statute.id for _day, statute in book.entries] == [GUETERSLOH]
    child, = household.children
    assert (child.id, child.care, child.hours, child.start) == (str(case.id), "kita", case.weekly_hours, START_2025)
    assert sorted((item.person, item.kind, item.year, item.amount) for item in household.income.items) == [
        (1, "employment", 2025, Decimal("52000")), (1, "employment", 2026, Decimal("52000")),
        (2, "other", 2025, Decimal("1200")), (2, "other", 2026, Decimal("1200"))]
    assert household.benefits == ()
    assert estimate.id == str(case.id) and len(estimate.months) == 12


@pytest.mark.parametrize(("fields", "income", "benefits", "amount"), [
    ({"benefit": "wohngeld"}, fees.Undeclared(), 1, "0.00"),
    ({"benefit": "none", "income_choice": "highest"}, fees.AcceptedHighest(), 0, "416.00"),
    ({"benefit": "none", "income_choice": "declare", "incomes_done": False}, fees.Undeclared(), 0, "416.00"),
    ({}, fees.Undeclared(), 0, "416.00"),
])
def test_a_benefit_the_highest_fee_or_no_income_reach_the_engine_as_such(
        session, engine_calls, fields, income, benefits, amount):
    case = session.scalars(select(FeeCase)).one()
    estimate = case_file.assessment_of(session, case, declared(session, case, **fields))
    household = engine_calls[0][1]
    assert household.income == income and len(household.benefits) == benefits
    if benefits:
        assert household.benefits[0] == fees.BenefitPeriod(fees.Month(2025, 8), fees.Month(2026, 7))
    assert estimate.months[0].amount == Decimal(amount)


def test_a_contract_ending_before_july_is_assessed_to_its_last_month(session, engine_calls):
    case = session.scalars(select(FeeCase)).one()
    case.end_date = date(2025, 11, 20)
    estimate = case_file.assessment_of(session, case, None)
    assert engine_calls[0][3] == fees.Month(2025, 11)
    assert [str(fee.month) for fee in estimate.months] == ["2025-08", "2025-09", "2025-10", "2025-11"]


def _income(person: int, kind: str, amount: str) -> IncomeItem:
    return IncomeItem(person=person, kind=kind, amount=Decimal(amount))
