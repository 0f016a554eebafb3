"""The office's bounds in its workflow settings: the longest deadline and the wait before a final check; the form
reports every error at once — those of each field and those between fields."""
from __future__ import annotations

import pytest

from elternbeitraege.services.office import settings as office_settings
from tests.web import two_offices
from tests.web.test_admin_workflow import GOOD, PAGE, SETTINGS, office_settings_of
from tests.web.test_forms import assert_refused_page, field_error, summary_links


@pytest.fixture
def admin(app, demo, login):
    """The demo office's administrator, signed in."""
    return login(app.test_client(), two_offices.LOGINS["admin_a"])


def refused(admin, **changes) -> str:
    response = admin.post(SETTINGS, data=GOOD | changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    return page


def test_an_unreadable_field_and_values_out_of_range_are_reported_in_one_round(app, admin):
    before = office_settings_of(app, "Jugendamt Musterstadt")
    page = refused(admin, declaration_days="", documents_days="6", deadline_max_months="0",
                   final_check_after_months="12")
    assert summary_links(page) == {name: office_settings.MESSAGES[name] for name in (
        "declaration_days", "documents_days", "deadline_max_months", "final_check_after_months")}
    assert office_settings_of(app, "Jugendamt Musterstadt") == before


def test_a_deadline_longer_than_the_span_is_reported_together_with_the_other_errors(app, admin):
    page = refused(admin, reminder_days="zwei Wochen", documents_days="90", deadline_max_months="3")
    assert summary_links(page).keys() == {"reminder_days", "documents_days"}
    assert field_error(page, "documents_days") == (
        "Eine Frist darf höchstens 3 Monate vorausliegen; so viele Monate haben mindestens 89 Tage. Geben Sie "
        "höchstens 89 Tage an oder erlauben Sie längere Fristen.")
    assert 'value="zwei Wochen"' in page and 'value="90"' in page


def test_the_yearly_final_check_may_not_run_before_the_office_waits_after_the_year(app, admin):
    page = refused(admin, final_check_month="2", final_check_after_months="3", declaration_days="x")
    assert summary_links(page).keys() == {"declaration_days", "final_check_month"}
    assert field_error(page, "final_check_month").startswith(
        "Die endgültige Prüfung beginnt frühestens 3 Monate nach dem Ende des Jahres, also im April.")


def test_the_administrator_sets_the_bounds_and_sees_them_on_the_workflow_page(app, admin):
    data = GOOD | {"documents_days": "90", "deadline_max_months": "4", "final_check_after_months": "2",
                   "final_check_month": "3"}
    assert admin.post(SETTINGS, data=data).status_code == 302
    settings = office_settings_of(app, "Jugendamt Musterstadt")
    assert (settings.documents_days, settings.deadline_max_months, settings.final_check_after_months,
            settings.final_check_month) == (90, 4, 2, 3)
    page = admin.get(PAGE).get_data(as_text=True)
    assert "4 Monate nach dem Tag, an dem sie gesetzt wird" in page
    assert "2 Monate nach dem Ende des Einkommensjahres" in page


@pytest.mark.parametrize(("values", "wrong"), [
    ({"documents_days": 89, "deadline_max_months": 3}, set()),
    ({"documents_days": 90, "deadline_max_months": 3}, {"documents_days"}),
    ({"declaration_days": 29, "reminder_days": 29, "deadline_max_months": 1}, {"declaration_days", "reminder_days"}),
    ({"documents_days": 90}, set()),  # without the span (unreadable), nothing to compare with
    ({"final_check_month": 4, "final_check_after_months": 3}, set()),
    ({"final_check_month": 3, "final_check_after_months": 3}, {"final_check_month"}),
    ({"deadline_max_months": 13, "documents_days": 90}, {"deadline_max_months"}),
])
def test_settings_are_checked_against_each_other_where_both_are_right(values, wrong):
    assert set(office_settings.problems(values)) == wrong
