"""The tests' shortcut for new SQLite databases (tests/migrated.py)
makes exactly the database the migrations make, so that no test passes because of it."""

import sqlite3
from pathlib import Path

import pytest

from learnlog.store.database import open_database
from learnlog.store.location import Location

import migrated


def everything_in(path: Path) -> dict:
    """What a database is made of, as SQLite tells it: each table's columns,
    foreign keys and indexes, every other object's definition, every row, and the
    header fields learnlog sets. Orders that mean nothing are left out: Alembic
    writes a rebuilt table's constraints in an order of its own each time."""
    connection = sqlite3.connect(path)
    try:
        rows = lambda query: connection.execute(query).fetchall()  # noqa: E731
        tables = [name for (name,) in rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            "tables": {
                table: {
                    "columns": rows(f"PRAGMA table_xinfo('{table}')"),
                    "foreign keys": sorted(row[2:] for row in rows(f"PRAGMA foreign_key_list('{table}')")),
                    "indexes": sorted(
                        (unique, origin, partial, tuple(row[2] for row in rows(f"PRAGMA index_xinfo('{index}')")))
                        for _, index, unique, origin, partial in rows(f"PRAGMA index_list('{table}')")
                    ),
                    "rows": sorted(map(repr, rows(f"SELECT * FROM '{table}'"))),
                }
                for table in tables
            },
            "others": rows(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
                " WHERE type != 'table' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name"
            ),
            "pragmas": {
                name: rows(f"PRAGMA {name}")[0][0]
                for name in ("journal_mode", "user_version", "application_id", "page_size", "auto_vacuum")
            },
            "integrity": rows("PRAGMA integrity_check"),
        }
    finally:
        connection.close()


def created(path: Path) -> Path:
    open_database(Location(path), create=True).close()
    return path


def test_a_copy_of_the_first_migrated_database_is_what_the_migrations_make(tmp_path, monkeypatch):
    replayed = everything_in(created(tmp_path / "replayed" / "a.db"))
    monkeypatch.setattr(migrated, "_MIGRATED", [])
    migrated.migrate_once(monkeypatch)
    first = created(tmp_path / "first" / "b.db")
    assert migrated._MIGRATED, "the first database was not kept to copy"
    copied = created(tmp_path / "copied" / "c.db")

    assert everything_in(first) == replayed
    assert everything_in(copied) == replayed
    assert copied.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in copied.parent.iterdir()) == ["c.db"]


@pytest.mark.real_migrations
def test_a_test_marked_real_migrations_replays_them(learnlog, db_path, monkeypatch):
    from learnlog.store import migrate

    replays = []
    replay = migrate.upgrade_sqlite

    def counted(path, **options):
        replays.append(path)
        replay(path, **options)

    monkeypatch.setattr(migrate, "upgrade_sqlite", counted)
    assert learnlog("init").exit_code == 0
    assert len(replays) == 1
