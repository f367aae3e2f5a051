"""Targets with dates: how `topic add|edit` sets a target, and whether a topic is on
pace to reach it. Today is Wed 25 Nov 2026."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnlog.domain.pace import PACE_WINDOW_DAYS, Pace, pace_json, target_pace
from learnlog.domain.records import target_fields
from learnlog.errors import InputError

TODAY = date(2026, 11, 25)
DAY = timedelta(days=1)


# --- target_fields: what --target-hours and --by set ---------------------------------

SET_TARGETS = [
    pytest.param(None, None, None, {}, id="neither-given"),
    pytest.param(20.0, None, None, {"target_hours": 20.0}, id="hours-alone-keep-any-date"),
    pytest.param(20.0, "fri", None, {"target_hours": 20.0, "target_by": date(2026, 11, 27)}, id="hours-and-date"),
    pytest.param(None, "Mar 1", 30.0, {"target_by": date(2027, 3, 1)}, id="date-for-the-existing-target"),
    pytest.param(None, "today", 30.0, {"target_by": TODAY}, id="date-today"),
    pytest.param(0.0, None, 30.0, {"target_hours": None, "target_by": None}, id="zero-hours-clear-the-date-too"),
    pytest.param(None, "", 30.0, {"target_by": None}, id="empty-by-clears-the-date"),
    pytest.param(None, "  ", None, {"target_by": None}, id="blank-by-clears-even-without-a-target"),
    pytest.param(0.0, "", 30.0, {"target_hours": None, "target_by": None}, id="clear-both"),
    pytest.param(12.5, "", 30.0, {"target_hours": 12.5, "target_by": None}, id="new-hours-without-a-date"),
]


@pytest.mark.parametrize(("hours", "by", "current", "expected"), SET_TARGETS)
def test_target_options_set_only_what_was_given(hours, by, current, expected):
    assert target_fields(hours=hours, by=by, current_hours=current, today=TODAY) == expected


REFUSED_TARGETS = [
    pytest.param(None, "fri", None, "--by needs a target: add --target-hours", id="date-without-a-target"),
    pytest.param(0.0, "fri", 30.0, "--by needs a target, and --target-hours 0 clears it: give more than 0 hours",
                 id="date-with-a-cleared-target"),
    pytest.param(20.0, "yesterday", None, "'yesterday' is before today (2026-11-25)", id="date-in-the-past"),
    pytest.param(None, "2026-11-24", 30.0, "'2026-11-24' is before today", id="iso-date-in-the-past"),
    pytest.param(20.0, "someday", None, "not a date: 'someday'", id="not-a-date"),
    pytest.param(-1.0, "fri", None, "target hours must be from 0 to 100000, not -1", id="bad-hours"),
]


@pytest.mark.parametrize(("hours", "by", "current", "message"), REFUSED_TARGETS)
def test_a_date_needs_a_target_and_a_day_not_past(hours, by, current, message):
    with pytest.raises(InputError) as refused:
        target_fields(hours=hours, by=by, current_hours=current, today=TODAY)
    assert str(refused.value).startswith(message)


# --- target_pace: met, on pace, behind, missed -------------------------------------------


def pace(hours=30.0, by=date(2026, 12, 23), minutes=0, recent=0, today=TODAY) -> Pace:
    return target_pace(target_hours=hours, target_by=by, minutes=minutes, recent_minutes=recent, today=today)


# 30h by Wed 23 Dec: 28 days, 4 weeks, from today.
PACES = [
    pytest.param(
        dict(minutes=1800), Pace("met", 0.0, 0.0, 0.0, None), id="met-exactly",
    ),
    pytest.param(
        dict(minutes=2000, recent=600), Pace("met", 0.0, 0.0, 2.5, None), id="met-and-more-no-projection",
    ),
    pytest.param(
        dict(minutes=1900, by=date(2026, 11, 1)), Pace("met", 0.0, 0.0, 0.0, None), id="met-after-the-date",
    ),
    pytest.param(
        # 20h to go in 4 weeks: 5h/week; 28h over 28 days is 7h/week, 1h a day: 20 days.
        dict(minutes=600, recent=1680), Pace("on_pace", 20.0, 5.0, 7.0, date(2026, 12, 15)), id="on-pace",
    ),
    pytest.param(
        # 20h lately is 5h/week, the pace needed: reached on the date itself.
        dict(minutes=600, recent=1200), Pace("on_pace", 20.0, 5.0, 5.0, date(2026, 12, 23)), id="on-pace-to-the-day",
    ),
    pytest.param(
        # 19h50m lately: 20h need 28.24 days, rounded up to 29, one past the date.
        dict(minutes=600, recent=1190), Pace("behind", 20.0, 5.0, 1190 / 60 / 4, date(2026, 12, 24)),
        id="behind-by-a-day",
    ),
    pytest.param(
        # 10h lately is 2.5h/week: 20h take 56 days.
        dict(minutes=600, recent=600), Pace("behind", 20.0, 5.0, 2.5, date(2027, 1, 20)), id="behind",
    ),
    pytest.param(
        dict(minutes=600), Pace("behind", 20.0, 5.0, 0.0, None), id="behind-with-nothing-lately",
    ),
    pytest.param(
        # On the date itself a seventh of a week is left: 20h to go is 140h/week.
        dict(minutes=600, recent=600, by=TODAY), Pace("behind", 20.0, 140.0, 2.5, date(2027, 1, 20)),
        id="due-today-a-seventh-of-a-week-left",
    ),
    pytest.param(
        dict(minutes=600, recent=600, by=TODAY + DAY), Pace("behind", 20.0, 140.0, 2.5, date(2027, 1, 20)),
        id="due-tomorrow",
    ),
    pytest.param(
        dict(minutes=600, recent=600, by=TODAY - DAY), Pace("missed", 20.0, None, 2.5, date(2027, 1, 20)),
        id="missed-still-projected",
    ),
    pytest.param(
        dict(minutes=600, by=date(2026, 1, 1)), Pace("missed", 20.0, None, 0.0, None), id="missed-with-nothing-lately",
    ),
    pytest.param(
        # 12.5h as typed: 750 minutes, 150 to go; 1 minute lately takes 4200 days.
        dict(hours=12.5, minutes=600, recent=1, by=date(2027, 1, 1)),
        Pace("behind", 2.5, 2.5 / (37 / 7), 1 / 60 / 4, TODAY + 4200 * DAY), id="fractional-target",
    ),
    pytest.param(
        # 0.1h is 6 minutes as typed, not the float just above it: 6 minutes at 6 a day is 1 day.
        dict(hours=0.1, recent=168), Pace("on_pace", 0.1, 0.1 / 4, 0.7, TODAY + DAY), id="target-as-typed",
    ),
    pytest.param(
        dict(hours=100_000, recent=1, by=date(9999, 12, 31)),
        Pace("behind", 100_000.0, 100_000 / ((date(9999, 12, 31) - TODAY).days / 7), 1 / 60 / 4, None),
        id="projected-past-the-calendar",
    ),
]


@pytest.mark.parametrize(("given", "expected"), PACES)
def test_a_dated_target_is_met_on_pace_behind_or_missed(given, expected):
    assert_same_pace(pace(**given), expected)


def assert_same_pace(actual: Pace, expected: Pace) -> None:
    """The same state and days, and the same hours but for float rounding."""
    assert actual.state == expected.state
    assert actual.projected == expected.projected
    assert actual.hours_to_go == pytest.approx(expected.hours_to_go)
    assert actual.pace_hours_per_week == pytest.approx(expected.pace_hours_per_week)
    if expected.needed_hours_per_week is None:
        assert actual.needed_hours_per_week is None
    else:
        assert actual.needed_hours_per_week == pytest.approx(expected.needed_hours_per_week)


def test_the_recent_pace_is_the_window_of_four_weeks():
    assert PACE_WINDOW_DAYS == 28
    assert pace(recent=28 * 60).pace_hours_per_week == 7.0


def test_pace_json_rounds_hours_to_two_decimals_and_gives_days_in_iso():
    assert pace_json(pace(minutes=600, recent=1190)) == {
        "pace_state": "behind", "needed_hours_per_week": 5.0, "pace_hours_per_week": 4.96,
        "projected": "2026-12-24",
    }
    assert pace_json(pace(hours=10, minutes=100, recent=100, by=TODAY + 3 * DAY)) == {
        "pace_state": "behind", "needed_hours_per_week": 19.44, "pace_hours_per_week": 0.42,
        "projected": "2027-04-14",
    }


def test_pace_json_without_a_dated_target_is_all_null():
    assert pace_json(None) == {
        "pace_state": None, "needed_hours_per_week": None, "pace_hours_per_week": None, "projected": None,
    }


@given(
    hours=st.floats(min_value=0.05, max_value=100_000, allow_nan=False),
    minutes=st.integers(0, 10**7),
    recent=st.integers(0, 40_320),
    days=st.integers(-1000, 10_000),
)
def test_pace_agrees_with_itself(hours, minutes, recent, days):
    by = TODAY + days * DAY
    result = pace(hours=hours, minutes=minutes, recent=recent, by=by)
    assert (result.state == "met") == (result.hours_to_go == 0)
    assert (result.needed_hours_per_week is None) == (result.state == "missed")
    if result.state == "on_pace":
        assert result.projected is not None and result.projected <= by
    if result.state == "behind":
        assert result.projected is None or result.projected > by
    if result.projected is not None:
        assert result.projected > TODAY
        # The recent pace covers what is to go by the projected day, and not a day earlier.
        per_day, days_on = recent / PACE_WINDOW_DAYS, (result.projected - TODAY).days
        assert per_day * days_on >= result.hours_to_go * 60 - 1e-6
        assert per_day * (days_on - 1) < result.hours_to_go * 60 + 1e-6
