"""Progress beyond the cadence: how each calendar day went, which topics are going
stale, and how much of the learning is building rather than following along."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from learnlog.domain.cadence import CadenceFacts
from learnlog.domain.records import TopicRecord

STALE_AFTER_CADENCES = 2
"""A topic untouched for more than this many cadence periods is stale."""
BUILDING_HINT_BELOW = 1 / 3
"""Below this share of build and bug minutes, the dashboard suggests building more."""
BUILDING_KINDS = ("build", "bug")
HEAT_THRESHOLDS = (1, 30, 60, 120)
"""Minutes at which a day's shade steps up: 1-29, 30-59, 60-119, 120 and over."""

CHECKIN, EXCUSED, MISSED, ACTIVE, QUIET, OUTSIDE = (
    "checkin", "excused", "missed", "active", "quiet", "outside",
)


@dataclass(frozen=True)
class CalendarDay:
    """One day of the heatmap: minutes studied, their shade (0-4), and what the
    cadence made of the day (`mark`)."""

    day: date
    minutes: int
    level: int
    mark: str


def heat_level(minutes: int) -> int:
    """0 for no minutes, then 1-4 at the HEAT_THRESHOLDS."""
    return sum(1 for threshold in HEAT_THRESHOLDS if minutes >= threshold)


def missed_days(facts: CadenceFacts) -> set[date]:
    """Days after a missed deadline, up to the late check-in (or today, while overdue)."""
    missed: set[date] = set()
    for deadline in facts.deadlines:
        if deadline.kept is not False:
            continue
        last = (deadline.met_on - timedelta(days=1)) if deadline.met_on else facts.today
        day = deadline.due + timedelta(days=1)
        while day <= last:
            missed.add(day)
            day += timedelta(days=1)
    return missed


def calendar(
    facts: CadenceFacts, minutes_by_day: Mapping[date, int], active_days: Iterable[date],
    first: date, last: date,
) -> list[CalendarDay]:
    """Every day from `first` to `last`, marked check-in, excused, missed, active (an
    entry that did not count), quiet, or outside the journey (before its start or
    after today); a check-in outranks an excuse, which outranks a miss."""
    checkins = set(facts.checkins)
    excused = {excuse.day for excuse in facts.excused}
    missed = missed_days(facts)
    active = set(active_days)
    days = []
    day = first
    while day <= last:
        if day < facts.start or day > facts.today:
            mark = EXCUSED if day in excused and day > facts.today else OUTSIDE
        elif day in checkins:
            mark = CHECKIN
        elif day in excused:
            mark = EXCUSED
        elif day in missed:
            mark = MISSED
        elif day in active:
            mark = ACTIVE
        else:
            mark = QUIET
        minutes = minutes_by_day.get(day, 0)
        days.append(CalendarDay(day, minutes, heat_level(minutes), mark))
        day += timedelta(days=1)
    return days


def is_stale(topic: TopicRecord, today: date, every: int) -> bool:
    """Touched once, then left alone for more than STALE_AFTER_CADENCES cadence periods."""
    return topic.last_day is not None and (today - topic.last_day).days > STALE_AFTER_CADENCES * every


def knowledge_gaps(
    topics: Sequence[TopicRecord], today: date, every: int
) -> tuple[list[TopicRecord], list[TopicRecord]]:
    """(stale topics, curriculum topics not started yet), active topics only."""
    active = [topic for topic in topics if not topic.archived]
    stale = [topic for topic in active if is_stale(topic, today, every)]
    not_started = [topic for topic in active if topic.curriculum and topic.sessions == 0]
    return stale, not_started


def building_share(building_minutes: int, all_minutes: int) -> float | None:
    """The share of minutes spent building and debugging, None when nothing was logged."""
    return building_minutes / all_minutes if all_minutes else None
