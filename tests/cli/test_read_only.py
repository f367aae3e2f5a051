"""A journey learnlog cannot write (a 0400 database, a 0500 data folder) is still
read by every reading command, and leaves nothing behind that would later refuse
writes; a write, or an upgrade, is refused by one line that names what is
read-only and what to change, before any backup is made. These run as a user who
is not root (tests/machine.py)."""

import os
import shutil
import stat
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
READING = [("status",), ("entries", "--all"), ("export", "--format", "csv"), ("topic", "list"), ("doctor",)]


def one_line_error(result) -> str:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr and "failed unexpectedly" not in result.stderr
    assert "sqlalche" not in result.stderr.lower() and "http" not in result.stderr
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def folder(another_user) -> Path:
    return another_user.home / "data" / "learnlog"


@pytest.fixture
def database(folder) -> Path:
    return folder / "learnlog.db"


@pytest.fixture
def journey(another_user, database):
    for args in (("init", "--start", "2026-11-01"), ("log", "numpy", "-m", "arrays", "-d", "30m")):
        done = another_user.run(*args)
        assert done.exit_code == 0, done.stderr
    return another_user


def entries(user) -> int:
    done = user.run("entries", "--all", "--json")
    assert done.exit_code == 0, done.stderr
    return done.stdout.count('"id"')


def test_reading_a_0400_database_leaves_nothing_that_refuses_writes_once_it_is_0600(journey, database):
    database.chmod(0o400)
    for command in READING:
        done = journey.run(*command)
        assert done.exit_code == 0, (command, done.stderr)
        assert "All well." in done.stdout or command != ("doctor",)
        leftovers = [log for log in (Path(f"{database}-wal"), Path(f"{database}-shm")) if log.exists()]
        assert all(mode(log) & stat.S_IWUSR for log in leftovers), [(log.name, oct(mode(log))) for log in leftovers]
    database.chmod(0o600)
    done = journey.run("log", "pandas", "-m", "after the chmod")
    assert done.exit_code == 0, done.stderr
    assert entries(journey) == 2


def test_a_write_to_a_0400_database_is_refused_in_one_line_naming_it_and_changes_nothing(journey, database):
    database.chmod(0o400)
    before = database.read_bytes()
    line = one_line_error(journey.run("log", "pandas", "-m", "refused"))
    assert "learnlog/learnlog.db is read-only" in line and "chmod u+w" in line
    assert database.read_bytes() == before


def test_doctor_names_a_read_only_shm_file_left_beside_a_writable_database(journey, database):
    # What an older learnlog's read of a 0400 database left: SQLite makes a missing
    # -shm with the database's mode.
    database.chmod(0o400)
    done = journey.python_code(
        "import os, sqlite3\n"
        f"connection = sqlite3.connect({str(database)!r})\n"
        "connection.execute('SELECT COUNT(*) FROM entry').fetchone()\n"
        "os._exit(0)\n"  # ends without closing, as a process killed mid-read would
    )
    assert done.exit_code == 0, done.stderr
    shm = Path(f"{database}-shm")
    assert shm.exists() and not mode(shm) & stat.S_IWUSR
    database.chmod(0o600)

    doctor = journey.run("doctor")
    assert doctor.exit_code == 1
    assert "All well." not in doctor.stdout
    assert any(line.startswith("Problem: ") and "learnlog.db-shm is read-only" in line
               for line in doctor.stdout.splitlines()), doctor.stdout
    line = one_line_error(journey.run("log", "pandas", "-m", "refused"))
    assert "learnlog.db-shm" in line and "read-only" in line


def test_every_reading_command_reads_a_journey_in_a_read_only_folder(journey, folder, database):
    folder.chmod(0o500)
    for command in READING:
        done = journey.run(*command)
        assert done.exit_code == 0, (command, done.stderr)
        assert sorted(path.name for path in folder.iterdir()) == ["learnlog.db"]


def test_a_write_in_a_read_only_folder_is_refused_in_one_line_naming_the_folder(journey, folder, database):
    folder.chmod(0o500)
    line = one_line_error(journey.run("log", "pandas", "-m", "refused"))
    assert "learnlog is read-only" in line and "chmod u+w" in line
    folder.chmod(0o700)
    assert entries(journey) == 1


@pytest.fixture
def leftover_log(journey, folder, database):
    """The folder made read-only with a -wal holding changes and no -shm beside it
    (a learnlog on another machine synced the folder, or was killed mid-write)."""
    done = journey.python_code(
        "import os, sqlite3\n"
        f"connection = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
        "connection.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "connection.execute(\"UPDATE entry SET note = 'from the log'\")\n"
        "os._exit(0)\n"
    )
    assert done.exit_code == 0, done.stderr
    Path(f"{database}-shm").unlink()
    assert Path(f"{database}-wal").stat().st_size > 0
    folder.chmod(0o500)
    return journey


def test_a_leftover_wal_without_its_shm_in_a_read_only_folder_is_named_in_one_line(leftover_log, folder):
    line = one_line_error(leftover_log.run("status"))
    assert "learnlog.db-wal" in line and "chmod u+w" in line
    doctor = leftover_log.run("doctor")
    assert doctor.exit_code == 1 and "learnlog.db-wal" in doctor.stdout
    folder.chmod(0o700)
    done = leftover_log.run("entries", "--all")
    assert done.exit_code == 0 and "from the log" in done.stdout


def test_the_prompt_on_a_leftover_wal_without_its_shm_in_a_read_only_folder_shows_a_question_mark(leftover_log):
    done = leftover_log.run("remind", "--prompt")
    assert (done.exit_code, done.stdout, done.stderr) == (0, "learnlog: ?\n", "")


@pytest.mark.parametrize("read_only", ["database", "folder"])
def test_an_old_schema_that_cannot_be_written_is_refused_by_each_command_before_any_backup(
    another_user, folder, database, read_only
):
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "learnlog-r0001.db", database)
    another_user.own(another_user.home)
    database.chmod(0o600)
    (database if read_only == "database" else folder).chmod(0o400 if read_only == "database" else 0o500)
    before = database.read_bytes()
    for command in (("status",), ("log", "numpy"), ("entries",), ("db", "upgrade")):
        line = one_line_error(another_user.run(*command))
        assert "revision 0001" in line and "read-only" in line and "chmod u+w" in line
    assert sorted(path.name for path in folder.iterdir()) == ["learnlog.db"]
    assert database.read_bytes() == before
    os.chmod(folder, 0o700)
    database.chmod(0o600)
    assert another_user.run("status").exit_code == 0
