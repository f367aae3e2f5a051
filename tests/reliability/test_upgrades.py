"""Databases written at every schema revision upgrade to the newest with every row
kept, after a private backup of the old file; a database from a newer learnlog is
refused and left exactly as it was.

The fixtures under tests/fixtures/ were made by the real migrations and filled by
plain SQL (tests/fixtures/make_fixtures.py says how to add one for a new revision).
"""

import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from learnlog.store.backups import automatic_backups
from learnlog.store.sqlite_file import KNOWN_REVISIONS, SCHEMA_REVISION

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture(revision: str) -> Path:
    return FIXTURES / f"learnlog-r{revision}.db"


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


def schema(path: Path) -> dict[str, set[str]]:
    """Each table's and index's definition, as a set of clauses (Alembic's batch
    migrations write a rebuilt table's constraints in no fixed order)."""
    connection = sqlite3.connect(path)
    try:
        return {
            name: {clause.strip().rstrip(",") for clause in sql.replace("(", "(\n").split("\n")}
            for name, sql in connection.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        }
    finally:
        connection.close()


def snapshot(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each table's columns and rows (as sorted reprs), alembic's own table aside."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'"
            )
        ]
        found = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            found[table] = (columns, rows(connection, table, columns))
        return found
    finally:
        connection.close()


def rows(connection: sqlite3.Connection, table: str, columns: list[str]) -> list[str]:
    selected = ", ".join(f'"{column}"' for column in columns)
    return sorted(repr(row) for row in connection.execute(f'SELECT {selected} FROM "{table}"'))


def integrity(path: Path) -> tuple[list, list]:
    connection = sqlite3.connect(path)
    try:
        return (
            connection.execute("PRAGMA integrity_check").fetchall(),
            connection.execute("PRAGMA foreign_key_check").fetchall(),
        )
    finally:
        connection.close()


@pytest.fixture
def journey_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learnlog):
    """Copy a revision's fixture into a fresh data folder and point learnlog at it."""

    def copy(revision: str) -> Path:
        folder = tmp_path / "data"
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / "journey.db"
        shutil.copyfile(fixture(revision), path)
        path.chmod(0o600)
        monkeypatch.setenv("LEARNLOG_DB", str(path))
        return path

    return copy


