"""A minimum effort per check-in day (`cadence set N --min DURATION`) and the
consistency score, through the real entry point on both backends.

Day 0 is Fri 20 Nov (every 3 days, any entry counts); today is Wed 25 Nov.
"""

import json

import pytest

from learnlog.domain.document import VERSION

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-d", "45m", "--date", "2026-11-23")


def rules(json_of):
    return [(rule["effective"], rule["every"], rule["counts"], rule["min_minutes"]) for rule in json_of("cadence", "--json")]


def test_a_minimum_tightens_today_and_shows_in_the_rule(journey, ok, json_of):
    assert ok("cadence", "set", "3", "--min", "30m").stdout == (
        "From today: an update every 3 days, at least 30m a day (or a post) counts.\n"
    )
    assert rules(json_of) == [("2026-11-20", 3, "any", 0), ("2026-11-25", 3, "any", 30)]
    assert ok("cadence").stdout.splitlines() == [
        "from Fri 20 Nov 2026: an update every 3 days, any entry counts  [past]",
        "from Wed 25 Nov 2026: an update every 3 days, at least 30m a day (or a post) counts  [in force]",
    ]
    status = json_of("status", "--json")
    assert status["min_minutes"] == 30
    assert [rule["min_minutes"] for rule in status["rules"]] == [0, 30]
    assert ok("status").stdout.splitlines()[-1] == (
        "Cadence: an update every 3 days, at least 30m a day (or a post) counts"
    )


def test_without_min_cadence_set_keeps_the_minimum_in_force(journey, ok, json_of):
    ok("cadence", "set", "3", "--min", "30")
    ok("cadence", "set", "2")
    assert rules(json_of)[-1] == ("2026-11-25", 2, "any", 30)


def test_a_lower_minimum_is_looser_and_waits_for_the_current_deadline(journey, ok, json_of):
    ok("cadence", "set", "3", "--min", "1h")
    assert ok("cadence", "set", "3", "--min", "0").stdout.splitlines() == [
        "From Fri 27 Nov 2026: an update every 3 days, any entry counts.",
        "A looser rule starts after the current deadline, Thu 26 Nov 2026.",
    ]
    assert rules(json_of) == [("2026-11-20", 3, "any", 0), ("2026-11-25", 3, "any", 60), ("2026-11-27", 3, "any", 0)]


def test_log_says_when_the_day_is_still_below_the_minimum(journey, ok, json_of):
    ok("cadence", "set", "3", "--min", "30m")
    first = ok("log", "pandas", "-d", "10m").stdout.splitlines()
    assert first[1:] == ["10m of 30m today: not a check-in yet"]
    assert ok("log", "pandas", "-d", "12m").stdout.splitlines()[1:] == ["22m of 30m today: not a check-in yet"]
    assert json_of("status", "--json")["last_checkin"] == "2026-11-23"
    # Reaching the minimum makes the day a check-in, and log says nothing more.
    reached = ok("log", "pandas", "-d", "8m").stdout.splitlines()
    assert len(reached) == 1 and reached[0].endswith("next update due Sat 28 Nov (in 3 days)")
    assert json_of("status", "--json")["last_checkin"] == "2026-11-25"


def test_a_post_always_counts_and_log_says_nothing_about_minutes(journey, ok, json_of):
    ok("cadence", "set", "3", "--min", "30m")
    assert len(ok("log", "--kind", "post", "-m", "Week one").stdout.splitlines()) == 1
    assert json_of("status", "--json")["last_checkin"] == "2026-11-25"


def test_log_on_an_earlier_day_names_that_day(journey, ok):
    ok("cadence", "set", "3", "--min", "30m")
    ok("log", "pandas", "-d", "10m", today="2026-11-26")
    reply = ok("log", "pandas", "-d", "5m", "--date", "2026-11-25", today="2026-11-26").stdout.splitlines()
    assert reply[1:] == ["5m of 30m on Wed 25 Nov: not a check-in yet"]


def test_a_tighter_minimum_says_when_it_un_counts_today(journey, ok, json_of):
    ok("log", "pandas", "-d", "22m")
    assert json_of("status", "--json")["last_checkin"] == "2026-11-25"
    assert ok("cadence", "set", "3", "--min", "30m").stdout.splitlines() == [
        "From today: an update every 3 days, at least 30m a day (or a post) counts.",
        "Today's 22m no longer counts: 8m to go.",
    ]
    assert json_of("status", "--json")["last_checkin"] == "2026-11-23"


def test_counting_only_posts_says_when_it_un_counts_today(journey, ok):
    ok("log", "pandas", "-d", "22m")
    assert ok("cadence", "set", "3", "--counts", "post").stdout.splitlines()[1:] == [
        "Today's entries no longer count: only a post does.",
    ]


def test_under_post_counting_the_kept_minimum_is_shown(journey, ok):
    ok("cadence", "set", "3", "--min", "30m", "--counts", "post")
    assert ok("cadence").stdout.splitlines()[-1] == (
        "from Wed 25 Nov 2026: an update every 3 days, only posts count;"
        " a 30m minimum is kept for when entries count  [in force]"
    )


def test_a_day_below_the_minimum_shows_as_not_counted_in_the_dashboard(journey, ok, json_of):
    ok("cadence", "set", "3", "--min", "30m")
    ok("log", "pandas", "-d", "10m")
    marks = {day["date"]: day["mark"] for day in json_of("dashboard", "--json")["calendar"]}
    assert (marks["2026-11-23"], marks["2026-11-25"]) == ("checkin", "active")
    header = ok("dashboard").stdout.splitlines()[1]
    assert header.endswith("every 3 days, 30m a day")


@pytest.mark.parametrize(
    ("minimum", "message"),
    [
        pytest.param("half an hour", "--min: not a duration: 'half an hour'", id="not a duration"),
        pytest.param("25h", "--min: duration out of range: '25h'", id="over a day"),
        pytest.param("-5m", "--min: not a duration: '-5m'", id="negative"),
    ],
)
def test_a_bad_minimum_is_refused_and_changes_nothing(journey, refused, journey_state, minimum, message):
    before = journey_state()
    assert message in refused("cadence", "set", "3", "--min", minimum)
    assert journey_state() == before


def test_the_minimum_travels_through_export_and_import(journey, ok, json_of, tmp_path):
    ok("cadence", "set", "3", "--min", "40m")
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    document = json.loads(exported.read_text())
    assert document["version"] == VERSION
    assert document["cadence"][-1] == {"effective": "2026-11-25", "every": 3, "counts": "any", "min_minutes": 40}
    document["journey"]["name"] = "copy"
    exported.write_text(json.dumps(document))
    ok("import", str(exported))
    assert [rule["min_minutes"] for rule in json_of("--journey", "copy", "cadence", "--json")] == [0, 40]


def test_the_consistency_score_is_in_status_and_the_dashboard(journey, ok, json_of):
    status = json_of("status", "--json")
    assert 0 < status["consistency"] < 1
    assert f"Consistency: {round(status['consistency'] * 100)}%" in ok("status").stdout.splitlines()
    dashboard = json_of("dashboard", "--json")
    history = dashboard["consistency_history"]
    calendar_days = [day["date"] for day in dashboard["calendar"] if day["date"] <= "2026-11-25"]
    assert [point["date"] for point in history] == calendar_days
    assert history[-1]["score"] == status["consistency"] == dashboard["consistency"]
    assert all(point["score"] == 0 for point in history if point["date"] < "2026-11-20")
