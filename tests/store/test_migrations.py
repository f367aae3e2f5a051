"""The schema is versioned with Alembic: new databases are made by the migrations,
older ones are upgraded (after a backup) when a newer learnlog opens them."""

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from learnlog.errors import LearnlogError
from learnlog.store.backups import automatic_backups
from learnlog.store.database import open_database
from learnlog.store.location import Location
from learnlog.store.migrate import alembic_config
from learnlog.store.schema import metadata
from learnlog.store.sqlite_file import KNOWN_REVISIONS, SCHEMA_REVISION

from old_databases import make_first_revision_database


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def test_known_revisions_are_exactly_alembics_history():
    assert list(KNOWN_REVISIONS) == revisions_oldest_first()
    assert SCHEMA_REVISION == KNOWN_REVISIONS[-1]


def test_the_migrated_schema_matches_the_sqlmodel_tables(tmp_path: Path):
    path = tmp_path / "new.db"
    open_database(Location(path), create=True).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_the_same_migrations_make_the_sqlmodel_tables_on_postgresql(postgres_database):
    from sqlalchemy.pool import NullPool

    from learnlog.store.location import ServerLocation
    from learnlog.store.migrate import upgrade_server

    assert upgrade_server(ServerLocation(postgres_database.url)) == (None, SCHEMA_REVISION)
    engine = create_engine(postgres_database.url, poolclass=NullPool)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_an_old_database_is_backed_up_then_upgraded_with_every_row_kept(tmp_path: Path):
    path = tmp_path / "old.db"
    before = make_first_revision_database(path)

    db = open_database(Location(path))
    after = {table: db.value(f"SELECT COUNT(*) FROM {table}") for table in before}
    revision = db.value("SELECT version_num FROM alembic_version")
    db.close()

    assert after == before
    assert revision == SCHEMA_REVISION
    (backup,) = automatic_backups(path)
    assert backup.stat().st_mode & 0o777 == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == KNOWN_REVISIONS[0]
    assert old.execute("SELECT COUNT(*) FROM entry").fetchone()[0] == before["entry"]
    old.close()


def test_only_the_five_newest_automatic_backups_are_kept(tmp_path: Path):
    path = tmp_path / "old.db"
    make_first_revision_database(path)
    for stamp in range(7):
        (tmp_path / f"old.db.auto-2020010{stamp}T000000-r0001.bak").write_bytes(b"")
    open_database(Location(path)).close()
    kept = automatic_backups(path)
    assert len(kept) == 5
    assert not (tmp_path / "old.db.auto-20200100T000000-r0001.bak").exists()


def test_a_database_from_a_newer_learnlog_is_refused_not_downgraded(tmp_path: Path):
    path = tmp_path / "future.db"
    open_database(Location(path), create=True).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(LearnlogError, match="newer learnlog"):
        open_database(Location(path))
    assert automatic_backups(path) == []


def test_an_interrupted_upgrade_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch):
    from alembic import op

    path = tmp_path / "old.db"
    before = make_first_revision_database(path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    # 0002 drops an index, then creates another: fail between the two.
    monkeypatch.setattr(op, "create_index", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_database(Location(path))
    monkeypatch.undo()

    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == KNOWN_REVISIONS[0]
    indexes = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_entry_journey_day" in indexes
    assert connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0] == before["entry"]
    connection.close()
    # And the next learnlog to open it upgrades it after all.
    db = open_database(Location(path))
    assert db.value("SELECT version_num FROM alembic_version") == SCHEMA_REVISION
    db.close()
