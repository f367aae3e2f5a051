"""`learnlog topic ...`: adding, listing, editing, renaming, archiving and removing topics."""

import pytest

pytestmark = pytest.mark.both_backends

TOPIC_KEYS = {"name", "area", "target_hours", "archived"}


@pytest.fixture
def journey(ok):
    """A journey without curriculum topics, so each test names the topics it has."""
    ok("init", "--start", "2026-11-20", "--curriculum", "none")


def topic_named(json_of, name):
    return next(t for t in json_of("topic", "list", "--all", "--json") if t["name"] == name)


def test_topic_add_stores_the_name_area_and_target_hours(journey, ok, json_of):
    added = ok("topic", "add", "Gradient Boosting", "--area", "Algorithms", "--target-hours", "20")

    assert added.stdout == "Added topic Gradient Boosting.\n"
    [topic] = json_of("topic", "list", "--json")
    assert TOPIC_KEYS <= topic.keys()
    assert {key: topic[key] for key in TOPIC_KEYS} == {
        "name": "Gradient Boosting", "area": "Algorithms", "target_hours": 20, "archived": False,
    }
    assert topic["curriculum"] is None


def test_topic_add_folds_runs_of_spaces_in_names_and_areas(journey, ok, json_of):
    ok("topic", "add", "  Deep   Learning ", "--area", " Neural   nets ")

    [topic] = json_of("topic", "list", "--json")
    assert (topic["name"], topic["area"]) == ("Deep Learning", "Neural nets")


@pytest.mark.parametrize(
    "same_name",
    ["gradient boosting", "GRADIENT-BOOSTING", "gradient_boosting", "Gradient  -  Boosting"],
    ids=["lower-case", "hyphen", "underscore", "mixed-separators"],
)
def test_topic_names_are_unique_ignoring_case_and_separators(journey, ok, refused, json_of, same_name):
    ok("topic", "add", "Gradient Boosting")

    assert refused("topic", "add", same_name) == "Error: a topic named 'Gradient Boosting' already exists"
    assert len(json_of("topic", "list", "--all", "--json")) == 1


def test_an_archived_topic_still_holds_its_name(journey, ok, refused):
    ok("topic", "add", "Matplotlib")
    ok("topic", "archive", "matplotlib")

    assert refused("topic", "add", "matplotlib") == "Error: a topic named 'Matplotlib' (archived) already exists"


def test_topic_list_shows_sessions_hours_target_and_last_day(journey, ok, json_of):
    ok("topic", "add", "NumPy", "--area", "Basics", "--target-hours", "30")
    ok("topic", "add", "Pandas")
    ok("log", "numpy", "-d", "45m", "--date", "2026-11-21")
    ok("log", "numpy", "-d", "1h", "--date", "2026-11-23")

    listed = ok("topic", "list").stdout.splitlines()

    assert listed[0].split() == ["Topic", "Area", "Sessions", "Hours", "Target", "Last"]
    assert listed[1].split() == ["NumPy", "Basics", "2", "1.8h", "30h", "2026-11-23"]
    assert listed[2].split() == ["Pandas", "0", "0.0h", "never"]
    numpy = topic_named(json_of, "NumPy")
    assert (numpy["sessions"], numpy["minutes"], numpy["last_day"]) == (2, 105, "2026-11-23")


def test_topic_list_json_is_a_bare_array_sorted_by_name(journey, ok, json_of):
    for name in ("pandas", "NumPy", "linear algebra"):
        ok("topic", "add", name)

    assert [t["name"] for t in json_of("topic", "list", "--json")] == ["linear algebra", "NumPy", "pandas"]


