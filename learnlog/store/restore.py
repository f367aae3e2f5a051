"""Restoring a journey's database from a backup: atomically for every other
learnlog, never deleting the database it replaces, and leaving a database (the
old one or the restored one) in place whatever stops it midway."""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path

from learnlog.errors import DamagedDatabase, InputError, Interrupted
from learnlog.interrupts import NEVER_INTERRUPTED, deferred_interrupts
from learnlog.store.backups import copy_database, free_name, moment_stamp
from learnlog.store.connection import locked, translate
from learnlog.store.location import Location, display_path, with_logs
from learnlog.store.sqlite_file import (
    BUSY_TIMEOUT_SECONDS,
    KNOWN_REVISIONS,
    connect_read_only,
    connect_to_look,
    has_sqlite_header,
    newer_learnlog,
    not_learnlog,
    read_revision,
)


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


def _aside_path(path: Path, moment: datetime) -> Path:
    """A name beside `path` for the database a restore replaces."""
    return free_name(path, f"{path.name}.before-restore-{moment_stamp(moment)}")


def _temporary(folder: Path, name: str) -> Path:
    """A free name for a hidden temporary file of a restore of the database `name`,
    in `folder`; only a restore makes these, under its lock, so the next restore
    can remove what one killed midway left."""
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.restore-", suffix=".tmp")
    os.close(descriptor)
    Path(temporary).unlink()
    return Path(temporary)


def _remove_leftovers(path: Path, real: Path) -> None:
    """Remove the hidden temporary files (and their -wal and -shm) of restores of
    `path`, beside it and beside the file it links to: this restore's own, and any
    that a restore killed midway left."""
    for folder, name in {(path.parent, path.name), (real.parent, real.name)}:
        for leftover in folder.glob(f".{glob.escape(name)}.restore-*.tmp*"):
            leftover.unlink(missing_ok=True)


def _set_aside_copy(path: Path, moment: datetime) -> Path:
    """Copy the database at `path` (as its last commit left it) to a new file beside
    it, which appears whole or not at all; returns the copy."""
    aside = _aside_path(path, moment)
    partial = _temporary(aside.parent, path.name)
    try:
        copy_database(path, partial, shown=aside)
        os.replace(partial, aside)
    finally:
        for leftover in with_logs(partial):
            leftover.unlink(missing_ok=True)
    return aside


def _copy_damaged_aside(path: Path, real: Path, moment: datetime) -> Path | None:
    """Copy the damaged database `real` that `path` names aside, byte for byte, to a
    file that appears whole or not at all; returns the copy, or None when there is no
    database (missing, or 0 bytes)."""
    if not (real.exists() and real.stat().st_size > 0):
        return None
    aside = _aside_path(path, moment)
    partial = _temporary(aside.parent, path.name)
    try:
        shutil.copyfile(real, partial)
        os.chmod(partial, 0o600)
        os.replace(partial, aside)
    finally:
        partial.unlink(missing_ok=True)
    return aside


def _move_logs_aside(real: Path, aside: Path) -> None:
    """Move the -wal and -shm files of `real` beside `aside`: left there, they would
    be replayed into whatever database comes next."""
    for log, log_aside in zip(with_logs(real)[1:], with_logs(aside)[1:]):
        if log.exists():
            shutil.move(log, log_aside)


_SQLITE_OK, _SQLITE_BUSY, _SQLITE_LOCKED = 0, 5, 6
_LOCK_POLL_SECONDS = 0.05


class _NotInPlace(Exception):
    """The database cannot be restored in place: it is missing, empty or damaged."""


