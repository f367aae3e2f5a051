"""The session timer (`learnlog start`, `stop`, `cancel`, `continue`): when a
running session started, how long it has run, and what `stop` logs.

Pure: moments in, facts out. `now` is always a parameter, an aware local datetime.
The shell prompt reads a running session through this module, so the date
grammar (with re and dataclasses) is imported only by the functions that parse.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import datetime, timedelta

from learnlog.errors import InputError

SHORTEST_SECONDS = 60
"""A session stopped sooner is discarded, not logged: a timer started by mistake."""
LONGEST = timedelta(hours=24)
"""A session running longer is a forgotten timer: `stop --at TIME` says when it ended."""


class RunningSession(namedtuple("RunningSession", "topic kind note tags since")):
    """The session a timer is running: its topic's name, kind, note (or None), tags
    and the aware moment it started."""

    __slots__ = ()

    def minutes(self, now: datetime) -> int:
        """Whole minutes run by `now`, rounded half up, as `stop` would log them."""
        return elapsed_minutes(self.since, now)

    def to_json(self, now: datetime) -> dict:
        return {
            "topic": self.topic,
            "kind": self.kind,
            "since": self.since.isoformat(),
            "minutes": self.minutes(now),
            "note": self.note,
        }


def timer_moment(text: str, now: datetime, start) -> datetime:
    """When `start --at` or `stop --at` says: the closed DATE grammar with an optional
    time (`yesterday 21:30`), or a time alone (`14:05`: today at that time, or
    yesterday when that is still to come). Never in the future, never before the
    journey's `start`; held to the rules of `log --date`."""
    import re

    from learnlog.domain.dates import Moment, entry_timestamp, parse_moment

    shown = text.strip()
    if re.fullmatch(r"\d{1,2}:\d{2}", shown, re.ASCII):
        today = now.date()
        # Through parse_moment, so that an impossible time is refused in its words.
        moment = parse_moment(f"today {shown}", today)
        if (moment.clock.hour, moment.clock.minute) > (now.hour, now.minute):
            moment = Moment(today - timedelta(days=1), moment.clock)
        return entry_timestamp(moment, now, start)
    return entry_timestamp(parse_moment(shown, now.date()), now, start)


def elapsed_minutes(since: datetime, until: datetime) -> int:
    """The whole minutes from `since` to `until`, rounded half up."""
    seconds = (until - since).total_seconds()
    return int(seconds // 60 + (1 if seconds % 60 >= 30 else 0))


def check_stop(since: datetime, until: datetime, *, now: datetime, start) -> int | None:
    """The minutes `stop` logs for a session run from `since` to `until`; None when
    it ran under a minute (nothing is logged). Refuses an end before the start or
    after `now` (as `log --date` refuses a future time), and a session of over 24
    hours."""
    from learnlog.domain.dates import check_entry_moment

    check_entry_moment(until, now=now, start=start)
    if until < since:
        raise InputError(
            f"--at {until:%a %-d %b %H:%M} is before the session started ({since:%a %-d %b %H:%M})"
        )
    if until - since > LONGEST:
        hours = int((until - since).total_seconds() // 3600)
        raise InputError(
            f"the session has run for {hours}h, over 24 hours: say when it ended with learnlog stop --at TIME"
        )
    if (until - since).total_seconds() < SHORTEST_SECONDS:
        return None
    return elapsed_minutes(since, until)


def joined_note(started: str | None, stopped: str | None) -> str | None:
    """The notes given at `start` and at `stop`, the start's first, a blank line between."""
    notes = [note for note in (started, stopped) if note]
    return "\n\n".join(notes) if notes else None


def joined_tags(started: tuple[str, ...], stopped: list[str]) -> list[str]:
    """The tags given at `start`, then the new ones given at `stop`."""
    tags = list(started)
    tags.extend(tag for tag in stopped if tag not in tags)
    return tags


def check_timed_kind(kind: str) -> str:
    """A post is published, not timed."""
    if kind == "post":
        raise InputError("a post is published, not timed: log it with learnlog log --kind post")
    return kind
