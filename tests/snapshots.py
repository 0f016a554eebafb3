"""Worlds built once per test process and restored per test: every table's rows, inserted back as they were.

Seeding the demo renders an invitation letter and hashes passwords; building the two offices renders three. A test
that asks for such a world on an empty database gets, from the second time on, the rows the first build left
(ids, codes and documents the same, and on PostgreSQL the sequences where the build left them), and the value the
build returned. On a database that is not empty the world is built for real, as before.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection, Engine

from elternbeitraege.models import Base

T = TypeVar("T")
Rows = dict[str, list[dict[str, Any]]]
_SNAPSHOTS: dict[Hashable, tuple[Rows, dict[str, tuple[int, bool]], Any]] = {}


def built_once(app: Flask, key: Hashable, build: Callable[[], T]) -> T:
    """Return what ``build`` returns, building it on the first call per database and key, restoring it after."""
    engine: Engine = app.extensions["db_engine"]
    full_key = (app.config["DATABASE_URL"], app.config["PUBLIC_URL"], app.config.get("TODAY"), key)
    if not _is_empty(engine):
        return build()
    if full_key in _SNAPSHOTS:
        rows, sequences, result = _SNAPSHOTS[full_key]
        _restore(engine, rows, sequences)
        return result
    result = build()
    with engine.connect() as connection:
        _SNAPSHOTS[full_key] = (_rows_of(connection), _sequences_of(connection), result)
    return result


def _is_empty(engine: Engine) -> bool:
    counts = [select(func.count()).select_from(table).scalar_subquery() for table in Base.metadata.sorted_tables]
    with engine.connect() as connection:
        return not any(connection.execute(select(*counts)).one())


def _rows_of(connection: Connection) -> Rows:
    return {table.name: [dict(row) for row in connection.execute(select(table)).mappings()]
            for table in Base.metadata.sorted_tables}


def _sequences_of(connection: Connection) -> dict[str, tuple[int, bool]]:
    if connection.dialect.name != "postgresql":
        return {}
    names = connection.execute(text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"))
    return {name: tuple(connection.execute(text(f'SELECT last_value, is_called FROM "{name}"')).one())
            for (name,) in names}


def _restore(engine: Engine, rows: Rows, sequences: dict[str, tuple[int, bool]]) -> None:
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if rows[table.name]:
                connection.execute(table.insert(), rows[table.name])
        for name, (last_value, is_called) in sequences.items():
            connection.execute(text("SELECT setval(:name, :value, :called)"),
                               {"name": name, "value": last_value, "called": is_called})
