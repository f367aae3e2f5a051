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

SCHEMA_REVISION = "0005"
"""The newest schema revision this learnlog knows (a test keeps it equal to Alembic's head)."""
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
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


def connect_read_only(path: str | os.PathLike, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection that can only read the database at `path` (never creating a file
    there), in autocommit mode, waiting out a writer's lock as every learnlog does."""
    return sqlite3.connect(
        read_only_address(path, immutable=immutable), uri=True,
        timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
    )
