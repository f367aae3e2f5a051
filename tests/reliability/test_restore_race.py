"""A `learnlog restore` racing other learnlog processes is atomic for each of
them: four `log` loops and a reader holding a connection see the old journey or
the restored one, never a mix, and no write reported as done is lost.

"No write reported as done is lost" means, for a restore: every `log` that said
"Logged" before the restore took the journey is in the database the restore set
aside, and every one after it is in the restored journey; each loop's entries
are split between the two in the order it logged them (a prefix in the copy set
aside, the rest in the restored journey), none is in both, and a `log` that
failed is in neither.

The restore runs under strace with every rename delayed, which holds each step
of the restore open long enough for the loggers to land inside it (strace is
installed by .ci/run; elsewhere the test skips when it cannot trace).
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from restoring import environment, journey_with_backup, learnlog

RENAME_DELAY_MICROSECONDS = 1_500_000
LOGGERS = 4
LOGS_AFTER_THE_RESTORE = 2
"""Each loop goes on this many successful logs after the restore has finished."""




def strace_or_skip() -> str:
    """The strace program, when it is installed and may trace here; else the test
    skips with the reason (and fails on CI, where .ci/run installs it)."""
    found = shutil.which("strace")
    reason = "strace is not installed" if found is None else None
    if found is not None:
        tried = subprocess.run([found, "-f", "-qq", "-o", os.devnull, "true"], capture_output=True, text=True)
        if tried.returncode != 0:
            reason = f"strace cannot trace here: {tried.stderr.strip()[:200]}"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found


def notes_in(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [note for (note,) in connection.execute("SELECT note FROM entry ORDER BY id")]
    finally:
        connection.close()


class LogLoop(threading.Thread):
    """`learnlog log` again and again, remembering in order the notes of the logs
    that reported success and of those that did not."""

    def __init__(self, db: Path, number: int) -> None:
        super().__init__(daemon=True)
        self.db, self.number = db, number
        self.logged: list[str] = []
        self.failed: list[str] = []
        self.stop_after: int | None = None
        self.errors: list[str] = []

    def run(self) -> None:
        count = 0
        while self.stop_after is None or len(self.logged) < self.stop_after:
            count += 1
            note = f"loop {self.number} log {count}"
            done = learnlog(self.db, "log", "numpy", "-m", note, "-d", "5m")
            if done.returncode == 0 and done.stdout.startswith("Logged"):
                self.logged.append(note)
            else:
                self.failed.append(note)
                self.errors.append(done.stderr.strip())


def test_a_restore_racing_four_loggers_and_a_reader_is_atomic_and_loses_no_logged_entry(tmp_path: Path):
    strace = strace_or_skip()
    db, backup = journey_with_backup(tmp_path)

    reader = sqlite3.connect(db, isolation_level=None)
    loops = [LogLoop(db, number) for number in range(1, LOGGERS + 1)]
    for loop in loops:
        loop.start()
    deadline = time.monotonic() + 60
    while not all(loop.logged for loop in loops):
        assert time.monotonic() < deadline, [loop.errors for loop in loops]
        time.sleep(0.05)
    assert reader.execute("SELECT count(*) FROM entry").fetchone()[0] > 2

    restored = subprocess.run(
        [strace, "-f", "-qq", "-o", os.devnull, "-e", "trace=rename,renameat,renameat2",
         "-e", f"inject=rename,renameat,renameat2:delay_enter={RENAME_DELAY_MICROSECONDS}",
         sys.executable, "-m", "learnlog", "restore", str(backup)],
        env=environment(db), capture_output=True, text=True, timeout=300,
    )
    for loop in loops:
        loop.stop_after = len(loop.logged) + LOGS_AFTER_THE_RESTORE
    for loop in loops:
        loop.join(timeout=300)
        assert not loop.is_alive()

    assert restored.returncode == 0, restored.stderr
    (aside,) = db.parent.glob("learnlog.db.before-restore-*.bak")
    live = sqlite3.connect(db)
    assert live.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    live.close()
    checkup = learnlog(db, "doctor")
    assert (checkup.returncode, checkup.stdout.splitlines()[-1]) == (0, "All well."), checkup.stdout

    in_journey, in_aside = notes_in(db), notes_in(aside)
    assert in_journey[:1] == ["in the backup"] and "after the backup" not in in_journey
    assert in_aside[:2] == ["in the backup", "after the backup"]
    for loop in loops:
        before = [note for note in loop.logged if note in in_aside]
        after = [note for note in loop.logged if note in in_journey]
        assert before + after == loop.logged, (loop.number, before, after)
        assert len(after) >= LOGS_AFTER_THE_RESTORE
        assert not set(loop.failed) & (set(in_journey) | set(in_aside))
    assert len(in_journey) == 1 + sum(len([n for n in loop.logged if n in in_journey]) for loop in loops)

    # The reader's connection, opened before the restore, reads the restored journey now.
    assert [note for (note,) in reader.execute("SELECT note FROM entry ORDER BY id")] == in_journey
    reader.close()
