"""learnlog as separate processes: the installed command, and several at once."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from learnlog.store.backups import automatic_backups
from learnlog.store.sqlite_file import SCHEMA_REVISION

from old_databases import make_first_revision_database


def environment(db: Path, today: str = "2026-11-25") -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LEARNLOG_")}
    env.update(LEARNLOG_DB=str(db), LEARNLOG_TODAY=today)
    return env


def start(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "learnlog", *args],
        env=environment(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "learnlog", *args], env=environment(db), capture_output=True, text=True
    )


@pytest.mark.skipif(
    shutil.which("learnlog") is None and not os.environ.get("CI"),
    reason="the learnlog command is not installed (pip install -e .)",
)
def test_the_installed_command_runs_a_journey(tmp_path: Path):
    env = environment(tmp_path / "journey.db")
    def learnlog(*args):
        return subprocess.run(["learnlog", *args], env=env, capture_output=True, text=True)

    assert learnlog("init", "--start", "2026-11-22").returncode == 0
    logged = learnlog("log", "pandas", "-d", "1h", "-m", "groupby")
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.startswith("Logged #1 · Day 3 · Pandas · 1h")
    status = json.loads(learnlog("status", "--json").stdout)
    assert status["day"] == 3 and status["state"] == "on_track" and status["due"] == "2026-11-28"


def test_two_processes_logging_at_the_same_moment_both_succeed(tmp_path: Path):
    db = tmp_path / "journey.db"
    assert run(db, "init").returncode == 0
    writers = [start(db, "log", "numpy", "-m", f"writer {n}") for n in range(2)]
    results = [writer.communicate(timeout=60) + (writer.returncode,) for writer in writers]
    assert [code for _, _, code in results] == [0, 0], results
    listed = json.loads(run(db, "entries", "--all", "--json").stdout)
    assert sorted(entry["note"] for entry in listed) == ["writer 0", "writer 1"]


def test_eight_commands_opening_an_old_database_upgrade_it_once(tmp_path: Path):
    db = tmp_path / "old.db"
    rows = make_first_revision_database(db)
    readers = [start(db, "entries", "--all", "--json") for _ in range(8)]
    outputs = [reader.communicate(timeout=120) for reader in readers]
    assert [reader.returncode for reader in readers] == [0] * 8, outputs
    assert all(len(json.loads(out)) == rows["entry"] for out, _ in outputs)
    assert len(automatic_backups(db)) == 1
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_REVISION
    connection.close()


def test_several_inits_at_once_make_one_journey_and_refuse_the_rest(tmp_path: Path):
    db = tmp_path / "new" / "journey.db"
    starters = [start(db, "init") for _ in range(6)]
    results = [starter.communicate(timeout=120) + (starter.returncode,) for starter in starters]
    codes = sorted(code for _, _, code in results)
    assert codes == [0, 1, 1, 1, 1, 1], results
    assert all("already exists" in err for _, err, code in results if code == 1)
    assert db.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in db.parent.iterdir()) == ["journey.db"]
    assert json.loads(run(db, "status", "--json").stdout)["day"] == 0


def _big_journey_document(path: Path, entries: int) -> None:
    """A journey document of `entries` study sessions, made the way an export writes them."""
    rows = [
        json.dumps({
            "uid": f"00000000-0000-4000-8000-{number:012d}", "date": "2026-11-20",
            "timestamp": "2026-11-20T10:00:00+00:00", "topic": "NumPy", "minutes": 30, "kind": "study",
            "note": f"session {number}", "tags": [], "link": None, "confidence": None,
        })
        for number in range(entries)
    ]
    path.write_text(
        '{"format": "learnlog-journey", "version": 4, "journey": {"name": "main", "start": "2026-11-01"},'
        ' "cadence": [{"effective": "2026-11-01", "every": 3, "counts": "any"}],'
        ' "topics": [{"name": "NumPy"}], "entries": [' + ",\n".join(rows) + "]}"
    )


def test_a_long_import_shows_progress_on_a_terminal_and_none_on_a_pipe(tmp_path: Path):
    import pty
    import select

    document = tmp_path / "big.json"
    _big_journey_document(document, 40_000)
    piped = run(tmp_path / "piped.db", "import", str(document))
    assert piped.returncode == 0, piped.stderr
    assert "Importing entries" not in piped.stderr + piped.stdout

    main, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "learnlog", "import", str(document)],
        env={**environment(tmp_path / "terminal.db"), "COLUMNS": "100"}, stdout=subprocess.PIPE, stderr=follower,
    )
    os.close(follower)
    drawn = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    out, _ = process.communicate(timeout=60)
    os.close(main)
    assert process.returncode == 0
    assert b"Importing entries" in drawn and b"/40000" in drawn
    assert out.decode() == piped.stdout
