"""POST /api/v1/estimate and GET /api/v1/statutes: the issue's answer shape, one error per problem, never a 500.

Expected amounts are read by hand from ../shared/domain/statutes/kreis-guetersloh-2024.csv: a child born
2022-03-15 is in age group ue2 from April 2024 (the month after its 2nd birthday) and fee-free under § 50
KiBiz only from August 2026, so the whole Kita year 2024/25 is charged from the ue2 columns.
"""
from __future__ import annotations

import copy
import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ESTIMATE = "/api/v1/estimate"
STATUTES = "/api/v1/statutes"
CHILD = {"id": "a", "birth_date": "2022-03-15", "care": "kita", "hours": 35, "start": "2024-08-01", "end": None,
         "school_entry": None}
EXAMPLE = {"statute": "kreis-guetersloh-2024", "from": "2024-08", "to": "2025-07", "children": [CHILD],
           "income": {"annual": "52000.00"}, "benefits": [{"from": "2024-08", "to": "2024-12"}]}
KITA_YEAR = [f"2024-{month:02d}" for month in range(8, 13)] + [f"2025-{month:02d}" for month in range(1, 8)]
DELETE = object()


def request_with(*changes: tuple[tuple, object], base: dict = EXAMPLE) -> dict:
    """Return a copy of a request with values set (or deleted) at paths like ``("children", 0, "hours")``."""
    body = copy.deepcopy(base)
    for path, value in changes:
        target = body
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return body


def without_benefits(*changes: tuple[tuple, object]) -> dict:
    return request_with((("benefits",), DELETE), *changes)


def months_of(answer: dict, child: int = 0) -> dict[str, str]:
    """Return month → amount of one child of an answer."""
    return {month["month"]: month["amount"] for month in answer["children"][child]["months"]}


def amounts(*runs: tuple[int, str]) -> list[str]:
    """Return a list of amounts from (count, amount) runs: ``amounts((5, "0.00"), (7, "169.00"))``."""
    return [amount for count, amount in runs for _ in range(count)]


# --- Good requests ----------------------------------------------------------------------------------------------

def test_the_example_of_the_issue_answers_every_month_of_the_kita_year_in_the_issues_shape(client):
    response = client.post(ESTIMATE, json=EXAMPLE)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "application/json"
    answer = response.get_json()
    assert set(answer) == {"statute", "children", "total"} and answer["statute"] == "kreis-guetersloh-2024"
    [child] = answer["children"]
    assert set(child) == {"id", "months", "total"} and child["id"] == "a"
    assert [month["month"] for month in child["months"]] == KITA_YEAR
    for month in child["months"]:
        assert set(month) == {"month", "amount", "bracket", "age_group", "hours_tier", "reasons"}
        assert re.fullmatch(r"[0-9]+\.[0-9]{2}", month["amount"]), month
        assert (month["bracket"], month["age_group"], month["hours_tier"]) == (6, "ue2", 35)
        assert month["reasons"] and all(isinstance(reason, str) and reason for reason in month["reasons"])
    assert list(months_of(answer).values()) == amounts((5, "0.00"), (7, "169.00"))  # benefits until December
    assert all("§ 90" in " ".join(month["reasons"]) for month in child["months"][:5])
    assert child["total"] == answer["total"] == "1183.00"
    assert Decimal(answer["total"]) == sum(Decimal(month["amount"]) for month in child["months"])


ITEMS = [
    {"person": 1, "kind": "employment", "year": 2024, "amount": "40000"},
    {"person": 1, "kind": "employment", "year": 2025, "amount": "40000.00"},
    {"person": 2, "kind": "parental_allowance", "year": 2024, "monthly": "900", "months": 6, "plus": False},
    {"person": 2, "kind": "employment", "year": 2025, "amount": 20000},
    {"person": 2, "kind": "self_employment", "year": 2025, "amount": "-5000"},  # a loss offsets nothing
    {"person": 1, "kind": "child_benefit", "year": 2025, "monthly": "250", "months": 12},  # never counted
]