def test_archived_topics_are_hidden_from_lists_unless_all(journey, ok, json_of):
    ok("topic", "add", "NumPy")
    ok("topic", "add", "Matplotlib")

    assert ok("topic", "archive", "matplotlib").stdout == "Archived topic Matplotlib.\n"

    assert [t["name"] for t in json_of("topic", "list", "--json")] == ["NumPy"]
    everything = json_of("topic", "list", "--all", "--json")
    assert [(t["name"], t["archived"]) for t in everything] == [("Matplotlib", True), ("NumPy", False)]
    assert "Matplotlib (archived)" in ok("topic", "list", "--all").stdout
    assert "Matplotlib" not in ok("topic", "list").stdout


def test_an_archived_topic_is_hidden_from_matching_and_unarchive_brings_it_back(journey, ok, refused):
    ok("topic", "add", "Matplotlib")
    ok("topic", "archive", "matplotlib")

    assert "topic 'Matplotlib' is archived" in refused("log", "matplotlib")
    assert "no topic 'matplot'" in refused("log", "matplot")

    assert ok("topic", "unarchive", "MATPLOTLIB").stdout == "Unarchived topic Matplotlib.\n"
    assert "Matplotlib" in ok("log", "matplot").stdout


def test_topic_edit_changes_area_and_target_hours(journey, ok, json_of):
    ok("topic", "add", "NumPy", "--area", "Basics")

    assert ok("topic", "edit", "numpy", "--target-hours", "12.5").stdout == "Updated topic NumPy.\n"
    numpy = topic_named(json_of, "NumPy")
    assert (numpy["area"], numpy["target_hours"]) == ("Basics", 12.5)

    ok("topic", "edit", "numpy", "--area", "Math")
    assert topic_named(json_of, "NumPy")["area"] == "Math"


def test_topic_edit_with_empty_area_or_zero_target_clears_them(journey, ok, json_of):
    ok("topic", "add", "NumPy", "--area", "Basics", "--target-hours", "30")

    ok("topic", "edit", "numpy", "--area", "", "--target-hours", "0")

    numpy = topic_named(json_of, "NumPy")
    assert (numpy["area"], numpy["target_hours"]) == (None, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("topic", "edit", "numpy"), "Error: nothing to change: give --area, --target-hours or --by"),
        (("topic", "edit", "scipy", "--area", "x"), "Error: no topic 'scipy' (see learnlog topic list --all)"),
    ],
    ids=["nothing-to-change", "unknown-topic"],
)
def test_topic_edit_refusals(journey, ok, refused, journey_state, args, message):
    ok("topic", "add", "NumPy")
    before = journey_state()

    assert refused(*args) == message
    assert journey_state() == before


def test_topic_rename_keeps_the_topics_entries(journey, ok, json_of):
    ok("topic", "add", "lin alg")
    ok("log", "lin alg", "-d", "1h")

    assert ok("topic", "rename", "lin alg", "Linear Algebra").stdout == "Renamed lin alg to Linear Algebra.\n"

    assert [e["topic"] for e in json_of("entries", "--json")] == ["Linear Algebra"]
    assert topic_named(json_of, "Linear Algebra")["sessions"] == 1


@pytest.mark.parametrize(
    "new_name",
    ["NUMPY", "numpy", "Numpy"],
    ids=["upper", "lower", "capitalised"],
)
def test_topic_rename_may_change_case_alone(journey, ok, json_of, new_name):
    ok("topic", "add", "NumPy")

    ok("topic", "rename", "numpy", new_name)

    assert [t["name"] for t in json_of("topic", "list", "--json")] == [new_name]


