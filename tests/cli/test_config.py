"""`learnlog config`: the journey's settings, kept in its database."""

import pytest

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")


def test_config_shows_each_setting_marking_defaults(journey, ok, json_of):
    assert ok("config").stdout == (
        "default-duration = 30m  (default)\nreminder-time = 09:00  (default)\nskip-budget = off  (default)\nreview-retention = 0.9  (default)\nsync-estimate = on  (default)\npost-format = plain  (default)\nhashnode-domain = none  (default)\nhashnode-series = none  (default)\ndevto-series = none  (default)\n"
    )
    assert ok("config", "default-duration").stdout == "default-duration = 30m  (default)\n"
    assert json_of("config", "--json") == {"default-duration": "30m", "reminder-time": "09:00", "skip-budget": "off", "review-retention": "0.9", "sync-estimate": "on", "post-format": "plain", "hashnode-domain": "none", "hashnode-series": "none", "devto-series": "none"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("45m", "45m"), ("1h30m", "90m"), ("1.5h", "90m"), ("90", "90m"), ("2h", "120m")],
    ids=lambda value: value,
)
def test_config_sets_the_default_duration_in_minutes(journey, ok, json_of, typed, stored):
    assert ok("config", "default-duration", typed).stdout == f"default-duration = {stored}\n"

    assert ok("config").stdout == (
        f"default-duration = {stored}\nreminder-time = 09:00  (default)\nskip-budget = off  (default)\nreview-retention = 0.9  (default)\nsync-estimate = on  (default)\npost-format = plain  (default)\nhashnode-domain = none  (default)\nhashnode-series = none  (default)\ndevto-series = none  (default)\n"
    )
    assert json_of("config", "default-duration", "--json") == {"default-duration": stored}


def test_config_keys_ignore_case(journey, ok, json_of):
    ok("config", "Default-Duration", "45m")

    assert json_of("config", "--json")["default-duration"] == "45m"


def test_config_is_kept_in_the_journeys_database(journey, ok, json_of, tmp_path):
    other = tmp_path / "other.db"
    ok("--db", str(other), "init")

    ok("config", "default-duration", "45m")

    assert json_of("--db", str(other), "config", "--json")["default-duration"] == "30m"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("theme",), "Error: no setting 'theme': settings are default-duration, reminder-time, skip-budget, review-retention, sync-estimate, post-format, hashnode-domain, hashnode-series, devto-series"),
        (("theme", "dark"), "Error: no setting 'theme': settings are default-duration, reminder-time, skip-budget, review-retention, sync-estimate, post-format, hashnode-domain, hashnode-series, devto-series"),
        (("default-duration", "abc"), "Error: not a duration: 'abc' (use 45m, 1h30m, 1.5h or 90 for minutes)"),
        (("default-duration", "0"), "Error: duration out of range: '0' (from 1m to 24h)"),
        (("default-duration", "25h"), "Error: duration out of range: '25h' (from 1m to 24h)"),
        (("reminder-time", "25:00"), "Error: not a time of day: '25:00' (use HH:MM, 24-hour)"),
        *(
            (("skip-budget", typed), f"Error: not a skip budget: {typed!r} (use a whole number of days a month"
                                     " from 0 to 31, or off)")
            for typed in ("32", "-1", "2.5", "two", "", "none", "\uff12")
        ),
    ],
    ids=["unknown-key", "unknown-key-with-value", "not-a-duration", "zero", "too-long", "bad-time",
         "budget-32", "budget-negative", "budget-fraction", "budget-word", "budget-empty", "budget-none",
         "budget-fullwidth-digit"],
)
def test_config_refusals_change_nothing(journey, ok, refused, journey_state, args, message):
    ok("config", "default-duration", "45m")
    before = journey_state()

    assert refused("config", *args) == message
    assert journey_state() == before


def test_config_sets_the_reminder_time(journey, ok, json_of):
    assert ok("config", "reminder-time", "7:30").stdout == "reminder-time = 07:30\n"
    assert json_of("config", "--json")["reminder-time"] == "07:30"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2", "2"), ("0", "0"), ("31", "31"), ("07", "7"), (" 3 ", "3"), ("off", "off"), ("OFF", "off")],
    ids=["two", "zero", "thirty-one", "leading-zero", "spaces", "off", "off-in-capitals"],
)
def test_config_sets_the_skip_budget(journey, ok, json_of, typed, stored):
    assert ok("config", "skip-budget", typed).stdout == f"skip-budget = {stored}\n"
    assert json_of("config", "--json")["skip-budget"] == stored
