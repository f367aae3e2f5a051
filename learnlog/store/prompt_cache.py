"""The shell-prompt segment's cache for a journey on PostgreSQL.

A prompt must not wait for a server, so every command on a PostgreSQL journey
leaves the facts the segment needs (the day that set the deadline in force, the
cadence rules, and the excused days after it) in a small file in the user's cache folder;
`remind --prompt` recomputes today's state from it, never connecting and never
writing. The file is keyed by the database URL (which never holds a password)
and the journey option, and written whole, then renamed, so a prompt never reads
half of one.

Its format is plain lines, so that reading it imports neither json nor re:

    learnlog-prompt-cache 1
    key <url> <journey>
    written <seconds since the epoch>
    setter 2026-11-24
    rule 2026-11-01 3 any
    excused 2026-11-27
"""

from __future__ import annotations

import os
import time
import zlib
from datetime import date

from learnlog.domain.cadence import DeadlineInputs, Rule
from learnlog.errors import InputError
from learnlog.store.location import ServerLocation, user_folder

FORMAT_LINE = "learnlog-prompt-cache 1"
FRESH_FOR_SECONDS = 300
"""How long a cache is trusted: a journey shared with other computers may have
moved on since, so an old cache shows nothing rather than a stale state."""


def cache_key(location: ServerLocation, journey: str | None) -> str:
    """One line naming the database (its URL as learnlog spells it, whatever spelling
    was given) and the journey option."""
    return f"{location.url} {journey or ''}"


def cache_path(key: str) -> str:
    return os.path.join(user_folder("cache"), f"prompt-{zlib.crc32(key.encode()):08x}.txt")


def cache_text(key: str, inputs: DeadlineInputs, written: float) -> str:
    lines = [FORMAT_LINE, f"key {key}", f"written {int(written)}", f"setter {inputs.setter.isoformat()}"]
    lines += [f"rule {rule.effective.isoformat()} {rule.every} {rule.counts}" for rule in inputs.rules]
    lines += [f"excused {day.isoformat()}" for day in inputs.excused_days]
    return "\n".join(lines) + "\n"


def write_cache(key: str, inputs: DeadlineInputs) -> None:
    """Leave the cache for `key`, the way the shell prompt's state is left (whole,
    private, and never a reason for the command to fail)."""
    from learnlog.store.prompt_state import write_state

    write_state(cache_path(key), cache_text(key, inputs, time.time()))


def read_cache(key: str, now: float) -> DeadlineInputs | None:
    """The inputs cached for `key`, or None when there is no cache for it, it is
    unreadable, or it is older than FRESH_FOR_SECONDS."""
    try:
        with open(cache_path(key), encoding="utf-8") as file:
            lines = file.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 4 or lines[0] != FORMAT_LINE or lines[1] != f"key {key}":
        return None
    try:
        return _parse(lines, now)
    except (ValueError, IndexError, TypeError, InputError):
        return None


def _parse(lines: list[str], now: float) -> DeadlineInputs | None:
    label, written = lines[2].split(" ")
    if label != "written" or not 0 <= now - int(written) <= FRESH_FOR_SECONDS:
        return None
    label, setter = lines[3].split(" ")
    if label != "setter":
        return None
    rules, excused_days = [], []
    for line in lines[4:]:
        label, *fields = line.split(" ")
        if label == "rule":
            rules.append(Rule(date.fromisoformat(fields[0]), int(fields[1]), fields[2]))
        elif label == "excused":
            excused_days.append(date.fromisoformat(fields[0]))
        else:
            return None
    return DeadlineInputs(date.fromisoformat(setter), rules, excused_days)
