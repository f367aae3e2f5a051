"""The session timer through the real entry point, on both backends: `start`,
`stop`, `cancel`, `continue`, and what `status` and the dashboard say while a
session runs. Day 0 is Fri 20 Nov; "now" moves with LEARNLOG_TODAY's time."""

import pytest

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20", today="2026-11-25T09:00")


def newest(json_of, today):
    return json_of("entries", "--json", "-n", "1", today=today)[0]


def test_start_then_stop_logs_the_session_from_its_start_for_the_minutes_it_ran(journey, ok, json_of):
    assert ok("start", "numpy", "-m", "einsum", today="2026-11-25T14:05").stdout == (
        "Started NumPy at 14:05; learnlog stop logs it.\n"
    )
    assert ok("stop", "-m", "named axes", "-c", "4", "-t", "arrays", today="2026-11-25T14:47").stdout == (
        "Logged #1 · Day 5 · NumPy · 42m · next update due Sat 28 Nov (in 3 days)\n"
    )
    entry = newest(json_of, "2026-11-25T14:47")
    assert (entry["timestamp"][:16], entry["minutes"], entry["note"], entry["confidence"], entry["tags"]) == (
        "2026-11-25T14:05", 42, "einsum\n\nnamed axes", 4, ["arrays"],
    )
    assert json_of("status", "--json", today="2026-11-25T14:48")["running"] is None


def test_a_session_across_midnight_counts_for_the_day_it_started(journey, ok, json_of):
    ok("start", "lin alg", "--kind", "build", "-t", "project", today="2026-11-25T23:30")
    ok("stop", today="2026-11-26T00:45")
    entry = newest(json_of, "2026-11-26T01:00")
    assert (entry["date"], entry["minutes"], entry["kind"], entry["tags"]) == ("2026-11-25", 75, "build", ["project"])


def test_elapsed_minutes_round_half_up(journey, ok, json_of):
    from learnlog.domain.timer import elapsed_minutes
    from datetime import datetime, timedelta

    since = datetime(2026, 11, 25, 14, 0)
    assert [elapsed_minutes(since, since + timedelta(seconds=s)) for s in (89, 90, 149, 150)] == [1, 2, 2, 3]


def test_status_json_and_the_dashboard_show_the_running_session(journey, ok, json_of):
    ok("start", "pandas", "-m", "groupby", "--at", "13:20", today="2026-11-25T14:02")
    lines = ok("status", today="2026-11-25T14:02").stdout.splitlines()
    assert lines[1] == "Running: Pandas for 42m, since 13:20"
    running = json_of("status", "--json", today="2026-11-25T14:02")["running"]
    assert running == {"topic": "Pandas", "kind": "study", "since": running["since"], "minutes": 42, "note": "groupby"}
    assert running["since"].startswith("2026-11-25T13:20:00")
    assert json_of("dashboard", "--json", today="2026-11-25T14:02")["running"] == running
    assert "Running: Pandas for 42m, since 13:20" in ok("dashboard", today="2026-11-25T14:02").stdout


def test_a_bare_time_still_to_come_means_yesterday(journey, ok, json_of):
    ok("start", "numpy", "--at", "23:10", today="2026-11-25T00:20")
    assert json_of("status", "--json", today="2026-11-25T00:20")["running"]["since"].startswith("2026-11-24T23:10")
    assert ok("status", today="2026-11-25T00:20").stdout.splitlines()[1] == (
        "Running: NumPy for 1h10m, since Tue 24 Nov 23:10"
    )


def test_start_while_one_runs_is_refused_saying_what_runs(journey, ok, refused, journey_state):
    ok("start", "numpy", today="2026-11-25T14:05")
    before = journey_state()
    assert refused("start", "pandas", today="2026-11-25T14:47") == (
        "Error: NumPy has been running since 14:05 (42m): learnlog stop, or learnlog start --switch"
    )
    assert journey_state() == before


def test_switch_logs_the_running_session_and_starts_the_next(journey, ok, json_of):
    ok("start", "numpy", today="2026-11-25T14:05")
    reply = ok("start", "pandas", "--switch", today="2026-11-25T14:35").stdout.splitlines()
    assert reply == [
        "Logged #1 · Day 5 · NumPy · 30m · next update due Sat 28 Nov (in 3 days)",
        "Started Pandas at 14:35; learnlog stop logs it.",
    ]
    assert json_of("status", "--json", today="2026-11-25T14:36")["running"]["topic"] == "Pandas"


def test_under_a_minute_nothing_is_logged(journey, ok, json_of):
    ok("start", "numpy", today="2026-11-25T14:05")
    assert ok("stop", "--at", "14:05", today="2026-11-25T14:05").stdout == (
        "Discarded NumPy: it ran 0s, under a minute, so nothing was logged.\n"
    )
    assert json_of("entries", "--json", today="2026-11-25T14:06") == []
    assert json_of("status", "--json", today="2026-11-25T14:06")["running"] is None


