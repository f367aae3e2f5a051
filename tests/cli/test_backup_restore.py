"""`learnlog backup [PATH]` and `learnlog restore PATH`: copies made with SQLite's
online backup API, and restores that check the file first and never delete the
database they replace.

Today is Wed 25 Nov 2026, 12:00, so a backup made now is stamped 20261125T120000.
"""

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

STAMP = "20261125T120000"


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-m", "in the backup", "--date", "2026-11-21")


def notes_in(path: Path) -> list[str]:
    """The entries' notes in the database file at `path`, read without learnlog."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [note for (note,) in connection.execute("SELECT note FROM entry ORDER BY id")]
    finally:
        connection.close()


def notes(json_of, *args: str) -> list[str]:
    return [entry["note"] for entry in json_of(*args, "entries", "--json", "--all")][::-1]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- backup ---------------------------------------------------------------------------


def test_backup_by_default_goes_beside_the_database_named_with_the_time_readable_by_the_user_alone(
    journey, ok, db_path
):
    said = ok("backup").stdout

    copy = db_path.with_name(f"journey.db.{STAMP}.bak")
    assert said == f"Backed up {db_path} to {copy}.\n"
    assert notes_in(copy) == ["in the backup"]
    assert mode(copy) == 0o600


def test_backup_to_a_path(journey, ok, tmp_path):
    target = tmp_path / "elsewhere.db"

    ok("backup", str(target))

    assert notes_in(target) == ["in the backup"]
    assert mode(target) == 0o600


def test_a_backup_opens_as_a_journey(journey, ok, json_of, tmp_path):
    target = tmp_path / "copy.db"
    ok("backup", str(target))

    assert notes(json_of, "--db", str(target)) == ["in the backup"]


def test_backup_never_overwrites_a_file_without_force(journey, ok, refused, tmp_path):
    target = tmp_path / "precious.db"
    target.write_text("keep me")

    assert refused("backup", str(target)) == f"Error: {target} exists: use --force to overwrite it"
    assert target.read_text() == "keep me"

    ok("backup", str(target), "--force")
    assert notes_in(target) == ["in the backup"]


def test_backup_with_force_replaces_a_link_and_leaves_its_target_alone(journey, ok, refused, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "backup.db"
    link.symlink_to(precious)

    assert "exists: use --force" in refused("backup", str(link))
    ok("backup", str(link), "--force")

    assert not link.is_symlink() and notes_in(link) == ["in the backup"]
    assert precious.read_text() == "keep me"


@pytest.mark.parametrize(
    ("where", "message"),
    [("folder", "is a folder: give a file name"), ("missing/b.db", "no folder")],
    ids=["folder", "missing-folder"],
)
def test_backup_to_a_place_it_cannot_go_is_refused(journey, refused, tmp_path, where, message):
    (tmp_path / "folder").mkdir()

    assert message in refused("backup", str(tmp_path / where))


def test_backup_without_a_journey_says_to_run_init_and_writes_nothing(refused, db_path, tmp_path):
    assert "run learnlog init" in refused("backup", str(tmp_path / "copy.db"))
    assert not (tmp_path / "copy.db").exists()
    assert not db_path.exists()


def test_a_backup_taken_while_another_connection_is_writing_has_the_committed_rows(journey, ok, db_path, tmp_path):
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE entry SET note = 'not committed'")
    target = tmp_path / "during.db"
    try:
        ok("backup", str(target))
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert notes_in(target) == ["in the backup"]
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_a_backup_holds_what_is_still_in_the_write_ahead_log(journey, ok, db_path, tmp_path):
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE entry SET note = 'only in the log'")
    target = tmp_path / "copy.db"
    try:
        assert db_path.with_name("journey.db-wal").stat().st_size > 0
        ok("backup", str(target))
    finally:
        writer.close()

    assert notes_in(target) == ["only in the log"]


# --- restore --------------------------------------------------------------------------


@pytest.fixture
def backup(journey, ok, tmp_path) -> Path:
    """A backup holding one entry; the database then gets a second one."""
    target = tmp_path / "backup.db"
    ok("backup", str(target))
    ok("log", "pandas", "-m", "after the backup")
    return target


def asides(db_path: Path) -> list[Path]:
    return sorted(db_path.parent.glob("journey.db.before-restore-*"))


def test_restore_brings_the_backup_back_and_moves_the_current_database_aside(backup, ok, json_of, db_path):
    said = ok("restore", str(backup)).stdout

    (aside,) = asides(db_path)
    assert aside.name == f"journey.db.before-restore-{STAMP}.bak"
    assert said == f"Restored {backup} to {db_path}; the database it replaced is now {aside}.\n"
    assert notes(json_of) == ["in the backup"]
    assert notes_in(aside) == ["in the backup", "after the backup"]


def test_restore_without_a_current_database_just_restores(backup, ok, json_of, db_path):
    db_path.unlink()

    said = ok("restore", str(backup)).stdout

    assert said == f"Restored {backup} to {db_path}.\n"
    assert notes(json_of) == ["in the backup"]
    assert asides(db_path) == []


def test_two_restores_in_the_same_second_keep_both_databases_they_replaced(backup, ok, db_path):
    ok("restore", str(backup))
    ok("log", "python", "-m", "between the restores")

    ok("restore", str(backup))

    assert [notes_in(aside) for aside in asides(db_path)] == [
        ["in the backup", "between the restores"], ["in the backup", "after the backup"],
    ]


def test_restoring_the_database_onto_itself_keeps_it(backup, ok, json_of, db_path):
    ok("restore", str(db_path))

    assert notes(json_of) == ["in the backup", "after the backup"]
    (aside,) = asides(db_path)
    assert notes_in(aside) == ["in the backup", "after the backup"]


def test_a_damaged_current_database_is_moved_aside_as_it_is_never_deleted(backup, ok, json_of, db_path):
    garbage = b"this was a database once" * 100
    db_path.write_bytes(garbage)

    ok("restore", str(backup))

    (aside,) = asides(db_path)
    assert aside.read_bytes() == garbage
    assert notes(json_of) == ["in the backup"]


def test_a_current_database_with_a_bad_header_and_no_sqlite_inside_is_still_kept(backup, ok, db_path):
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)

    ok("restore", str(backup))

    (aside,) = asides(db_path)
    assert aside.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 5000


def crashed_writer(db_path: Path, note: str) -> tuple[bytes, bytes]:
    """The database file and its -wal file as a writer that crashed after committing
    `note` would leave them: the change in the log, not yet in the database."""
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE entry SET note = :note", {"note": note})
    files = db_path.read_bytes(), db_path.with_name("journey.db-wal").read_bytes()
    writer.close()
    return files


def test_a_stale_wal_file_beside_the_old_database_never_mixes_into_the_restored_one(backup, ok, json_of, db_path):
    database, log = crashed_writer(db_path, "from the stale log")
    db_path.write_bytes(database)
    db_path.with_name("journey.db-wal").write_bytes(log)

    ok("restore", str(backup))

    assert notes(json_of) == ["in the backup"]
    (aside, *_) = asides(db_path)
    assert notes_in(aside) == ["from the stale log", "from the stale log"]


def test_a_stale_wal_file_beside_an_emptied_database_never_mixes_into_the_restored_one(backup, ok, json_of, db_path):
    _, log = crashed_writer(db_path, "from the stale log")
    db_path.write_bytes(b"")
    db_path.with_name("journey.db-wal").write_bytes(log)
    db_path.with_name("journey.db-shm").unlink(missing_ok=True)

    ok("restore", str(backup))

    assert notes(json_of) == ["in the backup"]
    assert [path.name for path in asides(db_path)] == [f"journey.db.before-restore-{STAMP}.bak-wal"]
    assert asides(db_path)[0].read_bytes() == log


def not_learnlog(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.commit()
    connection.close()
    return path


def newer_learnlog(backup: Path, path: Path) -> Path:
    shutil.copy(backup, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return path


def damaged(backup: Path, path: Path) -> Path:
    content = bytearray(backup.read_bytes())
    page = 4096
    content[page : 3 * page] = b"\x42" * (2 * page)  # the schema's pages, scribbled over
    path.write_bytes(bytes(content))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda backup, path: path.write_bytes(b"garbage" * 1000) and path, "is not a SQLite database"),
        (lambda backup, path: path.write_bytes(b"") is not None and path, "is not a SQLite database"),
        (lambda backup, path: not_learnlog(path), "is a SQLite database, but not a learnlog one"),
        (newer_learnlog, "was written by a newer learnlog (schema 9999)"),
        (damaged, "damaged"),
        (lambda backup, path: path.parent / "missing.db", "not a file"),
        (lambda backup, path: path.parent, "not a file"),
    ],
    ids=["garbage", "empty", "not-learnlog", "newer", "damaged", "missing", "folder"],
)
def test_restore_refuses_a_file_that_is_not_a_sound_learnlog_database_and_changes_nothing(
    backup, refused, journey_state, db_path, tmp_path, make, message
):
    candidate = make(backup, tmp_path / "candidate.db")
    before = journey_state()
    files = sorted(path.name for path in db_path.parent.iterdir())

    assert message in refused("restore", str(candidate))
    assert journey_state() == before
    assert sorted(path.name for path in db_path.parent.iterdir()) == files


def test_a_restored_database_is_readable_by_the_user_alone(backup, ok, db_path):
    ok("restore", str(backup))

    assert mode(db_path) == 0o600


@pytest.fixture
def linked(backup, db_path, tmp_path) -> Path:
    """The journey's database moved to another folder (a synced one), with a
    symbolic link to it where learnlog looks; returns the file it links to."""
    real = tmp_path / "elsewhere" / "real.db"
    real.parent.mkdir()
    db_path.rename(real)
    db_path.symlink_to(real)
    return real


def test_restore_through_a_symbolic_link_restores_the_file_it_links_to_and_keeps_the_link(
    linked, backup, ok, json_of, db_path
):
    said = ok("restore", str(backup)).stdout

    (aside,) = asides(db_path)
    assert said == f"Restored {backup} to {db_path}; the database it replaced is now {aside}.\n"
    assert db_path.is_symlink() and db_path.readlink() == linked
    assert notes_in(linked) == ["in the backup"]
    assert notes_in(aside) == ["in the backup", "after the backup"]
    ok("log", "python", "-m", "after the restore")
    assert notes_in(linked) == ["in the backup", "after the restore"]


def test_restore_through_a_symbolic_link_to_a_damaged_database_replaces_the_file_it_links_to(
    linked, backup, ok, db_path
):
    garbage = b"this was a database once" * 100
    linked.write_bytes(garbage)

    ok("restore", str(backup))

    assert db_path.is_symlink() and db_path.readlink() == linked
    assert notes_in(linked) == ["in the backup"]
    (aside,) = asides(db_path)
    assert aside.read_bytes() == garbage
    assert mode(linked) == 0o600


def test_a_backup_with_pages_of_another_size_is_restored_all_the_same(backup, ok, json_of, db_path):
    connection = sqlite3.connect(backup, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA page_size = 1024")
    connection.execute("VACUUM")
    connection.close()

    ok("restore", str(backup))

    assert notes(json_of) == ["in the backup"]
    assert sorted(path.name for path in db_path.parent.iterdir() if path.name.startswith(".")) == []
