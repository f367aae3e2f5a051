"""Progress beyond the cadence: how each calendar day went, which topics are going
stale, and how much of the learning is building rather than following along."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from learnlog.domain.cadence import CadenceFacts, consistency_history
from learnlog.domain.records import EntryRecord, TopicRecord

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from learnlog.domain.questions import OpenSummary, Question
    from learnlog.domain.skips import SkipBudget
    from learnlog.domain.reviews import TopicReview
    from learnlog.domain.timer import RunningSession

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


HEATMAP_WEEKS = 26
BUILDING_WINDOW_DAYS = 30
TOPICS_SHOWN = 10
OPEN_SHOWN = 3
"""The oldest open questions and bugs the dashboard shows."""
ANSWERED_WINDOW_DAYS = 30
"""The dashboard counts the questions and bugs resolved in this many days, today included."""


def calendar_window(start: date, today: date, weeks: int = HEATMAP_WEEKS) -> tuple[date, date]:
    """The heatmap's first and last day: whole weeks, Monday to Sunday, ending with
    this week and reaching back `weeks` weeks or to the journey's start."""
    last = today + timedelta(days=6 - today.weekday())
    earliest = last - timedelta(weeks=weeks) + timedelta(days=1)
    first = max(earliest, start - timedelta(days=start.weekday()))
    return first, last


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, as plain data."""

    journey: str
    facts: CadenceFacts
    calendar: tuple[CalendarDay, ...]
    sessions: int
    minutes: int
    topics: tuple[TopicRecord, ...]
    """Active topics, the most recently touched first."""
    stale: tuple[TopicRecord, ...]
    not_started: tuple[TopicRecord, ...]
    building_minutes: int
    window_minutes: int
    recent: tuple[EntryRecord, ...]
    consistency_history: tuple[tuple[date, float], ...]
    """The consistency score on each of the calendar's days up to today (0 before the start)."""
    skip_budget: SkipBudget | None
    """This month against the skip budget, while one is set."""
    open_items: OpenSummary
    oldest_open: tuple[Question, ...]
    """The oldest open questions and bugs, at most OPEN_SHOWN, oldest first."""
    answered: int
    """Questions and bugs resolved in the last ANSWERED_WINDOW_DAYS days."""
    running: RunningSession | None
    """The session the timer is running, if any."""
    now: datetime | None
    """The moment the dashboard was made (the running session's minutes count to it)."""
    reviews: Mapping[int, TopicReview] = field(default_factory=dict)
    """The rated topics' review cards, by topic id."""

    @property
    def reviews_due(self) -> list[TopicReview]:
        """The active topics due for review, the most forgotten first."""
        from learnlog.domain.reviews import most_forgotten_first

        return most_forgotten_first(
            self.reviews[topic.id] for topic in self.topics if topic.id in self.reviews and self.reviews[topic.id].due
        )

    @property
    def consistency(self) -> float:
        """The consistency score today."""
        return self.consistency_history[-1][1]

    @property
    def building_share(self) -> float | None:
        return building_share(self.building_minutes, self.window_minutes)

    def to_json(self) -> dict[str, Any]:
        from learnlog.domain.reviews import NOT_RATED

        share = self.building_share
        return {
            "journey": self.journey,
            **self.facts.to_json(),
            "consistency": self.consistency,
            "skip_budget": self.skip_budget.to_json() if self.skip_budget else None,
            "running": self.running.to_json(self.now) if self.running else None,
            "reviews_due": len(self.reviews_due),
            **self.open_items.to_json(),
            "sessions": self.sessions,
            "minutes": self.minutes,
            "deadlines": [deadline.to_json() for deadline in self.facts.deadlines],
            "calendar": [
                {"date": day.day.isoformat(), "minutes": day.minutes, "mark": day.mark}
                for day in self.calendar
            ],
            "topics": [
                {
                    **topic.to_json(), "stale": topic in self.stale,
                    **(self.reviews[topic.id].to_json() if topic.id in self.reviews else NOT_RATED),
                }
                for topic in self.topics
            ],
            "stale_topics": [topic.name for topic in self.stale],
            "not_started": [topic.name for topic in self.not_started],
            "building": {
                "days": BUILDING_WINDOW_DAYS,
                "building_minutes": self.building_minutes,
                "all_minutes": self.window_minutes,
                "share": None if share is None else round(share, 3),
            },
            "open": [found.to_json(self.facts.today) for found in self.oldest_open],
            "answered_last_30_days": self.answered,
            "recent": [entry.to_json() for entry in self.recent],
            "consistency_history": [
                {"date": day.isoformat(), "score": score} for day, score in self.consistency_history
            ],
        }


def build_dashboard(
    *, journey: str, facts: CadenceFacts, daily: Mapping[date, tuple[int, int]],
    sessions: int, minutes: int, topics: Sequence[TopicRecord],
    minutes_by_kind: Mapping[str, int], recent: Sequence[EntryRecord], skip_budget: SkipBudget | None,
    open_items: OpenSummary, oldest_open: Sequence[Question], answered: int,
    running: RunningSession | None = None, now: datetime | None = None,
    reviews: Mapping[int, TopicReview] | None = None,
) -> Dashboard:
    """Assemble the dashboard from the store's aggregates: `daily` maps a day to its
    (minutes, entries) over the calendar window, `minutes_by_kind` covers the last
    BUILDING_WINDOW_DAYS days, `skip_budget` is this month's (None without a budget),
    `running` the session the timer is running as of `now`, `reviews` the rated
    topics' review cards by topic id; `answered` counts the resolutions of the
    last ANSWERED_WINDOW_DAYS days."""
    first, last = calendar_window(facts.start, facts.today)
    days = calendar(
        facts, {day: totals[0] for day, totals in daily.items()},
        active_days=[day for day, totals in daily.items() if totals[1]], first=first, last=last,
    )
    active = [topic for topic in topics if not topic.archived]
    by_recency = sorted(
        active,
        key=lambda topic: (-topic.last_day.toordinal() if topic.last_day else 0, topic.name.casefold()),
    )
    stale, not_started = knowledge_gaps(active, facts.today, facts.every)
    scores = consistency_history(facts)
    before_start = []
    day = first
    while day < facts.start:
        before_start.append((day, 0.0))
        day += timedelta(days=1)
    return Dashboard(
        journey=journey,
        facts=facts,
        calendar=tuple(days),
        sessions=sessions,
        minutes=minutes,
        topics=tuple(by_recency),
        stale=tuple(stale),
        not_started=tuple(not_started),
        building_minutes=sum(minutes_by_kind.get(kind, 0) for kind in BUILDING_KINDS),
        window_minutes=sum(minutes_by_kind.values()),
        recent=tuple(recent),
        consistency_history=(*before_start, *(score for score in scores if score[0] >= first)),
        skip_budget=skip_budget,
        running=running,
        now=now,
        reviews=dict(reviews or {}),
        open_items=open_items,
        oldest_open=tuple(oldest_open),
        answered=answered,
    )
