"""`learnlog init`: a journey's start, cadence and first topics."""

import pytest

# init is what creates a database: here it replays the migrations every time.
pytestmark = pytest.mark.real_migrations

ML_FOUNDATIONS = [
    ("Python", "Basics"),
    ("NumPy", "Basics"),
    ("Pandas", "Basics"),
    ("Matplotlib", "Basics"),
    ("Linear Algebra", "Math"),
    ("Statistics", "Math"),
    ("Linear Regression", "Algorithms"),
    ("Decision Trees", "Algorithms"),
    ("Random Forests", "Algorithms"),
]


def test_init_defaults_to_today_every_3_days_and_the_ml_foundations_topics(ok, json_of, db_path):
    started = ok("init")

    assert started.stdout.splitlines()[0] == (
        f"Started journey 'main' at {db_path}: Day 0 is Wed 25 Nov 2026, an update every 3 days,"
        " 9 topics from ml-foundations."
    )
    status = json_of("status", "--json")
    assert (status["start"], status["day"], status["every"], status["counts"]) == ("2026-11-25", 0, 3, "any")
    topics = json_of("topic", "list", "--json")
    assert sorted((t["name"], t["area"]) for t in topics) == sorted(ML_FOUNDATIONS)
    assert {t["curriculum"] for t in topics} == {"ml-foundations"}
    assert not any(t["archived"] or t["target_hours"] for t in topics)


@pytest.mark.parametrize(
    ("start", "day_0"),
    [
        ("2026-11-01", "2026-11-01"),
        ("3 days ago", "2026-11-22"),
        ("last fri", "2026-11-13"),
        ("today", "2026-11-25"),
        ("Nov 3", "2026-11-03"),
    ],
    ids=["iso", "days-ago", "last-weekday", "today", "month-day"],
)
def test_init_start_takes_the_date_grammar(ok, json_of, start, day_0):
    ok("init", "--start", start)

    assert json_of("status", "--json")["start"] == day_0


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ("tomorrow", "cannot start in the future"),
        ("2026-11-26", "cannot start in the future"),
        ("12/11", "ambiguous"),
        ("yesterday 10:00", "a time is not accepted here"),
    ],
    ids=["tomorrow", "future-iso", "numeric", "with-a-time"],
)
def test_init_refuses_a_start_in_the_future_or_outside_the_grammar_and_creates_nothing(
    refused, db_path, start, reason
):
    assert reason in refused("init", "--start", start)
    assert not db_path.exists()


def test_init_every_sets_the_cadence(ok, json_of):
    ok("init", "--every", "7")

    assert json_of("status", "--json")["every"] == 7
    assert json_of("cadence", "--json") == [{"effective": "2026-11-25", "every": 7, "counts": "any", "min_minutes": 0}]


def test_init_with_curriculum_none_starts_without_topics(ok, json_of):
    started = ok("init", "--curriculum", "none")

    assert "no topics yet" in started.stdout
    assert json_of("topic", "list", "--all", "--json") == []


def test_init_with_another_shipped_curriculum_takes_its_topics(ok, json_of):
    ok("init", "--curriculum", "web-foundations")

    topics = json_of("topic", "list", "--json")
    assert [t["name"] for t in topics] == ["Accessibility", "CSS", "HTML", "HTTP", "JavaScript", "Testing"]
    assert {t["curriculum"] for t in topics} == {"web-foundations"}


def test_init_with_an_unknown_curriculum_names_the_shipped_ones_and_creates_nothing(refused, db_path):
    message = refused("init", "--curriculum", "deep-learning")

    assert "no curriculum 'deep-learning'" in message
    assert "ml-foundations, web-foundations, or none" in message
    assert not db_path.exists()
    assert not db_path.parent.exists()


def test_init_list_curricula_names_what_ships_and_creates_nothing(ok, db_path):
    listed = ok("init", "--list-curricula").stdout.splitlines()

    assert listed == [
        "ml-foundations: Machine-learning foundations (Python, NumPy, Pandas, Matplotlib, Linear Algebra,"
        " Statistics, Linear Regression, Decision Trees, Random Forests)",
        "web-foundations: Web foundations (HTML, CSS, JavaScript, HTTP, Accessibility, Testing)",
    ]
    assert not db_path.exists()


def test_init_on_an_existing_journey_says_so_and_changes_nothing(ok, refused, journey_state, db_path):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-d", "45m")
    before = journey_state()

    message = refused("init", "--start", "2026-11-01", "--every", "5", "--curriculum", "web-foundations")

    assert message == (
        f"Error: a journey already exists at {db_path} ('main', Day 0 2026-11-20); nothing was changed"
    )
    assert journey_state() == before


def test_init_makes_missing_folders_private_and_the_database_file_private(ok, tmp_path):
    database = tmp_path / "new" / "nested" / "journey.db"

    ok("--db", str(database), "init")

    assert database.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "new" / "nested").stat().st_mode & 0o777 == 0o700


def test_init_on_a_zero_byte_file_creates_the_journey_there(ok, json_of, db_path):
    db_path.parent.mkdir()
    db_path.touch()

    ok("init", "--start", "2026-11-20")

    assert json_of("status", "--json")["start"] == "2026-11-20"
