"""The clerk's worklist: what waits for the clerk first, filters, search, pages, counts, bad input, scope."""
from __future__ import annotations

import html as html_lib
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import event, select

from elternbeitraege import db
from elternbeitraege.models import Child, Facility, FeeCase, Household, YouthOffice
from tests.conftest import TODAY
from tests.helpers import commit
from tests.web import two_offices
from workflows import STATE_LABELS

CLERK = "sachbearbeitung@musterstadt.example"
STATUTE = "kreis-guetersloh-2024"  # in the demo office's schedule
OTHER_STATUTE = "stadt-musterstadt-2025"  # not in the schedule, but one case was assessed by it
SONNENBLUME, REGENBOGEN, PETRA = "Kita Sonnenblume", "Kita Regenbogen", "Kindertagespflege Petra Beispiel"


@pytest.fixture
def add_case(app):
    """Return a function that puts a fee case of the demo office into the database; it returns the file number."""
    numbers = itertools.count(1)

    def add(child: str, status: str, *, waiting_days: int = 0, due_on: date | None = None,
            facility: str = SONNENBLUME, statute: str | None = None, parents: tuple[str, ...] = (),
            file_number: str | None = None) -> str:
        number = next(numbers)
        first, last = child.split()
        parent1, parent2 = (*parents, None, None)[:2] if parents else (f"Elternteil {last}", None)
        with app.app_context():
            session = db.session()
            office = session.scalars(select(YouthOffice).where(YouthOffice.name == "Jugendamt Musterstadt")).one()
            place = session.scalars(select(Facility).where(Facility.name == facility)).one()
            household = Household(office_id=office.id, parent1_first_name=parent1.split()[0],
                                  parent1_last_name=parent1.split()[1],
                                  parent2_first_name=parent2.split()[0] if parent2 else None,
                                  parent2_last_name=parent2.split()[1] if parent2 else None,
                                  street="Teststraße 1", postcode="33330", city="Musterstadt")
            kid = Child(household=household, first_name=first, last_name=last, birth_date=date(2023, 1, 1))
            file_number = file_number or f"WL-{number:04d}"
            since = datetime.combine(TODAY - timedelta(days=waiting_days), time(9), tzinfo=UTC)
            session.add(FeeCase(
                office_id=office.id, facility_id=place.id, household=household, child=kid, file_number=file_number,
                cash_reference=f"KZ-WL-{number:04d}", care_kind=place.care_kind, start_date=date(2025, 8, 1),
                status=status, status_since=since, due_on=due_on, statute_id=statute,
                documents_due=due_on if status == "documents_requested" else None,
                reminder_due=due_on if status == "reminded" else None,
            ))
            commit(session)
        return file_number
    return add


@dataclass(frozen=True)
class Desk:
    cases: dict[str, str]  # child's first name → file number
    facilities: dict[str, int]  # name → id
    demo_status: str  # the demo household's case (Mia Muster) is in the list too


@pytest.fixture
def desk(app, demo, add_case) -> Desk:
    """Seven cases of the demo office, today being 1 July 2025."""
    cases = {
        "Anton": add_case("Anton Wartelang", "submitted", waiting_days=30, statute=STATUTE),
        "Berta": add_case("Berta Wartekurz", "in_review", waiting_days=3, due_on=date(2025, 7, 20),
                          facility=REGENBOGEN, statute=STATUTE),
        "Carl": add_case("Carl Vergessen", "invited", waiting_days=40, due_on=date(2025, 6, 20), facility=REGENBOGEN),
        "Dora": add_case("Dora Bald", "documents_requested", waiting_days=10, due_on=date(2025, 7, 5),
                         statute=STATUTE, parents=("Hannah Vogel", "Jonas Specht")),
        "Emil": add_case("Emil Später", "reminded", waiting_days=5, due_on=date(2025, 8, 15), facility=PETRA,
                         file_number="WL-50%"),
        "Frieda": add_case("Frieda Ohnefrist", "facility_notified", waiting_days=60, statute=OTHER_STATUTE),
        "Gustav": add_case("Gustav Mittel", "in_review", waiting_days=10),
    }
    with app.app_context():
        session = db.session()
        facilities = dict(session.execute(select(Facility.name, Facility.id)).tuples().all())
        demo_status = session.scalars(select(FeeCase.status).where(FeeCase.file_number.not_in(cases.values()))).one()
    return Desk(cases, facilities, demo_status)


@pytest.fixture
def clerk(app, demo, login):
    """Return a client signed in as the demo office's clerk."""
    return login(app.test_client(), CLERK)


