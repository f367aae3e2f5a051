"""Whole journeys, walked a day at a time with LEARNLOG_TODAY: each day's commands
run, then `status --json` (and the prompt segment) must match what the cadence rules
give by hand. Every expectation below was worked out on paper, day by day."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

pytestmark = pytest.mark.both_backends


def nov(day: int) -> str:
    return f"2026-11-{day:02d}"


def streak(checkins: int, days: int, since: str | None) -> dict:
    return {"checkins": checkins, "days": days, "since": since}


def gap(first: str, last: str, days: int, *, open: bool = False) -> dict:
    return {"from": first, "to": last, "days": days, "open": open}


NONE = streak(0, 0, None)


@dataclass(frozen=True)
class Step:
    """One day of a journey: the commands run that day, then the status expected."""

    date: str
    does: list[tuple[str, ...]]
    expected: dict = field(default_factory=dict)


def step(date: str, *does: tuple[str, ...], **expected) -> Step:
    return Step(date, list(does), expected)


def segment(status: dict) -> str:
    if status["state"] == "overdue":
        return f"overdue {status['overdue_days']}d"
    return "due today" if status["state"] == "due_today" else f"{status['days_left']}d left"


def walk(steps: list[Step], ok, json_of) -> None:
    for today in steps:
        for command in today.does:
            ok(*command, today=today.date)
        status = json_of("status", "--json", today=today.date)
        shown = {key: status[key] for key in today.expected}
        assert shown == today.expected, f"on {today.date}"
        assert status["overdue_days"] == max(0, -status["days_left"]), f"on {today.date}"
        assert ok("remind", "--prompt").stdout == segment(status) + "\n", f"on {today.date}"


# Every 3 days from Mon 2 Nov: a first streak that breaks, a gap, excused days (one
# ahead, one late), a second break, and a third streak that outgrows the second.
EVERY_THREE_DAYS = [
    step(nov(2), ("init", "--start", nov(2)),
         day=0, state="on_track", due=nov(5), days_left=3, last_checkin=None,
         streak=NONE, longest_streak=NONE, gaps=[], excused=[]),
    step(nov(3), ("log", "numpy", "-d", "45m"),
         day=1, state="on_track", due=nov(6), days_left=3, last_checkin=nov(3),
         streak=streak(1, 1, nov(3)), longest_streak=streak(1, 1, nov(3)), gaps=[]),
    step(nov(4),
         day=2, state="on_track", due=nov(6), days_left=2, streak=streak(1, 1, nov(3))),
    step(nov(5),
         day=3, state="on_track", due=nov(6), days_left=1),
    step(nov(6),
         day=4, state="due_today", due=nov(6), days_left=0, streak=streak(1, 1, nov(3))),
    step(nov(7),
         day=5, state="overdue", due=nov(6), days_left=-1, last_checkin=nov(3),
         streak=NONE, longest_streak=streak(1, 1, nov(3)), gaps=[gap(nov(4), nov(7), 4, open=True)]),
    step(nov(8),
         day=6, state="overdue", due=nov(6), days_left=-2, gaps=[gap(nov(4), nov(8), 5, open=True)]),
    step(nov(9), ("log", "pandas"),
         day=7, state="on_track", due=nov(12), days_left=3, last_checkin=nov(9),
         streak=streak(1, 1, nov(9)), longest_streak=streak(1, 1, nov(9)), gaps=[gap(nov(4), nov(8), 5)]),
    step(nov(10), ("log", "--kind", "post", "-m", "week 1: arrays and frames"),
         day=8, state="on_track", due=nov(13), days_left=3, last_checkin=nov(10),
         streak=streak(2, 2, nov(9)), longest_streak=streak(2, 2, nov(9))),
    step(nov(11), ("skip", "tomorrow", "-r", "travel"),
         day=9, state="on_track", due=nov(14), days_left=3, last_checkin=nov(10),
         excused=[{"date": nov(12), "reason": "travel", "late": False}]),
    step(nov(12),
         day=10, state="on_track", due=nov(14), days_left=2),
    step(nov(13), ("log", "lin reg", "--date", "yesterday 20:00"),
         day=11, state="on_track", due=nov(15), days_left=2, last_checkin=nov(12),
         streak=streak(3, 4, nov(9)), longest_streak=streak(3, 4, nov(9))),
    step(nov(14),
         day=12, state="on_track", due=nov(15), days_left=1),
    step(nov(15),
         day=13, state="due_today", due=nov(15), days_left=0),
    step(nov(16), ("skip", "yesterday", "--late", "-r", "flu"),
         day=14, state="due_today", due=nov(16), days_left=0, streak=streak(3, 4, nov(9)),
         excused=[{"date": nov(12), "reason": "travel", "late": False},
                  {"date": nov(15), "reason": "flu", "late": True}]),
    step(nov(17),
         day=15, state="overdue", due=nov(16), days_left=-1, streak=NONE, longest_streak=streak(3, 4, nov(9)),
         gaps=[gap(nov(4), nov(8), 5), gap(nov(13), nov(17), 5, open=True)]),
    step(nov(18), ("log", "trees"),
         day=16, state="on_track", due=nov(21), days_left=3, last_checkin=nov(18),
         streak=streak(1, 1, nov(18)), longest_streak=streak(3, 4, nov(9)),
         gaps=[gap(nov(4), nov(8), 5), gap(nov(13), nov(17), 5)]),
    step(nov(19), ("log", "numpy"),
         day=17, state="on_track", due=nov(22), days_left=3, streak=streak(2, 2, nov(18))),
    step(nov(20),
         day=18, state="on_track", due=nov(22), days_left=2),
    step(nov(21), ("log", "numpy", "-d", "1h"),
         day=19, state="on_track", due=nov(24), days_left=3,
         streak=streak(3, 4, nov(18)), longest_streak=streak(3, 4, nov(18))),
    step(nov(22),
         day=20, state="on_track", due=nov(24), days_left=2),
    step(nov(23),
         day=21, state="on_track", due=nov(24), days_left=1),
    step(nov(24), ("log", "numpy", "--date", "today 08:30"),
         day=22, state="on_track", due=nov(27), days_left=3, last_checkin=nov(24),
         streak=streak(4, 7, nov(18)), longest_streak=streak(4, 7, nov(18))),
    step(nov(25),
         day=23, state="on_track", due=nov(27), days_left=2, last_checkin=nov(24),
         gaps=[gap(nov(4), nov(8), 5), gap(nov(13), nov(17), 5)]),
]


# Every 2 days from Sun 1 Nov, then only posts count; a looser rule waits for the
# deadline (and cannot save the streak), a mixed change is looser, and a tighter
# one replaces it before it starts.
POSTS_ONLY_WITH_CADENCE_CHANGES = [
    step(nov(1), ("init", "--start", nov(1), "--every", "2", "--curriculum", "none"),
         ("topic", "add", "Python"), ("log", "python"),
         day=0, every=2, counts="any", state="on_track", due=nov(3), days_left=2, last_checkin=nov(1),
         streak=streak(1, 1, nov(1)), longest_streak=streak(1, 1, nov(1)), gaps=[]),
    step(nov(2), ("cadence", "set", "2", "--counts", "post"), ("log", "python"),
         day=1, every=2, counts="post", state="on_track", due=nov(3), days_left=1, last_checkin=nov(1),
         streak=streak(1, 1, nov(1))),
    step(nov(3), ("log", "--kind", "post", "-m", "week 1"),
         day=2, every=2, counts="post", state="on_track", due=nov(5), days_left=2, last_checkin=nov(3),
         streak=streak(2, 3, nov(1)), longest_streak=streak(2, 3, nov(1))),
    step(nov(4), ("cadence", "set", "4"),
         day=3, every=2, counts="post", state="on_track", due=nov(5), days_left=1),
    step(nov(5), ("log", "python", "-m", "a study session is not a post"),
         day=4, every=2, counts="post", state="due_today", due=nov(5), days_left=0, last_checkin=nov(3)),
    step(nov(6),
         day=5, every=4, counts="post", state="overdue", due=nov(5), days_left=-1, last_checkin=nov(3),
         streak=NONE, longest_streak=streak(2, 3, nov(1)), gaps=[gap(nov(4), nov(6), 3, open=True)]),
    step(nov(7), ("log", "python", "--kind", "post"),
         day=6, every=4, counts="post", state="on_track", due=nov(11), days_left=4, last_checkin=nov(7),
         streak=streak(1, 1, nov(7)), longest_streak=streak(2, 3, nov(1)), gaps=[gap(nov(4), nov(6), 3)]),
    step(nov(8), ("cadence", "set", "1", "--counts", "any"),
         day=7, every=4, counts="post", state="on_track", due=nov(11), days_left=3),
    step(nov(9), ("cadence", "set", "3"),
         day=8, every=3, counts="post", state="on_track", due=nov(11), days_left=2),
    step(nov(10), ("log", "--kind", "post"),
         day=9, every=3, counts="post", state="on_track", due=nov(13), days_left=3, last_checkin=nov(10),
         streak=streak(2, 4, nov(7)), longest_streak=streak(2, 4, nov(7))),
    step(nov(11),
         day=10, state="on_track", due=nov(13), days_left=2),
    step(nov(12), ("log", "python"),
         day=11, every=3, counts="post", state="on_track", due=nov(13), days_left=1, last_checkin=nov(10)),
    step(nov(13),
         day=12, state="due_today", due=nov(13), days_left=0),
    step(nov(14),
         day=13, state="overdue", due=nov(13), days_left=-1, streak=NONE, longest_streak=streak(2, 4, nov(7)),
         gaps=[gap(nov(4), nov(6), 3), gap(nov(11), nov(14), 4, open=True)]),
]


# Every day from Mon 16 Nov, with three exam days excused ahead.
EVERY_DAY_WITH_EXAMS = [
    step(nov(16), ("init", "--start", nov(16), "--every", "1"), ("log", "statistics"),
         day=0, state="on_track", due=nov(17), days_left=1, streak=streak(1, 1, nov(16))),
    step(nov(17), ("log", "statistics"),
         day=1, state="on_track", due=nov(18), days_left=1, streak=streak(2, 2, nov(16))),
    step(nov(18), ("skip", "--until", "in 2 days", "-r", "exams"),
         day=2, state="on_track", due=nov(21), days_left=3, last_checkin=nov(17)),
    step(nov(19),
         day=3, state="on_track", due=nov(21), days_left=2),
    step(nov(20),
         day=4, state="on_track", due=nov(21), days_left=1),
    step(nov(21), ("log", "statistics", "-m", "back from exams"),
         day=5, state="on_track", due=nov(22), days_left=1, streak=streak(3, 6, nov(16))),
    step(nov(22),
         day=6, state="due_today", due=nov(22), days_left=0),
    step(nov(23),
         day=7, state="overdue", due=nov(22), days_left=-1, streak=NONE,
         longest_streak=streak(3, 6, nov(16)), gaps=[gap(nov(22), nov(23), 2, open=True)]),
]


@pytest.mark.parametrize(
    "steps",
    [EVERY_THREE_DAYS, POSTS_ONLY_WITH_CADENCE_CHANGES, EVERY_DAY_WITH_EXAMS],
    ids=["every-3-days-with-gaps-and-excused-days", "posts-only-with-cadence-changes", "every-day-with-exams"],
)
def test_a_journey_day_by_day(ok, json_of, steps):
    walk(steps, ok, json_of)


def test_the_posts_only_journey_keeps_its_whole_rule_history(ok, json_of):
    walk(POSTS_ONLY_WITH_CADENCE_CHANGES, ok, json_of)

    assert json_of("cadence", "--json") == [
        {"effective": nov(1), "every": 2, "counts": "any", "min_minutes": 0},
        {"effective": nov(2), "every": 2, "counts": "post", "min_minutes": 0},
        {"effective": nov(6), "every": 4, "counts": "post", "min_minutes": 0},
        {"effective": nov(9), "every": 3, "counts": "post", "min_minutes": 0},
    ]
