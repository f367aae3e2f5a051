"""Tests for learnlog.exporters.ics: deadlines as an iCalendar file, read back with icalendar."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

import pytest
from icalendar import Calendar

from learnlog.domain.cadence import DayActivity, Rule, journey_facts
from learnlog.exporters.ics import deadlines_ics

START = date(2026, 11, 2)  # a Monday
STAMP = datetime(2026, 11, 17, 8, 30, tzinfo=timezone.utc)
NINE = time(9, 0)


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def facts_on(today: int, checkins=(0, 3, 5, 10, 12)):
    """An update every 3 days, any entry counts. With the default check-ins every deadline
    is kept except day 8's, met 2 days late on day 10; day 12 sets day 15."""
    return journey_facts(
        start=START, today=day(today), rules=[Rule(START, 3, "any")],
        activity=[DayActivity(day(n), 1, 0) for n in checkins], excused=[],
    )


def export(today: int = 15, *, journey: str = "Python for data", alarm: time = NINE, history: bool = False,
           stamp: datetime = STAMP, checkins=(0, 3, 5, 10, 12)) -> bytes:
    return deadlines_ics(facts_on(today, checkins), journey=journey, alarm=alarm, history=history, stamp=stamp)


def events(ics: bytes) -> list:
    """The file's events, read back by icalendar, in date order."""
    found = Calendar.from_ical(ics).walk("VEVENT")
    return sorted(found, key=lambda event: (event.decoded("dtstart"), event["uid"]))


def summaries(ics: bytes) -> list[tuple[date, str]]:
    return [(event.decoded("dtstart"), str(event["summary"])) for event in events(ics)]


def test_the_next_deadline_is_one_all_day_event():
    (event,) = events(export())
    assert str(event["summary"]) == "learnlog: update due (Day 15)"
    assert event.decoded("dtstart") == day(15)
    assert event.decoded("dtend") == day(16)
    assert not isinstance(event.decoded("dtstart"), datetime)
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert b"DTSTART;VALUE=DATE:20261117\r\n" in export()


def test_the_next_deadline_is_still_the_missed_one_while_overdue():
    (event,) = events(export(20))
    assert (event.decoded("dtstart"), str(event["summary"])) == (day(15), "learnlog: update due (Day 15)")


@pytest.mark.parametrize(
    "alarm, trigger, ical",
    [
        (time(9, 0), timedelta(hours=9), b"TRIGGER:PT9H"),
        (time(7, 30), timedelta(hours=7, minutes=30), b"TRIGGER:PT7H30M"),
        (time(0, 0), timedelta(0), b"TRIGGER:P0D"),
        (time(21, 15, 30), timedelta(hours=21, minutes=15, seconds=30), b"TRIGGER:PT21H15M30S"),
    ],
)
def test_the_alarm_rings_at_the_given_local_time_on_the_day(alarm, trigger, ical):
    ics = export(alarm=alarm)
    (event,) = events(ics)
    (reminder,) = event.walk("VALARM")
    assert str(reminder["action"]) == "DISPLAY"
    assert str(reminder["description"])
    # Relative to the all-day start, which is local midnight wherever the calendar is.
    assert reminder.decoded("trigger") == trigger
    assert reminder["trigger"].params.get("RELATED", "START") == "START"
    assert ical + b"\r\n" in ics


def test_dtstamp_is_the_stamp_given_in_utc():
    paris = timezone(timedelta(hours=1))
    (event,) = events(export(stamp=datetime(2026, 11, 17, 9, 30, tzinfo=paris)))
    assert event.decoded("dtstamp") == STAMP
    assert b"DTSTAMP:20261117T083000Z\r\n" in export()


def uids(ics: bytes) -> set[str]:
    return {str(event["uid"]) for event in events(ics)}


def test_the_next_deadline_keeps_its_uid_across_exports_so_calendars_update_it():
    earlier = export(9, checkins=(0, 3, 5), stamp=STAMP - timedelta(days=8))
    later = export(15, stamp=STAMP)
    assert events(earlier)[0].decoded("dtstart") != events(later)[0].decoded("dtstart")
    assert uids(earlier) == uids(later)


