"""Where a journey's database lives: --db, LEARNLOG_DB, or the user data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from learnlog.errors import InputError

DB_VARIABLE = "LEARNLOG_DB"
JOURNEY_VARIABLE = "LEARNLOG_JOURNEY"
DATABASE_FILENAME = "learnlog.db"


@dataclass(frozen=True)
class Location:
    """A SQLite database file."""

    path: Path

    def __str__(self) -> str:
        return display_path(self.path)


def display_path(path: Path) -> str:
    """The path as the user would type it: under the home folder, starting with ~."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("learnlog", appauthor=False) / DATABASE_FILENAME


def resolve_location(db_option: str | None) -> Location:
    """The database named by --db, else LEARNLOG_DB, else the default file."""
    if db_option is not None and not db_option.strip():
        raise InputError("--db needs a path")
    chosen = db_option or os.environ.get(DB_VARIABLE)
    if not chosen:
        return Location(default_database_path())
    if "://" in chosen:
        scheme = chosen.split("://", 1)[0]
        raise InputError(
            f"database URLs ({scheme}://...) are not supported yet: give --db a file path"
        )
    path = Path(chosen).expanduser()
    if path.is_dir():
        raise InputError(f"{display_path(path)} is a folder: --db takes a database file")
    return Location(path)


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents, each readable by the user alone."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)


def chosen_journey(journey_option: str | None) -> str | None:
    """The journey named by --journey, else LEARNLOG_JOURNEY; None lets the store choose."""
    return journey_option or os.environ.get(JOURNEY_VARIABLE) or None
