"""Copies of a journey's database, made with SQLite's online backup API so they
are consistent even while another learnlog writes."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from learnlog.store.location import refuse_overwrite, with_logs

AUTOMATIC_BACKUPS_KEPT = 5


def automatic_backup_path(database: Path, revision: str, moment: datetime) -> Path:
    stamp = moment.strftime("%Y%m%dT%H%M%S%f")
    return database.with_name(f"{database.name}.auto-{stamp}-r{revision}.bak")


def automatic_backups(database: Path) -> list[Path]:
    """The automatic backups beside `database`, oldest first."""
    return sorted(database.parent.glob(f"{database.name}.auto-*.bak"))


def backups(database: Path) -> list[Path]:
    """Every backup beside `database` (automatic, made by `learnlog backup`, or set
    aside by a restore), oldest first."""
    return sorted(database.parent.glob(f"{database.name}.*.bak"), key=lambda path: path.stat().st_mtime)


def newest_backup(database: Path) -> Path | None:
    found = backups(database)
    return found[-1] if found else None


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


def moment_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def backup_file(database: Path, target: Path | None, *, moment: datetime, force: bool) -> Path:
    """Copy the database file at `database` to `target` (default: beside it, named
    with the time) through SQLite's online backup API, so the copy is consistent
    even while another learnlog writes; the copy appears whole or not at all.
    Returns where the copy went."""
    destination = target or free_name(database, f"{database.name}.{moment_stamp(moment)}")
    refuse_overwrite(destination, force=force, what="the backup")
    descriptor, name = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp")
    os.close(descriptor)
    partial = Path(name)
    try:
        partial.unlink()
        copy_database(database, partial)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination


def free_name(path: Path, stem: str) -> Path:
    """`stem`.bak beside `path`, or `stem`-2.bak, -3... when an earlier copy made
    within the same second took it."""
    aside, number = path.with_name(f"{stem}.bak"), 1
    while any(taken.exists() or taken.is_symlink() for taken in with_logs(aside)):
        number += 1
        aside = path.with_name(f"{stem}-{number}.bak")
    return aside
