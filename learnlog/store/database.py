"""Opening a journey's database: checks, pragmas, schema revision, creating and
upgrading a SQLite file, and handing a PostgreSQL one to `learnlog.store.server`.

This module runs on every command, so it uses the standard library's sqlite3
only; Alembic and SQLAlchemy are imported (by `learnlog.store.migrate`) just
when a database is created or upgraded.
"""

from __future__ import annotations

import os
import sqlite3

from learnlog.errors import InputError, LearnlogError, NoJourney
from learnlog.store.connection import Database, damaged, read_only_phrase, translate
from learnlog.store.location import Location, ServerLocation, display_path, make_private_folder, with_logs
from learnlog.store.sqlite_file import (
    BUSY_TIMEOUT_SECONDS,
    KNOWN_REVISIONS,
    SCHEMA_REVISION,
    connect_read_only,
    connect_unwritable,
    has_sqlite_header,
    newer_learnlog,
    not_learnlog,
    read_revision,
    write_obstacles,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import TypeVar

    Read = TypeVar("Read")

def _unreadable(path: Path, error: OSError) -> LearnlogError:
    from learnlog.store.files import system_refusal

    return system_refusal(error, path, "read")


def _is_empty(path: Path) -> bool:
    """True where there is no journey yet: no file, or a 0-byte one."""
    try:
        return os.stat(path).st_size == 0
    except FileNotFoundError:
        return True
    except OSError as error:
        raise _unreadable(path, error) from None


def _check_header(path: Path) -> None:
    try:
        sound = has_sqlite_header(path)
    except OSError as error:
        raise _unreadable(path, error) from None
    if not sound:
        raise damaged(path, "not a SQLite file")


def _lower(text: object) -> object:
    return text.lower() if isinstance(text, str) else text


def _configure(connection: sqlite3.Connection) -> sqlite3.Connection:
    # SQLite's own LOWER folds ASCII only; PostgreSQL's folds every letter. One
    # meaning for both: Python's.
    connection.create_function("lower", 1, _lower, deterministic=True)
    return connection


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return _configure(connection)


def _create_database(path: Path) -> None:
    """Make a complete, empty learnlog database at `path`, unless another learnlog
    made one meanwhile.

    It is built in a temporary file beside `path` (0600) and renamed into place,
    so no one ever sees half a database, and a failure leaves nothing behind; a
    lock on the folder makes concurrent `init`s take turns.
    """
    from pathlib import Path

    from learnlog.store.files import system_refusal, temporary_beside
    from learnlog.store.locks import exclusive_lock

    try:
        make_private_folder(path.parent)
        with exclusive_lock(path.parent):
            if not _is_empty(path):
                return
            descriptor, name = temporary_beside(path, ".new")
            os.close(descriptor)
            _build_database(Path(name), path)
    except OSError as error:
        raise system_refusal(error, path, "write") from None


def _build_database(built: Path, path: Path) -> None:
    """Make the schema in the new file `built`, then rename it to `path`; whatever
    happens, nothing of `built` stays behind."""
    from learnlog.store.migrate import create_schema

    try:
        try:
            connection = _connect(built)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.close()
        except sqlite3.DatabaseError as error:
            raise translate(error, Location(path)) from error
        create_schema(built, shown=path)
        os.replace(built, path)
    finally:
        for leftover in with_logs(built):
            leftover.unlink(missing_ok=True)


def database_exists(location: Location | ServerLocation) -> bool:
    """Whether there is a database to open (a server is asked only when a command uses it)."""
    return isinstance(location, ServerLocation) or not _is_empty(location.path)


def open_database(location: Location | ServerLocation, *, create: bool = False) -> Database:
    """Open the journey database at `location`, bringing a SQLite file's schema up to date.

    Only `create=True` (init, restore, db upgrade) makes a SQLite file where there
    is none; everything else finds a missing or 0-byte file to be no journey,
    and leaves no file behind. A PostgreSQL database is created and upgraded by
    its owner (`learnlog db upgrade`), never on the way to another command.
    """
    if isinstance(location, ServerLocation):
        from learnlog.store.server import open_server_database

        return open_server_database(location)
    path = location.path
    if _is_empty(path):
        if not create:
            raise NoJourney(f"no journey at {location}: run learnlog init")
        _create_database(path)
    _check_header(path)
    obstacles = write_obstacles(path)
    try:
        # What learnlog cannot write it still reads, without a trace; a write then
        # fails on its first statement and says what is read-only.
        connection = _read_unwritable(location) if obstacles else _connect(path)
        revision = read_revision(connection)
    except sqlite3.DatabaseError as error:
        raise translate(error, location) from error
    if revision is None:
        connection.close()
        raise InputError(not_learnlog(str(location)))
    if revision != SCHEMA_REVISION:
        connection.close()
        if revision not in KNOWN_REVISIONS:
            raise LearnlogError(f"{newer_learnlog(str(location), revision)}; upgrade learnlog to open it")
        if obstacles:
            # Refused before the automatic backup, which would otherwise be made
            # again by every command that finds the upgrade cannot be written.
            raise LearnlogError(
                f"{location} has an older schema (revision {revision}) that learnlog must upgrade before"
                f" using it, after a backup beside it, but {read_only_phrase(obstacles)}"
            )
        from learnlog.store.migrate import upgrade_with_backup

        upgrade_with_backup(path)
        connection = _connect(path)
    return Database(connection, location)


def _read_unwritable(location: Location) -> sqlite3.Connection:
    """A read-only connection to a database learnlog cannot write; Unreadable when
    a -wal with changes in it cannot be read (see `connect_unwritable`)."""
    connection = connect_unwritable(location.path)
    if connection is None:
        from learnlog.errors import Unreadable

        wal = display_path(f"{location.path}-wal")
        raise Unreadable(
            f"cannot read {location}: {wal} holds changes not yet in it, which only a learnlog that can"
            f" write beside it can read, but {read_only_phrase(write_obstacles(location.path))}"
        )
    return _configure(connection)


def write_ahead_log_exists(location: Location) -> bool:
    return os.path.exists(os.fspath(location.path) + "-wal")


def open_read_only(location: Location, *, immutable: bool = False) -> Database | None:
    """The database opened read-only for a quick look, or None where there is no
    current learnlog database to read (missing, empty, or at another revision).
    Damage is still raised, so the caller can say so.

    `immutable` reads the file without locks or a -shm file. A read-only connection
    to a WAL database otherwise creates -wal and -shm files that it cannot remove,
    so callers that must leave no trace use it when no -wal file exists (every
    learnlog has closed, and the last one folded its log into the database).
    """
    path = location.path
    if _is_empty(path):
        return None
    _check_header(path)
    try:
        if write_obstacles(path):
            connection = _read_unwritable(location)
        else:
            connection = _configure(connect_read_only(path, immutable=immutable))
        revision = read_revision(connection)
    except sqlite3.DatabaseError as error:
        raise translate(error, location) from error
    if revision != SCHEMA_REVISION:
        connection.close()
        return None
    return Database(connection, location)


def read_leaving_no_trace(location: Location, read: Callable[[Database], Read]) -> Read | None:
    """What `read` finds in the database opened read-only for a quick look (see
    `open_read_only`), or None where there is no current learnlog database.

    It leaves no -wal or -shm file behind when no learnlog is running (no -wal file
    exists); a writer folding its log into the file at that very moment can make
    that read fail, so it is tried once more the ordinary way."""
    if write_ahead_log_exists(location):
        return _read_once(location, read, immutable=False)
    try:
        return _read_once(location, read, immutable=True)
    except LearnlogError:
        return _read_once(location, read, immutable=False)


def _read_once(location: Location, read: Callable[[Database], Read], *, immutable: bool) -> Read | None:
    database = open_read_only(location, immutable=immutable)
    if database is None:
        return None
    try:
        return read(database)
    finally:
        database.close()