def _restore_in_place(
    location: Location, source: Path, *, moment: datetime, interruption: deferred_interrupts
) -> Path:
    """Copy `source` into the live database at `location` with SQLite's online backup
    API, in one write transaction: every other connection sees the old journey or the
    restored one, never a mix, and no file is renamed or moved, so no -wal or -shm
    file can meet a database it does not belong to. Returns the copy set aside.

    The copy set aside is taken once that transaction holds the write lock (after
    its first page): it holds every write committed before the restore, and every
    write after waits for the restore and lands in the restored journey. Stopping
    on a Ctrl-C before the last page rolls the restore back."""
    path = location.path
    nothing_changed = Interrupted(f"Interrupted: nothing was changed; {location} still holds the journey it had.")
    state = {"aside": None, "stopped": False}
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS

    def stop(reason: BaseException) -> None:
        state["stopped"] = True
        raise reason

    def progress(status: int, remaining: int, total: int) -> None:
        if status == _SQLITE_OK:
            # A learnlog database has many pages, so the copy one page at a time
            # is always here, holding the write lock, before it commits.
            if state["aside"] is None:
                state["aside"] = _set_aside_copy(path, moment)
            if interruption.requested:
                stop(nothing_changed)
        elif status in (_SQLITE_BUSY, _SQLITE_LOCKED):
            if interruption.requested:
                stop(nothing_changed)
            if time.monotonic() > deadline:
                stop(locked(location))

    live = sqlite3.connect(path, timeout=_LOCK_POLL_SECONDS, isolation_level=None)
    restored = connect_read_only(source)
    try:
        restored = _with_page_size(restored, source, _page_size(live), path)
        restored.backup(live, pages=1, progress=progress, sleep=_LOCK_POLL_SECONDS)
    except sqlite3.DatabaseError as error:
        _forget(state["aside"])
        meant = translate(error, location)
        if state["aside"] is None and isinstance(meant, DamagedDatabase):
            raise _NotInPlace from None
        raise meant from None
    except BaseException:
        if state["stopped"]:
            _forget(state["aside"])
        raise
    finally:
        restored.close()
        live.close()
        _remove_leftovers(path, path)
    return state["aside"]


def _page_size(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA page_size").fetchone()[0]


def _with_page_size(connection: sqlite3.Connection, source: Path, size: int, path: Path) -> sqlite3.Connection:
    """`connection` to `source`, or, when its pages are not `size` bytes, a connection
    to a hidden copy rebuilt with pages of that size: the backup API cannot change
    the page size of a database in WAL mode, as the live one is."""
    if _page_size(connection) == size:
        return connection
    connection.close()
    copy = _temporary(path.parent, path.name)
    copy_database(source, copy, shown=source)
    rebuilt = sqlite3.connect(copy, isolation_level=None)
    rebuilt.execute("PRAGMA journal_mode = DELETE")
    rebuilt.execute(f"PRAGMA page_size = {int(size)}")
    rebuilt.execute("VACUUM")
    return rebuilt


def _forget(aside: Path | None) -> None:
    """Remove the copy set aside by a restore that was rolled back: the database it
    copies is still in place."""
    if aside is not None:
        aside.unlink(missing_ok=True)


def _restore_by_replacing(
    location: Location, real: Path, source: Path, *, moment: datetime, interruption: deferred_interrupts
) -> Path | None:
    """Make a new file at `real` (the file `location` names, through any link) a copy
    of `source`, for a database that is missing, empty or damaged, which no other
    learnlog can be using: the copy is built beside it and renamed over it, so there
    is a database (the old one or the restored one) at every moment. The old one is
    copied aside first, byte for byte; returns that copy, or None when there was none."""
    if not real.parent.is_dir():
        raise InputError(f"cannot restore to {location}: it links to {display_path(real)}, in no folder")
    partial = _temporary(real.parent, real.name)
    try:
        copy_database(source, partial, shown=real)
        aside = _copy_damaged_aside(location.path, real, moment)
        if interruption.requested:
            _forget(aside)
            raise Interrupted(f"Interrupted: nothing was changed; {location} is as it was.")
        _move_logs_aside(real, aside or _aside_path(location.path, moment))
        os.replace(partial, real)
    finally:
        for leftover in with_logs(partial):
            leftover.unlink(missing_ok=True)
    return aside


def restore_database(
    location: Location, source: Path, *, moment: datetime, interruption: deferred_interrupts = NEVER_INTERRUPTED
) -> Path | None:
    """Make the database at `location` a copy of `source`, after checking `source`'s
    integrity and schema, atomically for every other learnlog (see
    `_restore_in_place`). The current database, damaged or not, is copied aside
    (never deleted) and the copy returned (None where there was no database). A
    database reached through a symbolic link is restored in the file it links to,
    and the link is kept.

    `interruption` tells when the user asked to stop (Ctrl-C): before the restored
    journey is committed, the restore is rolled back and `Interrupted` raised."""
    from learnlog.store.locks import exclusive_lock
    from learnlog.store.location import make_private_folder

    if not source.is_file():
        raise InputError(f"cannot restore {display_path(source)}: not a file")
    _check_learnlog_file(source)
    path = location.path
    make_private_folder(path.parent)
    with exclusive_lock(path.parent):
        real = Path(os.path.realpath(path))
        _remove_leftovers(path, real)
        try:
            if not (real.is_file() and real.stat().st_size > 0 and has_sqlite_header(real)):
                raise _NotInPlace
            return _restore_in_place(location, source, moment=moment, interruption=interruption)
        except _NotInPlace:
            return _restore_by_replacing(location, real, source, moment=moment, interruption=interruption)
