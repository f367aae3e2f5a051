"""What the restore tests share: learnlog run as its own process on a journey, and
the journey they restore, with a backup that lacks its last entry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def environment(db: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LEARNLOG_")}
    env.update(LEARNLOG_DB=str(db), LEARNLOG_TODAY="2026-11-10T10:00")
    return env


def learnlog(db: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "learnlog", *args], env=environment(db), capture_output=True, text=True, timeout=timeout,
    )


def journey_with_backup(folder: Path) -> tuple[Path, Path]:
    """A journey's database in `folder`, and a backup of it that lacks its last entry."""
    db = folder / "data" / "learnlog.db"
    assert learnlog(db, "init", "--start", "2026-11-01").returncode == 0
    assert learnlog(db, "log", "numpy", "-m", "in the backup", "-d", "30m").returncode == 0
    backup = folder / "mb.bak"
    assert learnlog(db, "backup", str(backup)).returncode == 0
    assert learnlog(db, "log", "numpy", "-m", "after the backup", "-d", "30m").returncode == 0
    return db, backup