def test_a_forgotten_timer_is_refused_until_stop_says_when_it_ended(journey, ok, refused, journey_state, json_of):
    ok("start", "numpy", today="2026-11-24T10:00")
    before = journey_state()
    assert refused("stop", today="2026-11-25T14:00") == (
        "Error: the session has run for 28h, over 24 hours: say when it ended with learnlog stop --at TIME"
    )
    assert journey_state() == before
    ok("stop", "--at", "yesterday 11:30", today="2026-11-25T14:00")
    assert newest(json_of, "2026-11-25T14:00")["minutes"] == 90


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("stop", "--at", "14:00"), "is before the session started", id="stop before the start"),
        pytest.param(("stop", "--at", "today 16:00"), "16:00 today is later than now (15:00)", id="stop in the future"),
        pytest.param(("stop", "-c", "9"), "confidence", id="a bad rating"),
        pytest.param(("stop", "--at", "99:99"), "not a time: '99:99' in 'today 99:99'", id="no such time"),
    ],
)
def test_a_bad_stop_is_refused_and_changes_nothing(journey, ok, refused, journey_state, args, message):
    ok("start", "numpy", today="2026-11-25T14:05")
    before = journey_state()
    assert message in refused(*args, today="2026-11-25T15:00")
    assert journey_state() == before
    assert "Running: NumPy" in ok("status", today="2026-11-25T15:00").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("stop",), "Error: no session is running: start one with learnlog start TOPIC", id="stop"),
        pytest.param(("cancel",), "Error: no session is running: nothing to cancel", id="cancel"),
        pytest.param(("start", "--kind", "post", "numpy"), "Error: a post is published, not timed", id="a post"),
        pytest.param(("start", "numpy", "--at", "today 16:00"), "Error: 16:00 today is later than now", id="--at later today"),
        pytest.param(("start", "nope"), "Error: no topic 'nope'", id="an unknown topic"),
        pytest.param(("start", "numpy", "--switch"), "Error: nothing is running to switch from", id="switch from nothing"),
        pytest.param(("continue",), "Error: no entry with a topic to continue", id="continue with no entries"),
        pytest.param(("continue", "7"), "Error: no entry #7", id="continue a missing entry"),
    ],
)
def test_refusals_change_nothing(journey, refused, journey_state, args, message):
    before = journey_state()
    assert refused(*args, today="2026-11-25T15:00").startswith(message)
    assert journey_state() == before


def test_cancel_discards_the_running_session(journey, ok, json_of):
    ok("start", "numpy", today="2026-11-25T14:05")
    assert ok("cancel", today="2026-11-25T14:20").stdout == "Cancelled NumPy (15m): nothing was logged.\n"
    assert json_of("entries", "--json", today="2026-11-25T14:20") == []


def test_continue_starts_the_latest_topic_kind_and_tags_again(journey, ok, json_of):
    ok("log", "pandas", "--kind", "bug", "-t", "groupby", "-m", "SettingWithCopyWarning", today="2026-11-25T10:00")
    ok("log", "--kind", "post", "-m", "Week 1", today="2026-11-25T11:00")
    assert ok("continue", today="2026-11-25T14:00").stdout == "Started Pandas (bug) again at 14:00; learnlog stop logs it.\n"
    ok("stop", today="2026-11-25T14:30")
    entry = newest(json_of, "2026-11-25T14:30")
    assert (entry["topic"], entry["kind"], entry["tags"], entry["note"]) == ("Pandas", "bug", ["groupby"], None)


def test_the_running_session_is_kept_per_journey(journey, ok, refused):
    ok("--journey", "rust", "init", "--start", "2026-11-25", "--curriculum", "none", today="2026-11-25T09:00")
    ok("--journey", "main", "start", "numpy", today="2026-11-25T14:05")
    assert refused("--journey", "rust", "stop", today="2026-11-25T14:30").startswith("Error: no session is running")
    assert "Running: NumPy" in ok("--journey", "main", "status", today="2026-11-25T14:30").stdout


def test_two_terminals_starting_at_once_exactly_one_wins(journey, database, tmp_path):
    """Real processes on one SQLite file (the PostgreSQL case is in tests/postgres)."""
    import os
    import subprocess
    import sys

    if not database.endswith(".db"):
        pytest.skip("tests/postgres/test_sharing.py starts timers from four computers")
    env = {**os.environ, "LEARNLOG_DB": database, "LEARNLOG_TODAY": "2026-11-25T14:05"}
    processes = [
        subprocess.Popen([sys.executable, "-m", "learnlog", "start", topic], env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for topic in ("numpy", "pandas", "statistics", "python")
    ]
    results = [(process.wait(), *process.communicate()) for process in processes]
    assert sorted(code for code, _, _ in results) == [0, 1, 1, 1]
    assert all("has been running since" in err for code, _, err in results if code == 1)


def test_a_rated_stop_is_a_review_of_its_topic(journey, ok, json_of):
    ok("start", "numpy", today="2026-11-25T14:05")
    ok("stop", "-c", "4", today="2026-11-25T14:47")
    (numpy,) = [topic for topic in json_of("review", "--all", "--json", today="2026-11-25T15:00") if topic["topic"] == "NumPy"]
    assert (numpy["reviews"], numpy["last_rating"]) == (1, 4)