def test_topic_rename_may_change_separators_alone(journey, ok, json_of):
    ok("topic", "add", "Linear Algebra")

    ok("topic", "rename", "linear algebra", "linear-algebra")

    assert [t["name"] for t in json_of("topic", "list", "--json")] == ["linear-algebra"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("numpy", "PANDAS", "Error: a topic named 'Pandas' already exists"),
        ("numpy", "matplotlib", "Error: a topic named 'Matplotlib' already exists"),
        ("numpy", "NumPy", "Error: topic 'NumPy' already has that name"),
        ("scipy", "SciPy", "Error: no topic 'scipy' (see learnlog topic list --all)"),
        ("numpy", "   ", "Error: a topic name cannot be empty"),
    ],
    ids=["taken", "taken-by-archived", "unchanged", "unknown", "blank"],
)
def test_topic_rename_refusals(journey, ok, refused, journey_state, old, new, message):
    for name in ("NumPy", "Pandas", "Matplotlib"):
        ok("topic", "add", name)
    ok("topic", "archive", "matplotlib")
    before = journey_state()

    assert refused("topic", "rename", old, new) == message
    assert journey_state() == before


def test_topic_remove_deletes_a_topic_without_entries(journey, ok, json_of):
    ok("topic", "add", "Gradient Boosting")

    assert ok("topic", "remove", "gradient-boosting").stdout == "Removed topic Gradient Boosting.\n"

    assert json_of("topic", "list", "--all", "--json") == []


def test_topic_remove_refuses_a_topic_with_entries_and_points_to_archive(journey, ok, refused, journey_state):
    ok("topic", "add", "NumPy")
    ok("log", "numpy")
    before = journey_state()

    message = refused("topic", "remove", "numpy")

    assert "cannot be removed" in message
    assert message.endswith("archive it instead: learnlog topic archive 'NumPy'")
    assert journey_state() == before


def test_topic_remove_of_an_unknown_topic_is_refused(journey, refused):
    assert refused("topic", "remove", "scipy") == "Error: no topic 'scipy' (see learnlog topic list --all)"


@pytest.mark.parametrize("name", ["", "   ", " - _ "], ids=["empty", "spaces", "separators-only"])
def test_topic_add_refuses_an_empty_name(journey, refused, journey_state, name):
    before = journey_state()

    assert refused("topic", "add", name) == "Error: a topic name cannot be empty"
    assert journey_state() == before


# --- targets with dates --------------------------------------------------------------
# Today is Wed 25 Nov 2026.

PACE_KEYS = ("target_by", "pace_state", "needed_hours_per_week", "pace_hours_per_week", "projected")


def pace_of(json_of, name):
    topic = topic_named(json_of, name)
    return {key: topic[key] for key in PACE_KEYS}


def test_topic_add_gives_the_target_a_date_and_says_which_day_it_is(journey, ok, json_of):
    added = ok("topic", "add", "PyTorch", "--target-hours", "40", "--by", "fri")

    assert added.stdout == "Added topic PyTorch (40h by Fri 27 Nov 2026).\n"
    assert pace_of(json_of, "PyTorch") == {
        "target_by": "2026-11-27", "pace_state": "behind", "needed_hours_per_week": 140.0,
        "pace_hours_per_week": 0.0, "projected": None,
    }


@pytest.mark.parametrize(
    ("by", "day"),
    [("2027-03-01", "2027-03-01"), ("Mar 1", "2027-03-01"), ("nov 25", "2026-11-25"), ("wed", "2026-11-25"),
     ("today", "2026-11-25"), ("tomorrow", "2026-11-26"), ("in 30 days", "2026-12-25"), ("+7d", "2026-12-02")],
    ids=["iso", "month-day-next-year", "month-day-today", "weekday-today", "today", "tomorrow", "in-n-days", "plus-n-d"],
)
def test_by_takes_the_forward_date_grammar(journey, ok, json_of, by, day):
    ok("topic", "add", "NumPy", "--target-hours", "10", "--by", by)

    assert topic_named(json_of, "NumPy")["target_by"] == day


def test_topic_edit_dates_an_existing_target_and_keeps_the_date_when_the_hours_change(journey, ok, json_of):
    ok("topic", "add", "NumPy", "--target-hours", "30")

    assert ok("topic", "edit", "numpy", "--by", "2027-01-31").stdout == "Updated topic NumPy (30h by Sun 31 Jan 2027).\n"
    assert ok("topic", "edit", "numpy", "--target-hours", "20").stdout == "Updated topic NumPy.\n"

    numpy = topic_named(json_of, "NumPy")
    assert (numpy["target_hours"], numpy["target_by"]) == (20, "2027-01-31")


