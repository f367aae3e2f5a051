"""`learnlog log`: which topic a typed name means, what a session holds, and when it happened.

Today is Wed 25 Nov 2026 (12:00 local unless a test moves the clock).
"""

import pytest

from learnlog.domain.records import KINDS

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    """Day 0 is Fri 20 Nov 2026; the topics are those of ml-foundations."""
    ok("init", "--start", "2026-11-20")


@pytest.fixture
def long_journey(ok):
    """Day 0 is Sat 1 Nov 2025, so every date form has room to land after the start."""
    ok("init", "--start", "2025-11-01")


def last_entry(json_of):
    return json_of("entries", "--json", "-n", "1")[0]


# --- Which topic a typed name means ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("numpy", "NumPy"),
        ("NUMPY", "NumPy"),
        ("linear-regression", "Linear Regression"),
        ("Linear_Algebra", "Linear Algebra"),
        ("linear-r", "Linear Regression"),
        ("lin reg", "Linear Regression"),
        ("LIN-ALG", "Linear Algebra"),
        ("reg", "Linear Regression"),
        ("trees", "Decision Trees"),
        ("dec", "Decision Trees"),
        ("forests", "Random Forests"),
        ("stat", "Statistics"),
    ],
    ids=lambda value: value,
)
def test_a_topic_is_matched_by_name_or_by_prefixes_of_consecutive_words(journey, ok, json_of, typed, topic):
    ok("log", typed)

    assert last_entry(json_of)["topic"] == topic


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lin", "Error: topic 'lin' is ambiguous: it could be Linear Algebra, Linear Regression"),
        ("p", "Error: topic 'p' is ambiguous: it could be Pandas, Python"),
        ("numpi", "Error: no topic 'numpi'; did you mean NumPy? (add it with --new, or see learnlog topic list)"),
        ("pandsa", "Error: no topic 'pandsa'; did you mean Pandas? (add it with --new, or see learnlog topic list)"),
        (
            "algebra linear",
            "Error: no topic 'algebra linear'; did you mean Linear Algebra?"
            " (add it with --new, or see learnlog topic list)",
        ),
        ("kubernetes", "Error: no topic 'kubernetes' (add it with --new, or see learnlog topic list)"),
    ],
    ids=["lin-ambiguous", "p-ambiguous", "typo-numpy", "typo-pandas", "words-out-of-order", "unknown"],
)
def test_an_unknown_or_ambiguous_topic_is_refused_with_the_closest_names(
    journey, refused, journey_state, typed, message
):
    before = journey_state()

    assert refused("log", typed) == message
    assert journey_state() == before


def test_an_exact_name_wins_over_a_prefix_of_longer_names(journey, ok, json_of):
    ok("topic", "add", "Linear")

    ok("log", "LINEAR")

    assert last_entry(json_of)["topic"] == "Linear"


def test_new_creates_the_topic_and_logs_to_it(journey, ok, json_of):
    logged = ok("log", "Gradient Boosting", "--new", "-d", "1h")

    assert logged.stdout.startswith("Logged #1 · Day 5 · Gradient Boosting · 1h ·")
    created = [t for t in json_of("topic", "list", "--json") if t["name"] == "Gradient Boosting"]
    assert [(t["area"], t["curriculum"], t["sessions"]) for t in created] == [(None, None, 1)]


def test_new_accepts_a_name_that_is_only_a_prefix_of_existing_ones(journey, ok, json_of):
    ok("log", "Linear", "--new")

    assert last_entry(json_of)["topic"] == "Linear"


@pytest.mark.parametrize("typed", ["numpy", "NumPy", "linear_algebra"], ids=lambda value: value)
def test_new_is_refused_when_the_exact_name_exists(journey, refused, journey_state, typed):
    before = journey_state()

    assert refused("log", typed, "--new").endswith("already exists")
    assert journey_state() == before


# --- What a session holds ----------------------------------------------------------