# income → amounts of 2024-08..2025-07 (ue2, 35 h), brackets
INCOME_FORMS = [
    # 52,000 ≤ 55,000: row 6, 169 €
    ("annual as a string", {"annual": "52000.00"}, amounts((12, "169.00")), [6] * 12),
    ("annual as a JSON number", {"annual": 52000}, amounts((12, "169.00")), [6] * 12),
    # 2024: 52,000 → row 6, 169 €; 2025: 61,000 ≤ 65,000 → row 8, 230 €
    ("by year", {"by_year": {"2024": "52000", "2025": "61000.00"}},
     amounts((5, "169.00"), (7, "230.00")), [6] * 5 + [8] * 7),
    # 2024: 40,000 − 1,230 + (900 − 300) × 6 = 42,370 → row 4, 107 €
    # 2025: 40,000 − 1,230 + 20,000 − 1,230 = 57,540 (loss and child benefit ignored) → row 7, 200 €
    ("items", {"items": ITEMS}, amounts((5, "107.00"), (7, "200.00")), [4] * 5 + [7] * 7),
    # no declaration: the last row, 416 €
    ("no declaration", None, amounts((12, "416.00")), [12] * 12),
]


@pytest.mark.parametrize(("income", "expected", "brackets"), [row[1:] for row in INCOME_FORMS],
                         ids=[row[0] for row in INCOME_FORMS])
def test_each_form_of_income_is_assessed_from_the_table(client, income, expected, brackets):
    response = client.post(ESTIMATE, json=without_benefits((("income",), income)))
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert list(months_of(answer)) == KITA_YEAR
    assert list(months_of(answer).values()) == expected
    assert [month["bracket"] for month in answer["children"][0]["months"]] == brackets
    assert answer["total"] == f"{sum(Decimal(amount) for amount in expected):.2f}"


def test_no_declaration_says_so_in_the_reasons(client):
    answer = client.post(ESTIMATE, json=without_benefits((("income",), None))).get_json()
    assert all("keine Einkommenserklärung" in " ".join(month["reasons"]) for month in answer["children"][0]["months"])


def test_benefits_may_be_left_out(client):
    response = client.post(ESTIMATE, json=without_benefits())
    assert response.status_code == 200
    assert response.get_json()["total"] == "2028.00"  # 12 × 169 €


@pytest.mark.parametrize(("contract", "months"), [
    ({"end": "2024-11-15"}, ["2024-08", "2024-09", "2024-10", "2024-11"]),  # leaves in November
    ({"start": "2025-03-01"}, ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]),  # admitted in March
    ({"start": "2024-10-15", "end": "2025-01-31"}, ["2024-10", "2024-11", "2024-12", "2025-01"]),
], ids=["departure in November", "admission in March", "both, mid-month"])
def test_months_outside_the_childs_contract_are_left_out_and_the_contract_months_are_charged_in_full(
        client, contract, months):
    changes = [(("children", 0, key), value) for key, value in contract.items()]
    answer = client.post(ESTIMATE, json=without_benefits(*changes)).get_json()
    assert months_of(answer) == {month: "169.00" for month in months}
    assert answer["total"] == f"{169 * len(months)}.00"


def test_two_children_are_answered_each_with_their_months_and_the_sibling_rule_applies(client):
    # b, born 2023-09-10, is under 2 until September 2025: u2, 35 h, row 6 = 223 €; a (ue2) would pay 169 €
    younger = dict(CHILD, id="b", birth_date="2023-09-10")
    answer = client.post(ESTIMATE, json=without_benefits((("children",), [CHILD, younger]))).get_json()
    assert [child["id"] for child in answer["children"]] == ["a", "b"]
    assert set(months_of(answer, 0).values()) == {"0.00"}  # only the highest fee is charged
    assert set(months_of(answer, 1).values()) == {"223.00"}
    assert [child["total"] for child in answer["children"]] == ["0.00", "2676.00"]
    assert answer["total"] == "2676.00"


def test_an_estimate_needs_no_login(client):
    response = client.post(ESTIMATE, json=EXAMPLE)
    assert response.status_code == 200 and "Location" not in response.headers


