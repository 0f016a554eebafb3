"""The parents' case page: what is asked of them, a plain timeline, every letter; reporting a change of income
and accepting the highest fee instead of declaring."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Declaration, FeeCase, User
from elternbeitraege.services.assessment import review
from elternbeitraege.services.cases import changes
from elternbeitraege.services.kernel.actor import Actor
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.conftest import TODAY
from tests.helpers import access_code_in
from tests.web.steps import approve_provisionally, clerk_actor, declare_income, document_bytes, register, report

PUBLIC_URL = "https://portal.example"


@pytest.fixture
def invited(app, demo, login):
    """Return a signed-in parent client and the id of their invited case (care from 1 August 2025)."""
    case_id = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example")).id
    parent = app.test_client()
    assert register(parent, access_code_in(document_bytes(app, case_id, "invitation"))).status_code == 302
    return parent, case_id


@pytest.fixture
def settled(app, invited):
    """Return the parent client and the id of their case after a provisional fee notice."""
    parent, case_id = invited
    declare_income(parent, case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    approve_provisionally(app, case_id, TODAY)
    assert status_of(app, case_id) == "facility_notified"
    return parent, case_id


def status_of(app, case_id: int) -> str:
    with app.app_context():
        return db.session().get(FeeCase, case_id).status


def case_page(parent, case_id: int) -> str:
    response = parent.get(f"/eltern/faelle/{case_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def change_form(parent, case_id: int) -> str:
    response = parent.get(f"/eltern/faelle/{case_id}/aenderung")
    assert response.status_code == 200
    return re.search(r'name="version" type="hidden" value="(\d+)"', response.get_data(as_text=True)).group(1)


def report_change(parent, case_id: int, version: str, what: str = "Einkommen", day: str = "1", month: str = "9",
                  year: str = "2025"):
    return parent.post(f"/eltern/faelle/{case_id}/aenderung", data={
        "version": version, "what": what, "change_from-day": day, "change_from-month": month,
        "change_from-year": year})


def test_invited_parents_see_what_is_asked_by_when_their_letter_and_a_plain_timeline(app, invited):
    parent, case_id = invited
    with app.app_context():
        due = db.session().get(FeeCase, case_id).declaration_due
    html = case_page(parent, case_id)
    assert f"Bitte erklären Sie Ihr Einkommen bis zum {due:%d.%m.%Y}." in html
    assert f'href="/eltern/faelle/{case_id}/erklaerung"' in html
    assert "Einladungsschreiben vom 01.07.2025" in html
    assert re.search(r"<li>\d\d\.\d\d\.\d{4}: Einladung erstellt</li>", html)
    assert "Aufnahme gemeldet</li>" not in html, "the facility's report is not a step of the parents"
    assert "Änderung melden" not in html, "a change is reported only once a notice is in force"


def test_parents_asked_for_proofs_see_the_offices_words_and_the_deadline(app, invited):
    parent, case_id = invited
    declare_income(parent, case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    with app.app_context():
        session = db.session()
        clerk = clerk_actor(session)
        review.start_review(UnitOfWork(session, TODAY), clerk, case_id, session.get(FeeCase, case_id).version)
        review.request_documents(UnitOfWork(session, TODAY, PUBLIC_URL), clerk, case_id,
                                 session.get(FeeCase, case_id).version, date(2025, 7, 31),
                                 "Bitte die Dezember-Lohnabrechnung.")
    html = case_page(parent, case_id)
    assert "Bitte reichen Sie bis zum 31.07.2025 Nachweise ein." in html
    assert "Bitte die Dezember-Lohnabrechnung." in html
    assert "Anforderung von Nachweisen vom 01.07.2025" in html
    assert "Nachweise angefordert</li>" in html


def test_parents_accept_the_highest_fee_instead_of_declaring_and_the_case_is_submitted(app, invited):
    parent, case_id = invited
    tasks = parent.get(f"/eltern/faelle/{case_id}/erklaerung").get_data(as_text=True)
    assert "Höchstbeitrag akzeptieren – ohne Angaben zum Einkommen" in tasks
    assert "kern-btn--secondary\"><span class=\"kern-label\">Höchstbeitrag akzeptieren" in tasks
    assert "Sie zahlen den höchsten Beitrag der Beitragstabelle" in tasks

    response = parent.post(f"/eltern/faelle/{case_id}/erklaerung/hoechstbeitrag")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/eltern/faelle/{case_id}")
    assert status_of(app, case_id) == "submitted"
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        assert (declaration.income_choice, declaration.incomes) == ("highest", [])
    html = parent.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sie haben den Höchstbeitrag akzeptiert." in html
    assert "Höchstbeitrag akzeptiert</li>" in html
    assert parent.get(f"/eltern/faelle/{case_id}/erklaerung").status_code == 302, "nothing left to declare"


def test_the_highest_fee_cannot_be_accepted_twice(app, invited):
    parent, case_id = invited
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/hoechstbeitrag").status_code == 302
    response = parent.post(f"/eltern/faelle/{case_id}/erklaerung/hoechstbeitrag", follow_redirects=True)
    assert "Die Erklärung ist schon abgesendet und kann nicht mehr geändert werden." in response.get_data(as_text=True)
    with app.app_context():
        events = [event.trigger for event in db.session().get(FeeCase, case_id).events]
    assert events.count("accept_highest") == 1


def test_parents_report_a_change_of_income_update_their_declaration_and_submit_it_again(app, settled):
    parent, case_id = settled
    html = case_page(parent, case_id)
    assert "Beitragsbescheid vom 01.07.2025" in html and "Einladungsschreiben vom 01.07.2025" in html
    assert f'href="/eltern/faelle/{case_id}/aenderung"' in html and "Änderung melden" in html

    response = report_change(parent, case_id, change_form(parent, case_id))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/faelle/{case_id}/erklaerung")
    assert status_of(app, case_id) == "change_reported"
    tasks = parent.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ihre Änderung ist gemeldet." in tasks
    assert "Bitte passen Sie Ihre Angaben an und senden Sie die Erklärung erneut ab." in tasks
    assert "Änderung von Einkommen oder Leistungen gemeldet</li>" in case_page(parent, case_id)

    page = parent.get(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1").get_data(as_text=True)
    assert 'value="52.000,00"' in page, "the declaration opens with the answers given before"
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1",
                       data={"employment": "38.000,00"}).status_code == 302
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/2", data={"employment": ""}).status_code == 302
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    assert status_of(app, case_id) == "submitted"
    with app.app_context():
        case = db.session().get(FeeCase, case_id)
        assert case.reassess_from == date(2025, 9, 1)


@pytest.mark.parametrize(("data", "messages"), [
    ({"what": "Einkommen", "day": "15"}, ["Eine Änderung gilt immer ab dem Ersten eines Monats"]),
    ({"what": "Einkommen", "month": "6"}, ["Der Monat muss in der Betreuungszeit liegen (ab 08.2025)."]),
    ({"what": "", "day": "", "month": "", "year": ""},
     ["Wählen Sie aus, was sich geändert hat.", "Geben Sie an, seit wann die Änderung gilt."]),
    ({"what": "Sozialleistung", "day": "1", "month": "13"}, ["muss ein echtes Datum sein"]),
], ids=["not the first", "before care", "nothing", "no real date"])
def test_a_wrong_change_keeps_what_was_typed_and_says_what_to_do(app, settled, data, messages):
    parent, case_id = settled
    response = report_change(parent, case_id, change_form(parent, case_id), **data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<title>Fehler: Änderung melden" in html and "Es gibt ein Problem" in html
    for message in messages:
        assert message in html
    for part in ("day", "month", "year"):
        typed = data.get(part, {"day": "1", "month": "9", "year": "2025"}[part])
        assert f'name="change_from-{part}" type="text" inputmode="numeric" value="{typed}"' in html
    if data["what"]:
        assert re.search(rf'checked[^>]*value="{data["what"]}"', html)
    assert status_of(app, case_id) == "facility_notified"


def test_a_change_sent_from_an_outdated_page_is_refused_with_a_clear_message(app, settled):
    parent, case_id = settled
    stale = change_form(parent, case_id)
    with app.app_context():  # meanwhile the facility reports new hours
        session = db.session()
        facility = Actor.of(session.scalars(select(User).where(User.email == "kita-sonnenblume@musterstadt.example"))
                            .one())
        changes.report_care_change(UnitOfWork(session, TODAY), facility, case_id,
                                   session.get(FeeCase, case_id).version, date(2025, 9, 1), 45)
    response = report_change(parent, case_id, stale)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/eltern/faelle/{case_id}")
    html = parent.get(response.headers["Location"]).get_data(as_text=True)
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet. Es wurde nichts geändert." in html
    assert status_of(app, case_id) == "in_review"


def test_a_change_is_not_offered_before_a_notice_and_the_page_sends_parents_back(app, invited):
    parent, case_id = invited
    response = parent.get(f"/eltern/faelle/{case_id}/aenderung")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/eltern/faelle/{case_id}")
    assert "Zurzeit können Sie keine Änderung melden." in parent.get(response.headers["Location"]).get_data(
        as_text=True)
    assert report_change(parent, case_id, "1").status_code == 302
    assert status_of(app, case_id) == "invited"
