"""Copies of a journey's database, made with SQLite's online backup API so they
are consistent even while another learnlog writes."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from learnlog.errors import InputError, LearnlogError
from learnlog.store.files import system_refusal, temporary_beside
from learnlog.store.location import Location, display_path, refuse_overwrite, with_logs
from learnlog.store.sqlite_file import (
    KNOWN_REVISIONS,
    connect_read_only,
    connect_to_look,
    has_sqlite_header,
    newer_learnlog,
    not_learnlog,
    read_revision,
)

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


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _check_learnlog_file(path: Path) -> None:
    """InputError unless `path` is a sound learnlog database this learnlog can open."""
    shown = display_path(path)
    try:
        sound = has_sqlite_header(path)
    except OSError as error:
        raise InputError(f"cannot read {shown}: {error.strerror or error}") from None
    if not sound:
        raise InputError(f"{shown} is not a SQLite database")
    try:
        connection = connect_to_look(path)
    except sqlite3.DatabaseError as error:
        raise InputError(f"{shown} is damaged ({error})") from None
    if connection is None:
        raise InputError(
            f"cannot read {shown}: its {display_path(f'{path}-wal')} holds changes that only a learnlog"
            " that can write beside it can read; copy the backup with its -wal file somewhere writable"
        )
    try:
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise InputError(f"{shown} failed its integrity check ({verdict})")
        revision = read_revision(connection)
    except sqlite3.DatabaseError as error:
        raise InputError(f"{shown} is damaged ({error})") from None
    finally:
        connection.close()
    if revision is None:
        raise InputError(not_learnlog(shown))
    if revision not in KNOWN_REVISIONS:
        raise InputError(newer_learnlog(shown, revision))


def backup_file(database: Path, target: Path | None, *, moment: datetime, force: bool) -> Path:
    """Copy the database file at `database` to `target` (default: beside it, named
    with the time) through SQLite's online backup API, so the copy is consistent
    even while another learnlog writes; the copy appears whole or not at all.
    Returns where the copy went."""
    destination = target or _free_name(database, f"{database.name}.{_stamp(moment)}")
    refuse_overwrite(destination, force=force, what="the backup")
    write_backup(database, destination)
    return destination


def _free_name(path: Path, stem: str) -> Path:
    """`stem`.bak beside `path`, or `stem`-2.bak, -3... when an earlier copy made
    within the same second took it."""
    aside, number = path.with_name(f"{stem}.bak"), 1
    while any(taken.exists() or taken.is_symlink() for taken in with_logs(aside)):
        number += 1
        aside = path.with_name(f"{stem}-{number}.bak")
    return aside


def _aside_path(path: Path, moment: datetime) -> Path:
    """A name beside `path` for what a restore moves out of the way."""
    return _free_name(path, f"{path.name}.before-restore-{_stamp(moment)}")


def _set_aside(path: Path, moment: datetime) -> Path | None:
    """Move the database at `path`, with its -wal and -shm files, out of the way; returns
    where the database went, or None when there was none (missing, or 0 bytes). Log files
    left beside a missing database are moved all the same: at `path`, they would be
    replayed into whatever database comes next."""
    logs = with_logs(path)[1:]
    has_database = path.exists() and path.stat().st_size > 0
    if not has_database and not any(log.exists() for log in logs):
        path.unlink(missing_ok=True)
        return None
    aside = _aside_path(path, moment)
    if has_database:
        try:
            # A sound database first folds its write-ahead log in, so that the file
            # set aside is whole on its own.
            connection = sqlite3.connect(path)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
        except sqlite3.DatabaseError:
            pass  # damaged: it is moved aside as it is, its log files with it
    for log, log_aside in zip(logs, with_logs(aside)[1:]):
        if log.exists():
            os.replace(log, log_aside)
    if not has_database:
        path.unlink(missing_ok=True)
        return None
    os.replace(path, aside)
    return aside


def restore_database(location: Location, source: Path, *, moment: datetime) -> Path | None:
    """Make the database at `location` a copy of `source`, after checking `source`'s
    integrity and schema. The current database, damaged or not, is moved aside
    (never deleted) and returned; the copy goes through the backup API into a new
    file, and the old database's -wal and -shm files go aside with it, so they can
    never mix into the new one."""
    from learnlog.store.locks import exclusive_lock
    from learnlog.store.location import make_private_folder

    if not source.is_file():
        raise InputError(f"cannot restore {display_path(source)}: not a file")
    _check_learnlog_file(source)
    path = location.path
    make_private_folder(path.parent)
    with exclusive_lock(path.parent):
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(descriptor)
        partial = Path(name)
        try:
            partial.unlink()
            # Copied before anything moves: a copy that fails leaves the current database
            # in place, and `source` may be that database itself.
            copy_database(source, partial, shown=path)
            aside = _set_aside(path, moment)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    return aside
