"""A database in a folder whose name holds characters that URIs, URLs and shells
treat specially (`#`, `?`, `%`, spaces, quotes) or that are not ASCII works for
every command, and nothing is ever written outside that folder."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from learnlog.store.backups import automatic_backups
from learnlog.store.sqlite_file import SCHEMA_REVISION

# A database created at an odd path is migrated through a URL built from that path:
# every one replays the migrations.
pytestmark = pytest.mark.real_migrations

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FOLDERS = {
    "hash": "notes#2",
    "question mark": "why?not",
    "percent": "100%25 sure",
    "space": "my journey",
    "single quote": "learner's",
    "double quote": 'the "best" one',
    "not ASCII": "Lernfortschritt-日本語-é",
    "all at once": "a #b?c=%41 'd\" é",
}


@pytest.fixture(params=FOLDERS.values(), ids=FOLDERS.keys())
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    return tmp_path / request.param / "learnlog.db"


@pytest.fixture
def folder(db_path: Path) -> Path:
    return db_path.parent


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


def outside(tmp_path: Path, folder: Path) -> list[str]:
    """What learnlog left in the test's folder beside the odd folder and the cache."""
    return sorted(path.name for path in tmp_path.iterdir() if path.name not in (folder.name, "cache"))


@pytest.fixture
def journey(ok, folder: Path, tmp_path: Path) -> Path:
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-m", "from an odd folder", "-d", "30m", "--date", "2026-11-21")
    assert outside(tmp_path, folder) == []
    return folder


def test_init_log_and_status_work_in_the_folder(journey, ok, json_of, db_path, tmp_path):
    assert json_of("status", "--json")["start"] == "2026-11-20"
    assert "from an odd folder" in ok("entries", "--all").stdout
    assert ok("remind", "--prompt").stdout.strip()
    assert sorted(path.name for path in journey.iterdir()) == ["learnlog.db"]
    assert outside(tmp_path, journey) == []


def test_backup_beside_the_database_and_to_a_named_file_then_restore(journey, ok, json_of, tmp_path):
    beside = ok("backup").stdout
    assert "Backed up" in beside
    named = journey / "copy #1?.bak"
    ok("backup", str(named))
    assert named.is_file()
    ok("log", "pandas", "-m", "after the backup")

    restored = ok("restore", str(named)).stdout

    assert "Restored" in restored
    assert [entry["note"] for entry in json_of("entries", "--all", "--json")] == ["from an odd folder"]
    assert len(list(journey.glob("learnlog.db.*.bak"))) == 2  # the first backup, and the one set aside
    assert outside(tmp_path, journey) == []


def test_db_upgrade_of_an_existing_database_says_it_is_up_to_date_and_leaves_no_stray_file(journey, ok, db_path, tmp_path):
    before = sorted(path.name for path in journey.iterdir())

    said = ok("db", "upgrade").stdout

    assert said == f"{db_path} is up to date (schema {SCHEMA_REVISION}).\n"
    assert sorted(path.name for path in journey.iterdir()) == before
    assert outside(tmp_path, journey) == []


def test_doctor_finds_the_database_healthy(journey, ok, json_of, db_path, tmp_path):
    assert "All well." in ok("doctor").stdout
    checkup = json_of("doctor", "--json")
    assert checkup["healthy"] and checkup["path"] == str(db_path) and checkup["counts"]["entry"] == 1
    assert outside(tmp_path, journey) == []


def test_export_then_import_into_the_same_and_into_a_new_database(journey, ok, json_of, tmp_path):
    exported = journey / "journey #1.json"
    ok("export", "-o", str(exported))

    assert "skipped 1 already there" in ok("import", str(exported)).stdout
    fresh = journey / "fresh?.db"
    assert "Added 1 entry" in ok("--db", str(fresh), "import", str(exported)).stdout
    assert [entry["note"] for entry in json_of("--db", str(fresh), "entries", "--all", "--json")] == [
        "from an odd folder"
    ]
    assert outside(tmp_path, journey) == []


def test_an_import_that_fails_removes_the_database_it_created(journey, learnlog, monkeypatch, tmp_path):
    exported = journey / "journey #1.json"
    assert learnlog("export", "-o", str(exported)).exit_code == 0
    before = sorted(path.name for path in journey.iterdir())

    def fail(db, document, *, created):
        db.execute("INSERT INTO journey (name, start, created_at) VALUES ('half', '2026-11-01', '2026-11-01')")
        raise OSError("the disk is full")

    monkeypatch.setattr("learnlog.store.transfer.import_document", fail)
    assert learnlog("--db", str(journey / "fresh#?.db"), "import", str(exported)).exit_code == 1

    assert sorted(path.name for path in journey.iterdir()) == before
    assert outside(tmp_path, journey) == []


def test_an_old_database_upgrades_itself_in_the_folder_after_a_backup(ok, json_of, db_path, folder, tmp_path):
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "learnlog-r0001.db", db_path)

    assert json_of("status", "--json")["start"] == "2026-11-01"

    assert revision_of(db_path) == SCHEMA_REVISION
    (backup,) = automatic_backups(db_path)
    assert revision_of(backup) == "0001"
    assert outside(tmp_path, folder) == []
