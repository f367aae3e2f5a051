"""Schema migrations with Alembic: creating new databases and upgrading old ones.

Imported only when a database is created or upgraded: Alembic and SQLAlchemy
are too heavy for every command to load.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event

from learnlog.errors import DamagedDatabase
from learnlog.store.backups import automatic_backup_path, copy_database, prune_automatic_backups
from learnlog.store.database import SCHEMA_REVISION, read_revision
from learnlog.store.location import display_path
from learnlog.store.locks import exclusive_lock

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_sqlite(path: Path, revision: str = "head") -> None:
    """Run the migrations on the SQLite file at `path`, up to `revision`, in one
    transaction: an interrupted upgrade leaves the database as it was."""
    engine = create_engine(f"sqlite:///{path}")

    # pysqlite commits before DDL on its own; take transactions over, so that every
    # migration and the revision stamp land together or not at all.
    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediately(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def create_schema(path: Path) -> None:
    upgrade_sqlite(path)


def upgrade_with_backup(path: Path) -> None:
    """Upgrade an older database to the newest schema, after copying it to a backup beside it."""
    # Of several learnlogs opening an old database at once, one backs it up and
    # upgrades it, once; the others find it upgraded.
    with exclusive_lock(path):
        connection = sqlite3.connect(path)
        try:
            revision = read_revision(connection)
        finally:
            connection.close()
        if revision == SCHEMA_REVISION:
            return
        copy_database(path, automatic_backup_path(path, revision, datetime.now()))
        upgrade_sqlite(path)
        connection = sqlite3.connect(path)
        try:
            (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        finally:
            connection.close()
        if verdict != "ok":
            raise DamagedDatabase(
                f"{display_path(path)} failed its integrity check after upgrading: {verdict}"
            )
        prune_automatic_backups(path)
