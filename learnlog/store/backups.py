"""Copies of a journey's database, made with SQLite's online backup API so they
are consistent even while another learnlog writes."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from learnlog.errors import LearnlogError
from learnlog.store.files import system_refusal, temporary_beside
from learnlog.store.location import display_path, refuse_overwrite, with_logs
from learnlog.store.sqlite_file import connect_read_only, has_sqlite_header

AUTOMATIC_BACKUPS_KEPT = 5


def automatic_backup_path(database: Path, revision: str, moment: datetime) -> Path:
    stamp = moment.strftime("%Y%m%dT%H%M%S%f")
    return database.with_name(f"{database.name}.auto-{stamp}-r{revision}.bak")


def automatic_backups(database: Path) -> list[Path]:
    """The automatic backups beside `database`, oldest first."""
    return sorted(database.parent.glob(f"{database.name}.auto-*.bak"))


def backups(database: Path) -> list[Path]:
    """Every backup beside `database` (automatic, made by `learnlog backup`, or set
    aside by a restore), oldest first; a file of that name that is not a SQLite
    database (an empty one an older learnlog left on a full disk) is no backup."""
    found = []
    for path in database.parent.glob(f"{database.name}.*.bak"):
        try:
            if has_sqlite_header(path):
                found.append((path.stat().st_mtime, path))
        except OSError:
            continue
    return [path for _, path in sorted(found)]


def newest_backup(database: Path) -> Path | None:
    found = backups(database)
    return found[-1] if found else None


def copy_database(source: Path, destination: Path, *, shown: Path | None = None) -> None:
    """Copy the database at `source` to a new file `destination`, readable by the
    user alone, and verify the copy (its header and SQLite's integrity check)
    before it counts. A copy that fails either way, or cannot be finished (a full
    disk), is removed, and the failure is told in one line naming `shown` (the
    file the user will know, where `destination` is a temporary name)."""
    shown = shown or destination
    try:
        descriptor = os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as error:
        raise system_refusal(error, shown, "write") from None
    os.close(descriptor)
    try:
        source_connection = sqlite3.connect(source)
        destination_connection = sqlite3.connect(destination)
        try:
            source_connection.backup(destination_connection)
        finally:
            destination_connection.close()
            source_connection.close()
        _verify_copy(destination, shown)
    except BaseException as error:
        for leftover in with_logs(destination):
            leftover.unlink(missing_ok=True)
        if isinstance(error, sqlite3.DatabaseError):
            raise _copy_failed(error, source, shown) from None
        if isinstance(error, OSError):
            raise system_refusal(error, shown, "write") from None
        raise


def _verify_copy(copy: Path, shown: Path) -> None:
    """LearnlogError unless the fresh copy at `copy` starts as a SQLite database
    does and passes SQLite's integrity check."""
    if not has_sqlite_header(copy):
        raise LearnlogError(f"the copy written to {display_path(shown)} was incomplete; it was removed")
    # Immutable: nobody else knows this file yet, and a read leaves no -shm beside it.
    connection = connect_read_only(copy, immutable=True)
    try:
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    if verdict != "ok":
        raise LearnlogError(
            f"the copy written to {display_path(shown)} failed its integrity check ({verdict}); it was removed"
        )


def _copy_failed(error: sqlite3.DatabaseError, source: Path, shown: Path) -> LearnlogError:
    from learnlog.store.files import no_room

    if "database or disk is full" in str(error):
        return no_room(shown, "write")
    return LearnlogError(f"could not copy {display_path(source)} to {display_path(shown)} ({error})")


def write_backup(source: Path, destination: Path) -> None:
    """Copy the database at `source` to `destination` (which must not exist), whole
    and verified or not at all: through a hidden temporary file beside it, renamed
    into place only once `copy_database` has verified it."""
    try:
        descriptor, name = temporary_beside(destination)
    except OSError as error:
        raise system_refusal(error, destination, "write") from None
    os.close(descriptor)
    partial = Path(name)
    try:
        partial.unlink()
        copy_database(source, partial, shown=destination)
        os.replace(partial, destination)
    except OSError as error:
        raise system_refusal(error, destination, "write") from None
    finally:
        partial.unlink(missing_ok=True)


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
    write_backup(database, destination)
    return destination


def free_name(path: Path, stem: str) -> Path:
    """`stem`.bak beside `path`, or `stem`-2.bak, -3... when an earlier copy made
    within the same second took it."""
    aside, number = path.with_name(f"{stem}.bak"), 1
    while any(taken.exists() or taken.is_symlink() for taken in with_logs(aside)):
        number += 1
        aside = path.with_name(f"{stem}-{number}.bak")
    return aside
