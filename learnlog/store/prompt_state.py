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
    today 20417
    running 1764241500 20417 845 NumPy

`due` is the deadline's day (days since 1970-01-01, in the local calendar) and
the epoch seconds at which it starts and ends; `backend` is `file` or `server`
(a journey shared from PostgreSQL can change without a local command: the
snippet refreshes a server's state once it is five minutes old); `today` is the
day the deadline was worked out on; `running` is the session the timer is running
(`running -` when none): the epoch second it started, its day number and minute
of the day (wall-clock, for a LEARNLOG_TODAY that fixes the time), and its topic.

`learnlog remind --prompt` reads the file too, where it can be sure the file
tells what the database would (`current_due`), and only then: it then needs
neither sqlite3 nor datetime.

The file's name is derived from the settings (LEARNLOG_DB, LEARNLOG_JOURNEY, the
default data and cache folders) the same way here and in the snippet, by
parameter expansion there: `state_path` is the rule, and the snippets
(`learnlog.views.shell`) spell it out again in each shell's words.
"""

from __future__ import annotations

import os

from learnlog.store.location import chosen_database, chosen_journey, default_database_path, is_database_url, user_folder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date

    from learnlog.domain.timer import RunningSession

FORMAT_LINE = "learnlog-state 1"
FRESH_FOR_SECONDS = 300
"""How old a server journey's state may be before the snippet refreshes it."""
MAX_NAME_BYTES = 240
"""Longer file names than this are beyond some filesystems: for such settings the
snippet runs `learnlog remind --prompt` instead."""
_EPOCH_ORDINAL = 719163
"""date(1970, 1, 1).toordinal(): day numbers count from there."""


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
    from datetime import datetime

    return int(datetime(day.year, day.month, day.day).timestamp())


def day_number(day: date) -> int:
    """Days since 1970-01-01."""
    return day.toordinal() - _EPOCH_ORDINAL


def state_text(due: date, *, server: bool, written: float, today: date, running: RunningSession | None = None) -> str:
    from datetime import timedelta

    lines = [
        FORMAT_LINE,
        f"written {int(written)}",
        f"backend {'server' if server else 'file'}",
        f"due {day_number(due)} {day_start(due)} {day_start(due + timedelta(days=1))}",
        f"today {day_number(today)}",
        "running -" if running is None else (
            f"running {int(running.since.timestamp())} {day_number(running.since.date())}"
            f" {running.since.hour * 60 + running.since.minute} {running.topic}"
        ),
    ]
    return "\n".join(lines) + "\n"


class Clock:
    """Now, as the prompt reads it without datetime: today's day number and, when
    LEARNLOG_TODAY fixes the time too, the minute of that day (else None, and the
    system clock's seconds count)."""

    __slots__ = ("day", "minute")

    def __init__(self, day: int, minute: int | None) -> None:
        self.day, self.minute = day, minute

    def minutes_since(self, running: Running) -> int:
        """Whole minutes since the running session started, rounded half up."""
        import time

        if self.minute is None:
            return max(0, int(time.time() - running.epoch + 30) // 60)
        return max(0, (self.day - running.day) * 1440 + self.minute - running.minute)


class Running:
    """The running session as the state file holds it."""

    __slots__ = ("epoch", "day", "minute", "topic")

    def __init__(self, epoch: int, day: int, minute: int, topic: str) -> None:
        self.epoch, self.day, self.minute, self.topic = epoch, day, minute, topic


def _civil_day_number(year: int, month: int, day: int) -> int | None:
    """Days since 1970-01-01 of a proleptic Gregorian date, or None when there is
    no such date (Howard Hinnant's days_from_civil, checked by going back)."""
    import time

    shifted = year - (month <= 2)
    era = shifted // 400
    of_era = shifted - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    number = era * 146097 + (of_era * 365 + of_era // 4 - of_era // 100 + of_year) - 719468
    try:
        back = time.gmtime(number * 86400)
    except (OverflowError, OSError, ValueError):
        return None
    return number if (back.tm_year, back.tm_mon, back.tm_mday) == (year, month, day) else None


def today_number() -> int | None:
    """Today's day number in the local calendar, as learnlog.clock has it; None when
    LEARNLOG_TODAY is set to anything but YYYY-MM-DD or YYYY-MM-DDTHH:MM, which
    the clock itself answers (with its error)."""
    clock = prompt_clock()
    return None if clock is None else clock.day


def prompt_clock() -> Clock | None:
    """Now, as learnlog.clock has it (see Clock); None when LEARNLOG_TODAY is set to
    anything but YYYY-MM-DD or YYYY-MM-DDTHH:MM, which the clock itself answers."""
    import time

    fixed = os.environ.get("LEARNLOG_TODAY")
    if not fixed:
        now = time.localtime()
        day = _civil_day_number(now.tm_year, now.tm_mon, now.tm_mday)
        return None if day is None else Clock(day, None)
    if len(fixed) not in (10, 16) or fixed[4] != "-" or fixed[7] != "-":
        return None
    hours, minutes = fixed[11:13], fixed[14:16]
    if len(fixed) == 16 and not (fixed[10] == "T" and fixed[13] == ":" and hours.isascii() and hours.isdigit()
                                 and minutes.isascii() and minutes.isdigit() and hours < "24" and minutes < "60"):
        return None
    year, month, day = fixed[0:4], fixed[5:7], fixed[8:10]
    if not (year.isascii() and year.isdigit() and month.isascii() and month.isdigit() and day.isascii() and day.isdigit()):
        return None
    number = _civil_day_number(int(year), int(month), int(day))
    if number is None:
        return None
    # A day alone fixes the clock at noon, as learnlog.clock has it.
    return Clock(number, int(hours) * 60 + int(minutes) if len(fixed) == 16 else 12 * 60)


def _changed_ns(path: str) -> int | None:
    """When the file at `path` last changed, its content or its permissions
    (st_ctime); None when there is no such file."""
    try:
        return os.stat(path).st_ctime_ns
    except FileNotFoundError:
        return None


def current_state(path: str, database: str, today: int) -> tuple[int, Running | None] | None:
    """The deadline's day number and the running session from the state file at
    `path`, when it is sure to be what `database` (a SQLite file) would say on day
    `today`; else None.

    Sure means: the file is well formed and for a file database, it was written
    after the database and its write-ahead log last changed (strictly: file times are only as fine as the system's clock tick, and a tie
    could hide a change), and it was worked out no later than `today` (entries
    never lie after the day they were logged on, so only a clock moved back could
    make the deadline differ).
    """
    try:
        with open(path, "rb") as file:
            state_changed = os.fstat(file.fileno()).st_mtime_ns
            lines = file.read(400).decode("ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 6 or lines[0] != FORMAT_LINE or lines[2] != "backend file":
        return None
    due_fields, today_fields, running_fields = lines[3].split(" "), lines[4].split(" "), lines[5].split(" ", 4)
    if len(due_fields) != 4 or due_fields[0] != "due" or len(today_fields) != 2 or today_fields[0] != "today":
        return None
    if running_fields[0] != "running" or (running_fields[1:] != ["-"] and len(running_fields) != 5):
        return None
    try:
        due, worked_out = int(due_fields[1]), int(today_fields[1])
        running = None if running_fields[1] == "-" else Running(*map(int, running_fields[1:4]), running_fields[4])
    except ValueError:
        return None
    if worked_out > today:
        return None
    database_changed = _changed_ns(database)
    if database_changed is None or database_changed >= state_changed:
        return None
    log_changed = _changed_ns(f"{database}-wal")
    if log_changed is not None and log_changed >= state_changed:
        return None
    return due, running


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
