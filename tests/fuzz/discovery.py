"""Find every form of every role: walk the URL map's GET rules as each persona and parse the forms of each page.

Nothing is listed by hand: a rule is filled with the persona's real ids (``case_id``, ``document_id``,
``proof_id``, ``person``), the page is rendered, and every ``<form method="post">`` on it is read with its
action (and each button's ``formaction``), its fields and the values a browser could send. A form added
later is found, and fuzzed, without a change here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import product
from urllib.parse import urljoin, urlsplit

from flask import Flask, url_for
from werkzeug.exceptions import HTTPException

ASSET_ENDPOINTS = {"static", "kern"}  # CSS, scripts and fonts by file name: no forms, no ids
ID_ARGUMENTS = {"case_id", "document_id", "proof_id", "person", "office_id", "user_id", "facility_id"}
# A link's secret is no id: a wrong one is explained on the page (tests/web/test_passwords.py), not answered 404.
FILLED_ARGUMENTS = ID_ARGUMENTS | {"secret"}
# Rules under these prefixes answer only their role (404 for others, tested in tests/web/test_access.py), so
# each role walks only its own prefix and the rules outside every prefix.
PREFIXES = {"parent": "/eltern/", "facility": "/einrichtung/", "clerk": "/amt/", "admin": "/verwaltung/",
            "provider": "/betrieb/"}
TEXT_KINDS = {"text", "email", "number", "tel", "url", "search", "textarea"}  # typed by hand: echoed when refused


@dataclass(frozen=True)
class Field:
    """One name a form sends: its kind (an input type, ``select`` or ``textarea``) and the values offered or set."""

    name: str
    kind: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """A form as a browser sends it: from which page, to which address, how encoded, with which fields."""

    persona: str
    page: str
    action: str
    endpoint: str
    multipart: bool
    fields: tuple[Field, ...]

    @property
    def label(self) -> str:
        return f"{self.endpoint} ({self.action}, found on {self.page} as {self.persona})"


class _FormParser(HTMLParser):
    """Collect the POST forms of a page: their action, enctype, inputs, selects with options, textareas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self._form = None
            if attributes.get("method", "get").lower() == "post":
                self._form = {"action": attributes.get("action", ""), "enctype": attributes.get("enctype", ""),
                              "fields": [], "formactions": []}
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "input" and attributes.get("name"):
            self._form["fields"].append({"name": attributes["name"], "kind": attributes.get("type", "text").lower(),
                                         "value": attributes.get("value", "")})
        elif tag in ("button", "input") and "formaction" in attributes:
            self._form["formactions"].append(attributes["formaction"])
        elif tag == "select" and attributes.get("name"):
            self._select = {"name": attributes["name"], "kind": "select", "options": []}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attributes.get("value", ""))
        elif tag == "textarea" and attributes.get("name"):
            self._textarea = {"name": attributes["name"], "kind": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_forms(html: str) -> list[dict]:
    """Return the raw POST forms of a page: ``action``, ``enctype``, ``formactions`` and ``fields``."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def field_values(form: dict) -> dict[str, list[str]]:
    """Return what a form shows for each typed field (input value or textarea text), by name."""
    shown: dict[str, list[str]] = {}
    for entry in form["fields"]:
        if entry["kind"] == "textarea":
            # the HTML parser drops one newline right after <textarea>; html.parser does not
            value = entry["value"]
            value = value[2:] if value.startswith("\r\n") else value[1:] if value.startswith("\n") else value
            shown.setdefault(entry["name"], []).append(value)
        elif entry["kind"] in TEXT_KINDS:
            shown.setdefault(entry["name"], []).append(entry["value"])
    return shown


def _fields(raw: list[dict]) -> tuple[Field, ...]:
    """Merge the raw inputs by name: radio buttons and checkboxes of one name offer several values."""
    merged: dict[str, Field] = {}
    for entry in raw:
        if entry["kind"] in ("submit", "button", "reset", "image"):
            continue
        values = tuple(entry["options"]) if entry["kind"] == "select" else (entry.get("value", ""),)
        known = merged.get(entry["name"])
        merged[entry["name"]] = Field(entry["name"], entry["kind"], (known.values if known else ()) + values)
    return tuple(merged.values())


def endpoint_of(app: Flask, target: str) -> str | None:
    """Return the endpoint that a POST to ``target`` reaches, or None."""
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _arguments = adapter.match(urlsplit(target).path, method="POST")
    except HTTPException:
        return None
    return endpoint


def forms_on(app: Flask, persona: str, page: str, html: str) -> list[Form]:
    """Return the POST forms of a page, one per address it can be sent to (its action and each formaction)."""
    found = []
    for raw in parse_forms(html):
        fields = _fields(raw["fields"])
        for action in [raw["action"], *raw["formactions"]]:
            absolute = urljoin(f"http://localhost{page}", action)
            parts = urlsplit(absolute)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            endpoint = endpoint_of(app, target)
            if endpoint is not None:
                found.append(Form(persona, page, target, endpoint, raw["enctype"] == "multipart/form-data", fields))
    return found


def get_rules(app: Flask, role: str) -> list:
    """Return the GET rules a role walks: its own prefix and every rule outside the role prefixes."""
    rules = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ASSET_ENDPOINTS or "GET" not in rule.methods:
            continue
        unknown = rule.arguments - FILLED_ARGUMENTS
        assert not unknown, f"the walk cannot fill the URL arguments {unknown} of {rule.rule} yet"
        prefix = next((prefix for prefix in PREFIXES.values() if rule.rule.startswith(prefix)), None)
        if prefix is None or prefix == PREFIXES.get(role):
            rules.append(rule)
    return rules


def pages_of(app: Flask, role: str, cases: list) -> list[str]:
    """Return the addresses of every GET rule of a role, filled with the ids of each of its cases."""
    pages: list[str] = []
    with app.test_request_context():
        for rule in get_rules(app, role):
            for ids in cases:
                for person, user in product((1, 2) if "person" in rule.arguments else (1,),
                                            (ids.admin, ids.invited) if "user_id" in rule.arguments else (ids.admin,)):
                    values = {"case_id": ids.case, "document_id": ids.document, "proof_id": ids.proof,
                              "person": person, "office_id": ids.office, "user_id": user,
                              "facility_id": ids.facility,
                              "secret": "ein-gefaelschter-link"}
                    page = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
                    if page not in pages:
                        pages.append(page)
    return pages


def discover(app: Flask, persona: str, role: str, fetch: Callable, cases: list) -> list[Form]:
    """Render every page of the persona with ``fetch(page)`` (an answer with status, mimetype, body); return the
    forms found."""
    forms: list[Form] = []
    for page in pages_of(app, role, cases):
        answer = fetch(page)
        if answer.status == 200 and answer.mimetype == "text/html":
            forms += forms_on(app, persona, page, answer.body)
    return forms
