"""The closed date, time and duration grammars, and when a logged session happened."""

import os
import time as clock_module
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnlog.domain.now import parse_now_override
from learnlog.domain.dates import (
    Moment,
    day_number,
    entry_timestamp,
    parse_day,
    parse_day_ahead,
    parse_duration,
    parse_moment,
    relative_days,
)
from learnlog.errors import InputError

TODAY = date(2026, 11, 25)  # a Wednesday
HOUR = timedelta(hours=1)


def assert_one_line(message: str) -> None:
    assert message and message == message.strip() and len(message.splitlines()) == 1, repr(message)


@contextmanager
def local_time_zone(name: str):
    """Run with TZ set to `name`, restoring the previous TZ afterwards."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = name
    clock_module.tzset()
    try:
        yield
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        clock_module.tzset()


@pytest.fixture
def berlin():
    with local_time_zone("Europe/Berlin"):
        yield


def berlin_time(year, month, day, hour, minute, offset_hours):
    return datetime(year, month, day, hour, minute, tzinfo=timezone(offset_hours * HOUR))


# --- DATE grammar ------------------------------------------------------------

VALID_DAYS = [
    ("2026-11-20", date(2026, 11, 20)),
    ("2024-02-29", date(2024, 2, 29)),
    ("2027-01-01", date(2027, 1, 1)),
    ("today", TODAY),
    ("yesterday", date(2026, 11, 24)),
    ("tomorrow", date(2026, 11, 26)),
    ("  Yesterday  ", date(2026, 11, 24)),
    ("TODAY", TODAY),
    ("wed", TODAY),
    ("Wednesday", TODAY),
    ("tue", date(2026, 11, 24)),
    ("fri", date(2026, 11, 20)),
    ("Friday", date(2026, 11, 20)),
    ("thu", date(2026, 11, 19)),
    ("sun", date(2026, 11, 22)),
    ("mon", date(2026, 11, 23)),
    ("last fri", date(2026, 11, 13)),
    ("last wed", date(2026, 11, 18)),
    ("Last  Monday", date(2026, 11, 16)),
    ("0 days ago", TODAY),
    ("1 day ago", date(2026, 11, 24)),
    ("3 days ago", date(2026, 11, 22)),
    ("30 days ago", date(2026, 10, 26)),
    ("-3d", date(2026, 11, 22)),
    ("-1D", date(2026, 11, 24)),
    ("in 1 day", date(2026, 11, 26)),
    ("in 2 days", date(2026, 11, 27)),
    ("+2d", date(2026, 11, 27)),
    ("Nov 3", date(2026, 11, 3)),
    ("3 Nov", date(2026, 11, 3)),
    ("November 3", date(2026, 11, 3)),
    ("3 november", date(2026, 11, 3)),
    ("nov 25", TODAY),
    ("Nov 26", date(2025, 11, 26)),
    ("Dec 1", date(2025, 12, 1)),
    ("1 jan", date(2026, 1, 1)),
    ("feb 28", date(2026, 2, 28)),
    ("Feb 29", date(2024, 2, 29)),
    ("may 05", date(2026, 5, 5)),
]


@pytest.mark.parametrize(("text", "expected"), VALID_DAYS)
def test_date_forms_resolve_relative_to_today(text, expected):
    assert parse_day(text, TODAY) == expected
    assert parse_moment(text, TODAY) == Moment(expected, None)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("Feb 29", date(2028, 2, 29), date(2028, 2, 29)),
        ("Feb 29", date(2028, 2, 28), date(2024, 2, 29)),
        ("Feb 29", date(1904, 3, 1), date(1904, 2, 29)),
        ("Feb 29", date(1904, 2, 28), date(1896, 2, 29)),
        ("dec 31", date(2027, 1, 1), date(2026, 12, 31)),
        ("jan 1", date(2026, 12, 31), date(2026, 1, 1)),
    ],
)
def test_month_and_day_means_its_most_recent_occurrence_on_or_before_today(text, today, expected):
    assert parse_day(text, today) == expected


VALID_MOMENTS = [
    ("yesterday 21:30", date(2026, 11, 24), time(21, 30)),
    ("fri 9:05", date(2026, 11, 20), time(9, 5)),
    ("2026-11-20T21:30", date(2026, 11, 20), time(21, 30)),
    ("2026-11-20t21:30", date(2026, 11, 20), time(21, 30)),
    ("2026-11-20 21:30", date(2026, 11, 20), time(21, 30)),
    ("today 00:00", TODAY, time(0, 0)),
    ("today 23:59", TODAY, time(23, 59)),
    ("last fri 07:45", date(2026, 11, 13), time(7, 45)),
    ("3 days ago 18:00", date(2026, 11, 22), time(18, 0)),
    ("Nov 3 8:00", date(2026, 11, 3), time(8, 0)),
    ("  -1d   12:15 ", date(2026, 11, 24), time(12, 15)),
]


@pytest.mark.parametrize(("text", "day", "clock"), VALID_MOMENTS)
def test_a_date_may_be_followed_by_a_24_hour_time(text, day, clock):
    assert parse_moment(text, TODAY) == Moment(day, clock)


INVALID_DATES = [
    ("12", "a bare number is ambiguous"),
    ("2026", "a bare number is ambiguous"),
    ("21:30", "a time alone is ambiguous"),
    ("9:05", "a time alone is ambiguous"),
    ("12/11", "numeric forms like 12/11 are ambiguous"),
    ("11-12", "numeric forms like 12/11 are ambiguous"),
    ("12.11.", "numeric forms like 12/11 are ambiguous"),
    ("12/11/2026", "numeric forms like 12/11 are ambiguous"),
    ("2026/11/12", "numeric forms like 12/11 are ambiguous"),
    ("2026-1-5", "two-digit month and day"),
    ("20261125", "a bare number is ambiguous"),
    ("2026-02-30", "not a real date"),
    ("2026-13-01", "not a real date"),
    ("0000-01-01", "not a real date"),
    ("Nov 31", "not a real date"),
    ("feb 30", "not a real date"),
    ("0 nov", "not a real date"),
    ("someday", "use YYYY-MM-DD"),
    ("next fri", "use YYYY-MM-DD"),
    ("last", "use YYYY-MM-DD"),
    ("last nov 3", "use YYYY-MM-DD"),
    ("fr", "use YYYY-MM-DD"),
    ("sept 3", "use YYYY-MM-DD"),
    ("nov 3rd", "use YYYY-MM-DD"),
    ("3 days", "use YYYY-MM-DD"),
    ("in -2 days", "use YYYY-MM-DD"),
    ("-3", "use YYYY-MM-DD"),
    ("3d", "use YYYY-MM-DD"),
    ("yesterday at 21:30", "use YYYY-MM-DD"),
    ("21:30 yesterday", "use YYYY-MM-DD"),
    ("٣ days ago", "use YYYY-MM-DD"),
    ("yesterday 25:00", "not a time"),
    ("yesterday 21:60", "not a time"),
    ("yesterday 21:30:15", "not a time"),
    ("yesterday 9:5", "not a time"),
    ("yesterday 9pm:", "not a time"),
    ("2026-11-20T9", "not a time"),
    ("999999999999 days ago", "date out of range"),
    ("+99999999999999999999999999999d", "date out of range"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID_DATES)
def test_text_outside_the_date_grammar_is_refused_naming_the_value(text, reason):
    with pytest.raises(InputError) as refused:
        parse_moment(text, TODAY)
    message = str(refused.value)
    assert_one_line(message)
    assert repr(text.strip()) in message
    assert reason in message


def test_ambiguous_numeric_date_message_suggests_unambiguous_forms():
    with pytest.raises(InputError, match=r"^not a date: '12/11' \(numeric forms like 12/11 are ambiguous; use "):
        parse_day("12/11", TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_date_is_refused(text):
    with pytest.raises(InputError, match="^no date given") as refused:
        parse_moment(text, TODAY)
    assert_one_line(str(refused.value))


def test_a_date_near_the_calendar_edge_is_refused_not_crashed():
    with pytest.raises(InputError, match="date out of range"):
        parse_day("yesterday", date.min)
    with pytest.raises(InputError, match="date out of range"):
        parse_day("dec 31", date(1, 6, 1))


@pytest.mark.parametrize("text", ["yesterday 21:30", "2026-11-20T21:30", "2026-11-20 08:00"])
def test_parse_day_refuses_a_time(text):
    with pytest.raises(InputError, match=r"^a time is not accepted here: ") as refused:
        parse_day(text, TODAY)
    assert_one_line(str(refused.value))
    assert repr(text) in str(refused.value)


# --- DURATION grammar ----------------------------------------------------------

VALID_DURATIONS = [
    ("45m", 45),
    ("1m", 1),
    ("1h", 60),
    ("1h30m", 90),
    ("1h 30m", 90),
    ("1H30M", 90),
    ("0h45m", 45),
    ("2h0m", 120),
    ("1.5h", 90),
    ("0.25h", 15),
    ("0.05h", 3),
    ("1.50h", 90),
    ("90", 90),
    ("1", 1),
    ("  90  ", 90),
    ("0090", 90),
    ("600m", 600),
    ("24h", 1440),
    ("23h59m", 1439),
    ("1440", 1440),
    ("1440m", 1440),
    ("24.0h", 1440),
]


@pytest.mark.parametrize(("text", "minutes"), VALID_DURATIONS)
def test_duration_forms_give_whole_minutes(text, minutes):
    assert parse_duration(text) == minutes


INVALID_DURATIONS = [
    ("abc", "not a duration"),
    ("-5m", "not a duration"),
    ("1.5", "not a duration"),
    ("m", "not a duration"),
    ("h", "not a duration"),
    ("1h 30", "not a duration"),
    ("1 h", "not a duration"),
    ("1.5m", "not a duration"),
    ("1.5h 10m", "not a duration"),
    (".5h", "not a duration"),
    ("30m 1h", "not a duration"),
    ("1h30m45s", "not a duration"),
    ("٤٥m", "not a duration"),
    ("0", "duration out of range"),
    ("0m", "duration out of range"),
    ("0h", "duration out of range"),
    ("0.0h", "duration out of range"),
    ("25h", "duration out of range"),
    ("24h1m", "duration out of range"),
    ("1441", "duration out of range"),
    ("24.05h", "duration out of range"),
    ("99999999999999999999999999m", "duration out of range"),
    ("1.01h", "not a whole number of minutes"),
    ("0.01h", "not a whole number of minutes"),
    ("1h90m", "minutes part over 59"),
    ("1h60m", "minutes part over 59"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID_DURATIONS)
def test_text_outside_the_duration_grammar_is_refused_naming_the_value(text, reason):
    with pytest.raises(InputError) as refused:
        parse_duration(text)
    message = str(refused.value)
    assert_one_line(message)
    assert message.startswith(reason)
    assert repr(text) in message


def test_duration_messages_name_the_accepted_forms_and_range():
    with pytest.raises(InputError) as not_a_duration:
        parse_duration("abc")
    assert str(not_a_duration.value) == "not a duration: 'abc' (use 45m, 1h30m, 1.5h or 90 for minutes)"
    with pytest.raises(InputError) as out_of_range:
        parse_duration("25h")
    assert str(out_of_range.value) == "duration out of range: '25h' (from 1m to 24h)"


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_duration_is_refused(text):
    with pytest.raises(InputError, match="^no duration given"):
        parse_duration(text)


# --- LEARNLOG_TODAY ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25", berlin_time(2026, 11, 25, 12, 0, 1)),
        ("2026-07-01", berlin_time(2026, 7, 1, 12, 0, 2)),
        ("2026-11-25T09:30", berlin_time(2026, 11, 25, 9, 30, 1)),
        ("2026-11-25t00:00", berlin_time(2026, 11, 25, 0, 0, 1)),
        (" 2026-11-25T23:59 ", berlin_time(2026, 11, 25, 23, 59, 1)),
    ],
)
def test_now_override_is_an_aware_local_datetime_at_noon_unless_timed(berlin, text, expected):
    now = parse_now_override(text)
    assert now == expected
    assert now.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text", ["", "today", "2026-11-25 09:30", "2026-11-25T9:30", "2026-11-25T09:30:00", "25.11.2026",
             "2026-02-30", "2026-11-25T24:00", "2026-03-29T02:30"],
)
def test_a_bad_now_override_is_refused_in_one_line(berlin, text):
    with pytest.raises(InputError) as refused:
        parse_now_override(text)
    assert_one_line(str(refused.value))


def test_now_override_message_names_the_value_and_the_forms():
    with pytest.raises(InputError) as refused:
        parse_now_override("tomorrow")
    assert str(refused.value) == "not a date or date-time: 'tomorrow' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"


# --- entry_timestamp ---------------------------------------------------------

START = date(2026, 1, 1)
NOW = berlin_time(2026, 11, 25, 14, 5, 1)


def test_untimed_entry_today_happened_now(berlin):
    assert entry_timestamp(Moment(TODAY, None), NOW, START) is NOW


def test_untimed_entry_on_a_past_day_happened_at_local_noon(berlin):
    assert entry_timestamp(Moment(date(2026, 11, 20), None), NOW, START) == berlin_time(2026, 11, 20, 12, 0, 1)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (Moment(TODAY, time(14, 5)), berlin_time(2026, 11, 25, 14, 5, 1)),
        (Moment(TODAY, time(0, 0)), berlin_time(2026, 11, 25, 0, 0, 1)),
        (Moment(date(2026, 11, 24), time(23, 59)), berlin_time(2026, 11, 24, 23, 59, 1)),
        (Moment(START, time(8, 0)), berlin_time(2026, 1, 1, 8, 0, 1)),
        (Moment(START, None), berlin_time(2026, 1, 1, 12, 0, 1)),
    ],
)
def test_timed_entry_happened_at_that_local_time(berlin, moment, expected):
    assert entry_timestamp(moment, NOW, START) == expected


@pytest.mark.parametrize(
    ("moment", "reason"),
    [
        (Moment(date(2026, 11, 26), None), "2026-11-26 is in the future (today is 2026-11-25)"),
        (Moment(date(2026, 11, 26), time(8, 0)), "2026-11-26 is in the future"),
        (Moment(TODAY, time(14, 6)), "14:06 today is later than now (14:05)"),
        (Moment(TODAY, time(23, 59)), "later than now"),
        (Moment(date(2025, 12, 31), None), "2025-12-31 is before the journey started (2026-01-01)"),
        (Moment(date(2025, 12, 31), time(23, 0)), "before the journey started (2026-01-01)"),
    ],
)
def test_entry_in_the_future_or_before_the_start_is_refused_with_the_reason(berlin, moment, reason):
    with pytest.raises(InputError) as refused:
        entry_timestamp(moment, NOW, START)
    assert_one_line(str(refused.value))
    assert reason in str(refused.value)


DST_2026 = [
    # Spring forward: at 02:00 on 2026-03-29 clocks jump to 03:00.
    (date(2026, 3, 28), time(23, 0), 1),
    (date(2026, 3, 29), time(0, 30), 1),
    (date(2026, 3, 29), time(1, 59), 1),
    (date(2026, 3, 29), time(3, 0), 2),
    (date(2026, 3, 29), None, 2),
    (date(2026, 3, 30), time(0, 30), 2),
    # Fall back: at 03:00 on 2026-10-25 clocks return to 02:00; 02:xx is the summer one.
    (date(2026, 10, 24), None, 2),
    (date(2026, 10, 25), time(1, 59), 2),
    (date(2026, 10, 25), time(2, 30), 2),
    (date(2026, 10, 25), time(3, 0), 1),
    (date(2026, 10, 25), None, 1),
    (date(2026, 10, 26), time(0, 0), 1),
]


@pytest.mark.parametrize(("day", "clock", "offset_hours"), DST_2026)
def test_entry_carries_the_berlin_offset_valid_at_that_moment(berlin, day, clock, offset_hours):
    when = entry_timestamp(Moment(day, clock), NOW, START)
    assert when.utcoffset() == offset_hours * HOUR
    assert when.date() == day
    assert when.time() == (clock or time(12, 0))


def test_a_time_skipped_by_the_spring_forward_is_refused(berlin):
    with pytest.raises(InputError, match=r"^no such local time: 2026-03-29 02:30 ") as refused:
        entry_timestamp(Moment(date(2026, 3, 29), time(2, 30)), NOW, START)
    assert_one_line(str(refused.value))


@given(
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    clock=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_entry_timestamp_always_falls_on_the_given_day(day, clock):
    now = berlin_time(2027, 1, 1, 0, 0, 1)
    with local_time_zone("Europe/Berlin"):
        try:
            when = entry_timestamp(Moment(day, clock), now, START)
        except InputError as refused:
            assert str(refused).startswith("no such local time")
            return
    assert when.date() == day
    assert when.replace(tzinfo=None) == datetime.combine(day, clock or time(12, 0))


@given(clock=st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_entry_timestamp_in_a_zone_that_skips_midnight_stays_on_the_day(clock):
    # Santiago springs forward at 00:00 (2026-09-06): 00:xx does not exist that day.
    day = date(2026, 9, 6)
    with local_time_zone("America/Santiago"):
        now = datetime(2026, 12, 1, 12, 0).astimezone()
        try:
            when = entry_timestamp(Moment(day, clock), now, START)
        except InputError:
            assert clock.hour == 0
            return
    assert when.date() == day


# --- counting days -------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "expected"),
    [(START, 0), (date(2026, 1, 2), 1), (TODAY, 328), (date(2025, 12, 31), -1)],
)
def test_day_number_counts_days_since_the_start(day, expected):
    assert day_number(day, START) == expected


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (TODAY, "today"),
        (date(2026, 11, 24), "yesterday"),
        (date(2026, 11, 22), "3 days ago"),
        (date(2025, 11, 25), "365 days ago"),
        (date(2026, 11, 26), "tomorrow"),
        (date(2026, 11, 27), "in 2 days"),
    ],
)
def test_relative_days_says_how_far_a_day_is_from_today(day, words):
    assert relative_days(day, TODAY) == words


# --- properties ----------------------------------------------------------------

@given(st.integers(min_value=1, max_value=1440))
def test_any_whole_minute_duration_parses_back_in_every_form(minutes):
    hours, rest = divmod(minutes, 60)
    forms = [f"{minutes}", f"{minutes}m", f"{hours}h{rest}m", f"{hours}h {rest}m"]
    if minutes % 3 == 0:  # exactly a decimal number of hours (multiples of 0.05h)
        forms.append(f"{minutes / 60}h")
    for text in forms:
        assert parse_duration(text) == minutes, text


@given(st.dates())
def test_an_iso_date_parses_to_itself(day):
    assert parse_moment(day.isoformat(), TODAY) == Moment(day, None)


@given(st.integers(min_value=0, max_value=100_000))
def test_n_days_ago_is_today_minus_n(days):
    expected = TODAY - timedelta(days=days)
    assert parse_day(f"{days} days ago", TODAY) == expected
    assert parse_day(f"-{days}d", TODAY) == expected
    assert parse_day(f"in {days} days", TODAY) == TODAY + timedelta(days=days)


WEEKDAY_NAMES = ["mon", "tuesday", "Wed", "thu", "FRI", "sat", "sunday"]  # in weekday() order


@given(today=st.dates(min_value=date(2, 1, 1)), weekday=st.sampled_from(WEEKDAY_NAMES))
def test_a_weekday_is_the_latest_such_day_within_the_past_week(today, weekday):
    day = parse_day(weekday, today)
    assert day.weekday() == WEEKDAY_NAMES.index(weekday)
    assert 0 <= (today - day).days <= 6
    assert (day - parse_day(f"last {weekday}", today)).days == 7


@given(
    today=st.dates(min_value=date(10, 1, 1)),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),  # 2000: has Feb 29
)
def test_a_month_and_day_is_the_latest_occurrence_on_or_before_today(today, day):
    resolved = parse_day(day.strftime("%b %d"), today)
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert resolved <= today
    if (day.month, day.day) != (2, 29):
        assert (today - resolved).days < 366


@given(day=st.dates(), today=st.dates())
def test_relative_days_reads_back_to_the_same_day(day, today):
    assert parse_day(relative_days(day, today), today) == day


# Grammar fragments, so that random combinations also reach the deeper branches.
DATE_WORDS = [
    "today", "yesterday", "last", "fri", "nov", "3", "days", "ago", "in", "-3d", "+2d", "21:30",
    "2026-11-20", "2026-11-20T21:30", "12/11", "feb", "29", "24:00", "9:5", "T", "-", ":",
]


@given(
    text=st.text() | st.lists(st.sampled_from(DATE_WORDS), max_size=4).map(" ".join),
    today=st.dates(),
)
def test_any_text_either_parses_as_a_date_or_is_refused_in_one_line(text, today):
    try:
        parse_moment(text, today)
    except InputError as refused:
        assert_one_line(str(refused))


@given(st.text() | st.from_regex(r"[0-9. hm]{1,8}", fullmatch=True))
def test_any_text_either_parses_as_a_duration_or_is_refused_in_one_line(text):
    try:
        minutes = parse_duration(text)
    except InputError as refused:
        assert_one_line(str(refused))
    else:
        assert 1 <= minutes <= 1440


# --- DATE grammar looking forward (a target's date) ----------------------------

VALID_DAYS_AHEAD = [
    pytest.param("2026-12-31", date(2026, 12, 31), id="iso"),
    pytest.param("2026-11-25", TODAY, id="iso-today"),
    pytest.param("9999-12-31", date(9999, 12, 31), id="iso-last-day"),
    pytest.param("today", TODAY, id="today"),
    pytest.param("  TOMORROW ", date(2026, 11, 26), id="tomorrow"),
    pytest.param("wed", TODAY, id="weekday-today-included"),
    pytest.param("thu", date(2026, 11, 26), id="weekday-tomorrow"),
    pytest.param("fri", date(2026, 11, 27), id="weekday-this-week"),
    pytest.param("Sunday", date(2026, 11, 29), id="weekday-full-name"),
    pytest.param("mon", date(2026, 11, 30), id="weekday-next-week"),
    pytest.param("tue", date(2026, 12, 1), id="weekday-six-days-ahead"),
    pytest.param("in 1 day", date(2026, 11, 26), id="in-1-day"),
    pytest.param("in 30 days", date(2026, 12, 25), id="in-n-days"),
    pytest.param("in 0 days", TODAY, id="in-0-days"),
    pytest.param("+7d", date(2026, 12, 2), id="plus-n-d"),
    pytest.param("Mar 1", date(2027, 3, 1), id="month-day-next-year"),
    pytest.param("1 march", date(2027, 3, 1), id="day-month"),
    pytest.param("nov 25", TODAY, id="month-day-today-included"),
    pytest.param("Nov 26", date(2026, 11, 26), id="month-day-this-year"),
    pytest.param("Nov 24", date(2027, 11, 24), id="month-day-just-passed"),
    pytest.param("dec 31", date(2026, 12, 31), id="month-day-end-of-year"),
    pytest.param("Feb 29", date(2028, 2, 29), id="leap-day"),
    pytest.param("0 days ago", TODAY, id="looking-back-no-days-is-today"),
]


@pytest.mark.parametrize(("text", "expected"), VALID_DAYS_AHEAD)
def test_forward_date_forms_mean_the_next_such_day_today_included(text, expected):
    assert parse_day_ahead(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("Feb 29", date(2028, 2, 29), date(2028, 2, 29)),
        ("Feb 29", date(2028, 3, 1), date(2032, 2, 29)),
        ("Feb 29", date(2096, 3, 1), date(2104, 2, 29)),
        ("jan 1", date(2026, 12, 31), date(2027, 1, 1)),
        ("sun", date(2026, 11, 29), date(2026, 11, 29)),
    ],
    ids=["leap-day-today", "next-leap-year", "across-a-century-without-one", "new-year", "sunday-on-sunday"],
)
def test_month_and_day_ahead_means_its_next_occurrence_on_or_after_today(text, today, expected):
    assert parse_day_ahead(text, today) == expected


INVALID_DAYS_AHEAD = [
    pytest.param("yesterday", "'yesterday' is before today (2026-11-25)", id="yesterday"),
    pytest.param("2026-11-24", "'2026-11-24' is before today (2026-11-25)", id="iso-past"),
    pytest.param("3 days ago", "'3 days ago' is before today", id="days-ago"),
    pytest.param("-1d", "'-1d' is before today", id="minus-d"),
    pytest.param("last fri", "'last fri' is before today", id="last-weekday"),
    pytest.param("next fri", "not a date: 'next fri' (use YYYY-MM-DD, today, tomorrow, fri,", id="next-weekday"),
    pytest.param("someday", "not a date: 'someday' (use YYYY-MM-DD, today, tomorrow, fri,", id="word"),
    pytest.param("in -2 days", "not a date: 'in -2 days'", id="in-negative-days"),
    pytest.param("12/11", "numeric forms like 12/11 are ambiguous", id="numeric"),
    pytest.param("20261231", "a bare number is ambiguous", id="bare-number"),
    pytest.param("10:00", "a time alone is ambiguous", id="time-alone"),
    pytest.param("fri 10:00", "a time is not accepted here: 'fri 10:00'", id="day-and-time"),
    pytest.param("2026-12-31T10:00", "a time is not accepted here", id="iso-date-time"),
    pytest.param("2026-02-30", "not a real date: '2026-02-30'", id="not-a-real-day"),
    pytest.param("feb 30", "not a real date: 'feb 30'", id="not-a-real-month-day"),
    pytest.param("in 99999999999 days", "date out of range: 'in 99999999999 days'", id="too-far"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID_DAYS_AHEAD)
def test_a_past_day_or_text_outside_the_forward_grammar_is_refused_in_one_line(text, reason):
    with pytest.raises(InputError) as refused:
        parse_day_ahead(text, TODAY)
    message = str(refused.value)
    assert_one_line(message)
    assert reason in message


def test_a_past_day_is_refused_with_how_to_give_one_ahead():
    with pytest.raises(InputError) as refused:
        parse_day_ahead("2026-11-01", TODAY)
    assert str(refused.value) == (
        "'2026-11-01' is before today (2026-11-25): give today or a later day, e.g. fri or 'in 30 days'"
    )


@pytest.mark.parametrize("text", ["", "  "], ids=["empty", "spaces"])
def test_an_empty_day_ahead_is_refused_naming_the_forward_forms(text):
    with pytest.raises(InputError) as refused:
        parse_day_ahead(text, TODAY)
    assert str(refused.value) == "no date given (use YYYY-MM-DD, today, tomorrow, fri, in 2 days, +2d, Mar 1 or 1 Mar)"


def test_a_day_ahead_past_the_calendar_is_refused_not_crashed():
    with pytest.raises(InputError, match="date out of range"):
        parse_day_ahead("tomorrow", date.max)
    with pytest.raises(InputError, match="date out of range"):
        parse_day_ahead("jan 1", date(9999, 6, 1))


@given(today=st.dates(max_value=date(9999, 12, 24)), weekday=st.sampled_from(WEEKDAY_NAMES))
def test_a_weekday_ahead_is_the_earliest_such_day_within_the_coming_week(today, weekday):
    day = parse_day_ahead(weekday, today)
    assert day.weekday() == WEEKDAY_NAMES.index(weekday)
    assert 0 <= (day - today).days <= 6


@given(
    today=st.dates(max_value=date(9990, 1, 1)),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),  # 2000: has Feb 29
)
def test_a_month_and_day_ahead_is_the_earliest_occurrence_on_or_after_today(today, day):
    resolved = parse_day_ahead(day.strftime("%b %d"), today)
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert resolved >= today
    if (day.month, day.day) != (2, 29):
        assert (resolved - today).days < 366


@given(today=st.dates(max_value=date(9000, 1, 1)), ahead=st.integers(min_value=0, max_value=10_000))
def test_a_day_to_come_in_words_reads_back_to_the_same_day(today, ahead):
    day = today + timedelta(days=ahead)
    assert parse_day_ahead(relative_days(day, today), today) == day
    assert parse_day_ahead(day.isoformat(), today) == day


@given(
    text=st.text() | st.lists(st.sampled_from(DATE_WORDS), max_size=4).map(" ".join),
    today=st.dates(),
)
def test_any_text_either_parses_as_a_day_ahead_or_is_refused_in_one_line(text, today):
    try:
        day = parse_day_ahead(text, today)
    except InputError as refused:
        assert_one_line(str(refused))
    else:
        assert day >= today
