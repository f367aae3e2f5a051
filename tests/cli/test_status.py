"""`learnlog status`: where the journey stands, in text and as its public JSON.

Every expected value below is computed by hand from the cadence rules.
"""

import pytest

pytestmark = pytest.mark.both_backends

STATUS_KEYS = {
    "day", "start", "every", "counts", "state", "due", "days_left", "overdue_days", "last_checkin",
    "streak", "longest_streak", "gaps", "excused",
}
NO_STREAK = {"checkins": 0, "days": 0, "since": None}


@pytest.fixture
def history(ok):
    """Day 0 is Mon 2 Nov, every 3 days. Check-ins on 3 and 5 Nov (a streak of 2), then
    silence past the 8 Nov deadline, then 12, 14 and 16 Nov (a streak of 3). On Wed
    18 Nov, 17 Nov is excused late (flu) and 20 Nov ahead (conference); the deadline
    set on 16 Nov, 19 Nov, is pushed by both to 21 Nov."""
    ok("init", "--start", "2026-11-02", today="2026-11-18")
    ok("log", "numpy", "--date", "2026-11-03")
    ok("log", "pandas", "--date", "2026-11-05")
    ok("log", "trees", "--date", "2026-11-12")
    ok("log", "numpy", "--date", "2026-11-14")
    ok("log", "--kind", "post", "--date", "2026-11-16")
    ok("skip", "yesterday", "--late", "--reason", "flu")
    ok("skip", "2026-11-20", "--reason", "conference")


EXCUSED = [
    {"date": "2026-11-17", "reason": "flu", "late": True},
    {"date": "2026-11-20", "reason": "conference", "late": False},
]
CLOSED_GAP = {"from": "2026-11-06", "to": "2026-11-11", "days": 6, "open": False}
SECOND_STREAK = {"checkins": 3, "days": 5, "since": "2026-11-12"}


def test_status_json_on_track(history, json_of):
    status = json_of("status", "--json")

    assert STATUS_KEYS <= status.keys()
    assert {key: status[key] for key in STATUS_KEYS} == {
        "day": 16,
        "start": "2026-11-02",
        "every": 3,
        "counts": "any",
        "state": "on_track",
        "due": "2026-11-21",
        "days_left": 3,
        "overdue_days": 0,
        "last_checkin": "2026-11-16",
        "streak": SECOND_STREAK,
        "longest_streak": SECOND_STREAK,
        "gaps": [CLOSED_GAP],
        "excused": EXCUSED,
    }


def test_status_text_on_track(history, ok):
    assert ok("status").stdout.splitlines() == [
        "Day 16 · on track · next update due Sat 21 Nov (in 3 days)",
        "Current streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Longest streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Consistency: 32%",
        "Last check-in: Mon 16 Nov (2 days ago)",
        "Gaps: 1, the last Fri 6 Nov to Wed 11 Nov (6 days)",
        "Cadence: an update every 3 days, any entry counts",
        "Excused ahead: Fri 20 Nov (conference)",
        "Excused late: Tue 17 Nov",
    ]


def test_status_json_has_no_skip_budget_until_one_is_set(history, ok, json_of):
    assert json_of("status", "--json")["skip_budget"] is None
    assert json_of("dashboard", "--json")["skip_budget"] is None

    ok("config", "skip-budget", "3")

    # 17 Nov (late) and 20 Nov (ahead) are November's excused days.
    assert json_of("status", "--json")["skip_budget"] == {"per_month": 3, "month": "2026-11", "used": 2, "left": 1}
    assert json_of("dashboard", "--json")["skip_budget"] == {"per_month": 3, "month": "2026-11", "used": 2, "left": 1}
    assert json_of("status", "--json", today="2026-12-02")["skip_budget"] == {
        "per_month": 3, "month": "2026-12", "used": 0, "left": 3,
    }


def test_status_text_shows_the_skips_left_this_month_before_the_cadence(history, ok):
    ok("config", "skip-budget", "3")

    assert ok("status").stdout.splitlines() == [
        "Day 16 · on track · next update due Sat 21 Nov (in 3 days)",
        "Current streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Longest streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Consistency: 32%",
        "Last check-in: Mon 16 Nov (2 days ago)",
        "Gaps: 1, the last Fri 6 Nov to Wed 11 Nov (6 days)",
        "Skips left in November: 1 of 3",
        "Cadence: an update every 3 days, any entry counts",
        "Excused ahead: Fri 20 Nov (conference)",
        "Excused late: Tue 17 Nov",
    ]
    assert "Skips left in December: 3 of 3" in ok("status", today="2026-12-02").stdout.splitlines()
    ok("config", "skip-budget", "1")
    # Days excused before the budget was lowered stay: November has used more than it allows.
    assert "Skips left in November: 0 of 1" in ok("status", today="2026-11-18").stdout.splitlines()


