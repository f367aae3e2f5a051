from datetime import date, timedelta

import pytest

from learnlog.domain.cadence import DayActivity, Excuse, Rule, journey_facts
from learnlog.domain.progress import (
    ACTIVE, CHECKIN, EXCUSED, MISSED, OUTSIDE, QUIET, building_share, calendar, heat_level,
    is_stale, knowledge_gaps, missed_days,
)
from learnlog.domain.records import TopicRecord

START = date(2026, 11, 2)  # a Monday


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def facts(today: int, checkins: list[int], excused: list[int] = (), counts: str = "any", posts: list[int] = ()):
    activity = [DayActivity(day(n), 1, 1 if n in posts else 0) for n in checkins]
    return journey_facts(
        start=START, today=day(today), rules=[Rule(START, 3, counts)], activity=activity,
        excused=[Excuse(day(n)) for n in excused],
    )


@pytest.mark.parametrize(
    "minutes, level",
    [(0, 0), (1, 1), (29, 1), (30, 2), (59, 2), (60, 3), (119, 3), (120, 4), (600, 4)],
)
def test_heat_level_steps_up_at_the_thresholds(minutes, level):
    assert heat_level(minutes) == level


@pytest.mark.parametrize(
    "today, checkins, excused, missed",
    [
        pytest.param(10, [1, 4, 7], [], [], id="every deadline kept: nothing missed"),
        pytest.param(10, [1, 8], [], [5, 6, 7], id="late check-in: the days after the deadline up to it"),
        pytest.param(9, [1], [], [5, 6, 7, 8, 9], id="overdue now: the days after the deadline up to today"),
        pytest.param(9, [1], [4], [6, 7, 8, 9], id="an excused day moves the deadline and so the misses"),
        pytest.param(4, [], [], [4], id="no check-in yet: missed from the start's deadline on"),
    ],
)
def test_missed_days(today, checkins, excused, missed):
    assert missed_days(facts(today, checkins, excused)) == {day(n) for n in missed}


def test_calendar_marks_each_day_by_what_the_cadence_made_of_it():
    journey = facts(today=9, checkins=[1, 8], excused=[2, 11])
    days = calendar(
        journey, {day(1): 45, day(8): 130}, active_days=[day(1), day(8)], first=day(-1), last=day(11)
    )
    marks = {entry.day: entry.mark for entry in days}
    # The start's deadline (day 3) moves to day 4 for the excused day 2; the check-in
    # on day 1 sets day 4, moved to 5; day 8 is late, so days 6 and 7 are missed.
    assert [marks[day(n)] for n in range(-1, 12)] == [
        OUTSIDE, QUIET, CHECKIN, EXCUSED, QUIET, QUIET, QUIET, MISSED, MISSED, CHECKIN, QUIET,
        OUTSIDE, EXCUSED,
    ]
    assert {entry.day: entry.level for entry in days}[day(8)] == 4


def test_an_entry_that_does_not_count_marks_the_day_active_not_checked_in():
    journey = facts(today=2, checkins=[1], counts="post")
    (only,) = calendar(journey, {day(1): 30}, active_days=[day(1)], first=day(1), last=day(1))
    assert only.mark == ACTIVE


def topic(name, last_offset=None, sessions=0, curriculum=None, archived=False):
    last = day(last_offset) if last_offset is not None else None
    return TopicRecord(1, name, None, None, archived, curriculum, sessions, sessions * 30, last)


@pytest.mark.parametrize(
    "last_offset, stale",
    [(None, False), (20, False), (14, False), (13, True)],
    ids=["never touched", "today", "exactly 2 cadences ago", "more than 2 cadences ago"],
)
def test_a_topic_is_stale_when_untouched_for_more_than_two_cadences(last_offset, stale):
    assert is_stale(topic("NumPy", last_offset, sessions=1), day(20), every=3) is stale


def test_knowledge_gaps_name_stale_topics_and_curriculum_topics_not_started():
    topics = [
        topic("NumPy", 2, sessions=3, curriculum="ml-foundations"),
        topic("Pandas", 19, sessions=1, curriculum="ml-foundations"),
        topic("Statistics", curriculum="ml-foundations"),
        topic("My Own Thing"),
        topic("Old", 1, sessions=1, archived=True),
    ]
    stale, not_started = knowledge_gaps(topics, day(20), every=3)
    assert [t.name for t in stale] == ["NumPy"]
    assert [t.name for t in not_started] == ["Statistics"]


@pytest.mark.parametrize(
    "building, total, share", [(0, 0, None), (0, 90, 0.0), (30, 90, 1 / 3), (90, 90, 1.0)]
)
def test_building_share(building, total, share):
    assert building_share(building, total) == share
