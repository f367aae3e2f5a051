"""Where a journey's database lives: --db, LEARNLOG_DB, or the user data folder.

The shell-prompt segment resolves the database on every prompt, so the way to a
path is plain `os.path`: pathlib and platformdirs cost more than the whole rest
of that command, and are imported only where a command really works with files.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple

from learnlog.errors import InputError

DB_VARIABLE = "LEARNLOG_DB"
JOURNEY_VARIABLE = "LEARNLOG_JOURNEY"
DATABASE_FILENAME = "learnlog.db"
APP_NAME = "learnlog"


class Location(namedtuple("Location", "path")):
    """A SQLite database file; `path` is a pathlib.Path, or a plain string on the
    prompt's way in."""

    __slots__ = ()

    def __str__(self) -> str:
        return display_path(self.path)


def display_path(path: str | os.PathLike) -> str:
    """The path as the user would type it: under the home folder, starting with ~."""
    text = os.fspath(path)
    home = os.path.expanduser("~")
    if home != "/" and text.startswith(home + os.sep):
        return "~" + text[len(home):]
    return text


def default_database_path() -> str:
    """learnlog.db in the user data folder that platformdirs names for this platform.

    On Linux that folder is $XDG_DATA_HOME (or ~/.local/share) + /learnlog, worked
    out here without importing platformdirs (a test keeps the two equal)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return os.path.join(base, APP_NAME, DATABASE_FILENAME)
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir(APP_NAME, appauthor=False), DATABASE_FILENAME)


def database_path(db_option: str | None) -> str:
    """The database file named by --db, else LEARNLOG_DB, else the default one."""
    if db_option is not None and not db_option.strip():
        raise InputError("--db needs a path")
    chosen = db_option or os.environ.get(DB_VARIABLE)
    if not chosen:
        return default_database_path()
    if "://" in chosen:
        scheme = chosen.split("://", 1)[0]
        raise InputError(
            f"database URLs ({scheme}://...) are not supported yet: give --db a file path"
        )
    path = os.path.expanduser(chosen)
    if os.path.isdir(path):
        raise InputError(f"{display_path(path)} is a folder: --db takes a database file")
    return path


def resolve_location(db_option: str | None) -> Location:
    """The database named by --db, else LEARNLOG_DB, else the default file."""
    from pathlib import Path

    return Location(Path(database_path(db_option)))


def make_private_folder(folder: os.PathLike) -> None:
    """Create `folder` and any missing parents, each readable by the user alone."""
    from pathlib import Path

    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)


def with_logs(path):
    """The database file at `path` (a pathlib.Path) and its -wal and -shm files."""
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def chosen_journey(journey_option: str | None) -> str | None:
    """The journey named by --journey, else LEARNLOG_JOURNEY; None lets the store choose."""
    return journey_option or os.environ.get(JOURNEY_VARIABLE) or None
