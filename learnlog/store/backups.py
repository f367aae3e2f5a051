"""Copies of a journey's database, made with SQLite's online backup API so they
are consistent even while another learnlog writes."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

AUTOMATIC_BACKUPS_KEPT = 5


def automatic_backup_path(database: Path, revision: str, moment: datetime) -> Path:
    stamp = moment.strftime("%Y%m%dT%H%M%S%f")
    return database.with_name(f"{database.name}.auto-{stamp}-r{revision}.bak")


def automatic_backups(database: Path) -> list[Path]:
    """The automatic backups beside `database`, oldest first."""
    return sorted(database.parent.glob(f"{database.name}.auto-*.bak"))


def newest_backup(database: Path) -> Path | None:
    candidates = list(database.parent.glob(f"{database.name}.*.bak"))
    return max(candidates, key=lambda path: path.stat().st_mtime, default=None)


def copy_database(source: Path, destination: Path) -> None:
    """Copy the database at `source` to a new file `destination`, readable by the user alone."""
    descriptor = os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
    source_connection = sqlite3.connect(source)
    destination_connection = sqlite3.connect(destination)
    try:
        source_connection.backup(destination_connection)
    finally:
        destination_connection.close()
        source_connection.close()


def prune_automatic_backups(database: Path) -> None:
    for old in automatic_backups(database)[:-AUTOMATIC_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
