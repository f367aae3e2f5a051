"""A `learnlog log` killed with SIGKILL at any moment leaves a sound database: it
passes SQLite's integrity check, keeps every entry a command reported as logged,
and holds the killed command's entry whole (with its tags and attachment) or not
at all.

Kills are aimed three ways, with delays drawn from a seeded random generator:
- at start-up: after a random delay from launch, wherever the command then is;
- inside the write transaction: learnlog runs through paused_learnlog.py, which
  holds each write transaction open before COMMIT, and the kill comes while the
  process is seen holding the write lock;
- around the commit: a short pause, and a kill timed to land just before, during
  or just after COMMIT.
"""

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


PAUSED_LEARNLOG = Path(__file__).with_name("paused_learnlog.py")
SEED = 20261125
SUCCESSFUL_LOG_EVERY = 3
"""A normal, successful `learnlog log` runs after every this many kills."""


@dataclass
class Mode:
    name: str
    trials: int
    pause: float | None
    """Seconds paused_learnlog.py holds the write transaction open, or None to run
    learnlog as it is."""
    delay: tuple[float, float]
    """The kill comes this long (drawn uniformly) after launch, or, with a pause,
    after the process is first seen holding the write lock."""


START_UP = Mode("start-up", trials=12, pause=None, delay=(0.0, 0.3))
INSIDE = Mode("inside the transaction", trials=12, pause=3.0, delay=(0.0, 0.5))
AROUND_COMMIT = Mode("around the commit", trials=10, pause=0.05, delay=(0.0, 0.1))


@dataclass
class Tally:
    finished: int = 0
    """Commands that completed before the kill came."""
    inside: int = 0
    """Kills that landed while the command held the write lock."""
    elsewhere: int = 0
    successful: list[str] = field(default_factory=list)