def test_an_empty_by_clears_the_date_and_keeps_the_target(journey, ok, json_of):
    ok("topic", "add", "NumPy", "--target-hours", "30", "--by", "fri")

    ok("topic", "edit", "numpy", "--by", "")

    assert (topic_named(json_of, "NumPy")["target_hours"], pace_of(json_of, "NumPy")) == (30, dict.fromkeys(PACE_KEYS))


def test_clearing_the_target_clears_its_date(journey, ok, json_of):
    ok("topic", "add", "NumPy", "--target-hours", "30", "--by", "fri")

    ok("topic", "edit", "numpy", "--target-hours", "0")

    assert topic_named(json_of, "NumPy")["target_hours"] is None
    assert pace_of(json_of, "NumPy") == dict.fromkeys(PACE_KEYS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("topic", "add", "PyTorch", "--by", "fri"), "Error: --by needs a target: add --target-hours"),
        (("topic", "add", "PyTorch", "--target-hours", "0", "--by", "fri"),
         "Error: --by needs a target, and --target-hours 0 clears it: give more than 0 hours"),
        (("topic", "edit", "pandas", "--by", "fri"), "Error: --by needs a target: add --target-hours"),
        (("topic", "edit", "numpy", "--target-hours", "0", "--by", "fri"),
         "Error: --by needs a target, and --target-hours 0 clears it: give more than 0 hours"),
        (("topic", "edit", "numpy", "--by", "yesterday"),
         "Error: 'yesterday' is before today (2026-11-25): give today or a later day, e.g. fri or 'in 30 days'"),
        (("topic", "add", "PyTorch", "--target-hours", "5", "--by", "2026-11-20"),
         "Error: '2026-11-20' is before today (2026-11-25): give today or a later day, e.g. fri or 'in 30 days'"),
        (("topic", "edit", "numpy", "--by", "last fri"),
         "Error: 'last fri' is before today (2026-11-25): give today or a later day, e.g. fri or 'in 30 days'"),
        (("topic", "edit", "numpy", "--by", "next fri"),
         "Error: not a date: 'next fri' (use YYYY-MM-DD, today, tomorrow, fri, in 2 days, +2d, Mar 1 or 1 Mar)"),
        (("topic", "edit", "numpy", "--by", "fri 18:00"),
         "Error: a time is not accepted here: 'fri 18:00' (give just a day, e.g. fri or 2026-12-31)"),
        (("topic", "edit", "numpy", "--area", "Math", "--by", "12/1"),
         "Error: not a date: '12/1' (numeric forms like 12/11 are ambiguous; use YYYY-MM-DD, 'Nov 12' or '12 Nov')"),
    ],
    ids=["add-without-target", "add-with-zero-target", "edit-without-target", "edit-clearing-target",
         "yesterday", "iso-in-the-past", "looking-back", "next-weekday", "with-a-time", "ambiguous-with-area"],
)
def test_target_date_refusals_change_nothing(journey, ok, refused, journey_state, args, message):
    ok("topic", "add", "NumPy", "--target-hours", "30", "--by", "fri")
    ok("topic", "add", "Pandas")
    before = journey_state()

    assert refused(*args) == message
    assert journey_state() == before


