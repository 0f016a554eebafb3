"""The fuzz suite's own machinery: examples leave no trace, and the checks catch what they are meant to catch.

A fuzz suite that passes proves only as much as its checks can fail: these tests feed the checks answers
that are wrong on purpose (a 500, a trace, a refused form that lost what was typed) and answers that are
right, and show that an example's writes are rolled back before the next one.
"""
from __future__ import annotations

from tests.web import two_offices
from tests.web.steps import ADMISSION

from . import harness
from .discovery import Field, Form, forms_on
from .sweep import sweep
from .wire import Request, encode, urlencoded

FORM = Form("clerk_a", "/amt/faelle/1", "/amt/faelle/1/zurueckziehen", "office.withdraw", False,
            (Field("version", "hidden", ("4",)), Field("reason", "textarea", ("",)), Field("note", "text", ("",))))
REFUSED_PAGE = """<title>Fehler: Fall</title><div data-error-summary>…</div>
<form method="post" action="/amt/faelle/1/zurueckziehen"><input type="hidden" name="version" value="5">
<textarea name="reason">
{reason}</textarea><input type="text" name="note" value="{note}"></form>"""


def answer(body: str, status: int = 400, errors=()) -> harness.Answer:
    return harness.Answer(status, "text/html", body, FORM.action, list(errors))


def sent(**values: bytes) -> Request:
    pairs = list(values.items())
    return Request(FORM.action, urlencoded(pairs, raw=False), "application/x-www-form-urlencoded", pairs)


def test_a_refused_form_that_shows_what_was_typed_passes():
    page = REFUSED_PAGE.format(reason="Zieht &lt;weg&gt;\r\n", note="&quot;x&quot;")  # stripped is kept
    assert harness.echo_problems(answer(page), sent(reason=b"Zieht <weg>\n", note=b'  "x"  '), FORM) == []


def test_a_refused_form_that_lost_or_changed_what_was_typed_is_reported():
    page = REFUSED_PAGE.format(reason="", note="anders")
    problems = harness.echo_problems(answer(page), sent(reason=b"Zieht weg", note=b"x"), FORM)
    assert [problem.split(" ")[0] for problem in problems] == ["'reason'", "'note'"]


def test_an_error_summary_without_the_form_is_reported_as_all_lost():
    problems = harness.echo_problems(answer("<div data-error-summary></div>"), sent(reason=b"Zieht weg"), FORM)
    assert problems and "all typed is lost" in problems[0]


def test_what_no_browser_sends_is_not_held_against_the_page():
    page = REFUSED_PAGE.format(reason="", note="")
    not_utf8 = sent(reason="\ud800".encode("utf-8", "surrogatepass"), note=b"a\x00b")
    assert harness.echo_problems(answer(page), not_utf8, FORM) == []
    twice = Request(FORM.action, b"", None, [("reason", b"a"), ("reason", b"b")])
    assert harness.echo_problems(answer(page), twice, FORM) == []


def test_a_5xx_an_error_logged_the_error_page_and_a_trace_are_each_server_problems():
    assert harness.server_problems(answer("<p>Seite nicht gefunden</p>", 404)) == []
    assert harness.server_problems(answer("", 500)) == ["answered 500"]
    assert harness.server_problems(answer("", 302, ["unexpected error on POST /x → OverflowError"]))
    assert harness.server_problems(answer("Es ist ein Fehler aufgetreten", 400))
    assert harness.server_problems(answer('Traceback (most recent call last):\n  File "/app.py"', 200))
    # a value sent that happens to look like a trace is the page echoing it, not a trace
    assert harness.server_problems(answer('File "/etc', 200), sent='File "/etc') == []


def test_forms_are_read_with_their_action_formaction_fields_and_offered_values(fuzz):
    page = """<form method="post" action="/verwaltung/briefkopf" enctype="multipart/form-data">
      <input name="name" value="Amt">
      <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b">
      <select name="month"><option value="1">Jan</option><option value="2">Feb</option></select>
      <input type="file" name="logo"><button formaction="/verwaltung/briefkopf/vorschau">Vorschau</button></form>
      <form method="get" action="/amt/"><input name="q"></form>"""
    found = forms_on(fuzz.app, "admin_a", "/verwaltung/briefkopf", page)
    assert [(form.endpoint, form.multipart) for form in found] == [("admin.letterhead_settings", True),
                                                                   ("admin.letterhead_preview", True)]
    assert found[0].fields == (Field("name", "text", ("Amt",)), Field("kind", "radio", ("a", "b")),
                               Field("month", "select", ("1", "2")), Field("logo", "file", ("",)))


def test_an_example_is_rolled_back_so_the_next_one_finds_the_same_world(fuzz):
    form = fuzz.forms["facility"]["facilities.report"]
    before = two_offices.snapshot(fuzz.app)
    with fuzz.example():
        reported = harness.post(fuzz.app, fuzz.cookie_of(form), encode(form, [
            (name, value.encode()) for name, value in ADMISSION.items()], []))
        assert reported.status == 302, reported.summary
        assert two_offices.snapshot(fuzz.app) != before
    assert two_offices.snapshot(fuzz.app) == before


def test_the_values_a_form_takes_are_taken_so_the_sweep_reaches_the_services(fuzz):
    """Each sweep starts from these values: a form that refuses them would sweep only its own first check."""
    refused = []
    for role, endpoint in [("facility", "facilities.report"), ("clerk", "office.approve"),
                           ("clerk", "office.request_documents"), ("admin", "admin.letterhead_settings"),
                           ("admin", "admin.statute_upload"), ("parent", "parents.proofs"),
                           ("parent", "parents.mandate"), ("facility", "facilities.care_change")]:
        form = fuzz.forms[role][endpoint]
        label, request = sweep(form, fuzz.hints)[0]
        assert label == "the values the form takes"
        with fuzz.example():
            taken = harness.post(fuzz.app, fuzz.cookie_of(form), request)
        if taken.status != 302:
            refused.append(f"{endpoint}: {taken.summary}")
    assert refused == []


def test_the_sweep_covers_every_field_and_every_three_part_date(fuzz):
    form = fuzz.forms["facility"]["facilities.report"]
    labels = {label.split(":")[0].split(" ")[0] for label, _ in sweep(form, fuzz.hints)}
    assert {spec.name for spec in form.fields} | {"birth_date", "start_date"} <= labels
