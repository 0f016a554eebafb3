"""Fixtures shared by all tests: the app on a fresh database (SQLite or PostgreSQL), clients, logins."""
from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from elternbeitraege import db
from elternbeitraege.app import create_app
from elternbeitraege.models import Base
from elternbeitraege.services import demo as seed

TEST_DATABASE_ENV = "ELTERNBEITRAEGE_TEST_DATABASE_URL"
TODAY = date(2025, 7, 1)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """Return the test database, migrated once: PostgreSQL when configured, else a SQLite file."""
    url = os.environ.get(TEST_DATABASE_ENV) or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    db.upgrade(url)
    return url


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
                  "NOTICE_WORKERS": 1, "PRINT_DIR": str(tmp_path / "druck")}
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
    with app.app_context():
        logins = seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
    return {login.email.split("@")[0]: login for login in logins}


@pytest.fixture
def login():
    """Return a function that signs a test client in."""
    def sign_in(client, email: str, password: str = seed.DEMO_PASSWORD):
        response = client.post("/anmelden", data={"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client
    return sign_in