def test_every_known_revision_has_a_committed_fixture_and_no_other():
    committed = sorted(path.name for path in FIXTURES.glob("learnlog-r*.db"))
    assert committed == [fixture(revision).name for revision in KNOWN_REVISIONS]
    assert [revision_of(fixture(revision)) for revision in KNOWN_REVISIONS] == list(KNOWN_REVISIONS)


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_the_committed_fixture_has_the_schema_and_rows_the_generator_makes(revision: str, tmp_path: Path):
    generator = load_generator()
    made = tmp_path / f"made-r{revision}.db"
    generator.make_fixture(revision, made)
    assert schema(made) == schema(fixture(revision))
    assert snapshot(made) == snapshot(fixture(revision))


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_each_fixture_holds_a_little_of_everything_its_revision_can_hold(revision: str):
    tables = snapshot(fixture(revision))
    empty = sorted(table for table, (_, found) in tables.items() if not found)
    assert empty == []
    if revision >= "0003":
        connection = sqlite3.connect(fixture(revision))
        covered = connection.execute("SELECT COUNT(*) FROM entry WHERE post_id IS NOT NULL").fetchone()[0]
        connection.close()
        assert covered > 0


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_a_database_from_each_revision_opens_upgraded_with_every_row_kept(revision: str, learnlog, journey_copy):
    path = journey_copy(revision)
    before = snapshot(path)

    status = learnlog("status", "--json")
    assert status.exit_code == 0, status.stderr
    listed = learnlog("entries", "--all", "--json")
    assert listed.exit_code == 0, listed.stderr

    assert revision_of(path) == SCHEMA_REVISION
    assert len(json.loads(listed.stdout)) == len(before["entry"][1])
    assert json.loads(status.stdout)["start"] == "2026-11-01"
    after = snapshot(path)
    kept = {}
    for table, (columns, _) in before.items():
        assert table in after, f"table {table} is gone"
        connection = sqlite3.connect(path)
        kept[table] = (columns, rows(connection, table, columns))
        connection.close()
    assert kept == before
    assert integrity(path) == ([("ok",)], [])


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_an_upgrade_first_leaves_a_private_backup_holding_the_old_revision(revision: str, learnlog, journey_copy):
    path = journey_copy(revision)
    before = snapshot(path)

    assert learnlog("entries", "--all", "--json").exit_code == 0

    backups = automatic_backups(path)
    if revision == SCHEMA_REVISION:
        assert backups == []
        return
    (backup,) = backups
    assert backup.parent == path.parent
    assert backup.stat().st_mode & 0o777 == 0o600
    assert revision_of(backup) == revision
    assert snapshot(backup) == before
    assert integrity(backup) == ([("ok",)], [])


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_an_upgraded_journey_reads_as_it_was_written(revision: str, learnlog, journey_copy):
    journey_copy(revision)
    listed = {entry["uid"]: entry for entry in json.loads(learnlog("entries", "--all", "--json").stdout)}
    first = listed["00000000-0000-4000-8000-000000000001"]
    assert (first["topic"], first["minutes"], first["note"], first["tags"]) == (
        "NumPy", 45, "broadcasting finally clicked", ["arrays", "broadcasting"]
    )
    assert first["attachments"] == (1 if revision >= "0003" else 0)
    quoted = listed["00000000-0000-4000-8000-000000000005"]
    assert quoted["note"] == "naïve 😅 — 'quotes' \"and\" <html> & %s ; --"
    assert quoted["topic"] == "Ünïcode Naïveté 学习"
    topics = json.loads(learnlog("topic", "list", "--all", "--json").stdout)
    assert {topic["name"] for topic in topics} >= {"NumPy", "Statistics Crash-Course"}
    excused = json.loads(learnlog("skip", "--list", "--json").stdout)
    assert len(excused) == 3
    status = json.loads(learnlog("status", "--json").stdout)
    assert [(rule["every"], rule["counts"]) for rule in status["rules"]] == [(3, "any"), (7, "post")]
    assert learnlog("config", "default-duration").stdout.strip().endswith("45m")


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_an_upgraded_journey_never_gives_a_deleted_entrys_number_to_a_new_one(revision: str, learnlog, journey_copy):
    path = journey_copy(revision)
    connection = sqlite3.connect(path)
    newest = connection.execute("SELECT MAX(id) FROM entry").fetchone()[0]
    connection.close()
    assert learnlog("delete", str(newest), "--yes").exit_code == 0
    logged = learnlog("log", "numpy", "-m", "after the delete")
    assert logged.exit_code == 0, logged.stderr
    assert int(logged.stdout.split("#")[1].split()[0]) > newest


@pytest.mark.parametrize("command", [
    ("status", "--json"),
    ("entries", "--all", "--json"),
    ("log", "numpy", "-m", "from an older learnlog"),
    ("topic", "add", "Pandas"),
    ("skip", "2026-11-26"),
])
def test_a_database_from_a_newer_learnlog_is_refused_and_left_byte_for_byte_unchanged(
    command: tuple[str, ...], learnlog, journey_copy
):
    path = journey_copy(KNOWN_REVISIONS[-1])
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    content = path.read_bytes()
    listing = sorted(child.name for child in path.parent.iterdir())

    refused = learnlog(*command)

    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1
    assert "newer learnlog" in refused.stderr and "9999" in refused.stderr
    assert "upgrade learnlog" in refused.stderr
    assert path.read_bytes() == content
    assert sorted(child.name for child in path.parent.iterdir()) == listing
