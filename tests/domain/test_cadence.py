"""Tests for learnlog.domain.cadence: check-ins, deadlines, streaks, gaps, cadence changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from learnlog.domain.cadence import (
    CadenceFacts,
    DayActivity,
    Deadline,
    DueFacts,
    Excuse,
    Gap,
    Rule,
    Streak,
    consistency,
    consistency_history,
    consistency_multiplier,
    deadline_setter,
    due_facts,
    journey_facts,
    plan_cadence_change,
    plan_excuses,
    rule_on,
)
from learnlog.errors import InputError

START = date(2024, 1, 1)  # a Monday, so Day 3 is a Thursday and Day 4 a Friday


def d(day_number: int) -> date:
    """The date of a day number of the journey that starts on START."""
    return START + timedelta(days=day_number)


def r(day_number: int, every: int, counts: str = "any", min_minutes: int = 0) -> Rule:
    return Rule(effective=d(day_number), every=every, counts=counts, min_minutes=min_minutes)


def journey(
    today: int,
    *,
    every: int = 3,
    counts: str = "any",
    rules: list[Rule] | None = None,
    studied: tuple[int, ...] = (),
    posted: tuple[int, ...] = (),
    excused: tuple[int, ...] = (),
    late: tuple[int, ...] = (),
    activity: tuple[DayActivity, ...] = (),
) -> CadenceFacts:
    """Facts on Day `today`: `studied` days hold one study entry, `posted` days one post,
    `excused` days are excused in advance and `late` days after the fact."""
    return journey_facts(
        start=START,
        today=d(today),
        rules=rules or [r(0, every, counts)],
        activity=[
            *(DayActivity(d(n), entries=1, posts=0) for n in studied),
            *(DayActivity(d(n), entries=1, posts=1) for n in posted),
            *activity,
        ],
        excused=[*(Excuse(d(n)) for n in excused), *(Excuse(d(n), late=True) for n in late)],
    )


def streak(checkins: int, days: int, since: int | None) -> Streak:
    return Streak(checkins=checkins, days=days, since=None if since is None else d(since))


NO_STREAK = streak(0, 0, None)


def gap(first: int, last: int, days: int, is_open: bool = False) -> Gap:
    return Gap(start=d(first), end=d(last), days=days, open=is_open)


# --- Day numbers and rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day_number"),
    [
        pytest.param(0, 0, id="start is day 0"),
        pytest.param(1, 1, id="next day is day 1"),
        pytest.param(366, 366, id="a leap year later"),
    ],
)
def test_day_number_counts_days_since_the_start(today: int, day_number: int) -> None:
    assert journey(today).day == day_number


RULES = [r(0, 3), r(10, 7, "post"), r(20, 1)]


@pytest.mark.parametrize(
    ("rules", "day", "expected"),
    [
        pytest.param(RULES, 0, RULES[0], id="first rule on its effective day"),
        pytest.param(RULES, 9, RULES[0], id="first rule until the next takes effect"),
        pytest.param(RULES, 10, RULES[1], id="second rule on its effective day"),
        pytest.param(RULES, 19, RULES[1], id="second rule the day before the third"),
        pytest.param(RULES, 400, RULES[2], id="last rule forever after"),
        pytest.param(list(reversed(RULES)), 15, RULES[1], id="rules in any order"),
    ],
)
def test_rule_on_picks_the_latest_rule_effective_on_or_before_the_day(
    rules: list[Rule], day: int, expected: Rule
) -> None:
    assert rule_on(rules, d(day)) == expected


def test_facts_report_the_rule_in_force_today() -> None:
    facts = journey(12, rules=[r(0, 3), r(10, 7, "post"), r(20, 1)])
    assert (facts.every, facts.counts) == (7, "post")
    assert facts.rules == (r(0, 3), r(10, 7, "post"), r(20, 1))


# --- Check-in days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(dict(studied=(1,)), [1], id="any: a study entry counts"),
        pytest.param(dict(posted=(1,)), [1], id="any: a post counts"),
        pytest.param(dict(counts="post", studied=(1, 3), posted=(2,)), [2], id="post: study entries do not count"),
        pytest.param(
            dict(rules=[r(0, 3, "post"), r(5, 3, "any")], studied=(1, 4, 5, 6), posted=(2,)),
            [2, 5, 6],
            id="post then any mid-journey: judged per day",
        ),
        pytest.param(
            dict(rules=[r(0, 3, "any"), r(5, 3, "post")], studied=(1, 6), posted=(7,)),
            [1, 7],
            id="any then post mid-journey: judged per day",
        ),
        pytest.param(
            dict(activity=(DayActivity(d(2), entries=3, posts=1), DayActivity(d(2), entries=2, posts=0)), studied=(2,)),
            [2],
            id="several records on one day make one check-in",
        ),
        pytest.param(dict(activity=(DayActivity(d(1), entries=0, posts=0),)), [], id="a day with no entries is not a check-in"),
        pytest.param(dict(studied=(2,), excused=(2,)), [2], id="entries on an excused day count"),
        pytest.param(dict(studied=(7, 1, 4)), [1, 4, 7], id="activity in any order, check-ins oldest first"),
        pytest.param(dict(studied=(-3, 2)), [2], id="activity before the start is ignored"),
        pytest.param(dict(studied=(1, 9, 30)), [1], id="activity after today is ignored"),
        pytest.param(dict(studied=(8,)), [8], id="activity today counts"),
    ],
)
def test_checkin_days(kwargs: dict, expected: list[int]) -> None:
    facts = journey(8, **kwargs)
    assert facts.checkins == tuple(d(n) for n in expected)
    assert facts.last_checkin == (d(expected[-1]) if expected else None)


# --- Deadlines and state ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "kwargs", "state", "due", "days_left", "overdue_days"),
    [
        pytest.param(2, dict(studied=(0,)), "on_track", 3, 1, 0, id="monday check-in, wednesday: on track"),
        pytest.param(3, dict(studied=(0,)), "due_today", 3, 0, 0, id="monday check-in is due thursday"),
        pytest.param(4, dict(studied=(0,)), "overdue", 3, -1, 1, id="monday check-in, friday is late"),
        pytest.param(9, dict(studied=(0,)), "overdue", 3, -6, 6, id="overdue days keep counting"),
        pytest.param(5, dict(every=1, studied=(5,)), "on_track", 6, 1, 0, id="every 1: checked in today"),
        pytest.param(5, dict(every=1, studied=(4,)), "due_today", 5, 0, 0, id="every 1: checked in yesterday"),
        pytest.param(5, dict(every=1, studied=(3,)), "overdue", 4, -1, 1, id="every 1: two days ago"),
        pytest.param(0, {}, "on_track", 3, 3, 0, id="no check-in yet: start day"),
        pytest.param(3, {}, "due_today", 3, 0, 0, id="no check-in yet: the start sets the deadline"),
        pytest.param(4, {}, "overdue", 3, -1, 1, id="no check-in yet: overdue"),
        pytest.param(0, dict(studied=(0,)), "on_track", 3, 3, 0, id="check-in on the start day"),
        pytest.param(5, dict(studied=(0,), excused=(2, 3, 4)), "on_track", 6, 1, 0, id="a run of excused days pushes again and again"),
        pytest.param(5, dict(studied=(0,), excused=(3, 4)), "due_today", 5, 0, 0, id="excused deadline reaches the next excused day"),
        pytest.param(5, dict(studied=(0,), excused=(3, 5)), "overdue", 4, -1, 1, id="excused days must chain to extend"),
        pytest.param(4, dict(studied=(0,), excused=(4, 5)), "overdue", 3, -1, 1, id="excused days after the deadline do not extend it"),
        pytest.param(4, dict(studied=(2,), excused=(1,)), "on_track", 5, 1, 0, id="excused days before the check-in do not extend it"),
        pytest.param(3, dict(excused=(0,)), "due_today", 3, 0, 0, id="an excused start day pushes nothing"),
        pytest.param(5, dict(studied=(0,), late=(2, 3, 4)), "on_track", 6, 1, 0, id="excused after the fact behaves the same"),
        pytest.param(3, dict(studied=(2,), excused=(2,)), "on_track", 5, 2, 0, id="a check-in on an excused day sets the deadline"),
        pytest.param(4, dict(studied=(0, 5)), "overdue", 3, -1, 1, id="a check-in after today does not count yet"),
        pytest.param(6, dict(rules=[r(0, 3), r(5, 7)], studied=(4,)), "on_track", 7, 1, 0, id="deadline uses the rule on the check-in day"),
        pytest.param(6, dict(rules=[r(0, 3), r(5, 7)], studied=(5,)), "on_track", 12, 6, 0, id="a check-in under the new rule gets its every"),
    ],
)
def test_deadline_and_state(today: int, kwargs: dict, state: str, due: int, days_left: int, overdue_days: int) -> None:
    facts = journey(today, **kwargs)
    assert (facts.state, facts.due, facts.days_left, facts.overdue_days) == (state, d(due), days_left, overdue_days)


def deadline(set_by: int, due: int, met_on: int | None, kept: bool | None) -> Deadline:
    return Deadline(set_by=d(set_by), due=d(due), met_on=None if met_on is None else d(met_on), kept=kept)


@pytest.mark.parametrize(
    ("today", "kwargs", "expected"),
    [
        pytest.param(2, {}, [deadline(0, 3, None, None)], id="no check-in yet: the start's deadline is open"),
        pytest.param(4, {}, [deadline(0, 3, None, False)], id="no check-in yet: the start's deadline is missed"),
        pytest.param(3, dict(studied=(3,)), [deadline(0, 3, 3, True), deadline(3, 6, None, None)], id="the start sets the first deadline"),
        pytest.param(1, dict(studied=(0,)), [deadline(0, 3, None, None)], id="a start-day check-in sets just one deadline"),
        pytest.param(
            10,
            dict(studied=(0, 3, 8)),
            [deadline(0, 3, 3, True), deadline(3, 6, 8, False), deadline(8, 11, None, None)],
            id="kept, broken, open",
        ),
        pytest.param(
            12,
            dict(studied=(0, 3, 8)),
            [deadline(0, 3, 3, True), deadline(3, 6, 8, False), deadline(8, 11, None, False)],
            id="kept, broken, missed",
        ),
    ],
)
def test_deadline_timeline(today: int, kwargs: dict, expected: list[Deadline]) -> None:
    assert journey(today, **kwargs).deadlines == tuple(expected)


# --- Streaks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "kwargs", "current", "longest", "all_streaks"),
    [
        pytest.param(2, {}, NO_STREAK, NO_STREAK, [], id="no check-in yet"),
        pytest.param(3, dict(studied=(0, 3)), streak(2, 4, 0), streak(2, 4, 0), [streak(2, 4, 0)], id="monday then thursday: one streak"),
        pytest.param(
            4,
            dict(studied=(0, 4)),
            streak(1, 1, 4),
            streak(1, 1, 4),
            [streak(1, 1, 0), streak(1, 1, 4)],
            id="monday then friday: a new streak",
        ),
        pytest.param(6, dict(studied=(0, 2)), NO_STREAK, streak(2, 3, 0), [streak(2, 3, 0)], id="overdue: current is zero, longest stays"),
        pytest.param(4, dict(studied=(0, 2)), streak(2, 3, 0), streak(2, 3, 0), [streak(2, 3, 0)], id="due today: the streak still stands"),
        pytest.param(4, dict(every=1, studied=(0, 1, 2, 3, 4)), streak(5, 5, 0), streak(5, 5, 0), [streak(5, 5, 0)], id="every 1: daily run"),
        pytest.param(
            4,
            dict(every=1, studied=(0, 1, 3, 4)),
            streak(2, 2, 3),
            streak(2, 2, 3),
            [streak(2, 2, 0), streak(2, 2, 3)],
            id="every 1: a missed day breaks the streak",
        ),
        pytest.param(
            9,
            dict(studied=(0, 3, 8, 9)),
            streak(2, 2, 8),
            streak(2, 2, 8),
            [streak(2, 4, 0), streak(2, 2, 8)],
            id="longest tie goes to the most recent",
        ),
        pytest.param(
            18,
            dict(studied=(0, 3, 6, 9, 14, 15, 16, 17, 18)),
            streak(5, 5, 14),
            streak(5, 5, 14),
            [streak(4, 10, 0), streak(5, 5, 14)],
            id="longest means most check-ins, not most days",
        ),
        pytest.param(
            12,
            dict(studied=(0, 1, 2, 10)),
            streak(1, 1, 10),
            streak(3, 3, 0),
            [streak(3, 3, 0), streak(1, 1, 10)],
            id="an older streak can be the longest",
        ),
        pytest.param(5, dict(studied=(5,)), streak(1, 1, 5), streak(1, 1, 5), [streak(1, 1, 5)], id="a late first check-in starts the first streak"),
        pytest.param(2, dict(studied=(2,)), streak(1, 1, 2), streak(1, 1, 2), [streak(1, 1, 2)], id="an on-time first check-in starts the first streak"),
        pytest.param(5, dict(studied=(0, 5), excused=(2, 3)), streak(2, 6, 0), streak(2, 6, 0), [streak(2, 6, 0)], id="excused days keep a streak alive"),
        pytest.param(1, dict(studied=(0, 1)), streak(2, 2, 0), streak(2, 2, 0), [streak(2, 2, 0)], id="a start-day check-in opens the streak"),
    ],
)
def test_streaks(today: int, kwargs: dict, current: Streak, longest: Streak, all_streaks: list[Streak]) -> None:
    facts = journey(today, **kwargs)
    assert facts.streak == current
    assert facts.longest_streak == longest
    assert facts.streaks == tuple(all_streaks)


# --- Gaps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "kwargs", "expected"),
    [
        pytest.param(3, {}, [], id="no check-in yet, due today: no gap"),
        pytest.param(4, {}, [gap(1, 4, 4, True)], id="no check-in yet, overdue: open gap from the day after the start"),
        pytest.param(6, dict(studied=(0, 3, 6)), [], id="on time: no gap"),
        pytest.param(4, dict(studied=(0, 4)), [gap(1, 3, 3)], id="monday then friday"),
        pytest.param(6, dict(studied=(6,)), [gap(1, 5, 5)], id="a late first check-in leaves a gap after the start"),
        pytest.param(7, dict(studied=(0, 7), excused=(2,)), [gap(1, 6, 6)], id="excused days inside a gap are still silent days"),
        pytest.param(
            20,
            dict(studied=(0, 5, 6, 12)),
            [gap(1, 4, 4), gap(7, 11, 5), gap(13, 20, 8, True)],
            id="closed gaps oldest first, open gap last",
        ),
    ],
)
def test_gaps(today: int, kwargs: dict, expected: list[Gap]) -> None:
    assert journey(today, **kwargs).gaps == tuple(expected)


# --- Excused days ----------------------------------------------------------------------


def test_excused_days_are_listed_oldest_first_and_those_ahead_picked_out() -> None:
    facts = journey_facts(
        start=START,
        today=d(6),
        rules=[r(0, 3)],
        activity=[],
        excused=[Excuse(d(9), "trip"), Excuse(d(2), None, late=True), Excuse(d(6), "ill"), Excuse(d(12))],
    )
    assert facts.excused == (Excuse(d(2), None, late=True), Excuse(d(6), "ill"), Excuse(d(9), "trip"), Excuse(d(12)))
    assert facts.excused_ahead() == (Excuse(d(9), "trip"), Excuse(d(12)))


def test_a_day_excused_twice_keeps_the_last_excuse() -> None:
    facts = journey_facts(start=START, today=d(1), rules=[r(0, 3)], activity=[], excused=[Excuse(d(2), "a"), Excuse(d(2), "b")])
    assert facts.excused == (Excuse(d(2), "b"),)
    assert facts.due == d(4)


# --- JSON ------------------------------------------------------------------------------


def test_to_json_uses_iso_dates_and_the_documented_keys() -> None:
    facts = journey_facts(
        start=START,
        today=d(10),
        rules=[r(0, 3), r(20, 5, "post")],
        activity=[DayActivity(d(0), 2, 1), DayActivity(d(5), 1, 0)],
        excused=[Excuse(d(12), "trip", late=False), Excuse(d(1), None, late=True)],
    )
    assert facts.to_json() == {
        "start": "2024-01-01",
        "today": "2024-01-11",
        "day": 10,
        "every": 3,
        "counts": "any",
        "min_minutes": 0,
        "state": "overdue",
        "due": "2024-01-09",
        "days_left": -2,
        "overdue_days": 2,
        "last_checkin": "2024-01-06",
        "streak": {"checkins": 0, "days": 0, "since": None},
        "longest_streak": {"checkins": 1, "days": 1, "since": "2024-01-06"},
        "gaps": [
            {"from": "2024-01-02", "to": "2024-01-05", "days": 4, "open": False},
            {"from": "2024-01-07", "to": "2024-01-11", "days": 5, "open": True},
        ],
        "excused": [
            {"date": "2024-01-02", "reason": None, "late": True},
            {"date": "2024-01-13", "reason": "trip", "late": False},
        ],
        "rules": [
            {"effective": "2024-01-01", "every": 3, "counts": "any", "min_minutes": 0},
            {"effective": "2024-01-21", "every": 5, "counts": "post", "min_minutes": 0},
        ],
    }


def test_to_json_of_a_fresh_journey_has_nones_where_nothing_happened() -> None:
    payload = journey(0).to_json()
    assert payload["last_checkin"] is None
    assert payload["streak"] == payload["longest_streak"] == {"checkins": 0, "days": 0, "since": None}
    assert payload["gaps"] == [] and payload["excused"] == []


# --- Cadence changes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "today", "due", "every", "counts", "expected_rules", "effective", "looser"),
    [
        pytest.param([r(0, 3)], 5, 6, 2, None, [r(0, 3), r(5, 2)], 5, False, id="fewer days is tighter: today"),
        pytest.param([r(0, 3)], 5, 6, 5, None, [r(0, 3), r(7, 5)], 7, True, id="more days is looser: the day after the deadline"),
        pytest.param([r(0, 3)], 6, 6, 5, None, [r(0, 3), r(7, 5)], 7, True, id="looser while due today: tomorrow"),
        pytest.param([r(0, 3)], 7, 6, 5, None, [r(0, 3), r(7, 5)], 7, True, id="looser the day after the deadline: today"),
        pytest.param([r(0, 3)], 9, 6, 5, None, [r(0, 3), r(9, 5)], 9, True, id="looser once the deadline passed: today"),
        pytest.param([r(0, 3)], 5, 6, 3, "post", [r(0, 3), r(5, 3, "post")], 5, False, id="counts only, any to post: tighter"),
        pytest.param([r(0, 3, "post")], 5, 6, 3, "any", [r(0, 3, "post"), r(7, 3)], 7, True, id="counts only, post to any: looser"),
        pytest.param([r(0, 3, "post")], 5, 6, 2, None, [r(0, 3, "post"), r(5, 2, "post")], 5, False, id="counts None keeps post"),
        pytest.param([r(0, 3)], 5, 6, 5, "post", [r(0, 3), r(7, 5, "post")], 7, True, id="more days but posts only: looser"),
        pytest.param([r(0, 3, "post")], 5, 6, 2, "any", [r(0, 3, "post"), r(7, 2)], 7, True, id="fewer days but any entry: looser"),
        pytest.param([r(0, 3), r(7, 5)], 5, 6, 3, "any", [r(0, 3)], 5, False, id="the rule in force cancels a pending change"),
        pytest.param([r(0, 3), r(7, 5)], 5, 6, 6, None, [r(0, 3), r(7, 6)], 7, True, id="a looser change replaces a pending one"),
        pytest.param([r(0, 3), r(7, 5)], 5, 6, 2, None, [r(0, 3), r(5, 2)], 5, False, id="a tighter change drops a pending one"),
        pytest.param([r(0, 3), r(5, 2)], 5, 6, 1, None, [r(0, 3), r(5, 1)], 5, False, id="a new rule today replaces today's rule"),
        pytest.param([r(0, 3), r(5, 5)], 5, 6, 3, None, [r(0, 3)], 5, False, id="no row repeating the rule before it"),
        pytest.param([r(0, 3)], 0, 3, 2, None, [r(0, 2)], 0, False, id="tighter on the start day replaces the first rule"),
        pytest.param([r(0, 3), r(2, 4)], 5, 6, 2, None, [r(0, 3), r(2, 4), r(5, 2)], 5, False, id="past rules are kept"),
        pytest.param([r(0, 3, min_minutes=30)], 5, 6, 3, None, [r(0, 3, min_minutes=30)], 5, False, id="without a minimum the minimum in force is kept"),
        pytest.param([r(0, 3, min_minutes=30)], 5, 6, 2, None, [r(0, 3, min_minutes=30), r(5, 2, min_minutes=30)], 5, False, id="a tighter every keeps the minimum"),
    ],
)
def test_plan_cadence_change(
    rules: list[Rule],
    today: int,
    due: int,
    every: int,
    counts: str | None,
    expected_rules: list[Rule],
    effective: int,
    looser: bool,
) -> None:
    change = plan_cadence_change(rules=rules, today=d(today), deadline=d(due), every=every, counts=counts)
    assert change.rules == tuple(expected_rules)
    assert change.effective == d(effective)
    assert change.looser is looser
    assert (change.rule.effective, change.rule.every) == (d(effective), every)


@pytest.mark.parametrize(
    ("in_force", "every", "counts", "minimum", "expected", "effective", "looser"),
    [
        pytest.param(r(0, 3), 3, None, 30, r(5, 3, min_minutes=30), 5, False, id="a minimum where none was: tighter"),
        pytest.param(r(0, 3, min_minutes=30), 3, None, 45, r(5, 3, min_minutes=45), 5, False, id="a higher minimum: tighter"),
        pytest.param(r(0, 3, min_minutes=30), 3, None, 20, r(7, 3, min_minutes=20), 7, True, id="a lower minimum: looser"),
        pytest.param(r(0, 3, min_minutes=30), 3, None, 0, r(7, 3), 7, True, id="no minimum any more: looser"),
        pytest.param(r(0, 3, min_minutes=30), 2, None, 20, r(7, 2, min_minutes=20), 7, True, id="fewer days but a lower minimum: looser"),
        pytest.param(r(0, 3), 5, None, 30, r(7, 5, min_minutes=30), 7, True, id="more days but a minimum: looser"),
        pytest.param(r(0, 3, min_minutes=30), 3, "post", 0, r(7, 3, "post"), 7, True, id="posts only but no minimum: looser"),
        pytest.param(r(0, 3, "post"), 3, None, 30, r(5, 3, "post", 30), 5, False, id="a minimum under post counting: kept for later"),
    ],
)
def test_plan_cadence_change_of_the_minimum(
    in_force: Rule, every: int, counts: str | None, minimum: int, expected: Rule, effective: int, looser: bool
) -> None:
    change = plan_cadence_change(
        rules=[in_force], today=d(5), deadline=d(6), every=every, counts=counts, min_minutes=minimum
    )
    assert (change.rule, change.effective, change.looser) == (expected, d(effective), looser)
    assert change.rules == (in_force, expected)


def test_a_tighter_then_a_looser_change_on_the_same_day() -> None:
    tighter = plan_cadence_change(rules=[r(0, 3)], today=d(5), deadline=d(6), every=2, counts=None)
    # Looser is judged against the tightened rule, now in force today.
    looser = plan_cadence_change(rules=tighter.rules, today=d(5), deadline=d(6), every=4, counts=None)
    assert looser.looser
    assert looser.rules == (r(0, 3), r(5, 2), r(7, 4))


def test_a_looser_then_a_tighter_change_drops_the_looser_one() -> None:
    looser = plan_cadence_change(rules=[r(0, 3)], today=d(5), deadline=d(6), every=7, counts=None)
    tighter = plan_cadence_change(rules=looser.rules, today=d(5), deadline=d(6), every=2, counts=None)
    assert tighter.rules == (r(0, 3), r(5, 2))


def test_loosening_does_not_rescue_a_streak_about_to_break() -> None:
    due_today = journey(3, studied=(0,))
    change = plan_cadence_change(rules=due_today.rules, today=d(3), deadline=due_today.due, every=7, counts=None)
    next_day = journey(4, rules=list(change.rules), studied=(0,))
    assert (change.effective, next_day.state, next_day.every) == (d(4), "overdue", 7)


# --- The deadline in force, from the latest check-in alone -----------------------------


# --- A minimum of minutes per check-in day --------------------------------------------


@pytest.mark.parametrize(
    ("rule", "activity", "counts"),
    [
        pytest.param(r(0, 3), DayActivity(d(1), 1, 0, 0), True, id="no minimum: an entry of unknown duration counts"),
        pytest.param(r(0, 3, min_minutes=30), DayActivity(d(1), 2, 0, 29), False, id="a minute short"),
        pytest.param(r(0, 3, min_minutes=30), DayActivity(d(1), 2, 0, 30), True, id="exactly the minimum"),
        pytest.param(r(0, 3, min_minutes=30), DayActivity(d(1), 1, 1, 0), True, id="a post always counts"),
        pytest.param(r(0, 3, min_minutes=30), DayActivity(d(1), 0, 0, 0), False, id="nothing logged"),
        pytest.param(r(0, 3, "post", 30), DayActivity(d(1), 3, 0, 600), False, id="under post counting minutes never count"),
        pytest.param(r(0, 3, "post", 30), DayActivity(d(1), 1, 1, 0), True, id="under post counting the minimum does not apply"),
    ],
)
def test_a_rule_counts_a_day(rule: Rule, activity: DayActivity, counts: bool) -> None:
    assert rule.counts_day(activity) is counts


def test_records_of_one_day_count_together_against_the_minimum() -> None:
    rules = [r(0, 3, min_minutes=30)]
    halves = (DayActivity(d(2), 1, 0, 15), DayActivity(d(2), 1, 0, 15), DayActivity(d(1), 1, 0, 29))
    facts = journey(4, rules=rules, activity=halves)
    assert facts.checkins == (d(2),)
    assert deadline_setter(start=START, today=d(4), rules=rules, newest_first=iter(halves)) == d(2)


def test_the_minimum_of_the_rule_in_force_that_day_decides() -> None:
    rules = [r(0, 3), r(4, 3, min_minutes=60)]
    facts = journey(6, rules=rules, activity=(DayActivity(d(2), 1, 0, 20), DayActivity(d(5), 1, 0, 20)))
    assert facts.checkins == (d(2),)
    assert (facts.min_minutes, facts.to_json()["min_minutes"]) == (60, 60)


# --- The consistency score -------------------------------------------------------------


def test_the_multiplier_follows_the_cadence() -> None:
    assert consistency_multiplier(1) == pytest.approx(0.5 ** (1 / 13))
    assert consistency_multiplier(3) == pytest.approx(0.969685, abs=1e-6)


@pytest.mark.parametrize(
    ("today", "kwargs", "expected"),
    [
        pytest.param(9, dict(studied=tuple(range(10))), 0.2650, id="ten perfect days: about 27%"),
        pytest.param(99, dict(studied=tuple(range(100))), 0.9540, id="a hundred perfect days: about 95%"),
        pytest.param(0, dict(), 0.0303, id="Day 0 is never overdue"),
        pytest.param(2, dict(), 0.0882, id="not yet overdue counts as kept"),
        pytest.param(3, dict(), 0.1159, id="due today still counts"),
        pytest.param(4, dict(), 0.1123, id="the first overdue day takes a little"),
        pytest.param(5, dict(excused=(4, 5)), 0.1159, id="excused days leave the score unchanged"),
        pytest.param(3, dict(every=1), 0.0909, id="a one-day cadence is overdue sooner"),
    ],
)
def test_consistency(today: int, kwargs: dict, expected: float) -> None:
    assert consistency(journey(today, **kwargs)) == pytest.approx(expected, abs=5e-5)


def test_one_missed_deadline_costs_a_fraction_not_everything() -> None:
    before = consistency(journey(63, studied=tuple(range(0, 61, 3))))
    after = consistency(journey(66, studied=(*range(0, 61, 3), 66)))  # Days 64 and 65 overdue
    assert 0.9 * before < after < before


def test_consistency_history_has_a_score_for_every_day_from_the_start() -> None:
    history = consistency_history(journey(5, studied=(1, 2)))
    assert [day for day, _ in history] == [d(n) for n in range(6)]
    assert history[-1][1] == consistency(journey(5, studied=(1, 2)))


def test_deadline_setter_reads_activity_only_down_to_the_latest_checkin() -> None:
    def newest_first():
        yield DayActivity(d(9), entries=1, posts=1)  # after today
        yield DayActivity(d(7), entries=2, posts=0)  # no post, under a rule counting posts
        yield DayActivity(d(5), entries=1, posts=1)
        raise AssertionError("read past the latest check-in")

    setter = deadline_setter(start=START, today=d(8), rules=[r(0, 3), r(4, 3, "post")], newest_first=newest_first())
    assert setter == d(5)


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        pytest.param([], 0, id="no activity"),
        pytest.param([DayActivity(d(12), 1, 1)], 0, id="only activity after today"),
        pytest.param([DayActivity(d(4), 1, 0), DayActivity(d(-1), 1, 1)], 0, id="no check-in since the start"),
        pytest.param([DayActivity(d(0), 1, 1)], 0, id="a check-in on the start day"),
        pytest.param([DayActivity(d(3), 0, 0), DayActivity(d(3), 1, 1)], 3, id="the second record of a day counts"),
    ],
)
def test_deadline_setter_falls_back_to_the_start(activity: list[DayActivity], expected: int) -> None:
    assert deadline_setter(start=START, today=d(8), rules=[r(0, 3, "post")], newest_first=activity) == d(expected)


def test_due_facts_take_the_rule_in_force_on_the_setter_and_the_excused_days_after_it() -> None:
    facts = due_facts(today=d(9), setter=d(4), rules=[r(0, 3), r(5, 7)], excused_days=[d(6), d(7)])
    assert facts == DueFacts(due=d(9), state="due_today", days_left=0, overdue_days=0)


# --- Invalid arguments -----------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: Rule(START, 0, "any"), id="every 0"),
        pytest.param(lambda: Rule(START, 366, "any"), id="every 366"),
        pytest.param(lambda: Rule(START, 2.5, "any"), id="every not whole"),
        pytest.param(lambda: Rule(START, True, "any"), id="every a bool"),
        pytest.param(lambda: Rule(START, 3, "study"), id="unknown counts"),
        pytest.param(lambda: DayActivity(START, -1, 0), id="negative entries"),
        pytest.param(lambda: DayActivity(START, 1, 2), id="more posts than entries"),
        pytest.param(lambda: rule_on([], START), id="rule_on without rules"),
        pytest.param(lambda: rule_on([r(0, 3)], d(-1)), id="rule_on before the first rule"),
        pytest.param(lambda: rule_on([r(0, 3), r(0, 4)], d(1)), id="two rules on one day"),
        pytest.param(lambda: journey_facts(start=START, today=d(-1), rules=[r(0, 3)], activity=[], excused=[]), id="today before the start"),
        pytest.param(lambda: journey_facts(start=START, today=d(1), rules=[], activity=[], excused=[]), id="journey without rules"),
        pytest.param(lambda: journey_facts(start=START, today=d(5), rules=[r(1, 3)], activity=[], excused=[]), id="no rule on the start"),
        pytest.param(lambda: deadline_setter(start=START, today=d(-1), rules=[r(0, 3)], newest_first=[]), id="setter: today before the start"),
        pytest.param(lambda: deadline_setter(start=START, today=d(5), rules=[r(1, 3)], newest_first=[]), id="setter: no rule on the start"),
        pytest.param(lambda: plan_cadence_change(rules=[r(0, 3)], today=d(1), deadline=d(3), every=0, counts=None), id="change to every 0"),
        pytest.param(lambda: plan_cadence_change(rules=[r(0, 3)], today=d(1), deadline=d(3), every=366, counts=None), id="change to every 366"),
        pytest.param(lambda: plan_cadence_change(rules=[r(0, 3)], today=d(1), deadline=d(3), every=3, counts="all"), id="change to unknown counts"),
        pytest.param(lambda: plan_cadence_change(rules=[], today=d(1), deadline=d(3), every=3, counts=None), id="change without rules"),
    ],
)
def test_invalid_arguments_raise_input_error_with_a_one_line_message(make) -> None:
    with pytest.raises(InputError) as raised:
        make()
    message = str(raised.value)
    assert message and "\n" not in message


@pytest.mark.parametrize("every", [1, 365], ids=["every 1", "every 365"])
def test_every_bounds_are_inclusive(every: int) -> None:
    assert Rule(START, every, "post").every == every


# --- Properties over random histories --------------------------------------------------


def walked_deadline(checkin: date, every: int, excused: set[date]) -> date:
    """The deadline exactly as the rule words it: walk forward, pushing at each excused day."""
    due = checkin + timedelta(days=every)
    day = checkin + timedelta(days=1)
    while day <= due:
        if day in excused:
            due += timedelta(days=1)
        day += timedelta(days=1)
    return due


@st.composite
def histories(draw) -> dict:
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
    length = draw(st.integers(min_value=0, max_value=60))
    today = start + timedelta(days=length)
    counts = st.sampled_from(["any", "post"])
    minimum = st.sampled_from([0, 0, 15, 30, 60])
    first_rule = Rule(start, draw(st.integers(1, 10)), draw(counts), draw(minimum))
    later_offsets = draw(st.sets(st.integers(1, length + 10), max_size=3))
    rules = [first_rule] + [
        Rule(start + timedelta(days=n), draw(st.integers(1, 10)), draw(counts), draw(minimum)) for n in sorted(later_offsets)
    ]
    activity = []
    for offset in draw(st.lists(st.integers(-3, length + 5), max_size=40)):
        entries = draw(st.integers(0, 3))
        minutes = draw(st.integers(0, 45)) if entries else 0
        activity.append(DayActivity(start + timedelta(days=offset), entries, draw(st.integers(0, entries)), minutes))
    # A narrow range sometimes makes long runs of excused days.
    excused_span = draw(st.integers(0, length + 20))
    excused = [
        Excuse(start + timedelta(days=offset), late=draw(st.booleans()))
        for offset in draw(st.sets(st.integers(-3, excused_span), max_size=30))
    ]
    return dict(start=start, today=today, rules=rules, activity=activity, excused=excused)


def deadline_of(checkin: date, history: dict) -> date:
    return walked_deadline(checkin, rule_on(history["rules"], checkin).every, {e.day for e in history["excused"]})


def checkins_by_streak(facts: CadenceFacts) -> list[tuple[date, ...]]:
    groups, position = [], 0
    for each in facts.streaks:
        groups.append(facts.checkins[position : position + each.checkins])
        position += each.checkins
    return groups


@given(histories())
def test_checkins_are_the_days_whose_activity_counts_that_day(history: dict) -> None:
    facts = journey_facts(**history)
    totals: dict[date, list[int]] = {}
    for logged in history["activity"]:
        total = totals.setdefault(logged.day, [0, 0, 0])
        total[0] += logged.entries
        total[1] += logged.posts
        total[2] += logged.minutes
    expected = set()
    for day, (entries, posts, minutes) in totals.items():
        if not history["start"] <= day <= history["today"]:
            continue
        rule = rule_on(history["rules"], day)
        if posts > 0 or (rule.counts == "any" and entries > 0 and minutes >= rule.min_minutes):
            expected.add(day)
    assert facts.checkins == tuple(sorted(expected))


@given(histories())
def test_the_consistency_score_is_the_day_by_day_walk_and_stays_within_0_and_1(history: dict) -> None:
    facts = journey_facts(**history)
    excused = {excuse.day for excuse in history["excused"]}
    score, day, expected = 0.0, history["start"], []
    while day <= history["today"]:
        earlier = [checkin for checkin in facts.checkins if checkin < day]
        setter = earlier[-1] if earlier else history["start"]
        every = rule_on(history["rules"], day).every
        keep = 0.5 ** ((1 / every) ** 0.5 / 13)
        if day not in excused:
            value = 1 if day in facts.checkins or day <= deadline_of(setter, history) else 0
            score = score * keep + value * (1 - keep)
        expected.append((day, score))
        day += timedelta(days=1)
    history_served = consistency_history(facts)
    assert [day for day, _ in history_served] == [day for day, _ in expected]
    assert [score for _, score in history_served] == pytest.approx([score for _, score in expected], abs=1e-12)
    assert all(0 <= score <= 1 for _, score in history_served)


@given(histories())
def test_deadlines_match_the_walk_and_answer_in_order(history: dict) -> None:
    facts = journey_facts(**history)
    setters = [deadline.set_by for deadline in facts.deadlines]
    assert setters == sorted(set([history["start"], *facts.checkins]))
    for deadline, next_setter in zip(facts.deadlines, [*setters[1:], None]):
        assert deadline.due == deadline_of(deadline.set_by, history)
        assert deadline.met_on == next_setter
    assert facts.due == facts.deadlines[-1].due


@given(histories())
def test_streaks_hold_only_checkins_within_the_deadline_of_the_one_before(history: dict) -> None:
    facts = journey_facts(**history)
    groups = checkins_by_streak(facts)
    assert sum(s.checkins for s in facts.streaks) == len(facts.checkins)
    for each, members in zip(facts.streaks, groups):
        assert each.since == members[0]
        assert each.days == (members[-1] - members[0]).days + 1
        for previous, checkin in zip(members, members[1:]):
            assert checkin <= deadline_of(previous, history)
    for previous_group, group in zip(groups, groups[1:]):
        assert group[0] > deadline_of(previous_group[-1], history)


@given(histories())
def test_streaks_and_gaps_never_overlap_and_each_checkin_is_in_one_streak(history: dict) -> None:
    facts = journey_facts(**history)
    spans = [(s.since, s.since + timedelta(days=s.days - 1)) for s in facts.streaks]
    spans += [(g.start, g.end) for g in facts.gaps]
    spans.sort()
    for (_, earlier_end), (later_start, _) in zip(spans, spans[1:]):
        assert earlier_end < later_start
    for checkin in facts.checkins:
        assert sum(s.since <= checkin < s.since + timedelta(days=s.days) for s in facts.streaks) == 1
        assert not any(g.start <= checkin <= g.end for g in facts.gaps)
    for each in facts.gaps:
        assert each.days == (each.end - each.start).days + 1 >= 1
    assert [g.open for g in facts.gaps].count(True) == (facts.state == "overdue")
    assert all(not g.open for g in facts.gaps[:-1])


@given(histories())
def test_current_and_longest_streaks_are_bounded_by_the_checkins(history: dict) -> None:
    facts = journey_facts(**history)
    assert facts.streak.checkins <= facts.longest_streak.checkins <= len(facts.checkins)
    assert facts.longest_streak.checkins == max((s.checkins for s in facts.streaks), default=0)
    assert facts.streak == (facts.streaks[-1] if facts.streaks and facts.state != "overdue" else Streak(0, 0, None))


@given(histories(), st.data())
def test_a_checkin_after_the_last_never_shortens_the_longest_streak(history: dict, data: st.DataObject) -> None:
    before = journey_facts(**history)
    first_possible = (before.last_checkin or history["start"] - timedelta(days=1)) + timedelta(days=1)
    assume(first_possible <= history["today"])
    day = data.draw(st.dates(min_value=first_possible, max_value=history["today"]))
    # A post counts under either rule.
    after = journey_facts(**{**history, "activity": [*history["activity"], DayActivity(day, 1, 1)]})
    assert after.checkins == (*before.checkins, day)
    assert after.longest_streak.checkins >= before.longest_streak.checkins


@given(histories())
def test_state_agrees_with_due_and_today(history: dict) -> None:
    facts = journey_facts(**history)
    today, due = facts.today, facts.due
    assert facts.day == (today - facts.start).days
    assert facts.days_left == (due - today).days
    assert facts.overdue_days == max(0, (today - due).days)
    assert facts.state == {True: "on_track", False: "due_today" if today == due else "overdue"}[today < due]
    assert (facts.every, facts.counts) == (rule_on(history["rules"], today).every, rule_on(history["rules"], today).counts)


@given(histories(), st.integers(1, 12), st.sampled_from(["any", "post", None]))
def test_a_planned_change_is_in_force_from_its_effective_day_only(history: dict, every: int, counts: str | None) -> None:
    facts = journey_facts(**history)
    today = facts.today
    change = plan_cadence_change(rules=facts.rules, today=today, deadline=facts.due, every=every, counts=counts)
    assert not any(rule.effective > change.effective for rule in change.rules)
    assert all(not a.same_cadence(b) for a, b in zip(change.rules, change.rules[1:]) if a.effective >= today)
    from_effective = rule_on(change.rules, change.effective)
    assert (from_effective.every, from_effective.counts) == (change.rule.every, change.rule.counts)
    if change.looser:
        assert change.effective == max(facts.due + timedelta(days=1), today)
        if change.effective > today:
            assert rule_on(change.rules, today) == rule_on(facts.rules, today)
    else:
        assert change.effective == today


@given(histories())
def test_due_facts_from_the_latest_checkin_on_equal_the_full_facts(history: dict) -> None:
    full = journey_facts(**history)
    read: list[date] = []

    def newest_first():
        for logged in sorted(history["activity"], key=lambda logged: logged.day, reverse=True):
            read.append(logged.day)
            yield logged

    setter = deadline_setter(
        start=history["start"], today=history["today"], rules=history["rules"], newest_first=newest_first()
    )
    excused_after = [excuse.day for excuse in history["excused"] if excuse.day > setter]
    due = due_facts(today=history["today"], setter=setter, rules=history["rules"], excused_days=excused_after)

    assert setter == (full.last_checkin or history["start"])
    # Nothing older than the setter is read, save the one day showing there is no check-in since the start.
    assert all(day >= setter for day in read[:-1])
    assert due == DueFacts(full.due, full.state, full.days_left, full.overdue_days)


# --- Planning excused days -------------------------------------------------------------



EXCUSE_TODAY = date(2026, 11, 25)
EXCUSE_START = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("first", "last", "late", "expected"),
    [
        pytest.param(25, 25, False, [(25, False)], id="today"),
        pytest.param(26, 28, False, [(26, False), (27, False), (28, False)], id="days ahead"),
        pytest.param(23, 26, True, [(23, True), (24, True), (25, False), (26, False)], id="late: only past days marked"),
    ],
)
def test_plan_excuses_marks_past_days_late(first, last, late, expected):
    planned = plan_excuses(
        first=date(2026, 11, first), last=date(2026, 11, last), today=EXCUSE_TODAY, start=EXCUSE_START, late=late
    )
    assert [(excuse.day.day, excuse.late) for excuse in planned] == expected


@pytest.mark.parametrize(
    ("first", "last", "late", "message"),
    [
        pytest.param(date(2026, 11, 24), date(2026, 11, 24), False, "is past: excuse past days with --late", id="past without --late"),
        pytest.param(date(2026, 11, 27), date(2026, 11, 26), False, "is before", id="until before the first day"),
        pytest.param(date(2026, 10, 30), date(2026, 11, 2), True, "the journey starts on 2026-11-01", id="before the start"),
        pytest.param(date(2026, 11, 26), date(2027, 11, 27), False, "at most a year", id="over a year"),
        pytest.param(date(9999, 12, 31), date(9999, 12, 31), False, "too far ahead: excuse days at most 366 days", id="year 9999"),
    ],
)
def test_plan_excuses_refusals(first, last, late, message):
    with pytest.raises(InputError, match=message):
        plan_excuses(first=first, last=last, today=EXCUSE_TODAY, start=EXCUSE_START, late=late)
