"""The public JSON API under attack: any body, any content type, any field of a good request made hostile.

``POST /api/v1/estimate`` must answer 200 with an estimate, or 400/413/415/429 with JSON errors; never a 5xx.
``GET /api/v1/statutes`` and ``GET /healthz`` must answer 200 whatever the query string. Bodies are sent as
bytes, so that what ``json.dumps`` cannot write is sent too: ``1e1000000``, ``NaN``, numbers of 5,000 digits,
a key twice, nesting 10,000 deep, bytes that are no UTF-8.
"""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from . import harness
from .budget import budget

ESTIMATE = "/api/v1/estimate"
CHILD = {"id": "a", "birth_date": "2022-03-15", "care": "kita", "hours": 35, "start": "2024-08-01", "end": None,
         "school_entry": None}
GOOD = {"statute": "kreis-guetersloh-2024", "from": "2024-08", "to": "2025-07", "children": [CHILD],
        "income": {"annual": "52000.00"}, "benefits": [{"from": "2024-08", "to": "2024-12"}]}
ITEM = {"person": 1, "kind": "employment", "year": 2024, "amount": "40000", "expenses": "1000"}
BY_YEAR = dict(GOOD, income={"by_year": {"2024": "52000", "2025": "61000.00"}})
ITEMS = dict(GOOD, income={"items": [ITEM, dict(ITEM, year=2025),
                                     {"person": 2, "kind": "parental_allowance", "year": 2024, "monthly": "900",
                                      "months": 6, "plus": False}]})
ANSWERS = {200, 400, 413, 415, 429}
RAW = "\x00raw\x00"  # stands for a raw JSON token in a body written by json.dumps


