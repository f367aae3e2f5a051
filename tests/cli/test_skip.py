"""`learnlog skip`: excusing days (illness, travel, exams), each pushing the deadline a day.

Day 0 is Fri 20 Nov; the last check-in, Mon 23 Nov, set the deadline Thu 26 Nov;
today is Wed 25 Nov.
"""

import pytest

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-23")


def excused(json_of):
    return json_of("status", "--json")["excused"]


def due(json_of):
    return json_of("status", "--json")["due"]


def test_skip_excuses_today_by_default(journey, ok, json_of):
    assert ok("skip").stdout == "Excused Wed 25 Nov; next update due Fri 27 Nov (in 2 days).\n"

    assert excused(json_of) == [{"date": "2026-11-25", "reason": None, "late": False}]
    assert due(json_of) == "2026-11-27"


@pytest.mark.parametrize(
    ("args", "reply", "days", "deadline"),
    [
        (
            ("tomorrow",),
            "Excused Thu 26 Nov; next update due Fri 27 Nov (in 2 days).",
            ["2026-11-26"],
            "2026-11-27",
        ),
        (
            ("2026-12-01",),
            "Excused Tue 1 Dec; next update due Thu 26 Nov (tomorrow).",
            ["2026-12-01"],
            "2026-11-26",
        ),
        (
            ("tomorrow", "--until", "in 3 days"),
            "Excused Thu 26 Nov to Sat 28 Nov; next update due Sun 29 Nov (in 4 days).",
            ["2026-11-26", "2026-11-27", "2026-11-28"],
            "2026-11-29",
        ),
        (
            ("--until", "+2d"),
            "Excused Wed 25 Nov to Fri 27 Nov; next update due Sun 29 Nov (in 4 days).",
            ["2026-11-25", "2026-11-26", "2026-11-27"],
            "2026-11-29",
        ),
    ],
    ids=["tomorrow", "after-the-deadline-moves-nothing", "range", "today-until"],
)
def test_skip_excuses_today_and_days_ahead_and_replies_with_the_new_deadline(
    journey, ok, json_of, args, reply, days, deadline
):
    assert ok("skip", *args).stdout == reply + "\n"

    assert [excuse["date"] for excuse in excused(json_of)] == days
    assert all(not excuse["late"] for excuse in excused(json_of))
    assert due(json_of) == deadline


def test_skip_keeps_the_reason(journey, ok, json_of):
    ok("skip", "tomorrow", "--reason", "  conference in Lyon ")

    assert excused(json_of) == [{"date": "2026-11-26", "reason": "conference in Lyon", "late": False}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("yesterday",), "Error: 2026-11-24 is past: excuse past days with --late (they are marked late)"),
        (("yesterday", "--until", "tomorrow"), "Error: 2026-11-24 is past: excuse past days with --late (they are marked late)"),
        (("2026-11-19", "--late"), "Error: the journey starts on 2026-11-20"),
        (("tomorrow", "--until", "today"), "Error: --until 2026-11-25 is before 2026-11-26"),
        (("tomorrow", "--until", "2027-11-27"), "Error: excuse at most a year at a time"),
        (("9999-12-31",), "Error: 9999-12-31 is too far ahead: excuse days at most 366 days ahead (until 2027-11-26)"),
        (("in 360 days", "--until", "in 367 days"), "Error: 2027-11-27 is too far ahead: excuse days at most 366 days ahead (until 2027-11-26)"),
        (("12/11",), "Error: not a date: '12/11' (numeric forms like 12/11 are ambiguous;"
                     " use YYYY-MM-DD, 'Nov 12' or '12 Nov')"),
        (("tomorrow 10:00",), "Error: a time is not accepted here: 'tomorrow 10:00'"
                              " (give just a day, e.g. yesterday or 2026-11-20)"),
    ],
    ids=["past", "range-from-the-past", "before-start", "until-before-date", "over-a-year", "year-9999",
         "until-past-the-horizon", "bad-date", "with-a-time"],
)
def test_skip_refusals_change_nothing(journey, refused, journey_state, args, message):
    before = journey_state()

    assert refused("skip", *args) == message
    assert journey_state() == before


def test_skip_excuses_a_day_as_far_as_366_days_ahead(journey, ok, json_of):
    ok("skip", "in 366 days")

    assert [excuse["date"] for excuse in excused(json_of)] == ["2027-11-26"]


def test_skip_late_excuses_a_past_day_moves_the_deadline_and_marks_it_late(journey, ok, json_of):
    assert ok("skip", "yesterday", "--late", "-r", "flu").stdout == (
        "Excused Tue 24 Nov; next update due Fri 27 Nov (in 2 days).\n"
    )

    assert excused(json_of) == [{"date": "2026-11-24", "reason": "flu", "late": True}]
    assert due(json_of) == "2026-11-27"
    assert "Excused late: Tue 24 Nov" in ok("status").stdout.splitlines()
    assert ok("skip", "--list").stdout == "2026-11-24 Tue 24 Nov  (flu; excused late)\n"


