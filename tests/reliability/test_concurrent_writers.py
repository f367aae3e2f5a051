"""Many learnlogs writing one journey at once: every entry lands, and no one is
ever told that the database is locked.

Each of WORKERS threads runs its LOGS_EACH `learnlog log` commands one after the
other as real processes, so WORKERS learnlogs are writing at every moment.
"""

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WORKERS = 8
LOGS_EACH = 25


def environment(db: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LEARNLOG_")}
    env.update(LEARNLOG_DB=str(db), LEARNLOG_TODAY="2026-11-25")
    return env


def learnlog(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "learnlog", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_eight_processes_logging_at_once_keep_all_two_hundred_entries_and_never_say_locked(tmp_path: Path):
    db = tmp_path / "journey.db"
    env = environment(db)
    assert learnlog(env, "init").returncode == 0

    def worker(number: int) -> list[tuple[str, subprocess.CompletedProcess]]:
        notes = [f"{number}-{n}" for n in range(LOGS_EACH)]
        return [(note, learnlog(env, "log", "numpy", "-m", note)) for note in notes]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = [result for batch in pool.map(worker, range(WORKERS)) for result in batch]
    elapsed = time.monotonic() - started
    print(f"\n{WORKERS} x {LOGS_EACH} concurrent `learnlog log` commands took {elapsed:.1f} s")

    failed = [(note, run.returncode, run.stderr) for note, run in results if run.returncode != 0]
    assert failed == []
    locked = [(note, run.stdout + run.stderr) for note, run in results if "locked" in (run.stdout + run.stderr).lower()]
    assert locked == []
    assert all(run.stdout.startswith("Logged #") for _, run in results)

    listed = learnlog(env, "entries", "--all", "--json")
    assert listed.returncode == 0, listed.stderr
    notes = [entry["note"] for entry in json.loads(listed.stdout)]
    expected = {f"{worker}-{n}" for worker in range(WORKERS) for n in range(LOGS_EACH)}
    assert len(notes) == WORKERS * LOGS_EACH
    assert set(notes) == expected
    assert len({entry["id"] for entry in json.loads(listed.stdout)}) == WORKERS * LOGS_EACH
