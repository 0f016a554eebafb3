"""Settings from the environment take the type of their defaults."""
from __future__ import annotations

from datetime import timedelta

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


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    settings = {**config.defaults(str(tmp_path)), "ENV_NAME": "production"}
    try:
        config.finish(settings, str(tmp_path))
    except RuntimeError as error:
        assert "SECRET_KEY" in str(error)
    else:
        raise AssertionError("production started without a secret key")