def test_skip_late_over_a_range_marks_only_the_past_days_late(journey, ok, json_of):
    ok("skip", "2 days ago", "--until", "tomorrow", "--late")

    assert excused(json_of) == [
        {"date": "2026-11-23", "reason": None, "late": True},
        {"date": "2026-11-24", "reason": None, "late": True},
        {"date": "2026-11-25", "reason": None, "late": False},
        {"date": "2026-11-26", "reason": None, "late": False},
    ]
    # The check-in of 23 Nov still counts; 24, 25 and 26 Nov push its deadline 3 days.
    status = json_of("status", "--json")
    assert (status["last_checkin"], status["due"]) == ("2026-11-23", "2026-11-29")


def test_a_late_excuse_can_rescue_an_overdue_journey_and_stays_marked_late(journey, ok, json_of):
    assert json_of("status", "--json", today="2026-11-27")["state"] == "overdue"

    ok("skip", "2026-11-24", "--until", "2026-11-25", "--late", "-r", "flu")

    status = json_of("status", "--json")
    assert (status["state"], status["due"]) == ("on_track", "2026-11-28")
    assert [(e["date"], e["late"]) for e in status["excused"]] == [("2026-11-24", True), ("2026-11-25", True)]


def test_excusing_a_day_twice_is_harmless(journey, ok, json_of):
    ok("skip", "tomorrow", "-r", "travel")

    again = ok("skip", "today", "--until", "in 2 days")

    assert again.stdout == "Excused Wed 25 Nov to Fri 27 Nov (1 day already excused); next update due Sun 29 Nov (in 4 days).\n"
    assert [(e["date"], e["reason"]) for e in excused(json_of)] == [
        ("2026-11-25", None), ("2026-11-26", "travel"), ("2026-11-27", None),
    ]
    assert ok("skip", "tomorrow").stdout == (
        "Excused Thu 26 Nov (1 day already excused); next update due Sun 29 Nov (in 4 days).\n"
    )


def test_skip_list_shows_every_excused_day_oldest_first(journey, ok, json_of):
    assert ok("skip", "--list").stdout == "No excused days.\n"
    assert json_of("skip", "--list", "--json") == []

    ok("skip", "tomorrow", "--until", "in 2 days", "-r", "conference")
    ok("skip", "yesterday", "--late")

    assert ok("skip", "--list").stdout.splitlines() == [
        "2026-11-24 Tue 24 Nov  (excused late)",
        "2026-11-26 Thu 26 Nov  (conference)",
        "2026-11-27 Fri 27 Nov  (conference)",
    ]
    assert json_of("skip", "--list", "--json") == [
        {"date": "2026-11-24", "reason": None, "late": True},
        {"date": "2026-11-26", "reason": "conference", "late": False},
        {"date": "2026-11-27", "reason": "conference", "late": False},
    ]


def test_status_lists_the_excused_days_ahead(journey, ok):
    ok("skip", "tomorrow", "--until", "in 2 days", "-r", "conference")

    assert "Excused ahead: Thu 26 Nov (conference), Fri 27 Nov (conference)" in ok("status").stdout.splitlines()


@pytest.mark.parametrize(
    ("removed", "reply", "left", "deadline"),
    [
        ("today", "Wed 25 Nov is no longer excused; next update due Fri 27 Nov (in 2 days).", ["2026-11-26"], "2026-11-27"),
        ("tomorrow", "Thu 26 Nov is no longer excused; next update due Fri 27 Nov (in 2 days).", ["2026-11-25"], "2026-11-27"),
    ],
    ids=["today", "tomorrow"],
)
def test_skip_remove_takes_back_an_excuse_for_today_or_a_day_ahead(
    journey, ok, json_of, removed, reply, left, deadline
):
    ok("skip", "--until", "tomorrow")

    assert ok("skip", "--remove", removed).stdout == reply + "\n"

    assert [e["date"] for e in excused(json_of)] == left
    assert due(json_of) == deadline


@pytest.mark.parametrize(
    ("removed", "message"),
    [
        ("yesterday", "Error: 2026-11-24 is past: an excused past day stays on the record"),
        ("in 5 days", "Error: 2026-11-30 is not excused"),
        ("someday", "Error: not a date: 'someday' (use YYYY-MM-DD, today, yesterday, fri, last fri,"
                    " 3 days ago, -3d, in 2 days, +2d, Nov 3 or 3 Nov)"),
    ],
    ids=["past", "not-excused", "bad-date"],
)
def test_skip_remove_refusals_change_nothing(journey, ok, refused, journey_state, removed, message):
    ok("skip", "yesterday", "--until", "tomorrow", "--late")
    before = journey_state()

    assert refused("skip", "--remove", removed) == message
    assert journey_state() == before


def test_entries_on_an_excused_day_still_count_as_check_ins(journey, ok, json_of):
    ok("skip", "--until", "tomorrow")

    ok("log", "pandas")

    status = json_of("status", "--json")
    assert (status["last_checkin"], status["streak"]["checkins"]) == ("2026-11-25", 2)
    # From 25 Nov: 28 Nov, pushed a day by the excused 26 Nov.
    assert status["due"] == "2026-11-29"


