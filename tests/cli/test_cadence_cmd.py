"""`learnlog cadence`: the rule's history, and changing it (`cadence set`).

Day 0 is Fri 20 Nov (every 3 days, any entry counts); the last check-in, Tue 24 Nov,
set the deadline Fri 27 Nov; today is Wed 25 Nov.
"""

import pytest

pytestmark = pytest.mark.both_backends

FIRST_RULE = {"effective": "2026-11-20", "every": 3, "counts": "any", "min_minutes": 0}
FIRST_RULE_LINE = "from Fri 20 Nov 2026: an update every 3 days, any entry counts"


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-24")


def in_force(json_of, today=None):
    status = json_of("status", "--json", today=today)
    return status["every"], status["counts"]


def test_cadence_shows_the_rule_in_force(journey, ok, json_of):
    assert ok("cadence").stdout == f"{FIRST_RULE_LINE}  [in force]\n"
    assert json_of("cadence", "--json") == [FIRST_RULE]


@pytest.mark.parametrize(
    ("args", "reply", "rule"),
    [
        (("2",), "From today: an update every 2 days, any entry counts.", (2, "any")),
        (("1",), "From today: an update every 1 day, any entry counts.", (1, "any")),
        (("3", "--counts", "post"), "From today: an update every 3 days, only posts count.", (3, "post")),
        (("2", "--counts", "post"), "From today: an update every 2 days, only posts count.", (2, "post")),
    ],
    ids=["fewer-days", "every-day", "posts-only", "both-tighter"],
)
def test_a_tighter_rule_takes_effect_today(journey, ok, json_of, args, reply, rule):
    assert ok("cadence", "set", *args).stdout == reply + "\n"

    assert in_force(json_of) == rule
    every, counts = rule
    assert json_of("cadence", "--json") == [FIRST_RULE, {"effective": "2026-11-25", "every": every, "counts": counts, "min_minutes": 0}]
    assert ok("cadence").stdout.splitlines()[0] == f"{FIRST_RULE_LINE}  [past]"


def test_a_tighter_rule_leaves_the_deadline_already_set_and_rules_the_next_one(journey, ok, json_of):
    ok("cadence", "set", "2")
    # The check-in of 24 Nov was made under "every 3 days".
    assert json_of("status", "--json")["due"] == "2026-11-27"

    ok("log", "pandas")

    assert json_of("status", "--json")["due"] == "2026-11-27"  # 25 Nov + 2 days
    ok("log", "pandas", today="2026-11-27")
    assert json_of("status", "--json")["due"] == "2026-11-29"


@pytest.mark.parametrize(
    ("args", "reply", "pending"),
    [
        (
            ("5",),
            "From Sat 28 Nov 2026: an update every 5 days, any entry counts.\n"
            "A looser rule starts after the current deadline, Fri 27 Nov 2026.",
            {"effective": "2026-11-28", "every": 5, "counts": "any", "min_minutes": 0},
        ),
        (
            ("4",),
            "From Sat 28 Nov 2026: an update every 4 days, any entry counts.\n"
            "A looser rule starts after the current deadline, Fri 27 Nov 2026.",
            {"effective": "2026-11-28", "every": 4, "counts": "any", "min_minutes": 0},
        ),
    ],
    ids=["every-5", "every-4"],
)
def test_a_looser_rule_takes_effect_the_day_after_the_current_deadline(journey, ok, json_of, args, reply, pending):
    assert ok("cadence", "set", *args).stdout == reply + "\n"

    assert in_force(json_of) == (3, "any")
    assert json_of("cadence", "--json") == [FIRST_RULE, pending]
    assert ok("cadence").stdout.splitlines() == [
        f"{FIRST_RULE_LINE}  [in force]",
        f"from Sat 28 Nov 2026: an update every {pending['every']} days, any entry counts  [pending]",
    ]
    assert in_force(json_of, today="2026-11-28") == (pending["every"], "any")
    assert ok("cadence").stdout.splitlines()[1].endswith("[in force]")


