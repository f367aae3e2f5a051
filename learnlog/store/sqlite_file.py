"""What a sound learnlog SQLite file is: its header, the schema revisions this
learnlog knows, how to read a file's revision, and how to open one read-only.

Every store module that looks at a SQLite file asks here, and this module asks
no other part of learnlog: it is the leaf the rest stands on. It runs on every
command (the shell-prompt segment included), so it uses the standard library's
os and sqlite3 only.
"""

from __future__ import annotations

import os
import sqlite3

SCHEMA_REVISION = "0010"
"""The newest schema revision this learnlog knows (a test keeps it equal to Alembic's head)."""
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
"""Every revision this learnlog can upgrade from, oldest first."""

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 30.0

# What a file: URI may hold unescaped in its path, beside the letters and digits:
# RFC 3986's unreserved characters and the path separator. `?` and `#` would end
# the path, `%` would start an escape, and bytes that are not ASCII are escaped
# so that a name in any encoding reaches the file system as it is.
_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")


def has_sqlite_header(path: str | os.PathLike) -> bool:
    """Whether the file at `path` starts as every SQLite database does; OSError
    when it cannot be read."""
    with open(path, "rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def read_revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision recorded by Alembic, or None where there is no learnlog schema."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return row[0] if row else None


def not_learnlog(subject: str) -> str:
    """What to say of a SQLite database without a learnlog schema."""
    return f"{subject} is a SQLite database, but not a learnlog one"


def newer_learnlog(subject: str, revision: str) -> str:
    """What to say of a database at a revision this learnlog does not know."""
    return f"{subject} was written by a newer learnlog (schema {revision})"


def read_only_address(path: str | os.PathLike, *, immutable: bool = False) -> str:
    """A SQLite URI that opens the file at `path` read-only, whatever characters
    its name holds.

    `immutable` reads the file without locks or a -shm file: only for a file no
    one writes meanwhile."""
    escaped = "".join(
        chr(byte) if byte in _URI_SAFE else f"%{byte:02X}" for byte in os.fsencode(os.path.abspath(path))
    )
    # file:// with an empty authority: a path that starts with // is then still a path.
    return f"file://{escaped}?mode=ro" + ("&immutable=1" if immutable else "")


def write_obstacles(path: str | os.PathLike) -> list[str]:
    """What keeps this process from writing the database at `path`, each named by
    its path: the file itself, its folder (where SQLite makes its -wal and -shm
    files, and learnlog its backups), or a -wal or -shm file left read-only; empty
    when nothing does. A read-only file system counts too (`os.access` says so)."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    blocking = [path] if os.path.exists(path) and not os.access(path, os.W_OK) else []
    if not os.access(folder, os.W_OK | os.X_OK):
        blocking.append(folder)
    for log in (path + "-wal", path + "-shm"):
        if os.path.exists(log) and not os.access(log, os.W_OK):
            blocking.append(log)
    return blocking


def holds_log(path: str | os.PathLike) -> bool:
    """Whether the database at `path` has a -wal file with changes in it."""
    try:
        return os.stat(os.fspath(path) + "-wal").st_size > 0
    except FileNotFoundError:
        return False


def connect_unwritable(path: str | os.PathLike) -> sqlite3.Connection | None:
    """A read-only connection to a database this process cannot write (see
    `write_obstacles`), which leaves no file behind; None when it cannot be read
    as things stand: a -wal with changes in it and no -shm beside it.

    SQLite makes a missing -shm with the database file's own mode, so a read of a
    0400 database would leave a 0400 -shm that later refuses every write, even once
    the database is writable again. Without changes in a -wal the file alone is
    the whole database, read as immutable (no -shm, no locks): nobody can write it
    meanwhile but its owner, after a chmod. With a -wal, only a -shm already there
    lets it be read."""
    if not holds_log(path):
        return connect_read_only(path, immutable=True)
    if os.path.exists(os.fspath(path) + "-shm"):
        return connect_read_only(path)
    return None


def connect_to_look(path: str | os.PathLike) -> sqlite3.Connection | None:
    """A read-only connection for a look at the database at `path` (its revision, its
    integrity) that leaves nothing behind to refuse later writes: see
    `connect_unwritable`, used where this process cannot write, and its None."""
    return connect_unwritable(path) if write_obstacles(path) else connect_read_only(path)


def connect_read_only(path: str | os.PathLike, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection that can only read the database at `path` (never creating a file
    there), in autocommit mode, waiting out a writer's lock as every learnlog does."""
    return sqlite3.connect(
        read_only_address(path, immutable=immutable), uri=True,
        timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
    )
