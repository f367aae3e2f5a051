"""A connection to a journey's SQLite file with learnlog's conventions, and what
its errors mean to the user. `learnlog.store.server.ServerDatabase` is the same
for PostgreSQL; opening either is `learnlog.store.database`'s job."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence

from learnlog.errors import DamagedDatabase, InputError, LearnlogError
from learnlog.store.location import Location, display_path
from learnlog.store.sqlite_file import BUSY_TIMEOUT_SECONDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_CORRUPTION_MESSAGES = ("malformed", "not a database", "corrupt")


class Database:
    """A DB-API connection with learnlog's conventions: named `:parameters`,
    results as tuples, and one explicit transaction per command.

    This is the SQLite file; `learnlog.store.server.ServerDatabase` is the same
    for PostgreSQL, and the store's queries are written for both."""

    is_server = False

    def __init__(self, connection: sqlite3.Connection, location: Location) -> None:
        self.connection = connection
        self.location = location

    def execute(self, sql: str, params: Mapping[str, object] | None = None) -> sqlite3.Cursor:
        try:
            return self.connection.execute(sql, params or {})
        except sqlite3.DatabaseError as error:
            raise translate(error, self.location) from error
        except OverflowError:
            raise InputError("a number is too large for the database (at most 2**63 - 1)") from None

    def executemany(self, sql: str, params: Sequence[Mapping[str, object]]) -> None:
        try:
            self.connection.executemany(sql, params)
        except sqlite3.DatabaseError as error:
            raise translate(error, self.location) from error

    def stream(self, sql: str, params: Mapping[str, object] | None = None) -> Iterator[tuple]:
        """The rows of a large result as they are read (a SQLite cursor steps
        through the result as it goes)."""
        return iter(self.execute(sql, params))

    def rows(self, sql: str, params: Mapping[str, object] | None = None) -> list[tuple]:
        return self.execute(sql, params).fetchall()

    def one(self, sql: str, params: Mapping[str, object] | None = None) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def value(self, sql: str, params: Mapping[str, object] | None = None) -> object:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def transaction(self, *, write: bool = True) -> Transaction:
        """One transaction: for a write, all of it lands or none of it does; for a
        read, every query sees the same snapshot."""
        return Transaction(self, write=write)

    def begin(self, *, write: bool) -> None:
        # BEGIN IMMEDIATE takes the write lock up front, so two terminals writing
        # at once queue on the busy timeout instead of failing on a lock upgrade.
        self.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def rollback(self) -> None:
        self.connection.rollback()

    def close(self) -> None:
        self.connection.close()


class Transaction:
    """`with db.transaction():` the block's statements, committed when it ends well
    and rolled back when it raises. A class rather than contextlib's decorator,
    which the shell-prompt segment would pay for on every prompt."""

    def __init__(self, db: Database, *, write: bool) -> None:
        self.db = db
        self.write = write

    def __enter__(self) -> Database:
        self.db.begin(write=self.write)
        return self.db

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            self.db.rollback()
            return
        self.db.execute("COMMIT")


def translate(error: sqlite3.DatabaseError, location: Location) -> LearnlogError | sqlite3.DatabaseError:
    message = str(error)
    if any(marker in message for marker in _CORRUPTION_MESSAGES):
        return damaged(location.path, message)
    if "locked" in message or "busy" in message:
        return locked(location)
    if "database or disk is full" in message or ("disk I/O error" in message and _no_room_beside(location.path)):
        # A full disk (or the file-size limit) also shows as an I/O error, where
        # SQLite could not grow its -shm file.
        from learnlog.store.files import no_room

        return no_room(location.path, "write")
    if "disk I/O error" in message:
        return LearnlogError(f"the system reported an input/output error on {location}: check the disk, then"
                             " run learnlog doctor")
    if isinstance(error, sqlite3.OperationalError) and "readonly" in message:
        from learnlog.store.sqlite_file import write_obstacles

        obstacles = write_obstacles(location.path)
        if obstacles:
            return LearnlogError(f"learnlog cannot write to {location}: {read_only_phrase(obstacles)}")
        return LearnlogError(f"{location} is read-only: learnlog cannot write to it")
    return error


def locked(location: Location) -> LearnlogError:
    """What to say when another learnlog kept the database locked past the busy timeout."""
    return LearnlogError(f"{location} stayed locked by another learnlog for {BUSY_TIMEOUT_SECONDS:.0f} s; try again")


def _no_room_beside(path) -> bool:
    """Whether the file system holding `path` has no block left for learnlog, or a
    file-size limit (ulimit -f) is in force."""
    import os
    import resource

    if resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY:
        return True
    try:
        found = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return False
    return found.f_bavail == 0


def read_only_phrase(obstacles: list[str]) -> str:
    """What `learnlog.store.sqlite_file.write_obstacles` found, told as the end of a
    sentence: what is read-only, and the change that lets learnlog write."""
    import os
    import shlex

    named = [display_path(obstacle) for obstacle in obstacles]
    if len(named) == 1:
        listed, verb, how = named[0], "is", "make it writable"
    else:
        listed, verb, how = ", ".join(named[:-1]) + " and " + named[-1], "are", "make them writable"
    try:
        on_read_only_system = bool(os.statvfs(obstacles[0]).f_flag & os.ST_RDONLY)
    except OSError:
        on_read_only_system = False
    if on_read_only_system:
        return f"{listed} {verb} on a read-only file system: mount it writable, or copy the journey elsewhere"
    quoted = " ".join(
        "~/" + shlex.quote(name[2:]) if name.startswith("~/") else shlex.quote(name) for name in named
    )
    return f"{listed} {verb} read-only: {how} (chmod u+w {quoted}) and try again"


def damaged(path: Path | str, detail: str) -> DamagedDatabase:
    from pathlib import Path

    from learnlog.store.backups import newest_backup

    backup = newest_backup(Path(path))
    newest = (
        f"restore the newest backup with: learnlog restore {display_path(backup)}"
        if backup else "no backup was found beside it"
    )
    return DamagedDatabase(f"{display_path(path)} is damaged ({detail}); {newest}; see learnlog doctor")


