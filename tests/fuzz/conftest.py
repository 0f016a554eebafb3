"""The fuzz suite's one world: built once for the package, every persona signed in, every form discovered.

The tests of this package use only the ``fuzz`` fixture (never ``app``/``make_app``, which empty the tables
under it). Everything done here after the world is built happens in one outer transaction that is rolled
back at the end (``harness``); the world itself is deleted afterwards.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass

import pytest
from flask import Flask

from elternbeitraege.app import create_app
from tests.conftest import TODAY, _empty_all_tables

from . import harness, world
from .discovery import Form, discover

CONFIG = {"TESTING": True, "SECRET_KEY": "test-secret", "TODAY": TODAY.isoformat(), "WTF_CSRF_ENABLED": False,
          "LOGIN_LOCK_SECONDS": 300, "NOTICE_WORKERS": 1,
          # The estimate's limit is kept in memory, not in the database, so it would outlive the examples and
          # answer 429 to all later ones (test_estimate_api.py tests it). Sign-in and registration count their
          # tries in the database: each example's SAVEPOINT takes them back.
          "ESTIMATE_RATE_LIMIT": "off", "RESET_ADDRESS_RATE_LIMIT": "off", "RESET_EMAIL_RATE_LIMIT": "off"}


@dataclass(repr=False)
class Fuzz:
    """The app on the world, the signed-in personas, the forms found per role and the values the world knows."""

    app: Flask
    world: world.FuzzWorld
    connection: object
    cookies: dict[str, str | None]
    forms: dict[str, dict[str, Form]]
    page_problems: list[str]
    hints: dict[str, list[str]]

    def __repr__(self) -> str:
        return f"<the fuzz world: {sum(map(len, self.forms.values()))} forms of {len(self.forms)} roles>"

    def _repr_pretty_(self, printer, _cycle) -> None:
        printer.text(repr(self))

    def example(self) -> AbstractContextManager[None]:
        return harness.example(self.connection)

    def cookie_of(self, form: Form) -> str | None:
        return self.cookies[form.persona]


@pytest.fixture(scope="package")
def fuzz(database_url, tmp_path_factory) -> Iterator[Fuzz]:
    _empty_all_tables(database_url)
    app = create_app({**CONFIG, "DATABASE_URL": database_url, "PRINT_DIR": str(tmp_path_factory.mktemp("druck"))})
    built = world.build(app, TODAY)
    connection, engine = harness.open_transaction(app)
    try:
        cookies = {persona: None if persona == "visitor" else
                   harness.sign_in(app, world.LOGINS[persona], built.password(persona)) for persona in world.PERSONAS}
        forms, page_problems = _discover_all(app, built, connection, cookies)
        hints = {r"^code$": [world.FRESH_CODE, world.FRESH_CODE.lower().replace("-", " "), "DEMO-KITA-2345"],
                 r"file_number": list(built.file_numbers), r"email": list(world.LOGINS.values())}
        yield Fuzz(app, built, connection, cookies, forms, page_problems, hints)
    finally:
        connection.close()
        engine.dispose()
        app.extensions["db_engine"].dispose()
        _empty_all_tables(database_url)  # leave the database as the other tests' fixtures leave it


def _discover_all(app, built, connection, cookies) -> tuple[dict[str, dict[str, Form]], list[str]]:
    """Walk every persona's pages (in a rolled-back SAVEPOINT); keep the first form found per role and endpoint."""
    forms: dict[str, dict[str, Form]] = {}
    problems = []
    with harness.example(connection):
        for persona in world.PERSONAS:
            role = world.ROLE_OF[persona]

            def fetch(page: str, persona=persona):
                answer = harness.send(app, cookies[persona], "GET", page)
                problems.extend(f"GET {page} as {persona}: {problem}" for problem in harness.server_problems(answer))
                return answer

            cases = [built.cases[key] for key in world.CASES_OF[persona]]
            for form in discover(app, persona, role, fetch, cases):
                forms.setdefault(role, {}).setdefault(form.endpoint, form)
    return forms, problems
