"""Where a journey's database lives: --db, LEARNLOG_DB, or the user data folder.

The shell-prompt segment resolves the database on every prompt, so the way to a
path is plain `os.path`: pathlib and platformdirs cost more than the whole rest
of that command, and are imported only where a command really works with files.
"""

from __future__ import annotations

import os
import stat
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


USER_FOLDERS = {
    "data": ("XDG_DATA_HOME", "~/.local/share", "user_data_dir"),
    "cache": ("XDG_CACHE_HOME", "~/.cache", "user_cache_dir"),
}
"""Each kind of user folder: its XDG variable, its default on Linux, and the
platformdirs function that names it elsewhere."""


def user_folder(kind: str) -> str:
    """learnlog's folder of this kind ('data' or 'cache'), as platformdirs names it.

    On Linux it is worked out here from the XDG variable, without importing
    platformdirs, which costs more than the whole shell-prompt segment (a test
    keeps the two equal)."""
    variable, default, platformdirs_function = USER_FOLDERS[kind]
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "").strip() or os.path.expanduser(default)
        return os.path.join(base, APP_NAME)
    import platformdirs

    return getattr(platformdirs, platformdirs_function)(APP_NAME, appauthor=False)


def default_database_path() -> str:
    """learnlog.db in the user data folder."""
    return os.path.join(user_folder("data"), DATABASE_FILENAME)


class ServerLocation(namedtuple("ServerLocation", "url")):
    """A PostgreSQL database, named by a URL that holds no password."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.url


SERVER_SCHEMES = ("postgresql+psycopg", "postgresql", "postgres")


def chosen_database(db_option: str | None) -> str | None:
    """What --db, else LEARNLOG_DB, names; None for the default file."""
    if db_option is not None and not db_option.strip():
        raise InputError("--db needs a path or a database URL")
    return db_option or os.environ.get(DB_VARIABLE) or None


def is_database_url(chosen: str) -> bool:
    return "://" in chosen


def server_location(url: str) -> ServerLocation:
    """The PostgreSQL database at `url`, refused when the URL is not one learnlog
    speaks or carries a password (passwords belong in PGPASSWORD or ~/.pgpass,
    where no shell history, process list or message ever shows them)."""
    from urllib.parse import urlsplit, urlunsplit

    scheme = url.split("://", 1)[0]
    if scheme.lower() not in SERVER_SCHEMES:
        raise InputError(
            f"learnlog cannot use {scheme}:// databases: give --db a file path"
            " or a postgresql+psycopg://USER@HOST[:PORT]/DBNAME URL"
        )
    try:
        parts = urlsplit(url)
        password = parts.password
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as error:
        raise InputError(f"not a database URL ({error}): use postgresql+psycopg://USER@HOST[:PORT]/DBNAME") from None
    if password is not None or {"password", "sslpassword"} & _query_names(parts.query):
        raise InputError(
            "the database URL holds a password: leave it out, and put it in PGPASSWORD or ~/.pgpass"
        )
    if not parts.path.strip("/"):
        raise InputError("the database URL names no database: use postgresql+psycopg://USER@HOST[:PORT]/DBNAME")
    return ServerLocation(urlunsplit(("postgresql+psycopg", *parts[1:])))


def _query_names(query: str) -> set[str]:
    from urllib.parse import parse_qsl

    return {name.strip().lower() for name, _ in parse_qsl(query, keep_blank_values=True)}


def database_path(db_option: str | None) -> str:
    """The database file named by --db, else LEARNLOG_DB, else the default one."""
    chosen = chosen_database(db_option)
    if not chosen:
        return default_database_path()
    if is_database_url(chosen):
        raise InputError(f"{chosen.split('://', 1)[0]}:// names a database server, not a file")
    path = os.path.expanduser(chosen)
    if os.path.isdir(path):
        raise InputError(f"{display_path(path)} is a folder: --db takes a database file")
    kind = special_kind(path)
    if kind:
        raise InputError(f"{display_path(path)} is {kind}, not a file: --db takes a database file")
    return path


_SPECIAL_KINDS = (
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
)


def special_kind(path: str | os.PathLike) -> str | None:
    """What `path` is, through any links, when it is neither a regular file nor a
    folder ("a character device", ...); None for a file, a folder, or nothing
    there. learnlog reads and writes regular files only: a database, backup or
    output "replaced" at a device's path would replace the device node itself."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return next((kind for is_kind, kind in _SPECIAL_KINDS if is_kind(mode)), None)


def _is_standard_stream(path) -> bool:
    """Whether `path` is the very file one of learnlog's standard streams is open
    on (as /dev/stdout is, when the output goes to a file)."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    for descriptor in (0, 1, 2):
        try:
            stream = os.fstat(descriptor)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) == (found.st_dev, found.st_ino):
            return True
    return False


def resolve_location(db_option: str | None) -> Location | ServerLocation:
    """The database named by --db, else LEARNLOG_DB, else the default file."""
    from pathlib import Path

    chosen = chosen_database(db_option)
    if chosen and is_database_url(chosen):
        return server_location(chosen)
    return Location(Path(database_path(db_option)))


def refuse_overwrite(path, *, force: bool, what: str | None = None) -> None:
    """InputError when `path` (a pathlib.Path; `what` names it) is a folder, is not a
    regular file (a device, a pipe, or a link to one: --force or not), is where a
    standard stream goes, exists (or is a link) and --force was not given, or has no
    folder to go in."""
    # os.path's questions, not pathlib's: a name too long for the file system is
    # then no folder and no file, and writing it says so in one line.
    if os.path.isdir(path):
        raise InputError(f"{display_path(path)} is a folder: give a file name")
    kind = special_kind(path)
    if kind:
        raise InputError(
            f"{display_path(path)} is {kind}, not a file: learnlog writes regular files only"
            " (to write to standard output, leave the file out)"
        )
    if _is_standard_stream(path):
        raise InputError(
            f"{display_path(path)} is where learnlog's own output goes: to write to standard output, leave the file out"
        )
    if os.path.lexists(path) and not force:
        raise InputError(f"{display_path(path)} exists: use --force to overwrite it")
    if not os.path.isdir(path.parent):
        raise InputError(f"no folder {display_path(path.parent)} to write {what or path.name} into")


def make_private_folder(folder: os.PathLike) -> None:
    """Create `folder` and any missing parents, each readable by the user alone."""
    if os.path.isdir(folder):
        return  # the common case, on every command: no pathlib to import
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