@pytest.fixture
def paced(ok):
    """A journey since 1 Oct with a target of each pace state on Wed 25 Nov 2026."""
    ok("init", "--start", "2026-10-01", "--curriculum", "none")
    # 30h by Wed 23 Dec (4 weeks from today): 10h so far, 8h of them over the last 4 weeks.
    ok("topic", "add", "NumPy", "--target-hours", "30", "--by", "2026-12-23")
    for day in ("2026-10-20", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"):
        ok("log", "numpy", "-d", "2h", "--date", day, "-m", "arrays")
    # 6h by then: 4h so far, all of them lately.
    ok("topic", "add", "Pandas", "--target-hours", "6", "--by", "2026-12-23")
    for day in ("2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"):
        ok("log", "pandas", "-d", "1h", "--date", day)
    ok("topic", "add", "Python", "--target-hours", "2", "--by", "fri")
    ok("log", "python", "-d", "2h30m", "--date", "2026-11-24")
    ok("topic", "add", "Statistics", "--target-hours", "5", "--by", "today")
    ok("topic", "add", "SQL", "--target-hours", "3")


def test_topic_list_says_how_each_dated_target_is_paced(paced, ok, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")

    today = ok("topic", "list").stdout.split("\n\n")[1].splitlines()
    tomorrow = ok("topic", "list", today="2026-11-26").stdout.split("\n\n")[1].splitlines()

    assert [line.rstrip() for line in today] == [
        "Topic       Target             Pace",
        "NumPy       30h by Wed 23 Dec  behind: 5.0h/week needed, 2.0h/week lately, at this pace Wed 3 Feb 2027",
        "Pandas      6h by Wed 23 Dec   on pace: 0.5h/week needed, 1.0h/week lately, at this pace Wed 9 Dec",
        "Python      2h by Fri 27 Nov   met: 2.5h of 2h",
        "Statistics  5h by Wed 25 Nov   behind: 35.0h/week needed, nothing logged in the last 4 weeks",
    ]
    assert tomorrow[4].rstrip() == "Statistics  5h by Wed 25 Nov   missed: 5.0h to go, nothing logged in the last 4 weeks"


def test_topic_list_json_gives_each_dated_target_its_pace(paced, json_of):
    paces = {topic["name"]: {key: topic[key] for key in PACE_KEYS} for topic in json_of("topic", "list", "--json")}

    assert paces == {
        "NumPy": {"target_by": "2026-12-23", "pace_state": "behind", "needed_hours_per_week": 5.0,
                  "pace_hours_per_week": 2.0, "projected": "2027-02-03"},
        "Pandas": {"target_by": "2026-12-23", "pace_state": "on_pace", "needed_hours_per_week": 0.5,
                   "pace_hours_per_week": 1.0, "projected": "2026-12-09"},
        "Python": {"target_by": "2026-11-27", "pace_state": "met", "needed_hours_per_week": 0.0,
                   "pace_hours_per_week": 0.62, "projected": None},
        "Statistics": {"target_by": "2026-11-25", "pace_state": "behind", "needed_hours_per_week": 35.0,
                       "pace_hours_per_week": 0.0, "projected": None},
        "SQL": dict.fromkeys(PACE_KEYS),
    }


def test_a_topic_list_without_dated_targets_has_no_pace_table(journey, ok):
    ok("topic", "add", "NumPy", "--target-hours", "30")

    assert "Pace" not in ok("topic", "list").stdout


@pytest.mark.parametrize(
    ("day", "counted"),
    [("2026-10-28", 0), ("2026-10-29", 60), ("2026-11-25", 60)],
    ids=["29-days-ago-is-out", "27-days-ago-is-in", "today-is-in"],
)
def test_the_recent_pace_counts_the_28_days_ending_today(ok, json_of, day, counted):
    ok("init", "--start", "2026-10-01", "--curriculum", "none")
    ok("topic", "add", "NumPy", "--target-hours", "100", "--by", "2027-06-01")
    ok("log", "numpy", "-d", "1h", "--date", day)
    ok("log", "numpy", "--date", day, "--kind", "win")  # of no duration said: the default, 30m
    ok("edit", "2", "-d", "")  # now of unknown duration, which counts as nothing

    assert topic_named(json_of, "NumPy")["pace_hours_per_week"] == round(counted / 60 / 4, 2)
    assert topic_named(json_of, "NumPy")["minutes"] == 60
