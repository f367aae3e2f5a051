"""Advisory locks that let several learnlog processes agree on who creates or
upgrades a database, while everything else goes through SQLite's own locking."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive flock on `path` (a file or a folder) until the block ends.

    flock, not fcntl's record locks: SQLite uses the latter on the database file,
    and the two kinds never interfere.
    """
    descriptor = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
