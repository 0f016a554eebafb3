"""Fixtures shared by all tests: the app on a fresh database (SQLite or PostgreSQL), clients, logins."""
from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import create_engine, make_url, text

from elternbeitraege import db
from elternbeitraege.app import create_app
from elternbeitraege.models import Base
from elternbeitraege.services import demo as seed
from elternbeitraege.services.accounts import users
from tests.snapshots import built_once

pytest_plugins = ["tests.mail_server"]  # the smtp_server fixture: a real SMTP server on 127.0.0.1

# Passwords are hashed with scrypt at a test cost (N=2**10 instead of 2**15): the same code path, 40 times faster.
users.HASH_METHOD = "scrypt:1024:8:1"

TEST_DATABASE_ENV = "ELTERNBEITRAEGE_TEST_DATABASE_URL"
TODAY = date(2025, 7, 1)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """Return the test database, migrated once: PostgreSQL when configured, else a SQLite file."""
    configured = os.environ.get(TEST_DATABASE_ENV)
    sqlite = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    url = _database_of_this_worker(configured) if configured else sqlite
    db.upgrade(url)
    return url


def _database_of_this_worker(url: str) -> str:
    """Return the PostgreSQL database of this pytest-xdist worker (``<name>_gw0``, …), created if missing."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    server = make_url(url)
    name = f"{server.database}_{worker}"
    engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def _empty_all_tables(url: str) -> None:
    engine = create_engine(url)
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))
    engine.dispose()


@pytest.fixture
def make_app(database_url, tmp_path):
    """Return a factory of apps on the emptied test database; extra settings override the defaults."""
    _empty_all_tables(database_url)
    apps = []

    def make(**settings):
        config = {"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret",
                  "TODAY": TODAY.isoformat(), "WTF_CSRF_ENABLED": False, "LOGIN_LOCK_SECONDS": 300,
                  "NOTICE_WORKERS": 1, "PRINT_DIR": str(tmp_path / "druck"),
                  "MAIL_DIR": str(tmp_path / "mails")}
        config["ESTIMATE_RATE_LIMIT"] = "off"  # the rate-limit tests switch it on
        config.update(settings)
        app = create_app(config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["db_engine"].dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def demo(app):
    """Load the demo office; return its logins by role."""
    def seed_it():
        with app.app_context():
            return seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)

    logins = built_once(app, "demo", seed_it)
    return {login.email.split("@")[0]: login for login in logins}


@pytest.fixture
def login():
    """Return a function that signs a test client in."""
    def sign_in(client, email: str, password: str = seed.DEMO_PASSWORD):
        response = client.post("/anmelden", data={"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client
    return sign_in


def pytest_collection_modifyitems(items) -> None:
    """Keep the fuzz package on one test process: its world is built once per process that runs any of it."""
    for item in items:
        if item.nodeid.startswith("tests/fuzz/"):
            item.add_marker(pytest.mark.xdist_group("fuzz"))