def test_the_reply_is_one_line_with_id_day_topic_duration_and_next_deadline(journey, ok):
    logged = ok("log", "numpy", "-d", "45m", "-m", "arrays")

    assert logged.stdout == "Logged #1 · Day 5 · NumPy · 45m · next update due Sat 28 Nov (in 3 days)\n"


def test_the_reply_names_the_kind_when_it_is_not_study(journey, ok):
    logged = ok("log", "trees", "--kind", "bug")

    assert logged.stdout == "Logged #1 · Day 5 · Decision Trees · 30m · bug · next update due Sat 28 Nov (in 3 days)\n"


def test_the_reply_gives_the_deadline_even_when_the_entry_leaves_the_journey_overdue(journey, ok):
    logged = ok("log", "numpy", "--date", "2026-11-21")

    assert logged.stdout == "Logged #1 · Day 1 · NumPy · 30m · overdue by 1 day (was due Tue 24 Nov)\n"


def test_a_post_may_have_no_topic(journey, ok, json_of):
    logged = ok("log", "--kind", "post", "--link", "https://example.com/day-5", "-m", "week 1 recap")

    assert logged.stdout == "Logged #1 · Day 5 · post · next update due Sat 28 Nov (in 3 days)\n"
    entry = last_entry(json_of)
    assert (entry["topic"], entry["kind"], entry["link"], entry["note"], entry["minutes"]) == (
        None, "post", "https://example.com/day-5", "week 1 recap", None,
    )


def test_a_post_may_also_name_a_topic(journey, ok, json_of):
    ok("log", "numpy", "--kind", "post")

    entry = last_entry(json_of)
    assert (entry["topic"], entry["kind"]) == ("NumPy", "post")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "post"])
def test_only_a_post_may_have_no_topic(journey, refused, journey_state, kind):
    before = journey_state()

    assert refused("log", "--kind", kind) == "Error: name a topic (only a post may have none)"
    assert journey_state() == before


def test_no_topic_and_no_kind_is_refused(journey, refused):
    assert refused("log") == "Error: name a topic (only a post may have none)"


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [
        ("45m", 45),
        ("1h30m", 90),
        ("1.5h", 90),
        ("90", 90),
        ("1h", 60),
        ("1", 1),
        ("24h", 1440),
        ("1440", 1440),
        ("2H15M", 135),
    ],
    ids=lambda value: str(value),
)
def test_durations_are_stored_as_whole_minutes(journey, ok, json_of, duration, minutes):
    ok("log", "numpy", "-d", duration)

    assert last_entry(json_of)["minutes"] == minutes


def test_a_session_without_a_duration_takes_30_minutes(journey, ok, json_of):
    assert " · 30m · " in ok("log", "numpy").stdout

    assert last_entry(json_of)["minutes"] == 30


def test_config_default_duration_changes_the_duration_of_sessions_logged_without_one(journey, ok, json_of):
    ok("config", "default-duration", "45m")

    assert " · 45m · " in ok("log", "numpy").stdout
    assert last_entry(json_of)["minutes"] == 45
    ok("log", "numpy", "-d", "10m")
    assert last_entry(json_of)["minutes"] == 10


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_can_be_logged(journey, ok, json_of, kind):
    ok("log", "numpy", "--kind", kind)

    assert last_entry(json_of)["kind"] == kind


def test_kind_defaults_to_study_and_ignores_case(journey, ok, json_of):
    ok("log", "numpy")
    assert last_entry(json_of)["kind"] == "study"

    ok("log", "numpy", "--kind", "WIN")
    assert last_entry(json_of)["kind"] == "win"


def test_an_unknown_kind_is_refused(journey, refused):
    assert refused("log", "numpy", "--kind", "lecture") == (
        "Error: unknown kind 'lecture': use one of study, build, bug, confusion, win, post"
    )


def test_tags_are_kept_once_each_without_a_leading_hash(journey, ok, json_of):
    ok("log", "numpy", "-t", "arrays", "--tag", "#broadcasting", "-t", "Arrays")

    assert sorted(last_entry(json_of)["tags"]) == ["arrays", "broadcasting"]