def test_loosening_cannot_rescue_a_streak_about_to_break(journey, ok, json_of):
    ok("cadence", "set", "7")

    status = json_of("status", "--json", today="2026-11-28")

    assert (status["every"], status["state"], status["due"], status["overdue_days"]) == (7, "overdue", "2026-11-27", 1)


def test_a_looser_rule_set_when_overdue_takes_effect_today(journey, ok, json_of):
    reply = ok("cadence", "set", "5", today="2026-11-29")

    assert reply.stdout == "From today: an update every 5 days, any entry counts.\n"
    status = json_of("status", "--json")
    assert (status["every"], status["state"], status["overdue_days"]) == (5, "overdue", 2)
    ok("log", "numpy")
    assert json_of("status", "--json")["due"] == "2026-12-04"


def test_counting_any_entry_again_is_looser_even_if_every_shrinks(journey, ok, json_of):
    ok("cadence", "set", "3", "--counts", "post")

    reply = ok("cadence", "set", "2", "--counts", "any")

    assert reply.stdout == (
        "From Sat 28 Nov 2026: an update every 2 days, any entry counts.\n"
        "A looser rule starts after the current deadline, Fri 27 Nov 2026.\n"
    )
    assert in_force(json_of) == (3, "post")
    assert in_force(json_of, today="2026-11-28") == (2, "any")


def test_set_without_counts_keeps_the_counting_in_force(journey, ok, json_of):
    ok("cadence", "set", "3", "--counts", "post")

    assert ok("cadence", "set", "2").stdout == "From today: an update every 2 days, only posts count.\n"
    assert in_force(json_of) == (2, "post")


def test_setting_the_rule_in_force_cancels_a_pending_change(journey, ok, json_of):
    ok("cadence", "set", "5")

    assert ok("cadence", "set", "3").stdout == "From today: an update every 3 days, any entry counts.\n"

    assert json_of("cadence", "--json") == [FIRST_RULE]
    assert ok("cadence").stdout == f"{FIRST_RULE_LINE}  [in force]\n"


def test_a_new_change_replaces_a_pending_one(journey, ok, json_of):
    ok("cadence", "set", "5")

    ok("cadence", "set", "4")
    assert json_of("cadence", "--json") == [FIRST_RULE, {"effective": "2026-11-28", "every": 4, "counts": "any", "min_minutes": 0}]

    ok("cadence", "set", "2")
    assert json_of("cadence", "--json") == [FIRST_RULE, {"effective": "2026-11-25", "every": 2, "counts": "any", "min_minutes": 0}]


def test_two_changes_on_one_day_leave_one_rule_for_that_day(journey, ok, json_of):
    ok("cadence", "set", "2")
    ok("cadence", "set", "1")

    assert json_of("cadence", "--json") == [FIRST_RULE, {"effective": "2026-11-25", "every": 1, "counts": "any", "min_minutes": 0}]


def test_past_days_keep_the_rule_in_force_on_them(ok, json_of):
    ok("init", "--start", "2026-11-01", today="2026-11-01")
    ok("log", "numpy", "--date", "2026-11-02", today="2026-11-02")
    ok("log", "numpy", "--date", "2026-11-05", today="2026-11-05")  # on time under every 3 days
    ok("cadence", "set", "1", today="2026-11-06")

    status = json_of("status", "--json", today="2026-11-07")

    assert (status["every"], status["streak"]) == (1, {"checkins": 2, "days": 4, "since": "2026-11-02"})
    assert status["gaps"] == []
    assert status["due"] == "2026-11-08"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("2", "--counts", "likes"), 1, "Error: --counts takes any or post, not 'likes'"),
        (("0",), 1, "Error: every must be from 1 to 365 days, not 0"),
        (("366",), 1, "Error: every must be from 1 to 365 days, not 366"),
        (("two",), 2, "Error: Invalid value for 'N'"),
    ],
    ids=["unknown-counts", "zero", "over-a-year", "not-a-number"],
)
def test_cadence_set_refusals_change_nothing(journey, learnlog, journey_state, args, code, message):
    before = journey_state()

    result = learnlog("cadence", "set", *args)

    assert result.exit_code == code
    assert result.stderr.splitlines()[-1].startswith(message)
    assert journey_state() == before