def rows(page: str) -> list[tuple[str, str]]:
    """Return each row of the table as (file number, the row's text)."""
    found = re.findall(r'<tr>\s*<th scope="row"><a class="kern-link" href="/amt/faelle/\d+">([^<]+)</a></th>(.*?)</tr>',
                       page, re.S)
    return [(html_lib.unescape(number), " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split()))
            for number, text in found]


def listed(client, **params) -> list[str]:
    """Return the file numbers the worklist shows, in order, of this module's cases (not the demo case)."""
    response = client.get("/amt/", query_string=params)
    assert response.status_code == 200
    return [number for number, _text in rows(response.get_data(as_text=True)) if number.startswith("WL-")]


def names(desk: Desk, *children: str) -> list[str]:
    return [desk.cases[child] for child in children]


def status_counts(page: str) -> dict[str, int]:
    """Return the counts beside the status links as label → number."""
    nav = re.search(r'<nav aria-labelledby="status-counts">(.*?)</nav>', page, re.S).group(1)
    return {html_lib.unescape(label): int(count) for label, count in re.findall(r">([^<>]+) \((\d+)\)</a>", nav)}


def count_links(page: str) -> dict[str, str]:
    """Return the status links as label → href."""
    nav = re.search(r'<nav aria-labelledby="status-counts">(.*?)</nav>', page, re.S).group(1)
    return {html_lib.unescape(label): html_lib.unescape(href)
            for href, label in re.findall(r'href="([^"]+)"[^>]*>([^<>]+) \(\d+\)</a>', nav)}


# --- Order and what a row shows ---------------------------------------------------------------------------------

def test_cases_waiting_for_the_clerk_come_first_longest_waiting_then_the_rest_by_nearest_deadline(clerk, desk):
    assert listed(clerk) == names(desk, "Anton", "Gustav", "Berta", "Carl", "Dora", "Emil", "Frieda")


def test_a_row_shows_child_parents_facility_status_deadline_and_days_in_the_status(clerk, desk):
    shown = dict(rows(clerk.get("/amt/").get_data(as_text=True)))
    assert shown[desk.cases["Dora"]] == ("Bald, Dora Hannah Vogel, Jonas Specht Kita Sonnenblume "
                                         "Nachweise angefordert 05.07.2025 10 Tagen (21.06.2025)")
    assert shown[desk.cases["Anton"]].endswith("Erklärung eingereicht – 30 Tagen (01.06.2025)")


def test_a_deadline_before_today_is_marked_overdue_and_one_still_ahead_is_not(clerk, desk):
    shown = dict(rows(clerk.get("/amt/").get_data(as_text=True)))
    assert ["überfällig" in shown[desk.cases[child]] for child in ("Carl", "Dora", "Anton")] == [True, False, False]


def test_each_file_number_links_to_the_case(app, clerk, desk):
    page = clerk.get("/amt/").get_data(as_text=True)
    with app.app_context():
        case_id = db.session().scalars(select(FeeCase.id).where(FeeCase.file_number == desk.cases["Carl"])).one()
    assert f'<a class="kern-link" href="/amt/faelle/{case_id}">{desk.cases["Carl"]}</a>' in page


# --- Filters -----------------------------------------------------------------------------------------------------

FILTERS = [
    # id, parameters (a facility by name), children shown in this order
    ("status", {"status": "in_review"}, ["Gustav", "Berta"]),
    ("facility", {"facility": REGENBOGEN}, ["Berta", "Carl"]),
    ("statute in the schedule", {"statute": STATUTE}, ["Anton", "Berta", "Dora"]),
    ("statute only on a case", {"statute": OTHER_STATUTE}, ["Frieda"]),
    ("due by, browser's date input", {"due_by": "2025-07-05"}, ["Carl", "Dora"]),
    ("due by, typed in German", {"due_by": "20.7.2025"}, ["Berta", "Carl", "Dora"]),
    ("child's name, any case", {"q": "wARTElang"}, ["Anton"]),
    ("second parent's name", {"q": "specht"}, ["Dora"]),
    ("file number", {"q": "wl-0003"}, ["Carl"]),
    ("first and last name", {"q": "Berta Wartekurz"}, ["Berta"]),
    ("percent sign taken literally", {"q": "%"}, ["Emil"]),
    ("underscore taken literally", {"q": "_"}, []),
    ("status and facility", {"status": "in_review", "facility": REGENBOGEN}, ["Berta"]),
    ("facility, statute and due by", {"facility": SONNENBLUME, "statute": STATUTE, "due_by": "2025-07-31"}, ["Dora"]),
    ("search and status", {"q": "wart", "status": "submitted"}, ["Anton"]),
]


@pytest.mark.parametrize(("params", "children"), [row[1:] for row in FILTERS], ids=[row[0] for row in FILTERS])
def test_each_filter_and_each_combination_shows_just_the_matching_cases(clerk, desk, params, children):
    if "facility" in params:
        params = {**params, "facility": desk.facilities[params["facility"]]}
    assert listed(clerk, **params) == names(desk, *children)


def test_the_filter_form_offers_only_the_offices_facilities_and_statutes_with_the_choice_kept(clerk, desk):
    page = clerk.get("/amt/", query_string={"statute": OTHER_STATUTE}).get_data(as_text=True)
    select_ = re.search(r'<select[^>]*name="statute"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option[^>]*>([^<]*)</option>', select_) == ["Alle", STATUTE, OTHER_STATUTE]
    assert f'<option selected value="{OTHER_STATUTE}">' in select_
    facilities = re.search(r'<select[^>]*name="facility"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option[^>]*>([^<]*)</option>', facilities) == ["Alle", PETRA, REGENBOGEN, SONNENBLUME]


def test_the_filter_form_comes_before_the_table_and_sends_with_get(clerk, desk):
    page = clerk.get("/amt/").get_data(as_text=True)
    form = re.search(r'<form method="get" action="/amt/"[^>]*>', page)
    assert form and "novalidate" in form.group(0)
    assert form.start() < page.index('<table class="kern-table" id="ergebnisse">')
    for field_id in ("status", "facility", "statute", "due_by", "q"):
        assert f'<label class="kern-label" for="{field_id}">' in page


# --- Counts per status --------------------------------------------------------------------------------------------

def test_the_count_per_status_follows_the_other_filters_but_not_the_status_filter(clerk, desk):
    page = clerk.get("/amt/", query_string={"status": "in_review", "facility": desk.facilities[SONNENBLUME]})
    counts = status_counts(page.get_data(as_text=True))
    expected = Counter({"Erklärung eingereicht": 1, "In Prüfung": 1, "Nachweise angefordert": 1,
                        "Bescheid erteilt": 1})
    expected[STATE_LABELS[desk.demo_status]] += 1  # the demo household's case, also at Kita Sonnenblume
    assert {label: count for label, count in counts.items() if count} == {"Alle": 5, **expected}


def test_each_count_links_to_its_status_keeping_the_other_filters(clerk, desk):
    regenbogen = desk.facilities[REGENBOGEN]
    links = count_links(clerk.get("/amt/", query_string={"facility": regenbogen, "q": "a", "page": "1"})
                        .get_data(as_text=True))
    assert links["In Prüfung"] == f"/amt/?status=in_review&facility={regenbogen}&q=a"
    assert links["Alle"] == f"/amt/?facility={regenbogen}&q=a"
    assert listed(clerk, status="in_review", facility=regenbogen, q="a") == names(desk, "Berta")


def test_the_caption_says_how_many_cases_match(clerk, desk):
    page = clerk.get("/amt/", query_string={"status": "in_review"}).get_data(as_text=True)
    assert re.search(r'<caption class="kern-title">2 Fälle mit Status „In Prüfung“', page)


# --- Pages --------------------------------------------------------------------------------------------------------

@pytest.fixture
def thirty(desk, add_case) -> list[str]:
    """Thirty more cases, all with a child named Seitenweise and deadlines one day apart."""
    return [add_case(f"Paul{index:02d} Seitenweise", "invited", due_on=TODAY + timedelta(days=index))
            for index in range(30)]


def test_a_page_shows_25_cases_and_the_next_page_the_rest_with_the_filters_kept(clerk, thirty):
    first = clerk.get("/amt/", query_string={"q": "seitenweise"}).get_data(as_text=True)
    assert [number for number, _text in rows(first)] == thirty[:25]
    assert "Seite 1 von 2" in first and "30 Fälle" in first
    next_link = html_lib.unescape(re.search(r'<a class="kern-link" rel="next" href="([^"]+)"', first).group(1))
    assert next_link == "/amt/?q=seitenweise&page=2"
    second = clerk.get(next_link).get_data(as_text=True)
    assert [number for number, _text in rows(second)] == thirty[25:]
    previous = html_lib.unescape(re.search(r'<a class="kern-link" rel="prev" href="([^"]+)"', second).group(1))
    assert previous == "/amt/?q=seitenweise"
    assert 'rel="next"' not in second


def test_a_page_past_the_end_shows_the_last_page(clerk, thirty):
    page = clerk.get("/amt/", query_string={"q": "seitenweise", "page": "99"}).get_data(as_text=True)
    assert [number for number, _text in rows(page)] == thirty[25:]
    assert "Seite 2 von 2" in page


def test_no_match_says_so_and_offers_to_reset_the_filters(clerk, desk):
    page = clerk.get("/amt/", query_string={"q": "Niemand"}).get_data(as_text=True)
    assert rows(page) == []
    assert "Keine Fälle gefunden. Ändern Sie die Filter oder" in page
    assert 'href="/amt/">setzen Sie alle Filter zurück</a>' in page


def test_the_worklist_asks_the_database_as_often_for_25_cases_as_for_one(app, clerk, thirty):
    engine = app.extensions["db_engine"]

    def shown_and_statements(search: str) -> tuple[int, int]:
        statements = []
        listen = lambda *_args: statements.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            page = clerk.get("/amt/", query_string={"q": search}).get_data(as_text=True)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        return len(rows(page)), len(statements)

    (one, few), (many, more) = shown_and_statements("Paul00"), shown_and_statements("seitenweise")
    assert (one, many) == (1, 25)
    assert more == few


# --- Bad values ---------------------------------------------------------------------------------------------------

BAD = [
    # id, parameter, its value, the message shown
    ("unknown status", "status", "geloescht", "Wählen Sie einen Status aus der Liste."),
    ("facility not a number", "facility", "abc", "Wählen Sie eine Einrichtung aus der Liste."),
    ("unknown facility", "facility", "999999", "Wählen Sie eine Einrichtung aus der Liste."),
    ("unknown statute", "statute", "gibt-es-nicht-2030", "Wählen Sie eine Satzung aus der Liste."),
    ("impossible date", "due_by", "31.02.2025", "Geben Sie bei „Fällig bis“ ein Datum an"),
    ("date as a word", "due_by", "morgen", "Geben Sie bei „Fällig bis“ ein Datum an"),
    ("page as a word", "page", "abc", "Diese Seite gibt es nicht. Gezeigt wird die erste Seite."),
    ("page zero", "page", "0", "Diese Seite gibt es nicht. Gezeigt wird die erste Seite."),
    ("page too long", "page", "9" * 5000, "Diese Seite gibt es nicht. Gezeigt wird die erste Seite."),
]


@pytest.mark.parametrize(("name", "value", "message"), [row[1:] for row in BAD], ids=[row[0] for row in BAD])
def test_a_bad_filter_value_is_left_out_with_a_german_message_and_the_other_filters_still_apply(
        clerk, desk, name, value, message):
    response = clerk.get("/amt/", query_string={name: value, "q": "wartelang"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Fehler: Arbeitsliste" in page and message in page
    assert [word for word in ("Not a valid", "Invalid", "This field") if word in page] == []
    assert [number for number, _text in rows(page)] == names(desk, "Anton")


def test_a_message_beside_a_bad_field_is_linked_from_the_summary(clerk, desk):
    page = clerk.get("/amt/", query_string={"due_by": "morgen", "page": "x"}).get_data(as_text=True)
    assert re.search(r'<p class="kern-error" id="due_by-error">', page)
    assert '<a class="kern-link" href="#due_by">' in page and '<a class="kern-link" href="#ergebnisse">' in page
    assert 'value="morgen"' in page  # kept as typed


def test_a_too_long_search_is_left_out_and_said_so(clerk, desk):
    page = clerk.get("/amt/", query_string={"q": "x" * 101, "status": "in_review"}).get_data(as_text=True)
    assert "Geben Sie höchstens 100 Zeichen ein." in page
    assert [number for number, _text in rows(page)] == names(desk, "Gustav", "Berta")


def test_a_good_page_shows_no_error(clerk, desk):
    page = clerk.get("/amt/", query_string={"status": "in_review", "page": "1"}).get_data(as_text=True)
    assert "<title>Arbeitsliste" in page and "data-error-summary" not in page


# --- Scope --------------------------------------------------------------------------------------------------------

def test_a_clerk_of_another_office_sees_none_of_these_cases_nor_their_facilities(app, add_case, login):
    world = two_offices.build(app, TODAY)
    ours = add_case("Anton Wartelang", "submitted", waiting_days=30, facility=REGENBOGEN, statute=STATUTE)
    with app.app_context():
        regenbogen = db.session().scalars(select(Facility.id).where(Facility.name == REGENBOGEN)).one()
    other = login(app.test_client(), two_offices.LOGINS["clerk_b"], world.password("clerk_b"))
    everything = other.get("/amt/").get_data(as_text=True)
    assert ours not in everything and "Wartelang" not in everything and REGENBOGEN not in everything
    assert rows(other.get("/amt/", query_string={"q": "wartelang"}).get_data(as_text=True)) == []
    by_facility = other.get("/amt/", query_string={"facility": regenbogen}).get_data(as_text=True)
    assert "Wählen Sie eine Einrichtung aus der Liste." in by_facility
    assert [text.split()[0:2] for _number, text in rows(by_facility)] == [["Berger,", "Bruno"]]