def environment(db: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LEARNLOG_")}
    env.update(LEARNLOG_DB=str(db), LEARNLOG_TODAY="2026-11-25")
    return env


def log_command(note: str, trial: int, attachment: Path, pause: float | None) -> list[str]:
    learnlog = ["-m", "learnlog"] if pause is None else [str(PAUSED_LEARNLOG), str(pause)]
    return [
        sys.executable, *learnlog, "log", "numpy", "-m", note, "-d", "45m",
        "-t", "crash", "-t", f"trial-{trial}", "-a", str(attachment),
    ]


class WriteLockProbe:
    """Tells whether some process holds the database's write lock, by trying to
    take it without waiting (and letting go at once when it can)."""

    def __init__(self, db: Path) -> None:
        self.connection = sqlite3.connect(db, timeout=0, isolation_level=None)

    def held_by_another(self) -> bool:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return True
            raise
        self.connection.execute("ROLLBACK")
        return False

    def close(self) -> None:
        self.connection.close()


def wait_for_write_lock(probe: WriteLockProbe, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not probe.held_by_another():
        assert process.poll() is None, f"learnlog ended before its transaction: {process.communicate()}"
        assert time.monotonic() < deadline, "learnlog never took the write lock"
        time.sleep(0.005)


def check_database(db: Path, tally: Tally, killed: dict[str, int]) -> None:
    """The database is sound, holds every entry reported as logged, and each killed
    command's entry is whole or absent."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        notes = [note for (note,) in connection.execute("SELECT note FROM entry")]
        assert sorted(set(tally.successful) - set(notes)) == []
        for note, trial in killed.items():
            rows = connection.execute(
                "SELECT e.id, t.name, e.minutes FROM entry e JOIN topic t ON t.id = e.topic_id"
                " WHERE e.note = ?", (note,)
            ).fetchall()
            assert len(rows) <= 1, f"{note} logged {len(rows)} times"
            if rows:
                (entry_id, topic, minutes), = rows
                tags = {tag for (tag,) in connection.execute("SELECT tag FROM entry_tag WHERE entry_id = ?", (entry_id,))}
                attached = connection.execute(
                    "SELECT a.name FROM entry_attachment ea JOIN attachment a ON a.id = ea.attachment_id"
                    " WHERE ea.entry_id = ?", (entry_id,)
                ).fetchall()
                assert (topic, minutes, tags, attached) == ("NumPy", 45, {"crash", f"trial-{trial}"}, [(f"plot-{trial}.png",)])
        orphans = connection.execute(
            "SELECT COUNT(*) FROM attachment WHERE id NOT IN (SELECT attachment_id FROM entry_attachment)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        connection.close()


def run_trials(tmp_path: Path, mode: Mode, seed: int) -> Tally:
    rng = random.Random(seed)
    db = tmp_path / "journey.db"
    env = environment(db)
    subprocess.run([sys.executable, "-m", "learnlog", "init"], env=env, check=True, capture_output=True)
    tally, killed = Tally(), {}
    for trial in range(mode.trials):
        note = f"killed {trial}"
        attachment = tmp_path / f"plot-{trial}.png"
        attachment.write_bytes(rng.randbytes(4096))
        probe = WriteLockProbe(db)
        process = subprocess.Popen(
            log_command(note, trial, attachment, mode.pause), env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            if mode.pause is not None:
                wait_for_write_lock(probe, process)
            time.sleep(rng.uniform(*mode.delay))
            inside = process.poll() is None and probe.held_by_another()
            process.kill()
            out, err = process.communicate(timeout=30)
        finally:
            probe.close()
        if process.returncode == 0:
            tally.finished += 1
            assert out.startswith("Logged #"), (out, err)
            tally.successful.append(note)
        else:
            assert process.returncode == -9, (process.returncode, err)
            killed[note] = trial
            if inside:
                tally.inside += 1
            else:
                tally.elsewhere += 1
        check_database(db, tally, killed)
        if inside and mode is INSIDE:
            # Killed well before its COMMIT: nothing of it may remain.
            assert note not in notes_in(db)
        if trial % SUCCESSFUL_LOG_EVERY == SUCCESSFUL_LOG_EVERY - 1:
            ok = f"logged after kill {trial}"
            done = subprocess.run(
                [sys.executable, "-m", "learnlog", "log", "pandas", "-m", ok, "-t", "ok"],
                env=env, capture_output=True, text=True, timeout=60,
            )
            assert done.returncode == 0, done.stderr
            tally.successful.append(ok)
    listed = subprocess.run(
        [sys.executable, "-m", "learnlog", "entries", "--all", "--json"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert set(tally.successful) <= {entry["note"] for entry in json.loads(listed.stdout)}
    print(f"\nkills {mode.name}: {mode.trials} trials, {tally.inside} inside the write transaction,"
          f" {tally.elsewhere} elsewhere, {tally.finished} finished before the kill")
    return tally


def notes_in(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [note for (note,) in connection.execute("SELECT note FROM entry")]
    finally:
        connection.close()


def test_a_log_killed_inside_its_write_transaction_leaves_nothing_of_itself_and_loses_nothing(tmp_path: Path):
    tally = run_trials(tmp_path, INSIDE, SEED)
    assert tally.inside == INSIDE.trials


def test_a_log_killed_around_its_commit_is_either_whole_or_absent(tmp_path: Path):
    tally = run_trials(tmp_path, AROUND_COMMIT, SEED + 1)
    assert tally.inside + tally.elsewhere + tally.finished == AROUND_COMMIT.trials


def test_a_log_killed_at_start_up_leaves_a_sound_database_that_keeps_every_logged_entry(tmp_path: Path):
    tally = run_trials(tmp_path, START_UP, SEED + 2)
    assert tally.inside + tally.elsewhere + tally.finished == START_UP.trials


def test_the_kills_number_at_least_thirty():
    assert START_UP.trials + INSIDE.trials + AROUND_COMMIT.trials >= 30