def test_status_json_due_today(history, json_of):
    status = json_of("status", "--json", today="2026-11-21")

    assert (status["day"], status["state"], status["due"], status["days_left"], status["overdue_days"]) == (
        19, "due_today", "2026-11-21", 0, 0,
    )
    assert status["streak"] == SECOND_STREAK


def test_status_text_due_today(history, ok):
    assert ok("status", today="2026-11-21").stdout.splitlines() == [
        "Day 19 · update due today (Sat 21 Nov)",
        "Current streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Longest streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Consistency: 36%",
        "Last check-in: Mon 16 Nov (5 days ago)",
        "Gaps: 1, the last Fri 6 Nov to Wed 11 Nov (6 days)",
        "Cadence: an update every 3 days, any entry counts",
        "Excused late: Tue 17 Nov",
    ]


def test_status_json_overdue(history, json_of):
    status = json_of("status", "--json", today="2026-11-24")

    assert {key: status[key] for key in STATUS_KEYS} == {
        "day": 22,
        "start": "2026-11-02",
        "every": 3,
        "counts": "any",
        "state": "overdue",
        "due": "2026-11-21",
        "days_left": -3,
        "overdue_days": 3,
        "last_checkin": "2026-11-16",
        "streak": NO_STREAK,
        "longest_streak": SECOND_STREAK,
        "gaps": [CLOSED_GAP, {"from": "2026-11-17", "to": "2026-11-24", "days": 8, "open": True}],
        "excused": EXCUSED,
    }


def test_status_text_overdue(history, ok):
    assert ok("status", today="2026-11-24").stdout.splitlines() == [
        "Day 22 · overdue by 3 days (was due Sat 21 Nov)",
        "Current streak: none",
        "Longest streak: 3 check-ins over 5 days (since Thu 12 Nov)",
        "Consistency: 33%",
        "Last check-in: Mon 16 Nov (8 days ago)",
        "Gaps: 2, the last Tue 17 Nov to Tue 24 Nov (8 days, still open)",
        "Cadence: an update every 3 days, any entry counts",
        "Excused late: Tue 17 Nov",
    ]


def test_status_of_a_journey_started_today(ok, json_of):
    ok("init")

    status = json_of("status", "--json")

    assert {key: status[key] for key in STATUS_KEYS} == {
        "day": 0, "start": "2026-11-25", "every": 3, "counts": "any", "state": "on_track",
        "due": "2026-11-28", "days_left": 3, "overdue_days": 0, "last_checkin": None,
        "streak": NO_STREAK, "longest_streak": NO_STREAK, "gaps": [], "excused": [],
    }
    assert ok("status").stdout.splitlines() == [
        "Day 0 · on track · next update due Sat 28 Nov (in 3 days)",
        "Current streak: none",
        "Longest streak: none",
        "Consistency: 3%",
        "Last check-in: none yet",
        "Cadence: an update every 3 days, any entry counts",
    ]


def test_status_of_an_overdue_journey_without_check_ins_has_an_open_gap_from_the_day_after_start(ok, json_of):
    ok("init", "--start", "2026-11-20")

    status = json_of("status", "--json")

    assert (status["state"], status["due"], status["overdue_days"], status["last_checkin"]) == (
        "overdue", "2026-11-23", 2, None,
    )
    assert status["gaps"] == [{"from": "2026-11-21", "to": "2026-11-25", "days": 5, "open": True}]


def test_a_check_in_on_the_start_day_opens_the_first_streak(ok, json_of):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-23")

    status = json_of("status", "--json")

    assert status["streak"] == {"checkins": 2, "days": 4, "since": "2026-11-20"}
    assert (status["due"], status["days_left"], status["gaps"]) == ("2026-11-26", 1, [])


def test_entries_dated_after_today_are_ignored_until_their_day_comes(ok, json_of):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy")  # on 25 Nov

    earlier = json_of("status", "--json", today="2026-11-22")

    assert (earlier["last_checkin"], earlier["state"], earlier["due"], earlier["streak"]) == (
        None, "on_track", "2026-11-23", NO_STREAK,
    )
    assert json_of("status", "--json", today="2026-11-25")["last_checkin"] == "2026-11-25"


def test_several_entries_on_one_day_make_one_check_in(ok, json_of):
    ok("init", "--start", "2026-11-20")
    for topic in ("numpy", "pandas", "trees"):
        ok("log", topic, "--date", "2026-11-22")

    assert json_of("status", "--json")["streak"] == {"checkins": 1, "days": 1, "since": "2026-11-22"}
