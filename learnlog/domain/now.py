"""Local moments: "now" as LEARNLOG_TODAY fixes it, and a wall-clock time placed on
a day. Standard library only, and no regular expressions: the shell-prompt
segment reads "today" through here on every prompt."""

from __future__ import annotations

from datetime import date, datetime, time

from learnlog.errors import InputError

NOON = time(12, 0)


def local_moment(day: date, clock: time) -> datetime:
    """`clock` on `day` as an aware datetime with the local UTC offset of that moment."""
    naive = datetime.combine(day, clock)
    try:
        aware = naive.astimezone()
    except (ValueError, OverflowError):
        raise InputError(f"date out of range: {day.isoformat()} (the local time zone cannot place it)") from None
    if aware.replace(tzinfo=None) != naive:
        # astimezone() moves a time the clocks skipped by an hour, possibly to the day before.
        raise InputError(
            f"no such local time: {day.isoformat()} {clock:%H:%M} (the clocks skipped it for daylight saving time)"
        )
    return aware


def _digits(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{text!r} is not a number")
    return int(text)


def parse_now_override(text: str) -> datetime:
    """Parse LEARNLOG_TODAY: 'YYYY-MM-DD' (meaning 12:00 that day) or 'YYYY-MM-DDTHH:MM'.

    Returns an aware datetime in the local time zone.
    """
    shown = text.strip()
    # No variable name here: the caller (learnlog.clock) prefixes it.
    refusal = f"not a date or date-time: {shown!r}"
    forms = "use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
    dated, separator, timed = shown[:10], shown[10:11], shown[11:]
    parts = dated.split("-")
    well_formed = len(parts) == 3 and [len(part) for part in parts] == [4, 2, 2] and (
        len(shown) == 10 or (len(shown) == 16 and separator in "Tt" and timed[2:3] == ":")
    )
    if not well_formed:
        raise InputError(f"{refusal} ({forms})")
    try:
        day = date(_digits(parts[0]), _digits(parts[1]), _digits(parts[2]))
        clock = time(_digits(timed[:2]), _digits(timed[3:])) if timed else NOON
    except ValueError as error:
        raise InputError(f"{refusal} ({error}; {forms})") from None
    return local_moment(day, clock)
