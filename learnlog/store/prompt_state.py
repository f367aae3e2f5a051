"""The shell prompt's state file: what the snippet of `learnlog shell-init` reads
at every prompt, with shell builtins only, to show '2d left', 'due today' or
'overdue 1d' without starting a process.

Every command that opens a journey rewrites it once its transaction has
committed (or its reading is done), so a change made in any terminal shows at
the next prompt. It holds the deadline in force as a day number and as its
local day boundaries, so that midnight and the count of days move on with no
command run:

    learnlog-state 1
    written 1764059400
    backend file
    due 20420 1764284400 1764370800

`due` is the deadline's day (days since 1970-01-01, in the local calendar) and
the epoch seconds at which it starts and ends; `backend` is `file` or `server`
(a journey shared from PostgreSQL can change without a local command: the
snippet refreshes a server's state once it is five minutes old).

The file's name is derived from the settings (LEARNLOG_DB, LEARNLOG_JOURNEY, the
default data and cache folders) the same way here and in the snippet, by
parameter expansion there: `state_path` is the rule, and the snippets
(`learnlog.views.shell`) spell it out again in each shell's words.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from learnlog.store.location import chosen_database, chosen_journey, default_database_path, is_database_url, user_folder

FORMAT_LINE = "learnlog-state 1"
FRESH_FOR_SECONDS = 300
"""How old a server journey's state may be before the snippet refreshes it."""
MAX_NAME_BYTES = 240
"""Longer file names than this are beyond some filesystems: for such settings the
snippet runs `learnlog remind --prompt` instead."""
_EPOCH = date(1970, 1, 1)


def escaped(text: str) -> str:
    """`text` as one file name: % and / written as %25 and %2F."""
    return text.replace("%", "%25").replace("/", "%2F")


def logical_path(path: str) -> str:
    """`path` made absolute from the shell's working folder ($PWD, which keeps the
    folder names the user typed) when that is this process's folder, as the
    snippet makes it."""
    if os.path.isabs(path):
        return path
    folder = os.environ.get("PWD")
    try:
        if not folder or not os.path.isabs(folder) or not os.path.samefile(folder, "."):
            folder = os.getcwd()
    except OSError:
        folder = os.getcwd()
    return f"{folder.rstrip('/')}/{path}"


def state_path(db_option: str | None, journey_option: str | None) -> str:
    """Where the state of the journey these settings choose is kept: in learnlog's
    cache folder, named after the database (a file's absolute path, or a URL as
    given) and the journey option, if any."""
    chosen = chosen_database(db_option)
    if chosen and is_database_url(chosen):
        database = chosen
    else:
        database = logical_path(os.path.expanduser(chosen)) if chosen else default_database_path()
    journey = chosen_journey(journey_option)
    name = escaped(database) + (f"%00{escaped(journey)}" if journey else "")
    return os.path.join(user_folder("cache"), "prompt", name)


def day_start(day: date) -> int:
    """The epoch second at which `day` begins in the local time zone."""
    return int(datetime(day.year, day.month, day.day).timestamp())


def state_text(due: date, *, server: bool, written: float) -> str:
    lines = [
        FORMAT_LINE,
        f"written {int(written)}",
        f"backend {'server' if server else 'file'}",
        f"due {(due - _EPOCH).days} {day_start(due)} {day_start(due + timedelta(days=1))}",
    ]
    return "\n".join(lines) + "\n"


def write_state(path: str, text: str) -> None:
    """Put `text` at `path` whole (written beside it, then renamed), readable by the
    user alone. A state that cannot be written is no reason for the command to
    fail: the snippet then shows nothing, so trouble here is ignored. (The
    PostgreSQL cache of `remind --prompt` is written the same way.)"""
    from learnlog.store.location import make_private_folder

    if len(os.path.basename(path).encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        return
    partial = f"{path}.{os.getpid()}.new"
    try:
        make_private_folder(os.path.dirname(path))
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(partial, path)
    except OSError:
        try:
            os.unlink(partial)
        except OSError:
            pass
