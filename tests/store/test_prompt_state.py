"""`learnlog remind --prompt` reads the shell prompt's state file only where it is
sure to say what the database would: written after the database and its
write-ahead log last changed, worked out no later than today, for a file."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from learnlog.store.prompt_state import current_state, day_number, state_path, state_text, today_number, write_state

DUE = date(2026, 11, 27)
TODAY = date(2026, 11, 25)


def touch_later(path: Path, than: Path) -> None:
    """Change `path` (its content) after `than` last changed, by the file system's clock."""
    while True:
        path.write_bytes(path.read_bytes() if path.exists() else b"")
        if path.stat().st_ctime_ns > than.stat().st_mtime_ns:
            return
        time.sleep(0.002)


@pytest.fixture
def files(tmp_path: Path):
    database = tmp_path / "journey.db"
    database.write_bytes(b"SQLite format 3\x00")
    state = tmp_path / "state"
    # Written once the database has last changed, as a command writes it.
    time.sleep(0.02)
    write_state(str(state), state_text(DUE, server=False, written=time.time(), today=TODAY))
    assert state.stat().st_mtime_ns > database.stat().st_ctime_ns
    return database, state


def test_a_state_written_after_the_database_gives_the_deadline(files):
    database, state = files
    assert current_state(str(state), str(database), day_number(TODAY))[0] == day_number(DUE)
    assert current_state(str(state), str(database), day_number(TODAY) + 30) == (day_number(DUE), None)


def test_a_database_changed_since_is_read_instead(files):
    database, state = files
    touch_later(database, than=state)
    assert current_state(str(state), str(database), day_number(TODAY)) is None


def test_a_write_ahead_log_changed_since_is_read_instead(files):
    database, state = files
    log = Path(f"{database}-wal")
    touch_later(log, than=state)
    assert current_state(str(state), str(database), day_number(TODAY)) is None


def test_permissions_changed_since_are_read_instead(files):
    database, state = files
    time.sleep(0.02)
    database.chmod(0o000)
    try:
        assert current_state(str(state), str(database), day_number(TODAY)) is None
    finally:
        database.chmod(0o644)


def test_a_clock_moved_back_before_the_state_was_worked_out_is_read_instead(files):
    database, state = files
    assert current_state(str(state), str(database), day_number(TODAY) - 1) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend file\ndue 20419 0 86400\n", id="no today line (an older learnlog)"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend file\ndue 20419 0 86400\ntoday 20417\n", id="no running line"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend file\ndue 20419 0 86400\ntoday 20417\nrunning 5 NumPy\n", id="a running line cut short"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend server\ndue 20419 0 86400\ntoday 20417\nrunning -\n", id="a server journey"),
        pytest.param("learnlog-state 2\nwritten 1\nbackend file\ndue 20419 0 86400\ntoday 20417\nrunning -\n", id="another format"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend file\ndue x 0 86400\ntoday 20417\nrunning -\n", id="not a number"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend file\ndue 20419 0\ntoday 20417\nrunning -\n", id="a field missing"),
        pytest.param("learnlog-state 1\nwritten 1\nbackend file\ndue 20419 0 86400\ntoday 2041é\nrunning -\n", id="not ASCII"),
    ],
)
def test_a_state_that_is_not_one_this_learnlog_writes_is_not_read(files, text):
    database, state = files
    state.write_text(text, encoding="utf-8")
    assert current_state(str(state), str(database), day_number(TODAY)) is None


def test_no_state_or_no_database_is_read_the_ordinary_way(files, tmp_path):
    database, state = files
    assert current_state(str(tmp_path / "none"), str(database), day_number(TODAY)) is None
    assert current_state(str(state), str(tmp_path / "gone.db"), day_number(TODAY)) is None


@pytest.mark.parametrize(
    ("fixed", "expected"),
    [
        pytest.param("1970-01-01", 0, id="the epoch"),
        pytest.param("2026-11-25", day_number(date(2026, 11, 25)), id="a day"),
        pytest.param("2024-02-29T23:59", day_number(date(2024, 2, 29)), id="a leap day with a time"),
        pytest.param("1969-12-31", -1, id="before the epoch"),
        pytest.param("2026-02-30", None, id="no such day"),
        pytest.param("2026-13-01", None, id="no such month"),
        pytest.param("2026-11-25T24:00", None, id="no such hour"),
        pytest.param("2026-11-25 10:00", None, id="a space for the T"),
        pytest.param("2026-1-25", None, id="a short month"),
        pytest.param("next friday", None, id="words"),
        pytest.param("２０２６-11-25", None, id="digits that are not ASCII"),
    ],
)
def test_today_number_reads_learnlog_today_as_the_clock_does(monkeypatch, fixed, expected):
    monkeypatch.setenv("LEARNLOG_TODAY", fixed)
    assert today_number() == expected


def test_today_number_without_learnlog_today_is_the_local_day(monkeypatch):
    monkeypatch.delenv("LEARNLOG_TODAY", raising=False)
    before = day_number(date.today())
    assert today_number() in (before, before + 1)  # midnight may pass in between


def test_remind_prompt_reads_a_database_another_program_changed(learnlog, db_path):
    """A copy synced from another machine, or any writer but learnlog, changes the
    database after the state file: the prompt then reads the database."""
    assert learnlog("init", "--start", "2026-11-20").exit_code == 0
    assert learnlog("log", "numpy", "--date", "2026-11-24").exit_code == 0
    assert os.path.exists(state_path(None, None))
    assert learnlog("remind", "--prompt").stdout == "2d left\n"
    time.sleep(0.02)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE cadence_rule SET every = 10")
    connection.close()
    assert learnlog("remind", "--prompt").stdout == "9d left\n"


def test_remind_prompt_from_a_current_state_loads_neither_sqlite3_nor_datetime(learnlog, db_path):
    import subprocess
    import sys

    assert learnlog("init", "--start", "2026-11-20").exit_code == 0
    assert learnlog("status").exit_code == 0  # leaves the state file
    shown = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "learnlog", "remind", "--prompt"],
        capture_output=True, text=True, check=True, env=os.environ,
    )
    assert shown.stdout == "overdue 2d\n"
    loaded = {line.split("|")[-1].strip() for line in shown.stderr.splitlines()}
    assert "learnlog.prompt" in loaded
    assert not {"sqlite3", "_sqlite3", "datetime", "_datetime"} & loaded
