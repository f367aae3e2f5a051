"""What the system refuses (a file-size limit, a folder without write permission,
an unreadable database, a name too long, a reader that went away) is a condition
the user can meet and fix, not a crash: one line saying what happened and what to
do, naming the user's path and never a temporary one; a closed pipe ends quietly."""

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

SIGPIPE_EXIT = 141
"""128 + SIGPIPE: what a shell sees from cat, grep or git when the reader went away."""


def one_line_error(exit_code: int, stderr: str) -> str:
    assert exit_code == 1, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr and "failed unexpectedly" not in stderr and ".tmp" not in stderr
    return lines[0]


def learnlog_process(database: Path, *args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "learnlog", "--db", str(database), *args], text=True,
        env={**os.environ, "LEARNLOG_TODAY": "2026-11-25", "XDG_CACHE_HOME": str(database.parent / "cache")},
        timeout=120, **{"capture_output": True, **options},
    )


@pytest.fixture
def journey(ok, db_path):
    ok("init", "--start", "2026-11-01")
    for day in range(1, 5):
        ok("log", "numpy", "-m", "x" * 19_000, "--date", f"2026-11-0{day}")
    return db_path


def limited(size: int):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))


def test_an_export_over_the_file_size_limit_says_so_and_leaves_nothing(journey, tmp_path):
    output = tmp_path / "out" / "journey.json"
    output.parent.mkdir()
    done = learnlog_process(journey, "export", "-o", str(output), preexec_fn=limited(40_000))
    line = one_line_error(done.returncode, done.stderr)
    assert str(output) in line and "ulimit -f" in line
    assert list(output.parent.iterdir()) == []


def test_a_database_over_the_file_size_limit_says_so(tmp_path):
    database = tmp_path / "data" / "journey.db"
    done = learnlog_process(database, "init", preexec_fn=limited(40_000))
    line = one_line_error(done.returncode, done.stderr)
    assert "ulimit -f" in line and str(database) in line
    assert not database.exists()


def test_an_attachment_named_with_255_characters_is_saved_under_its_name(ok, tmp_path, monkeypatch):
    ok("init", "--start", "2026-11-01")
    ok("log", "numpy", "-m", "a plot")
    name = "p" * 251 + ".png"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(b"\x89PNG plot")
    ok("attach", "1", str(tmp_path / "in" / name))
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    assert "Saved #1" in ok("attachment", "get", "1").stdout
    assert (tmp_path / "out" / name).read_bytes() == b"\x89PNG plot"


def test_an_output_name_longer_than_the_file_system_takes_is_refused_in_one_line(ok, refused, tmp_path):
    ok("init", "--start", "2026-11-01")
    output = tmp_path / ("n" * 300 + ".json")
    line = refused("export", "-o", str(output))
    assert "name is longer" in line and ".tmp" not in line
    assert list(tmp_path.glob(".n*")) == []


COMMANDS = [("status",), ("entries", "--all"), ("export",), ("doctor",), ("topic", "list"), ("dashboard",), ("--help",)]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda words: " ".join(words))
def test_a_reader_that_goes_away_ends_learnlog_quietly(journey, command):
    # `learnlog status | head -1`, with the reader gone before learnlog writes a byte.
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = learnlog_process(journey, *command, stdout=writing, stderr=subprocess.PIPE, capture_output=False)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (SIGPIPE_EXIT, "")


@pytest.fixture
def user_journey(another_user):
    for args in (("init", "--start", "2026-11-01"), ("log", "numpy", "-m", "arrays")):
        assert another_user.run(*args).exit_code == 0
    return another_user


def test_an_output_folder_without_write_permission_is_named_in_one_line(user_journey):
    folder = user_journey.home / "shared"
    folder.mkdir()
    user_journey.own(folder)
    folder.chmod(0o500)
    done = user_journey.run("export", "-o", str(folder / "journey.json"))
    line = one_line_error(done.exit_code, done.stderr)
    assert "journey.json" in line and "shared" in line and "may not write" in line
    assert list(folder.iterdir()) == []


def test_doctor_and_status_on_a_database_of_mode_000_say_so_in_one_line(user_journey):
    database = user_journey.home / "data" / "learnlog" / "learnlog.db"
    database.chmod(0o000)
    doctor = user_journey.run("doctor")
    assert doctor.exit_code == 1 and doctor.stderr == "", doctor.stderr
    (problem,) = [line for line in doctor.stdout.splitlines() if line.startswith("Problem: ")]
    assert "learnlog.db" in problem and "chmod u+r" in problem
    line = one_line_error(*(lambda done: (done.exit_code, done.stderr))(user_journey.run("status")))
    assert "learnlog.db" in line and "chmod u+r" in line
