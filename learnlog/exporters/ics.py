"""A journey's deadlines as an iCalendar file (RFC 5545) that calendars import and re-import."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event, vText

from learnlog.domain.cadence import CadenceFacts, Deadline
from learnlog.domain.report import slug
from learnlog.views.status import rule_text
from learnlog.views.text import count_text, day_text

PRODID = "-//learnlog//learnlog deadlines//EN"
ONE_DAY = timedelta(days=1)


def deadlines_ics(facts: CadenceFacts, *, journey: str, alarm: time, history: bool, stamp: datetime) -> bytes:
    """The next deadline as an all-day event with a reminder at `alarm` (local time) on
    the day; with `history`, also every past check-in and every settled deadline.

    Each event's UID depends only on the journey's name and the event's place in it, so
    importing a later export again updates the events instead of adding copies (the
    next deadline keeps one UID wherever it moves). `stamp`, the moment of export, is
    every DTSTAMP, in UTC (a naive one is taken as local time).
    """
    utc_stamp = stamp.astimezone(timezone.utc)
    key = journey_key(journey)
    events = [_next_deadline(facts, journey=journey, alarm=alarm, key=key, stamp=utc_stamp)]
    if history:
        events += _history(facts, journey=journey, key=key, stamp=utc_stamp)
    calendar = _calendar(journey)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _calendar(journey: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar writes an X- property as given unless told it is text, which must be escaped.
    calendar.add("x-wr-calname", vText(f"learnlog: {journey}"))
    return calendar


def _history(facts: CadenceFacts, *, journey: str, key: str, stamp: datetime) -> list[Event]:
    """Every check-in, then every settled deadline (the open one is the next deadline's event)."""
    checkins = [_checkin(day, facts.start, journey=journey, key=key, stamp=stamp) for day in facts.checkins]
    settled = [
        _past_deadline(deadline, facts.start, journey=journey, key=key, stamp=stamp)
        for deadline in facts.deadlines if deadline.met_on is not None
    ]
    return checkins + settled


def journey_key(journey: str) -> str:
    """The journey's part of every UID: readable, and different for any two names (a slug
    alone would make 'C' and 'C++' one journey) thanks to a short hash of the exact name."""
    digest = hashlib.sha256(journey.encode()).hexdigest()[:10]
    return f"{slug(journey, 40)}-{digest}"


def next_deadline_uid(key: str) -> str:
    return f"next-deadline.{key}@learnlog"


def checkin_uid(day: date, key: str) -> str:
    return f"checkin-{day.isoformat()}.{key}@learnlog"


def past_deadline_uid(deadline: Deadline, key: str) -> str:
    """Named by the day that set the deadline: unlike its due date, that day belongs to
    one deadline only, and a due date moved by a later excuse updates the same event."""
    return f"deadline-set-{deadline.set_by.isoformat()}.{key}@learnlog"


def _all_day_event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    event.add("summary", summary)
    event.add("description", description)
    # A day's marker, not an appointment: it must not show the user as busy.
    event.add("transp", "TRANSPARENT")
    return event


def _next_deadline(facts: CadenceFacts, *, journey: str, alarm: time, key: str, stamp: datetime) -> Event:
    day_number = (facts.due - facts.start).days
    event = _all_day_event(
        next_deadline_uid(key), facts.due, f"learnlog: update due (Day {day_number})",
        f"{journey}: {rule_text(facts.every, facts.counts, facts.min_minutes)}.", stamp,
    )
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", f"learnlog: an update on {journey} is due today")
    # Relative to an all-day start (local midnight), so the alarm rings at `alarm` local time.
    reminder.add("trigger", timedelta(hours=alarm.hour, minutes=alarm.minute, seconds=alarm.second))
    event.add_component(reminder)
    return event


def _checkin(day: date, start: date, *, journey: str, key: str, stamp: datetime) -> Event:
    return _all_day_event(
        checkin_uid(day, key), day, f"learnlog: checked in (Day {(day - start).days})",
        f"{journey}: checked in.", stamp,
    )


def _past_deadline(deadline: Deadline, start: date, *, journey: str, key: str, stamp: datetime) -> Event:
    day_number = (deadline.due - start).days
    if deadline.kept:
        summary = f"learnlog: deadline kept (Day {day_number})"
        description = f"{journey}: checked in {day_text(deadline.met_on)}."
    else:
        late = (deadline.met_on - deadline.due).days
        summary = f"learnlog: deadline missed (Day {day_number})"
        description = f"{journey}: checked in {count_text(late, 'day')} late, {day_text(deadline.met_on)}."
    return _all_day_event(past_deadline_uid(deadline, key), deadline.due, summary, description, stamp)
