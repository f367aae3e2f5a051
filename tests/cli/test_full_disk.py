"""A disk that fills up loses nothing and leaves nothing misleading: the automatic
upgrade's backup is verified (header and integrity) before it counts and removed
when it did not complete, so no empty backup is ever listed or recommended; every
command says in one line that the disk is full; the prompt still exits 0 with no
traceback. The disk is a small tmpfs (tests/machine.py), mounted as root only."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from machine import fill

from learnlog.store.backups import backups
from learnlog.store.sqlite_file import SCHEMA_REVISION

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CURRENT_FIXTURE = FIXTURES / f"learnlog-r{SCHEMA_REVISION}.db"
"""A database this learnlog opens without upgrading it."""


def run(database: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "learnlog", "--db", str(database), *args], capture_output=True, text=True,
        env={**os.environ, "LEARNLOG_TODAY": "2026-11-10T10:00", "XDG_CACHE_HOME": str(database.parent.parent / "cache")},
        timeout=120,
    )


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    assert "Traceback" not in done.stderr and "failed unexpectedly" not in done.stderr
    return lines[0]


def test_a_full_disk_during_the_automatic_upgrade_leaves_no_backup_and_the_database_as_it_was(tiny_disk):
    database = tiny_disk / "learnlog.db"
    shutil.copy(FIXTURES / "learnlog-r0001.db", database)
    before = database.read_bytes()
    for _ in range(2):
        line = one_line_error(run(database, "status"))
        assert "full" in line and "revision 0001" in line and str(database) in line
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["learnlog.db"]
    assert database.read_bytes() == before
    doctor = run(database, "doctor", "--json")
    assert '"backups": []' in doctor.stdout


def test_an_empty_backup_an_older_learnlog_left_is_never_listed_nor_recommended(tmp_path):
    database = tmp_path / "learnlog.db"
    assert run(database, "init").returncode == 0
    (tmp_path / "learnlog.db.auto-20261109T100000000000-r0001.bak").write_bytes(b"")
    assert backups(database) == []
    with database.open("r+b") as file:
        file.seek(0)
        file.write(b"garbage, not SQLite")
    line = one_line_error(run(database, "status"))
    assert "no backup was found" in line and ".bak" not in line


def test_a_log_on_a_full_disk_says_so_in_one_line_and_the_prompt_still_exits_0(small_disk):
    database = small_disk / "learnlog.db"
    shutil.copy(CURRENT_FIXTURE, database)
    fill(small_disk)
    line = one_line_error(run(database, "log", "numpy", "-m", "no room"))
    assert "disk" in line and "full" in line and str(database) in line
    for done in (run(database, "remind", "--prompt"), run(database, "--db", str(database), "remind", "--prompt")):
        assert done.returncode == 0 and done.stderr == ""
        assert done.stdout in ("", "learnlog: ?\n") or done.stdout.endswith(("left\n", "today\n", "d\n"))
    line = one_line_error(run(database, "status"))
    assert "full" in line


def test_an_export_to_a_full_disk_says_so_in_one_line_naming_the_file_and_leaves_nothing(tiny_disk, tmp_path):
    database = tmp_path / "learnlog.db"
    assert run(database, "init").returncode == 0
    for _ in range(4):
        assert run(database, "log", "numpy", "-m", "x" * 19_000).returncode == 0
    fill(tiny_disk)
    output = tiny_disk / "journey.json"
    line = one_line_error(run(database, "export", "-o", str(output)))
    assert f"cannot write {output}" in line and "full" in line
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["filler"]
    line = one_line_error(run(database, "backup", str(tiny_disk / "copy.db")))
    assert "copy.db" in line and "full" in line and ".tmp" not in line
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["filler"]


def test_the_prompt_never_fails_on_a_full_disk_where_a_failed_log_left_a_truncated_shm(small_disk):
    database = small_disk / "learnlog.db"
    shutil.copy(CURRENT_FIXTURE, database)
    fill(small_disk)
    assert run(database, "log", "numpy").returncode == 1
    assert Path(f"{database}-shm").stat().st_size < 32768  # cut short by the full disk
    done = run(database, "remind", "--prompt")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout in ("", "learnlog: ?\n")
