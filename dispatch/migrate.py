"""Alembic, driven from code: `safedesk` migrates the database it opens.

Most opens find the schema current; checking that with one query against
HEAD_REVISION spares every command Alembic's import (a third of a second).
tests/test_storage.py keeps HEAD_REVISION equal to the newest migration.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0007"


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    command.upgrade(alembic_config(engine), "head")