def test_a_session_without_tags_has_an_empty_tag_list(journey, ok, json_of):
    ok("log", "numpy")

    assert last_entry(json_of)["tags"] == []


def test_an_empty_tag_is_refused(journey, refused):
    assert refused("log", "numpy", "-t", " ") == "Error: a tag cannot be empty"


@pytest.mark.parametrize(
    ("link", "stored"),
    [("https://github.com/me/notebooks", "https://github.com/me/notebooks"), ("http://example.com", "http://example.com")],
    ids=["https", "http"],
)
def test_a_link_is_stored(journey, ok, json_of, link, stored):
    ok("log", "numpy", "--link", link)

    assert last_entry(json_of)["link"] == stored


@pytest.mark.parametrize("link", ["example.com", "ftp://example.com/file", "https://"], ids=lambda value: value)
def test_a_link_must_be_a_full_web_address(journey, refused, link):
    assert refused("log", "numpy", "--link", link).startswith(f"Error: not a link: {link!r}")


@pytest.mark.parametrize("confidence", ["1", "3", "5"])
def test_confidence_from_1_to_5_is_stored(journey, ok, json_of, confidence):
    ok("log", "numpy", "-c", confidence)

    assert last_entry(json_of)["confidence"] == int(confidence)


@pytest.mark.parametrize(
    ("confidence", "message"),
    [
        ("0", "Error: confidence must be from 1 to 5, not 0"),
        ("6", "Error: confidence must be from 1 to 5, not 6"),
        ("high", "Error: confidence must be a whole number from 1 to 5, not 'high'"),
        ("2.5", "Error: confidence must be a whole number from 1 to 5, not '2.5'"),
    ],
    ids=["zero", "six", "word", "fraction"],
)
def test_confidence_outside_1_to_5_is_refused(journey, refused, confidence, message):
    assert refused("log", "numpy", "--confidence", confidence) == message


# --- When it happened -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-11-20", "2026-11-20"),
        ("today", "2026-11-25"),
        ("yesterday", "2026-11-24"),
        ("wed", "2026-11-25"),
        ("fri", "2026-11-20"),
        ("Friday", "2026-11-20"),
        ("last fri", "2026-11-13"),
        ("last wed", "2026-11-18"),
        ("LAST FRIDAY", "2026-11-13"),
        ("3 days ago", "2026-11-22"),
        ("1 day ago", "2026-11-24"),
        ("-3d", "2026-11-22"),
        ("Nov 3", "2026-11-03"),
        ("3 Nov", "2026-11-03"),
        ("november 25", "2026-11-25"),
        ("Nov 30", "2025-11-30"),
        ("Dec 1", "2025-12-01"),
    ],
    ids=lambda value: value,
)
def test_date_grammar_picks_the_day(long_journey, ok, json_of, typed, day):
    ok("log", "numpy", "--date", typed)

    assert last_entry(json_of)["date"] == day


@pytest.mark.parametrize(
    ("typed", "timestamp"),
    [
        ("yesterday 21:30", "2026-11-24T21:30:00+01:00"),
        ("2026-11-20T21:30", "2026-11-20T21:30:00+01:00"),
        ("2026-11-20 21:30", "2026-11-20T21:30:00+01:00"),
        ("fri 7:15", "2026-11-20T07:15:00+01:00"),
        ("today 09:05", "2026-11-25T09:05:00+01:00"),
        ("today 12:00", "2026-11-25T12:00:00+01:00"),
        ("Nov 3 23:59", "2026-11-03T23:59:00+01:00"),
    ],
    ids=lambda value: value,
)
def test_a_date_may_be_followed_by_a_time(berlin, long_journey, ok, json_of, typed, timestamp):
    ok("log", "numpy", "--date", typed)

    entry = last_entry(json_of)
    assert entry["timestamp"] == timestamp
    assert entry["date"] == timestamp[:10]