def test_an_estimate_needs_no_csrf_token_while_the_forms_elsewhere_still_do(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    assert client.post(ESTIMATE, json=EXAMPLE).status_code == 200
    refused = client.post("/anmelden", data={"email": "jemand@example.org", "password": "irgendein-passwort"})
    assert refused.status_code == 400 and refused.mimetype == "text/html"


# --- Bad requests -----------------------------------------------------------------------------------------------

def as_json(body: object) -> dict:
    return {"data": json.dumps(body), "content_type": "application/json"}


def raw(data: str | bytes, content_type: str = "application/json") -> dict:
    return {"data": data, "content_type": content_type}


def bad(name: str, send: dict | object, *fields: str):
    return pytest.param(send if isinstance(send, dict) and "data" in send else as_json(send), list(fields), id=name)


CHILDREN = ("children", 0)
ITEM = {"person": 1, "kind": "employment", "year": 2024, "amount": "40000"}
BAD_REQUESTS = [
    # the body as a whole
    bad("not JSON", raw('{"statute": '), ""),
    bad("empty body", raw(b""), ""),
    bad("not UTF-8", raw(b'\xff\xfe{\x00}\x00'), ""),
    bad("wrong content type", raw(json.dumps(EXAMPLE), "text/plain"), ""),
    bad("a form instead of JSON", raw("statute=kreis-guetersloh-2024", "application/x-www-form-urlencoded"), ""),
    bad("a JSON array", [EXAMPLE], ""),
    bad("a JSON string", "kreis-guetersloh-2024", ""),
    bad("NaN", raw('{"statute": NaN}'), ""),
    bad("Infinity", raw(json.dumps(EXAMPLE).replace('"52000.00"', "Infinity")), ""),
    bad("a key twice", raw('{"from": "2024-08", "from": "2024-09"}'), ""),
    bad("deep nesting", raw("[" * 30000 + "]" * 30000), ""),
    bad("an integer beyond Python's digit limit", raw('{"statute": 1' + "0" * 5000 + "}"), ""),
    # keys
    bad("unknown key", request_with((("colour",), "blau")), "colour"),
    bad("unknown key of a child", request_with(((*CHILDREN, "name"), "Mia")), "children[0].name"),
    bad("missing statute", request_with((("statute",), DELETE)), "statute"),
    bad("missing income", request_with((("income",), DELETE)), "income"),
    bad("missing birth date", request_with(((*CHILDREN, "birth_date"), DELETE)), "children[0].birth_date"),
    # statute and period
    bad("unknown statute", request_with((("statute",), "gibt-es-nicht")), "statute"),
    bad("statute as a path", request_with((("statute",), "../../etc/passwd")), "statute"),
    bad("statute with a newline", request_with((("statute",), "kreis-guetersloh-2024\n")), "statute"),
    bad("statute nested deeply", request_with((("statute",), json.loads("[" * 500 + "]" * 500))), "statute"),
    bad("from not a month", request_with((("from",), "2024-8")), "from"),
    bad("to a number", request_with((("to",), 202507)), "to"),
    bad("to before from", request_with((("to",), "2024-07")), "to"),
    bad("more than 60 months", request_with((("to",), "2029-08")), "to"),
    bad("a month before the statute",
        request_with((("from",), "2024-07"), ((*CHILDREN, "start"), "2024-07-01")), "from"),
    # children
    bad("no children", request_with((("children",), [])), "children"),
    bad("21 children", request_with((("children",), [dict(CHILD, id=str(n)) for n in range(21)])), "children"),
    bad("a child that is no object", request_with((("children",), ["a"])), "children[0]"),
    bad("the same id twice", request_with((("children",), [CHILD, CHILD])), "children[1].id"),
    bad("an empty id", request_with(((*CHILDREN, "id"), "")), "children[0].id"),
    bad("an id of 41 characters", request_with(((*CHILDREN, "id"), "x" * 41)), "children[0].id"),
    bad("an id with a NUL", request_with(((*CHILDREN, "id"), "a\x00")), "children[0].id"),
    bad("an id with a lone surrogate", request_with(((*CHILDREN, "id"), "\ud800")), "children[0].id"),
    bad("a German date", request_with(((*CHILDREN, "birth_date"), "15.03.2022")), "children[0].birth_date"),
    bad("an impossible date", request_with(((*CHILDREN, "birth_date"), "2022-02-30")), "children[0].birth_date"),
    bad("born after the start", request_with(((*CHILDREN, "birth_date"), "2024-09-01")), "children[0].birth_date"),
    bad("15 years old at the start", request_with(((*CHILDREN, "birth_date"), "2009-08-01")),
        "children[0].birth_date"),
    bad("unknown care kind", request_with(((*CHILDREN, "care"), "krippe")), "children[0].care"),
    bad("care kind the statute does not cover", request_with(((*CHILDREN, "care"), "ogs")), "children[0].care"),
    bad("hours as a string", request_with(((*CHILDREN, "hours"), "35")), "children[0].hours"),
    bad("hours as a boolean", request_with(((*CHILDREN, "hours"), True)), "children[0].hours"),
    bad("hours as a float", request_with(((*CHILDREN, "hours"), 35.5)), "children[0].hours"),
    bad("hours as 35.0", request_with(((*CHILDREN, "hours"), 35.0)), "children[0].hours"),
    bad("hours 30 for a Kita", request_with(((*CHILDREN, "hours"), 30)), "children[0].hours"),
    bad("no hours for a Kita", request_with(((*CHILDREN, "hours"), None)), "children[0].hours"),
    bad("hours 61", request_with(((*CHILDREN, "hours"), 61)), "children[0].hours"),
    bad("huge hours", request_with(((*CHILDREN, "hours"), 10 ** 30)), "children[0].hours"),
    bad("end before start", request_with(((*CHILDREN, "end"), "2024-07-31")), "children[0].end"),
    bad("school entry before birth", request_with(((*CHILDREN, "school_entry"), "2020-08-01")),
        "children[0].school_entry"),
    # income
    bad("income a number", request_with((("income",), 52000)), "income"),
    bad("income an empty object", request_with((("income",), {})), "income"),
    bad("two forms of income", request_with((("income",), {"annual": "1", "by_year": {"2024": "1"}})), "income"),
    bad("annual with three decimals", request_with((("income", "annual"), 52000.125)), "income.annual"),
    bad("annual as the string NaN", request_with((("income", "annual"), "NaN")), "income.annual"),
    bad("annual in German notation", request_with((("income", "annual"), "52.000,00")), "income.annual"),
    bad("annual negative", request_with((("income", "annual"), "-1.00")), "income.annual"),
    bad("annual huge", request_with((("income", "annual"), 10 ** 30)), "income.annual"),
    bad("annual a boolean", request_with((("income", "annual"), True)), "income.annual"),
    bad("by_year missing a year", request_with((("income",), {"by_year": {"2024": "52000"}})), "income.by_year"),
    bad("by_year with a word for a year", request_with((("income",), {"by_year": {"zwanzig": "1"}})),
        "income.by_year.zwanzig"),
    bad("an item with amount and monthly", request_with((("income",), {"items": [dict(ITEM, monthly="1")]})),
        "income.items[0]"),
    bad("an item without an amount", request_with((("income",), {"items": [{"person": 1, "kind": "pension",
                                                                              "year": 2024}]})),
        "income.items[0].amount"),
    bad("a negative salary", request_with((("income",), {"items": [dict(ITEM, amount="-100")]})),
        "income.items[0].amount"),
    bad("person 3 and an unknown kind", request_with((("income",), {"items": [dict(ITEM, person=3, kind="lotto")]})),
        "income.items[0].person", "income.items[0].kind"),
    bad("expenses of a pension", request_with((("income",), {"items": [dict(ITEM, kind="pension", expenses="5")]})),
        "income.items[0].expenses"),
    bad("monthly without months", request_with((("income",), {"items": [{"person": 2, "kind": "sick_pay",
                                                                           "year": 2024, "monthly": "900"}]})),
        "income.items[0].months"),
    bad("items missing a year", request_with((("income",), {"items": [ITEM]})), "income.items"),
    # benefits
    bad("benefits null", request_with((("benefits",), None)), "benefits"),
    bad("a benefit ending before it begins", request_with((("benefits", 0, "to"), "2024-07")), "benefits[0].to"),
    bad("a benefit of no month", request_with((("benefits", 0, "from"), "August")), "benefits[0].from"),
    # several problems at once: one entry each, in the order of the request
    bad("several problems", request_with((("colour",), "blau"), (("from",), "2024-8"),
                                         ((*CHILDREN, "hours"), "35"), (("income", "annual"), "viel")),
        "colour", "from", "children[0].hours", "income.annual"),
]


@pytest.mark.parametrize(("send", "fields"), BAD_REQUESTS)
def test_a_bad_request_answers_400_with_one_german_error_per_problem_at_its_field(client, send, fields):
    response = client.post(ESTIMATE, **send)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "application/json"
    errors = response.get_json()["errors"]
    assert [error["field"] for error in errors] == fields, errors
    for error in errors:
        assert set(error) == {"field", "message"}
        assert isinstance(error["message"], str) and len(error["message"]) > 10
        assert not re.search(r"Traceback|Error|invalid|must", error["message"]), error["message"]


def test_thousands_of_problems_are_answered_with_the_first_hundred_and_a_count_of_the_rest(client):
    body = request_with(*[((f"unbekannt-{number}",), number) for number in range(1000)])
    errors = client.post(ESTIMATE, **as_json(body)).get_json()["errors"]
    assert len(errors) == 101
    assert errors[0]["field"] == "unbekannt-0" and errors[99]["field"] == "unbekannt-99"
    assert errors[100] == {"field": "", "message": "… und 900 weitere Probleme in der Anfrage."}


@pytest.mark.parametrize("size", [64 * 1024 + 1, 200 * 1024])
def test_a_body_over_64_kilobytes_answers_413_as_json(client, size):
    body = json.dumps(request_with((("statute",), "x" * size)))
    response = client.post(ESTIMATE, data=body, content_type="application/json")
    assert response.status_code == 413 and response.is_json
    assert response.get_json()["errors"][0]["message"].startswith("Die Anfrage ist zu groß")


# --- Never a 500 --------------------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.decimals(allow_nan=False).map(str)
    | st.text(max_size=12) | st.sampled_from(["2024-08", "2024-08-01", "kita", "ogs", "52000.00", "-1", "1e3"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
FIELD_PATHS = [
    ("statute",), ("from",), ("to",), ("children",), ("children", 0), ("children", 0, "id"),
    ("children", 0, "birth_date"), ("children", 0, "care"), ("children", 0, "hours"), ("children", 0, "start"),
    ("children", 0, "end"), ("children", 0, "school_entry"), ("income",), ("income", "annual"), ("benefits",),
    ("benefits", 0), ("benefits", 0, "from"), ("benefits", 0, "to"), ("extra",), ("children", 0, "extra"),
]
INCOME_ITEMS = st.lists(st.fixed_dictionaries({}, optional={
    "person": st.sampled_from([1, 2, 0, 3, True, "1"]) | JSON_VALUES,
    "kind": st.sampled_from(["employment", "self_employment", "parental_allowance", "child_benefit", "x"]),
    "year": st.sampled_from([2024, 2025, 1989, 2101, 2024.0, "2024"]),
    "amount": st.sampled_from(["48000", "-500", "0.001", 1e300, -0.0]) | JSON_VALUES,
    "monthly": st.sampled_from(["900", "-1", 900]) | JSON_VALUES,
    "months": st.sampled_from([1, 6, 12, 0, 13, None]),
    "plus": st.sampled_from([True, False, None, 1]),
    "expenses": st.sampled_from(["2000", "-1", None]),
}), max_size=4)
NO_500 = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_answered_without_a_bug(response) -> None:
    assert response.status_code in {200, 400, 413}, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Type"] == "application/json"
    if response.status_code != 200:
        assert all(isinstance(error["field"], str) and error["message"] for error in response.get_json()["errors"])


@NO_500
@given(body=JSON_VALUES)
def test_any_json_value_as_the_body_is_answered_never_with_a_500(client, body):
    assert_answered_without_a_bug(client.post(ESTIMATE, data=json.dumps(body), content_type="application/json"))


@NO_500
@given(path=st.sampled_from(FIELD_PATHS), value=JSON_VALUES)
def test_any_json_value_in_any_field_of_a_good_request_is_answered_never_with_a_500(client, path, value):
    assert_answered_without_a_bug(client.post(ESTIMATE, data=json.dumps(request_with((path, value))),
                                              content_type="application/json"))


@NO_500
@given(items=INCOME_ITEMS)
def test_any_list_of_income_items_is_answered_never_with_a_500(client, items):
    body = without_benefits((("income",), {"items": items}))
    assert_answered_without_a_bug(client.post(ESTIMATE, data=json.dumps(body), content_type="application/json"))


# --- Statutes, errors and headers under /api/ ---------------------------------------------------------------------

SHIPPED = {
    "ennigerloh-ogs-2024": ("2024-08-01", "2025-07-31", ["ogs"]),
    "koeln-2025": ("2025-08-01", None, ["childminder", "kita"]),
    "kreis-guetersloh-2024": ("2024-08-01", None, ["childminder", "kita"]),
}


def test_the_statutes_are_listed_with_their_validity_and_care_kinds(client):
    response = client.get(STATUTES)
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/json"
    listed = response.get_json()["statutes"]
    assert [statute["id"] for statute in listed] == sorted(SHIPPED)
    for statute in listed:
        assert set(statute) == {"id", "title", "office", "valid_from", "valid_until", "care_kinds"}
        assert statute["title"] and statute["office"]
        assert (statute["valid_from"], statute["valid_until"], sorted(statute["care_kinds"])) == SHIPPED[statute["id"]]


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", ESTIMATE, 405),
    ("PUT", ESTIMATE, 405),
    ("POST", STATUTES, 405),
    ("GET", "/api/v1/gibt-es-nicht", 404),
    ("POST", "/api/v2/estimate", 404),
    ("GET", "/api/", 404),
])
def test_errors_under_api_answer_as_json_not_as_html_pages(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/json"
    [error] = response.get_json()["errors"]
    assert error["field"] == "" and error["message"]
    if status == 405:
        assert response.headers["Allow"]


def test_pages_outside_api_still_answer_errors_with_the_german_html_page(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404 and response.mimetype == "text/html"


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", ESTIMATE, EXAMPLE), ("POST", ESTIMATE, {}), ("GET", STATUTES, None), ("GET", ESTIMATE, None),
    ("GET", "/healthz", None),
])
def test_api_answers_carry_the_security_headers_and_are_not_cached(client, method, path, body):
    response = client.open(path, method=method, json=body)
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "no-store" in response.headers["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response.headers  # same origin only


# --- Rate limit ---------------------------------------------------------------------------------------------------

def test_the_fourth_estimate_in_a_minute_from_one_address_gets_429_while_another_address_is_answered(make_app):
    client = make_app(ESTIMATE_RATE_LIMIT="3/minute").test_client()
    assert [client.post(ESTIMATE, json=EXAMPLE).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.post(ESTIMATE, json=EXAMPLE)
    assert refused.status_code == 429 and refused.headers["Content-Type"] == "application/json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    [error] = refused.get_json()["errors"]
    assert error["message"].startswith("Zu viele Anfragen")
    assert client.post(ESTIMATE, json=EXAMPLE, environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


def test_the_rate_limit_trusts_no_forwarded_for_header(make_app):
    client = make_app(ESTIMATE_RATE_LIMIT="1/hour").test_client()
    assert client.post(ESTIMATE, json=EXAMPLE).status_code == 200
    response = client.post(ESTIMATE, json=EXAMPLE, headers={"X-Forwarded-For": "192.0.2.99"})
    assert response.status_code == 429


def test_bad_requests_count_against_the_limit_too(make_app):
    client = make_app(ESTIMATE_RATE_LIMIT="2/minute").test_client()
    statuses = [client.post(ESTIMATE, data="kein JSON").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


def test_the_statutes_list_is_not_rate_limited(make_app):
    client = make_app(ESTIMATE_RATE_LIMIT="1/minute").test_client()
    assert {client.get(STATUTES).status_code for _ in range(3)} == {200}


def test_without_a_limit_every_request_is_answered(client):
    assert {client.post(ESTIMATE, json=EXAMPLE).status_code for _ in range(10)} == {200}


def test_an_unreadable_rate_limit_setting_stops_the_app_from_starting(make_app):
    with pytest.raises(ValueError, match="viele"):
        make_app(ESTIMATE_RATE_LIMIT="viele/minute")


@pytest.mark.parametrize(("income", "field"), [
    ({"annual": "1e1000000"}, "income.annual"),
    ({"annual": "-1e1000000"}, "income.annual"),
    ({"by_year": {"2024": "1e999999999"}}, "income.by_year.2024"),
    ({"items": [{"person": 1, "kind": "employment", "year": 2024, "amount": "1e1000000"}]}, "income.items[0].amount"),
    ({"annual": "1e-1000000"}, "income.annual"),
], ids=["huge", "huge negative", "huge by year", "huge item", "tiny"])
def test_a_number_too_large_for_arithmetic_is_refused_by_field_not_answered_with_500(client, income, field):
    """JSON numbers are read as exact decimals; an exponent beyond the decimal context must be refused first."""
    body = json.dumps(without_benefits((("income",), {"placeholder": None}))).replace(
        '{"placeholder": null}', _raw_json(income))
    response = client.post(ESTIMATE, data=body, content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


def _raw_json(value) -> str:
    """Write a value as JSON with the strings of numbers left bare (``"1e1000000"`` → ``1e1000000``)."""
    return re.sub(r'"(-?[0-9.]+e-?[0-9]+)"', r"\1", json.dumps(value))