@pytest.mark.parametrize(
    "first, second",
    [("Python for data", "Rust"), ("C", "C++"), ("日本語", "한국어"), ("Data Science", "data science")],
)
def test_different_journeys_get_different_uids(first, second):
    assert uids(export(journey=first)).isdisjoint(uids(export(journey=second)))


ODD_NAMES = [
    "C++ & <Rust>; \"quoted\", commas",
    "日本語の勉強 🦀",
    "line\nbreak and\ttab",
    "a" * 300,
    "@#$%^&*()",
    "",
]


@pytest.mark.parametrize("journey", ODD_NAMES)
def test_an_odd_journey_name_still_gives_a_valid_uid_and_text(journey):
    ics = export(journey=journey, history=True)
    for uid in uids(ics):
        assert re.fullmatch(r"[a-z0-9.-]+@learnlog", uid), uid
        assert len(uid) < 100
    (next_deadline,) = (event for event in events(ics) if event["uid"].startswith("next-deadline."))
    assert str(next_deadline["description"]).startswith(f"{journey}: ")


def test_without_history_only_the_next_deadline_is_exported():
    assert summaries(export(history=False)) == [(day(15), "learnlog: update due (Day 15)")]


def test_with_history_past_checkins_and_settled_deadlines_are_exported_too():
    assert summaries(export(history=True)) == [
        (day(0), "learnlog: checked in (Day 0)"),
        (day(3), "learnlog: checked in (Day 3)"),
        (day(3), "learnlog: deadline kept (Day 3)"),
        (day(5), "learnlog: checked in (Day 5)"),
        (day(6), "learnlog: deadline kept (Day 6)"),
        (day(8), "learnlog: deadline missed (Day 8)"),
        (day(10), "learnlog: checked in (Day 10)"),
        (day(12), "learnlog: checked in (Day 12)"),
        (day(13), "learnlog: deadline kept (Day 13)"),
        (day(15), "learnlog: update due (Day 15)"),
    ]


def test_a_missed_deadline_says_how_late_the_checkin_came():
    missed = next(event for event in events(export(history=True)) if "missed" in event["summary"])
    assert str(missed["description"]) == "Python for data: checked in 2 days late, Thu 12 Nov."


def test_history_events_keep_their_uids_across_exports():
    def uid_by_day(ics: bytes) -> dict[date, str]:
        return {event.decoded("dtstart"): str(event["uid"]) for event in events(ics)}

    earlier = uid_by_day(export(11, checkins=(0, 3, 5, 10), history=True))
    later = uid_by_day(export(15, history=True))
    for past_day in (day(0), day(5), day(6), day(8), day(10)):
        assert earlier[past_day] == later[past_day]


def test_every_event_in_a_file_has_its_own_uid():
    ics = export(20, history=True)
    assert len(uids(ics)) == len(events(ics)) == 10


def test_two_deadlines_due_the_same_day_get_different_uids():
    """A tighter cadence can make a later check-in set the same due date as an earlier one."""
    facts = journey_facts(
        start=START, today=day(12), rules=[Rule(START, 5, "any"), Rule(day(2), 3, "any")],
        activity=[DayActivity(day(n), 1, 0) for n in (1, 3, 6)], excused=[],
    )
    ics = deadlines_ics(facts, journey="j", alarm=NINE, history=True, stamp=STAMP)
    due_day_6 = [
        event for event in events(ics) if "deadline" in event["summary"] and event.decoded("dtstart") == day(6)
    ]
    assert len(due_day_6) == 2
    assert len(uids(ics)) == len(events(ics))


def test_the_file_follows_rfc_5545_framing():
    ics = export(history=True, journey="A long journey name " * 10)
    lines = ics.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2:] == [b"END:VCALENDAR", b""]
    assert b"\n" not in ics.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    calendar = Calendar.from_ical(ics)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"])
    for event in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event)