def paths(value, prefix=()) -> list[tuple]:
    """Return the path of every value inside a request (keys and list positions)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


def replaced(base: dict, path: tuple, value: object) -> dict:
    body = copy.deepcopy(base)
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


def body_with(base: dict, path: tuple, value: object, token: str | None) -> bytes:
    """Write the request with one value replaced; ``token``: raw JSON written where the value stands."""
    text = json.dumps(replaced(base, path, RAW if token is not None else value), ensure_ascii=False)
    if token is not None:
        text = text.replace(json.dumps(RAW), token)
    return text.encode("utf-8", "surrogatepass")


def answered_well(answer: harness.Answer) -> list[str]:
    problems = harness.server_problems(answer)
    if answer.status not in ANSWERS and not problems:
        problems.append(f"answered {answer.status}")
    if answer.mimetype != "application/json":
        problems.append(f"answered as {answer.mimetype}, not JSON")
    elif answer.status != 200:
        errors = json.loads(answer.body).get("errors")
        if not errors or not all(isinstance(error.get("message"), str) and error["message"] for error in errors):
            problems.append(f"no German error message: {answer.body[:200]}")
    return problems


def post(fuzz, body: bytes, content_type: str | None = "application/json") -> harness.Answer:
    options = {"data": body} | ({"content_type": content_type} if content_type else {})
    with fuzz.example():
        return harness.send(fuzz.app, None, "POST", ESTIMATE, **options)


# --- Adversarial bodies, each once ------------------------------------------------------------------------------

def good_with(token: str, at: tuple = ("income", "annual")) -> bytes:
    return body_with(GOOD, at, None, token)


ADVERSARIAL = {
    "nesting 10,000 deep": b"[" * 10_000 + b"]" * 10_000,
    "objects nested 10,000 deep": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "nesting 10,000 deep in a field": good_with("[" * 10_000 + "]" * 10_000, ("children",)),
    "1e1000000 as the income": good_with("1e1000000"),
    "{'income': {'annual': 1e1000000}}": b'{"income": {"annual": 1e1000000}}',
    "-1e1000000 as the income": good_with("-1e1000000"),
    "1e-1000000 as the income": good_with("1e-1000000"),
    "1e1000000 as the hours": good_with("1e1000000", ("children", 0, "hours")),
    "1e1000000 as a year's income": body_with(BY_YEAR, ("income", "by_year", "2024"), None, "1e1000000"),
    "1e1000000 as an item's amount": body_with(ITEMS, ("income", "items", 0, "amount"), None, "1e1000000"),
    "1e1000000 as an item's months": body_with(ITEMS, ("income", "items", 2, "months"), None, "1e1000000"),
    "1e1000000 as an item's year": body_with(ITEMS, ("income", "items", 0, "year"), None, "1e1000000"),
    "an integer of 4,300 digits as the hours": good_with("9" * 4300, ("children", 0, "hours")),
    "an integer of 5,000 digits as the income": good_with("9" * 5000),
    "an integer of 4,300 digits as an item's person": body_with(ITEMS, ("income", "items", 0, "person"), None,
                                                                 "9" * 4300),
    "2**63 as the hours": good_with(str(2**63), ("children", 0, "hours")),
    "NaN": good_with("NaN"),
    "Infinity": good_with("Infinity"),
    "-Infinity as the months": body_with(ITEMS, ("income", "items", 2, "months"), None, "-Infinity"),
    "a key twice": b'{"statute": "kreis-guetersloh-2024", "statute": "koeln-2025"}',
    "a key twice in a child": json.dumps(GOOD).replace('"hours": 35', '"hours": 35, "hours": 45').encode(),
    "bytes that are no UTF-8": b'{"statute": "\xff\xfe"}',
    "a lone surrogate encoded anyway": '{"statute": "\ud800"}'.encode("utf-8", "surrogatepass"),
    "a lone surrogate escaped": b'{"statute": "\\ud800", "children": [{"id": "\\udfff"}]}',
    "a UTF-16 body": json.dumps(GOOD).encode("utf-16"),
    "a BOM": b"\xef\xbb\xbf" + json.dumps(GOOD).encode(),
    "a body of 70 KB": json.dumps(dict(GOOD, statute="x" * 70_000)).encode(),
    "a body of 64 KB exactly": json.dumps(dict(GOOD, statute="x" * (64 * 1024 - 200))).encode().ljust(64 * 1024),
    "an empty body": b"",
    "only whitespace": b" \t\r\n",
    "a NUL": b'{"statute": "a\\u0000b"}',
    "a date of year 0": json.dumps(replaced(GOOD, ("children", 0, "birth_date"), "0000-00-00")).encode(),
    "a date of year 9999": json.dumps(replaced(GOOD, ("to",), "9999-12")).encode(),
    "a month of 2**63": json.dumps(replaced(GOOD, ("from",), f"{2**63}-01")).encode(),
    "a year of 9999 in by_year": body_with(BY_YEAR, ("income", "by_year"), {"9999": "1", "2024": "1"}, None),
    "a year of 0000 in by_year": body_with(BY_YEAR, ("income", "by_year"), {"0000": "1"}, None),
    "items of 100 entries": body_with(ITEMS, ("income", "items"), [ITEM] * 100, None),
    "items of 10,000 entries": body_with(ITEMS, ("income", "items"), [{}] * 10_000, None),
    "21 children": body_with(GOOD, ("children",), [dict(CHILD, id=str(n)) for n in range(21)], None),
}
CONTENT_TYPES = [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                 "application/json; charset=latin-1", "application/json; charset=utf-16", "application/JSON",
                 "application/problem+json", "application/json\x00"]


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_an_adversarial_estimate_body_is_answered_with_json_and_never_a_5xx(fuzz, name):
    answer = post(fuzz, ADVERSARIAL[name])
    assert answered_well(answer) == [], answer.summary


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_a_good_estimate_with_a_wrong_content_type_is_answered_with_json_and_never_a_5xx(fuzz, content_type):
    answer = post(fuzz, json.dumps(GOOD).encode(), content_type)
    assert answered_well(answer) == [], answer.summary


def test_the_good_requests_of_this_module_are_answered_200(fuzz):
    """The mutations below start from these: they must be good, or every mutation only meets the first check."""
    assert [post(fuzz, json.dumps(body).encode()).status for body in (GOOD, BY_YEAR, ITEMS)] == [200, 200, 200]


# --- Random bodies and mutations of good requests ---------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from(["2024-08", "2024-08-01", "kita", "52000.00", "-1", "1e3", "", " ", "\u3000", "\u202e"]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=25,
)
TOKENS = st.sampled_from(["1e1000000", "-1e1000000", "1e-1000000", "1E400", "NaN", "Infinity", "-Infinity",
                          "9" * 4300, "9" * 5000, str(2**63), str(-(2**63) - 1), "-0", "0.000000000000000000001",
                          "1" + "0" * 400 + ".5", "[" * 3000 + "]" * 3000, '"\\ud800"', '"\\u0000"', "true",
                          '"' + "x" * 60_000 + '"'])
HOSTILE = st.one_of(JSON.map(lambda value: (value, None)), TOKENS.map(lambda token: (None, token)))
BASES = {"annual": GOOD, "by_year": BY_YEAR, "items": ITEMS}


@budget(60)
@given(body=JSON)
def test_any_json_value_as_the_estimate_body_is_answered_never_with_a_5xx(fuzz, body):
    answer = post(fuzz, json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    assert answered_well(answer) == [], answer.summary


@budget(120)
@given(base=st.sampled_from(sorted(BASES)), data=st.data(), hostile=HOSTILE)
def test_any_field_of_a_good_estimate_made_hostile_is_answered_never_with_a_5xx(fuzz, base, data, hostile):
    path = data.draw(st.sampled_from(paths(BASES[base])), label="path")
    value, token = hostile
    body = body_with(BASES[base], path, value, token)
    note(f"POST {ESTIMATE} {body[:300]!r}{'…' if len(body) > 300 else ''}")
    answer = post(fuzz, body)
    assert answered_well(answer) == [], answer.summary


@budget(40)
@given(body=st.binary(max_size=300), content_type=st.sampled_from(["application/json", *CONTENT_TYPES[:4]]))
def test_any_bytes_as_the_estimate_body_are_answered_never_with_a_5xx(fuzz, body, content_type):
    answer = post(fuzz, body, content_type)
    assert answered_well(answer) == [], answer.summary


QUERIES = st.one_of(
    st.lists(st.tuples(st.text(max_size=10), st.text(max_size=30)), max_size=4).map(
        lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)),
    st.binary(max_size=60).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw)),
    st.sampled_from(["a=" + "x" * 10_000, "=" * 500, "%", "%ZZ", "a[]=1&a[]=2", "statute=../../etc", "%00"]),
)


@budget(30)
@given(path=st.sampled_from(["/api/v1/statutes", "/healthz"]), query=QUERIES)
def test_the_statutes_and_the_health_check_answer_200_whatever_the_query_string(fuzz, path, query):
    with fuzz.example():
        answer = harness.send(fuzz.app, None, "GET", f"{path}?{query}")
    note(f"GET {path}?{query}")
    assert harness.server_problems(answer) == []
    assert (answer.status, answer.mimetype) in {(200, "application/json"), (400, "application/json")}, answer.summary
