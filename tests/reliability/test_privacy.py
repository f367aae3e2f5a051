"""A journey is private and learnlog is careful with what it is given: the data
folder is the user's alone (0700) and so is every copy of the database (0600);
user text reaches SQL only as bound parameters; files are written exactly where
the user said, and never through a link over an existing file without --force."""

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from learnlog.store.backups import automatic_backups

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TABLES = {"alembic_version", "attachment", "cadence_rule", "entry", "entry_attachment", "entry_tag",
          "excused_day", "journey", "setting", "topic"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tables(db: Path) -> set[str]:
    connection = sqlite3.connect(db)
    try:
        return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if not name.startswith("sqlite_")}
    finally:
        connection.close()


@pytest.fixture
def umask(request):
    """Run the test under the umask it is parametrized with (restored afterwards)."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.fixture
def journey(learnlog, db_path: Path):
    assert learnlog("init", "--start", "2026-11-01").exit_code == 0
    assert learnlog("log", "numpy", "-m", "first", "-t", "arrays").exit_code == 0
    return learnlog


# Permissions ----------------------------------------------------------------------

@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000], indirect=True, ids=["022", "002", "000"])
def test_the_data_folder_is_0700_and_the_database_0600_whatever_the_umask(learnlog, db_path: Path, umask):
    nested = db_path.parent / "deeper" / "still"
    path = nested / "journey.db"
    result = learnlog("--db", str(path), "init")
    assert result.exit_code == 0, result.stderr
    assert mode(path) == 0o600
    for folder in (db_path.parent, nested.parent, nested):
        assert mode(folder) == 0o700, folder


@pytest.mark.parametrize("umask", [0o022, 0o000], indirect=True, ids=["022", "000"])
def test_backups_made_by_learnlog_backup_are_0600_whatever_the_umask(journey, db_path: Path, tmp_path: Path, umask):
    chosen = tmp_path / "elsewhere.db"
    assert journey("backup", str(chosen)).exit_code == 0
    assert journey("backup").exit_code == 0
    (beside,) = [path for path in db_path.parent.glob(f"{db_path.name}.*.bak")]
    assert (mode(chosen), mode(beside)) == (0o600, 0o600)


@pytest.mark.parametrize("umask", [0o022, 0o000], indirect=True, ids=["022", "000"])
def test_the_automatic_backup_before_an_upgrade_is_0600_whatever_the_umask(learnlog, db_path: Path, umask):
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes((FIXTURES / "learnlog-r0001.db").read_bytes())
    db_path.chmod(0o600)
    assert learnlog("status", "--json").exit_code == 0
    (backup,) = automatic_backups(db_path)
    assert mode(backup) == 0o600
    assert mode(db_path) == 0o600


def test_a_restored_database_and_the_one_set_aside_are_0600(journey, db_path: Path, tmp_path: Path):
    copy = tmp_path / "copy.db"
    assert journey("backup", str(copy)).exit_code == 0
    copy.chmod(0o644)
    result = journey("restore", str(copy))
    assert result.exit_code == 0, result.stderr
    aside = list(db_path.parent.glob(f"{db_path.name}.before-restore-*.bak"))
    assert len(aside) == 1
    assert (mode(db_path), mode(aside[0])) == (0o600, 0o600)


# Text that looks like SQL is only text ----------------------------------------------

SQL_LOOKING = [
    "'); DROP TABLE entry; --",
    "%' OR 1=1 --",
    "Robert'); DELETE FROM topic WHERE ('1'='1",
    '" OR ""="',
    "1; UPDATE entry SET note = 'pwned'",
    "_",
    "\\",
]


@pytest.mark.parametrize("text", SQL_LOOKING)
def test_text_that_looks_like_sql_round_trips_as_plain_text(journey, db_path: Path, text: str):
    topic = f"T {text}"
    assert journey("topic", "add", "--", topic).exit_code == 0
    logged = journey("log", "-m", text, "-t", text, "--", topic)
    assert logged.exit_code == 0, logged.stderr

    listed = json.loads(journey("entries", "--all", "--json").stdout)
    assert len(listed) == 2
    newest = listed[0]
    assert (newest["topic"], newest["note"], newest["tags"]) == (topic, text, [text])
    assert [entry["note"] for entry in json.loads(journey("entries", "--search", text, "--json").stdout)] == [text]
    assert [entry["note"] for entry in json.loads(journey("entries", "--tag", text, "--json").stdout)] == [text]
    assert [entry["note"] for entry in json.loads(journey("entries", "--topic", topic, "--json").stdout)] == [text]
    names = {entry["name"] for entry in json.loads(journey("topic", "list", "--all", "--json").stdout)}
    assert topic in names
    assert TABLES <= tables(db_path)


@pytest.mark.parametrize("pattern", ["%", "_", "%%", "\\", "*"])
def test_a_search_for_a_wildcard_character_finds_only_notes_that_contain_it(journey, pattern: str):
    assert journey("log", "numpy", "-m", f"with {pattern} inside").exit_code == 0
    found = json.loads(journey("entries", "--search", pattern, "--json").stdout)
    assert [entry["note"] for entry in found] == [f"with {pattern} inside"]


# Files go exactly where the user said ------------------------------------------------

WRITERS = {
    "export json": ("export", "--format", "json", "-o"),
    "export csv": ("export", "--format", "csv", "-o"),
    "export markdown": ("export", "--format", "markdown", "-o"),
    "export html": ("export", "--format", "html", "-o"),
    "export ics": ("export", "--format", "ics", "-o"),
    "backup": ("backup",),
    "post draft": ("post", "draft", "-o"),
    "dashboard svg": ("dashboard", "--svg"),
    "dashboard html": ("dashboard", "--html"),
}


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def data_listing(folder: Path) -> list[str]:
    return [name for name in listing(folder) if not name.endswith(("-wal", "-shm"))]


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_relative_output_path_is_written_exactly_there_and_nothing_else(
    journey, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer
):
    work = tmp_path / "work"
    inside = work / "inside"
    inside.mkdir(parents=True)
    monkeypatch.chdir(inside)
    data_before = data_listing(db_path.parent)

    result = journey(*writer, "../out.file")

    assert result.exit_code == 0, result.stderr
    assert (work / "out.file").is_file()
    assert listing(work) == ["inside", "out.file"]
    assert listing(inside) == []
    assert data_listing(db_path.parent) == data_before


@pytest.fixture
def link_to_precious(tmp_path: Path) -> tuple[Path, Path]:
    """out.file, a symbolic link to a file that must not change."""
    precious = tmp_path / "precious.txt"
    precious.write_text("years of notes\n")
    link = tmp_path / "out.file"
    link.symlink_to(precious)
    return link, precious


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_link_over_an_existing_file_is_refused_without_force_and_its_target_kept(
    journey, tmp_path: Path, link_to_precious, writer
):
    link, precious = link_to_precious
    result = journey(*writer, str(link))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--force" in result.stderr
    assert precious.read_text() == "years of notes\n"
    assert link.is_symlink()
    # cache: learnlog's own cache folder (the shell prompt's state), which the
    # fixture puts beside the data folder.
    assert sorted(listing(tmp_path)) == ["cache", "data", "out.file", "precious.txt"]


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_with_force_a_link_is_replaced_by_the_file_never_written_through(
    journey, tmp_path: Path, link_to_precious, writer
):
    link, precious = link_to_precious
    result = journey(*writer, str(link), "--force")
    assert result.exit_code == 0, result.stderr
    assert precious.read_text() == "years of notes\n"
    assert link.is_file() and not link.is_symlink()


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_dangling_link_is_refused_without_force_and_nothing_is_created_where_it_points(
    journey, tmp_path: Path, writer
):
    victim = tmp_path / "victim.txt"
    link = tmp_path / "out.file"
    link.symlink_to(victim)
    result = journey(*writer, str(link))
    assert result.exit_code == 1
    assert not victim.exists()
    assert link.is_symlink()


def test_a_backup_written_as_a_document_is_0600_whatever_the_umask(tmp_path):
    # `learnlog backup` of a journey on PostgreSQL writes a json document this way.
    from learnlog.store.files import replacing

    previous = os.umask(0)
    try:
        with replacing(tmp_path / "backup.json", force=False, private=True) as out:
            out.write("{}")
        with replacing(tmp_path / "export.json", force=False) as out:
            out.write("{}")
    finally:
        os.umask(previous)
    assert (mode(tmp_path / "backup.json"), mode(tmp_path / "export.json")) == (0o600, 0o666)
