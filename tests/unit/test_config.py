"""Settings from the environment take the type of their defaults."""
from __future__ import annotations

from datetime import timedelta

import pytest

from elternbeitraege import config


def test_environment_settings_are_typed_like_their_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("ELTERNBEITRAEGE_LOGIN_LOCK_AFTER", "7")
    monkeypatch.setenv("ELTERNBEITRAEGE_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("ELTERNBEITRAEGE_PERMANENT_SESSION_LIFETIME", "20")
    monkeypatch.setenv("ELTERNBEITRAEGE_PUBLIC_URL", "https://beitraege.example")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.example/eb")
    overrides = config.from_environment(config.defaults(str(tmp_path)))
    assert overrides["LOGIN_LOCK_AFTER"] == 7
    assert overrides["SESSION_COOKIE_SECURE"] is True
    assert overrides["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=20)
    assert overrides["PUBLIC_URL"] == "https://beitraege.example"
    assert overrides["DATABASE_URL"] == "postgresql://db.example/eb"


def _production(tmp_path, **settings) -> dict:
    return {**config.defaults(str(tmp_path)), "ENV_NAME": "production", "SECRET_KEY": "k" * 32,
            "PUBLIC_URL": "https://beitraege.kreis.example", **settings}


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config.finish(_production(tmp_path, SECRET_KEY=None), str(tmp_path))


@pytest.mark.parametrize("key", ["x", "Xyz12", "k" * 31, "ä" * 15])
def test_production_refuses_a_secret_key_shorter_than_32_bytes(tmp_path, key):
    with pytest.raises(RuntimeError, match="mindestens 32 Bytes"):
        config.finish(_production(tmp_path, SECRET_KEY=key), str(tmp_path))


@pytest.mark.parametrize("url", [
    None, "", "http://127.0.0.1:5000", "http://localhost:8000", "https://127.8.9.10", "http://[::1]:5000",
    "http://0.0.0.0", "https://app.localhost", "ftp://beitraege.example", "beitraege.example", "http://",
    "http://beitraege.example:port",
])
def test_production_refuses_a_public_url_that_parents_cannot_open(tmp_path, url):
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        config.finish(_production(tmp_path, PUBLIC_URL=url), str(tmp_path))


def test_production_starts_with_a_long_key_and_a_public_url_and_marks_cookies_secure(tmp_path):
    settings = _production(tmp_path, PUBLIC_URL="https://beitraege.kreis.example/")
    config.finish(settings, str(tmp_path))
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["PUBLIC_URL"] == "https://beitraege.kreis.example"


def test_development_keeps_its_own_key_and_serves_letters_from_the_local_address(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_HOST", raising=False)
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)
    settings = config.defaults(str(tmp_path))
    config.finish(settings, str(tmp_path))
    assert len(settings["SECRET_KEY"]) == 64
    assert settings["PUBLIC_URL"] == "http://127.0.0.1:5000"


def test_development_letters_name_the_port_flask_run_is_told_to_serve_on(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_RUN_HOST", "127.0.0.1")
    monkeypatch.setenv("FLASK_RUN_PORT", "5101")
    settings = config.defaults(str(tmp_path))
    config.finish(settings, str(tmp_path))
    assert settings["PUBLIC_URL"] == "http://127.0.0.1:5101"
    assert settings["PUBLIC_URL_FOLLOWS_REQUEST"] is True


def test_a_development_server_listening_everywhere_names_the_local_address_in_letters(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_RUN_HOST", "0.0.0.0")
    monkeypatch.setenv("FLASK_RUN_PORT", "8080")
    settings = config.defaults(str(tmp_path))
    config.finish(settings, str(tmp_path))
    assert settings["PUBLIC_URL"] == "http://127.0.0.1:8080"


def test_a_configured_public_url_does_not_follow_the_request(tmp_path):
    settings = {**config.defaults(str(tmp_path)), "PUBLIC_URL": "https://beitraege.kreis.example"}
    config.finish(settings, str(tmp_path))
    assert settings["PUBLIC_URL_FOLLOWS_REQUEST"] is False
