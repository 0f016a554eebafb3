"""The Alembic migrations build exactly the schema the models describe, and carry the data along."""
from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from elternbeitraege.db import alembic_config
from elternbeitraege.models import Base


def test_the_migrated_database_matches_the_models(database_url):
    engine = create_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


OFFICE_COLUMNS = ("name", "street", "postcode_city", "phone", "email", "website", "court_name", "court_address",
                  "dpo_contact", "bank_name", "iban", "bic", "creditor_id")


def _office_with_statute(connection, statute_id: str) -> None:
    values = {column: "x" for column in OFFICE_COLUMNS} | {"statute_id": statute_id, "declaration_days": 28}
    connection.execute(text(f"INSERT INTO youth_office ({', '.join(values)}) VALUES "
                            f"({', '.join(':' + column for column in values)})"), values)


def test_upgrading_moves_each_offices_statute_into_its_schedule_and_downgrading_brings_it_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "0002")
    engine = create_engine(url)
    with engine.begin() as connection:
        for statute_id in ("kreis-guetersloh-2024", "koeln-2025", "eigene-satzung"):
            _office_with_statute(connection, statute_id)
    command.upgrade(config, "head")
    with engine.connect() as connection:
        schedule = connection.execute(text("SELECT office_id, statute_id, valid_from, created_by_id "
                                           "FROM office_statute ORDER BY office_id")).all()
        columns = {row[1] for row in connection.execute(text("PRAGMA table_info(youth_office)"))}
    assert [tuple(row) for row in schedule] == [(1, "kreis-guetersloh-2024", "2024-08-01", None),
                                                (2, "koeln-2025", "2025-08-01", None),
                                                (3, "eigene-satzung", "2024-08-01", None)]
    assert "statute_id" not in columns
    command.downgrade(config, "0002")
    with engine.connect() as connection:
        restored = connection.execute(text("SELECT id, statute_id FROM youth_office ORDER BY id")).all()
    engine.dispose()
    assert [tuple(row) for row in restored] == [(1, "kreis-guetersloh-2024"), (2, "koeln-2025"), (3, "eigene-satzung")]
