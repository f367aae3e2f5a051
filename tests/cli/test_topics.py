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
        (("topic", "edit", "numpy"), "Error: nothing to change: give --area or --target-hours"),
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
