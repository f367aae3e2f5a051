"""Dates, times and durations as the user types them, and when a session happened.

The grammars here are closed on purpose: an input either matches one of the
listed forms or is refused with a one-line message saying what is accepted.
Nothing is guessed, so '12/11' never silently means the wrong month.

Pure: no clock reads (callers pass `today`/`now`), no I/O. The only contact with
the environment is `datetime.astimezone()`, which reads the local time zone
rules (TZ) to attach the UTC offset valid on a given day.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from learnlog.domain.now import NOON, local_moment
from learnlog.errors import InputError

_MONTHS = {
    name: number
    for number, full in enumerate(
        ["january", "february", "march", "april", "may", "june", "july",
         "august", "september", "october", "november", "december"],
        start=1,
    )
    for name in (full, full[:3])
}
_WEEKDAYS = {
    name: number
    for number, full in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
    for name in (full, full[:3])
}
_NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}

_MONTH = "|".join(_MONTHS)
# re.ASCII: \d would otherwise accept digits from other scripts, e.g. '٣'.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_ISO_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})t(.+)", re.ASCII)
_WEEKDAY = re.compile(rf"(last )?({'|'.join(_WEEKDAYS)})")
_DAYS_AGO = re.compile(r"(\d+) days? ago|-(\d+)d", re.ASCII)
_DAYS_AHEAD = re.compile(r"in (\d+) days?|\+(\d+)d", re.ASCII)
_MONTH_DAY = re.compile(rf"({_MONTH}) (\d{{1,2}})|(\d{{1,2}}) ({_MONTH})", re.ASCII)
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
_TIME_LIKE = re.compile(r"\d{1,2}:\d{2}(:\d{2})?", re.ASCII)
_BARE_NUMBER = re.compile(r"\d+", re.ASCII)
_NUMERIC_DATE = re.compile(r"\d{1,4}([./-]\d{1,4})+[./]?", re.ASCII)
_LOOSE_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}", re.ASCII)
_DURATION = re.compile(
    r"(?P<bare>\d+)"
    r"|(?P<hours>\d+)h(?: ?(?P<minutes>\d+)m)?"
    r"|(?P<only_minutes>\d+)m"
    r"|(?P<decimal_hours>\d+\.\d+)h",
    re.ASCII,
)

_DATE_FORMS = (
    "use YYYY-MM-DD, today, yesterday, fri, last fri, 3 days ago, -3d, in 2 days, +2d, Nov 3 or 3 Nov"
)
_DAY_AHEAD_FORMS = "use YYYY-MM-DD, today, tomorrow, fri, in 2 days, +2d, Mar 1 or 1 Mar"
_TIME_FORMS = "use H:MM or HH:MM, 24-hour, 00:00 to 23:59"
_DURATION_FORMS = "use 45m, 1h30m, 1.5h or 90 for minutes"
_MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class Moment:
    """A day, and the wall-clock time on it if the user gave one."""

    day: date
    clock: time | None


def parse_moment(text: str, today: date) -> Moment:
    """Parse the closed DATE grammar, optionally followed by a time.

    Relative forms resolve against `today`; future days are allowed here
    (callers that forbid them check, e.g. entry_timestamp).
    Raises InputError naming the value and the accepted forms.
    """
    shown = text.strip()
    words = shown.lower().split()
    if not words:
        raise InputError(f"no date given ({_DATE_FORMS})")
    normalized = " ".join(words)
    if iso_with_time := _ISO_DATE_TIME.fullmatch(normalized):
        day_text, clock_text = iso_with_time[1], iso_with_time[2]
    elif len(words) > 1 and ":" in words[-1]:
        day_text, clock_text = " ".join(words[:-1]), words[-1]
    else:
        day_text, clock_text = normalized, None
    day = _resolve_day(day_text, today, shown)
    return Moment(day, None if clock_text is None else _parse_clock(clock_text, shown))


def parse_day(text: str, today: date) -> date:
    """Parse the DATE grammar like parse_moment, but refuse a time part."""
    moment = parse_moment(text, today)
    if moment.clock is not None:
        raise InputError(
            f"a time is not accepted here: {text.strip()!r} (give just a day, e.g. yesterday or 2026-11-20)"
        )
    return moment.day


def parse_day_ahead(text: str, today: date) -> date:
    """Parse the DATE grammar looking forward, for a day to come (a target's date):
    YYYY-MM-DD, today, tomorrow, 'in N days' or +Nd, and a weekday or a month and
    day meaning the next one, today included ('fri', 'Mar 1'). A day before today
    is refused, whichever way it was written; so is a time.
    Raises InputError naming the value and the accepted forms.
    """
    shown = text.strip()
    normalized = " ".join(shown.lower().split())
    if not normalized:
        raise InputError(f"no date given ({_DAY_AHEAD_FORMS})")
    if _ISO_DATE_TIME.fullmatch(normalized) or (" " in normalized and ":" in normalized.rsplit(" ", 1)[1]):
        raise InputError(f"a time is not accepted here: {shown!r} (give just a day, e.g. fri or 2026-12-31)")
    day = _resolve_day_ahead(normalized, today, shown)
    if day < today:
        raise InputError(
            f"{shown!r} is before today ({today.isoformat()}): give today or a later day, e.g. fri or 'in 30 days'"
        )
    return day


def parse_duration(text: str) -> int:
    """Parse the closed DURATION grammar into whole minutes, from 1 to 1440."""
    shown = text.strip()
    if not shown:
        raise InputError(f"no duration given ({_DURATION_FORMS})")
    match = _DURATION.fullmatch(shown.lower())
    if not match:
        raise InputError(f"not a duration: {shown!r} ({_DURATION_FORMS})")
    if match["decimal_hours"]:
        # Via Decimal, which (unlike int()) accepts any number of digits, exactly;
        # imported here, as most durations are typed in hours and minutes.
        from decimal import Decimal
        from fractions import Fraction

        minutes = Fraction(Decimal(match["decimal_hours"])) * 60
        if minutes.denominator != 1:
            raise InputError(
                f"not a whole number of minutes: {shown!r} (that is {float(minutes):g}m; write e.g. 1h30m or 1.25h)"
            )
        total = int(minutes)
    elif match["hours"]:
        minutes = _count(match["minutes"] or "0")
        if minutes > 59:
            raise InputError(
                f"minutes part over 59: {shown!r} (with hours, minutes go from 0 to 59, e.g. 2h30m)"
            )
        total = _count(match["hours"]) * 60 + minutes
    else:
        total = _count(match["bare"] or match["only_minutes"])
    if not 1 <= total <= _MAX_MINUTES:
        raise InputError(f"duration out of range: {shown!r} (from 1m to 24h)")
    return total


def parse_minimum(text: str) -> int:
    """A cadence's minimum per check-in day: a DURATION as parse_duration takes it, or
    0 (also written 0m or 0h) for no minimum."""
    if text.strip().lower() in ("0", "0m", "0h"):
        return 0
    try:
        return parse_duration(text)
    except InputError as error:
        raise InputError(f"--min: {error} (or 0 for no minimum)") from None


def entry_timestamp(moment: Moment, now: datetime, start: date) -> datetime:
    """When a logged session happened, as an aware local datetime.

    Without a time: `now` if the day is today, else 12:00 local that day.
    Refuses a future day, a time later than `now`, a day before the journey's
    `start`, and a wall-clock time that the daylight-saving switch skipped.
    In the repeated hour of a fall-back, the first (summer-time) one is meant.
    The result always falls on `moment.day`, with that day's UTC offset.
    """
    check_entry_day(moment.day, today=now.date(), start=start)
    if moment.clock is None:
        return now if moment.day == now.date() else local_moment(moment.day, NOON)
    return check_entry_moment(local_moment(moment.day, moment.clock), now=now, start=start)


def check_journey_start(start: date, today: date) -> date:
    """A journey's Day 0: today or a day before."""
    if start > today:
        raise InputError(f"a journey cannot start in the future ({start.isoformat()})")
    return start


def check_entry_day(day: date, *, today: date, start: date) -> date:
    """An entry's day lies within the journey: not before its `start`, not after `today`."""
    if day > today:
        raise InputError(f"{day.isoformat()} is in the future (today is {today.isoformat()})")
    if day < start:
        raise InputError(f"{day.isoformat()} is before the journey started ({start.isoformat()})")
    return day


def check_entry_moment(when: datetime, *, now: datetime, start: date) -> datetime:
    """An entry's moment (aware) lies within the journey: its day as check_entry_day
    has it, and no later than `now`. Every way in holds entries to this: log, edit,
    post publish and each import."""
    check_entry_day(when.date(), today=now.date(), start=start)
    if when > now:
        raise InputError(f"{when:%H:%M} today is later than now ({now:%H:%M})")
    return when


def day_number(day: date, start: date) -> int:
    """Days since the journey's start: 0 on the start day itself."""
    return (day - start).days


def relative_days(day: date, today: date) -> str:
    """`day` in words relative to `today`: 'today', 'yesterday', '3 days ago', 'tomorrow', 'in 2 days'."""
    days_ago = (today - day).days
    if days_ago == 0:
        return "today"
    if days_ago == 1:
        return "yesterday"
    if days_ago == -1:
        return "tomorrow"
    return f"{days_ago} days ago" if days_ago > 0 else f"in {-days_ago} days"


def _resolve_day(text: str, today: date, shown: str) -> date:
    """The day a lower-cased, single-spaced DATE (without time) denotes."""
    if text in _NAMED_DAYS:
        return _shift(today, _NAMED_DAYS[text], shown)
    if weekday := _WEEKDAY.fullmatch(text):
        days_back = (today.weekday() - _WEEKDAYS[weekday[2]]) % 7 + (7 if weekday[1] else 0)
        return _shift(today, -days_back, shown)
    if ago := _DAYS_AGO.fullmatch(text):
        return _shift(today, -_count(ago[1] or ago[2]), shown)
    if ahead := _DAYS_AHEAD.fullmatch(text):
        return _shift(today, _count(ahead[1] or ahead[2]), shown)
    if month_day := _MONTH_DAY.fullmatch(text):
        month = _MONTHS[month_day[1] or month_day[4]]
        return _most_recent(month, int(month_day[2] or month_day[3]), today, shown)
    if iso := _ISO_DATE.fullmatch(text):
        return _real_date(int(iso[1]), int(iso[2]), int(iso[3]), shown)
    raise InputError(_why_not_a_date(text, shown))


def _resolve_day_ahead(text: str, today: date, shown: str) -> date:
    """The day a lower-cased, single-spaced DATE looking forward denotes; the forms
    that look back (yesterday, 3 days ago, last fri) resolve as parse_day has them,
    for parse_day_ahead to refuse as before today."""
    if text in ("today", "tomorrow"):
        return _shift(today, _NAMED_DAYS[text], shown)
    weekday = _WEEKDAY.fullmatch(text)
    if weekday and not weekday[1]:
        return _shift(today, (_WEEKDAYS[weekday[2]] - today.weekday()) % 7, shown)
    if ahead := _DAYS_AHEAD.fullmatch(text):
        return _shift(today, _count(ahead[1] or ahead[2]), shown)
    if month_day := _MONTH_DAY.fullmatch(text):
        month = _MONTHS[month_day[1] or month_day[4]]
        return _next_occurrence(month, int(month_day[2] or month_day[3]), today, shown)
    if iso := _ISO_DATE.fullmatch(text):
        return _real_date(int(iso[1]), int(iso[2]), int(iso[3]), shown)
    if text == "yesterday" or weekday or _DAYS_AGO.fullmatch(text):
        return _resolve_day(text, today, shown)
    raise InputError(_why_not_a_date(text, shown, _DAY_AHEAD_FORMS))


def _why_not_a_date(text: str, shown: str, forms: str = _DATE_FORMS) -> str:
    """The refusal for a DATE outside the grammar (whose `forms` it lists),
    explaining the likely mix-up."""
    if _BARE_NUMBER.fullmatch(text):
        return f"not a date: {shown!r} (a bare number is ambiguous; use YYYY-MM-DD, 'Nov 12' or '12 Nov')"
    if _TIME_LIKE.fullmatch(text):
        return f"not a date: {shown!r} (a time alone is ambiguous; add the day, e.g. 'today 21:30')"
    if _LOOSE_ISO_DATE.fullmatch(text):
        return f"not a date: {shown!r} (write YYYY-MM-DD with two-digit month and day, e.g. 2026-01-05)"
    if _NUMERIC_DATE.fullmatch(text):
        return (
            f"not a date: {shown!r} (numeric forms like 12/11 are ambiguous; use YYYY-MM-DD, 'Nov 12' or '12 Nov')"
        )
    return f"not a date: {shown!r} ({forms})"


def _parse_clock(text: str, shown: str) -> time:
    """A 24-hour H:MM or HH:MM wall-clock time; seconds are refused to keep one form."""
    match = _TIME.fullmatch(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(f"not a time: {text!r} in {shown!r} ({_TIME_FORMS}; no seconds)")
    return time(int(match[1]), int(match[2]))


def _count(digits: str) -> int:
    """int(digits), except 10**20 for absurdly long numbers (int() refuses thousands of
    digits); 10**20 is out of every range here, as they are."""
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) < 20 else 10**20


def _shift(today: date, days: int, shown: str) -> date:
    try:
        return today + timedelta(days=days)
    except OverflowError:
        raise InputError(f"date out of range: {shown!r} (too far from today)") from None


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise InputError(f"not a real date: {shown!r} ({error})") from None


def _most_recent(month: int, day: int, today: date, shown: str) -> date:
    """The latest date with this month and day on or before `today`."""
    _real_date(2000, month, day, shown)  # a leap year, so only days that never exist fail
    # Feb 29 can be 8 years back (e.g. 1896 to 1904); any other day is at most 1.
    for year in range(today.year, max(today.year - 9, 0), -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise InputError(f"date out of range: {shown!r} (too far from today)")


def _next_occurrence(month: int, day: int, today: date, shown: str) -> date:
    """The earliest date with this month and day on or after `today`."""
    _real_date(2000, month, day, shown)  # a leap year, so only days that never exist fail
    # Feb 29 can be 8 years ahead (e.g. 2096 to 2104); any other day is at most 1.
    for year in range(today.year, min(today.year + 9, date.max.year + 1)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise InputError(f"date out of range: {shown!r} (too far from today)")


def moved_moment(moment: Moment, current: datetime, now: datetime) -> Moment:
    """Where an edited entry goes: a new day given without a time keeps the entry's
    time of day, unless that time has not yet come today (then it takes now)."""
    if moment.clock is not None:
        return moment
    kept = current.time().replace(tzinfo=None)
    if moment.day == now.date() and kept > now.time().replace(tzinfo=None):
        return Moment(moment.day, None)
    return Moment(moment.day, kept)