def test_without_a_time_a_session_today_gets_the_current_time(berlin, long_journey, ok, json_of):
    ok("log", "numpy", today="2026-11-25T09:15")
    assert last_entry(json_of)["timestamp"] == "2026-11-25T09:15:00+01:00"

    ok("log", "numpy", "--date", "today")
    assert last_entry(json_of)["timestamp"] == "2026-11-25T09:15:00+01:00"


@pytest.mark.parametrize("typed", ["yesterday", "2026-11-20", "last fri", "3 days ago"], ids=lambda value: value)
def test_without_a_time_a_session_on_a_past_day_gets_noon(berlin, long_journey, ok, json_of, typed):
    ok("log", "numpy", "--date", typed, today="2026-11-25T09:15")

    assert last_entry(json_of)["timestamp"].endswith("T12:00:00+01:00")


def test_a_session_counts_for_its_local_calendar_day(berlin, long_journey, ok, json_of):
    ok("log", "numpy", "--date", "yesterday 23:30", today="2026-11-26T00:45")
    assert last_entry(json_of)["date"] == "2026-11-25"

    ok("log", "numpy", "--date", "today 00:30")
    assert last_entry(json_of)["date"] == "2026-11-26"


def test_the_stored_offset_is_the_one_in_force_on_the_sessions_day(berlin, long_journey, ok, json_of):
    ok("log", "numpy", "--date", "2026-07-01 21:00")

    assert last_entry(json_of)["timestamp"] == "2026-07-01T21:00:00+02:00"


def test_in_the_repeated_hour_of_a_fall_back_the_summer_time_one_is_meant(berlin, long_journey, ok, json_of):
    ok("log", "numpy", "--date", "2026-10-25 02:30")

    assert last_entry(json_of)["timestamp"] == "2026-10-25T02:30:00+02:00"


def test_a_time_skipped_by_a_spring_forward_is_refused(berlin, long_journey, refused):
    assert refused("log", "numpy", "--date", "2026-03-29 02:30") == (
        "Error: no such local time: 2026-03-29 02:30 (the clocks skipped it for daylight saving time)"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("tomorrow", "Error: 2026-11-26 is in the future (today is 2026-11-25)"),
        ("in 2 days", "Error: 2026-11-27 is in the future (today is 2026-11-25)"),
        ("+1d", "Error: 2026-11-26 is in the future (today is 2026-11-25)"),
        ("2026-12-01", "Error: 2026-12-01 is in the future (today is 2026-11-25)"),
        ("today 12:01", "Error: 12:01 today is later than now (12:00)"),
        ("2025-10-31", "Error: 2025-10-31 is before the journey started (2025-11-01)"),
        ("Feb 29", "Error: 2024-02-29 is before the journey started (2025-11-01)"),
        ("2025-10-31 10:00", "Error: 2025-10-31 is before the journey started (2025-11-01)"),
    ],
    ids=["tomorrow", "in-2-days", "plus-1d", "future-iso", "later-today", "before-start", "feb-29", "before-start-with-time"],
)
def test_a_future_moment_or_a_day_before_the_start_is_refused_with_the_reason(
    long_journey, refused, journey_state, typed, message
):
    before = journey_state()

    assert refused("log", "numpy", "--date", typed) == message
    assert journey_state() == before


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2026-02-30", "not a real date: '2026-02-30'"),
        ("someday", "not a date: 'someday'"),
        ("12/11", "numeric forms like 12/11 are ambiguous"),
        ("12", "a bare number is ambiguous"),
        ("21:30", "a time alone is ambiguous"),
        ("2026-11-5", "write YYYY-MM-DD with two-digit month and day"),
        ("today 25:00", "not a time: '25:00'"),
        ("next week", "not a date: 'next week'"),
    ],
    ids=lambda value: value,
)
def test_dates_outside_the_grammar_are_refused_not_guessed(long_journey, refused, journey_state, typed, reason):
    before = journey_state()

    assert reason in refused("log", "numpy", "--date", typed)
    assert journey_state() == before