def test_excused_days_that_extend_into_each_other_keep_pushing_the_deadline(journey, ok, json_of):
    # 26 Nov pushes the deadline to 27 Nov, which is excused too, and so on to 30 Nov.
    ok("skip", "2026-11-26")
    ok("skip", "2026-11-28")
    ok("skip", "2026-11-27")
    ok("skip", "2026-11-29")
    ok("skip", "2026-12-01")

    assert due(json_of) == "2026-11-30"


# --- the skip budget (learnlog config skip-budget N): N excused days per calendar month ---


@pytest.mark.parametrize(
    ("budget", "before", "args", "message"),
    [
        ("2", [("tomorrow",)], ("in 2 days", "--until", "in 3 days"),
         "Error: only 1 skip left in November 2026 (budget 2 a month)"),
        ("2", [("tomorrow", "--until", "in 2 days")], ("yesterday", "--late"),
         "Error: no skips left in November 2026 (budget 2 a month)"),
        ("2", [("2026-11-21", "--until", "2026-11-22", "--late")], (),
         "Error: no skips left in November 2026 (budget 2 a month)"),
        ("0", [], (), "Error: no skips left in November 2026 (budget 0 a month)"),
        ("2", [], ("2026-11-29", "--until", "2026-12-05"),
         "Error: only 2 skips left in December 2026 (budget 2 a month)"),
        ("3", [("tomorrow",)], ("today", "--until", "in 3 days"),
         "Error: only 2 skips left in November 2026 (budget 3 a month)"),
    ],
    ids=["range-over-what-is-left", "late-with-none-left", "late-days-count-too", "zero-allows-none",
         "range-into-a-full-month-names-it", "excused-day-in-the-range-counts-once"],
)
def test_skip_past_the_budget_is_refused_in_one_line_and_changes_nothing(
    journey, ok, refused, journey_state, budget, before, args, message
):
    ok("config", "skip-budget", budget)
    for earlier in before:
        ok("skip", *earlier)
    state = journey_state()

    assert refused("skip", *args) == message
    assert journey_state() == state


def test_skip_within_the_budget_excuses_the_days(journey, ok, json_of):
    ok("config", "skip-budget", "3")

    ok("skip", "tomorrow")
    said = ok("skip", "today", "--until", "in 2 days").stdout

    assert said == "Excused Wed 25 Nov to Fri 27 Nov (1 day already excused); next update due Sun 29 Nov (in 4 days).\n"
    assert [excuse["date"] for excuse in excused(json_of)] == ["2026-11-25", "2026-11-26", "2026-11-27"]
    assert json_of("status", "--json")["skip_budget"] == {"per_month": 3, "month": "2026-11", "used": 3, "left": 0}


def test_excusing_a_day_again_takes_nothing_from_the_budget(journey, ok):
    ok("config", "skip-budget", "1")
    ok("skip", "tomorrow")

    assert ok("skip", "tomorrow").stdout.startswith("Excused Thu 26 Nov (1 day already excused);")


def test_skip_remove_gives_a_day_back_to_the_budget(journey, ok, refused):
    ok("config", "skip-budget", "1")
    ok("skip", "tomorrow")
    assert refused("skip", "in 2 days") == "Error: no skips left in November 2026 (budget 1 a month)"

    ok("skip", "--remove", "tomorrow")

    assert ok("skip", "in 2 days").stdout.startswith("Excused Fri 27 Nov;")


def test_each_calendar_month_has_its_own_budget(journey, ok, json_of):
    ok("config", "skip-budget", "2")

    ok("skip", "2026-11-29", "--until", "2026-12-02")

    assert [excuse["date"] for excuse in excused(json_of)] == ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]
    assert json_of("status", "--json", today="2026-12-01")["skip_budget"] == {
        "per_month": 2, "month": "2026-12", "used": 2, "left": 0,
    }


def test_days_excused_before_a_budget_is_set_are_kept(journey, ok, refused, json_of):
    ok("skip", "tomorrow", "--until", "in 3 days")

    ok("config", "skip-budget", "2")

    assert [excuse["date"] for excuse in excused(json_of)] == ["2026-11-26", "2026-11-27", "2026-11-28"]
    assert "Skips left in November: 0 of 2" in ok("status").stdout.splitlines()
    assert ok("skip", "tomorrow", "--until", "in 2 days").stdout.startswith(
        "Excused Thu 26 Nov to Fri 27 Nov (2 days already excused);"
    )
    assert refused("skip", "in 5 days") == "Error: no skips left in November 2026 (budget 2 a month)"
    assert ok("skip", "2026-12-01").stdout.startswith("Excused Tue 1 Dec;")


def test_skip_budget_off_allows_any_number_again(journey, ok, json_of):
    ok("config", "skip-budget", "0")

    ok("config", "skip-budget", "off")

    ok("skip", "today", "--until", "in 5 days")
    assert len(excused(json_of)) == 6
    assert json_of("status", "--json")["skip_budget"] is None
