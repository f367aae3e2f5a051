"""Spaced review of topics: `learnlog review`, the review retention, and what
status, the dashboard and the post draft say of the topics due."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone

import fsrs
import pytest

from learnlog.store.database import open_database
from learnlog.store.location import resolve_location

pytestmark = pytest.mark.both_backends

SCHEDULER = {"learning_steps": (), "relearning_steps": (), "enable_fuzzing": False}
RATINGS = {1: fsrs.Rating.Again, 2: fsrs.Rating.Again, 3: fsrs.Rating.Hard, 4: fsrs.Rating.Good, 5: fsrs.Rating.Easy}


def fsrs_card(history: list[tuple[str, int]], retention: float = 0.9) -> fsrs.Card:
    """What fsrs itself makes of (timestamp, confidence) reviews, in order."""
    scheduler = fsrs.Scheduler(desired_retention=retention, **SCHEDULER)
    card = fsrs.Card(card_id=1)
    for stamp, confidence in history:
        moment = datetime.fromisoformat(stamp).astimezone(timezone.utc)
        card, _ = scheduler.review_card(card, RATINGS[confidence], review_datetime=moment)
    return card


@pytest.fixture
def journey(ok):
    """Three rated topics (NumPy twice), one studied without a rating; today is Wed 25 Nov."""
    ok("init", "--start", "2026-11-01")
    ok("log", "numpy", "-c", "3", "--date", "2026-11-02 09:00")
    ok("log", "numpy", "-c", "4", "--date", "2026-11-10 09:00")
    ok("log", "pandas", "-c", "2", "--date", "2026-11-20 18:00")
    ok("log", "lin alg", "-c", "5", "--date", "2026-11-24 20:00")
    ok("log", "stat", "-m", "no rating")


NEVER_RATED = (
    "Never rated: Decision Trees, Linear Regression, Matplotlib, Python, Random Forests, Statistics\n"
    "Log with --confidence 1-5 to schedule a topic's reviews.\n"
)


def test_review_lists_the_topics_due_the_most_forgotten_first_then_those_never_rated(journey, ok):
    assert ok("review").stdout == (
        "Due for review, the most forgotten first:\n"
        "Pandas  recall 63%  last rated 2/5 on Fri 20 Nov  overdue by 4 days\n"
        "NumPy   recall 89%  last rated 4/5 on Tue 10 Nov  overdue by 3 days\n"
        + NEVER_RATED
    )


def test_review_all_lists_every_rated_topic_with_its_next_review_day(journey, ok):
    lines = [line.rstrip() for line in ok("review", "--all").stdout.splitlines()]
    assert lines[:4] == [
        "Every rated topic, the next review first:",
        "Pandas          recall 63%   last rated 2/5 on Fri 20 Nov  overdue by 4 days",
        "NumPy           recall 89%   last rated 4/5 on Tue 10 Nov  overdue by 3 days",
        "Linear Algebra  recall 100%  last rated 5/5 on Tue 24 Nov  next Wed 2 Dec (in 7 days)",
    ]


def test_a_topic_due_today_says_so(journey, ok):
    shown = ok("review", today="2026-11-22").stdout
    assert "NumPy   recall 90%  last rated 4/5 on Tue 10 Nov  due today" in shown


def test_with_nothing_due_review_names_the_next_one(ok):
    ok("init", "--start", "2026-11-01", "--curriculum", "none")
    ok("log", "NumPy", "--new", "-c", "5", "--date", "2026-11-24 20:00")
    assert ok("review").stdout == "Nothing is due for review today; next: NumPy on Wed 2 Dec (in 7 days).\n"


def test_before_any_rating_review_says_how_to_start(ok):
    ok("init", "--start", "2026-11-01")
    assert [line.rstrip() for line in ok("review").stdout.splitlines()] == [
        "No topic rated yet.",
        "Never rated: Decision Trees, Linear Algebra, Linear Regression, Matplotlib, NumPy, Pandas, Python,",
        "Random Forests, Statistics",
        "Log with --confidence 1-5 to schedule a topic's reviews.",
    ]
    assert ok("review", "--json").stdout == "[]\n"


def test_review_json_holds_fsrs_own_schedule(journey, json_of):
    found = {topic["topic"]: topic for topic in json_of("review", "--all", "--json")}
    numpy = fsrs_card([("2026-11-02T09:00:00+00:00", 3), ("2026-11-10T09:00:00+00:00", 4)])
    now = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    retrievability = fsrs.Scheduler(**SCHEDULER).get_card_retrievability(numpy, now)

    assert found["NumPy"] == {
        "topic": "NumPy", "due": numpy.due.date().isoformat(), "review": True, "retrievability": retrievability,
        "stability": numpy.stability, "difficulty": numpy.difficulty, "reviews": 2,
        "last_review": "2026-11-10T09:00:00+00:00", "last_rating": 4,
    }
    assert list(found) == ["Pandas", "NumPy", "Linear Algebra"]
    assert [topic["topic"] for topic in json_of("review", "--json")] == ["Pandas", "NumPy"]


def test_an_archived_topic_is_not_listed(journey, ok, json_of):
    ok("topic", "archive", "pandas")
    assert [topic["topic"] for topic in json_of("review", "--all", "--json")] == ["NumPy", "Linear Algebra"]
    assert "Pandas" not in ok("review").stdout


def test_removing_a_rating_takes_the_topic_out_of_review(journey, ok, json_of):
    ok("edit", "3", "--confidence", "")
    assert [topic["topic"] for topic in json_of("review", "--all", "--json")] == ["NumPy", "Linear Algebra"]
    assert "Never rated: Decision Trees, Linear Regression, Matplotlib, Pandas," in ok("review").stdout


def test_moving_a_review_to_another_topic_changes_both_topics(journey, json_of, ok):
    ok("edit", "2", "--topic", "pandas")
    found = {topic["topic"]: topic for topic in json_of("review", "--all", "--json")}
    assert (found["NumPy"]["reviews"], found["Pandas"]["reviews"]) == (1, 2)
    expected = fsrs_card([("2026-11-10T09:00:00+00:00", 4), ("2026-11-20T18:00:00+00:00", 2)])
    assert (found["Pandas"]["stability"], found["Pandas"]["due"]) == (expected.stability, expected.due.date().isoformat())


def test_deleting_the_last_rating_of_a_topic_leaves_it_never_rated(journey, ok, json_of):
    ok("delete", "4", "--yes")
    assert "Linear Algebra" not in {topic["topic"] for topic in json_of("review", "--all", "--json")}


def test_a_back_dated_review_replays_the_topic_from_its_start(journey, ok, json_of):
    ok("log", "numpy", "-c", "1", "--date", "2026-11-05 09:00")
    numpy = next(topic for topic in json_of("review", "--all", "--json") if topic["topic"] == "NumPy")
    expected = fsrs_card([
        ("2026-11-02T09:00:00+00:00", 3), ("2026-11-05T09:00:00+00:00", 1), ("2026-11-10T09:00:00+00:00", 4),
    ])
    assert (numpy["reviews"], numpy["stability"], numpy["difficulty"]) == (3, expected.stability, expected.difficulty)


# The review retention ------------------------------------------------------------


def test_a_lower_retention_reschedules_every_topic_later(journey, ok, json_of):
    before = {topic["topic"]: topic["due"] for topic in json_of("review", "--all", "--json")}

    assert ok("config", "review-retention", "0.75").stdout == "review-retention = 0.75\n"

    after = {topic["topic"]: topic for topic in json_of("review", "--all", "--json")}
    assert all(after[name]["due"] > before[name] for name in ("NumPy", "Linear Algebra"))
    expected = fsrs_card([("2026-11-24T20:00:00+00:00", 5)], retention=0.75)
    assert after["Linear Algebra"]["due"] == expected.due.date().isoformat()
    assert json_of("config", "review-retention", "--json") == {"review-retention": "0.75"}


@pytest.mark.parametrize(
    "typed", ["0.69", "0.98", "90", "1", "abc", ""], ids=["below", "above", "percentage", "one", "word", "empty"],
)
def test_a_retention_out_of_range_is_refused_and_changes_nothing(journey, refused, journey_state, json_of, typed):
    before = journey_state(), json_of("review", "--all", "--json")

    assert refused("config", "review-retention", typed) == (
        f"Error: not a review retention: {typed!r} (use a chance of recall from 0.70 to 0.97, e.g. 0.9 for 90%)"
    )
    assert (journey_state(), json_of("review", "--all", "--json")) == before


def test_the_retention_travels_in_the_journey_document(journey, ok, json_of, tmp_path):
    ok("config", "review-retention", "0.8")
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    other = tmp_path / "other.db"

    ok("--db", str(other), "import", str(exported))

    assert json_of("--db", str(other), "config", "review-retention", "--json") == {"review-retention": "0.8"}
    assert json_of("--db", str(other), "review", "--all", "--json") == json_of("review", "--all", "--json")


# Status, the dashboard and the post draft ----------------------------------------


def test_status_names_the_topics_due_before_the_cadence(journey, ok, json_of):
    lines = ok("status").stdout.splitlines()
    assert lines[-2:] == ["Reviews due: 2 topics (Pandas, NumPy)", "Cadence: an update every 3 days, any entry counts"]
    assert json_of("status", "--json")["reviews_due"] == 2


def test_status_comes_before_the_skips_left(journey, ok):
    ok("config", "skip-budget", "2")
    lines = ok("status").stdout.splitlines()
    assert lines[-3:-1] == ["Reviews due: 2 topics (Pandas, NumPy)", "Skips left in November: 2 of 2"]


def test_status_says_nothing_of_reviews_when_none_is_due(journey, ok, json_of):
    assert "Reviews due" not in ok("status", today="2026-11-20").stdout
    assert json_of("status", "--json", today="2026-11-20")["reviews_due"] == 0


def test_status_lists_at_most_three_topics_due(ok):
    ok("init", "--start", "2026-11-01")
    for topic in ("numpy", "pandas", "python", "matplotlib", "stat"):
        ok("log", topic, "-c", "3", "--date", "2026-11-02 09:00")
    assert "Reviews due: 5 topics (Matplotlib, NumPy, Pandas and 2 more)" in ok("status").stdout


def test_the_dashboard_shows_the_chance_of_recall_and_flags_the_topics_due(journey, ok, json_of):
    lines = ok("dashboard").stdout.splitlines()
    assert any(line.startswith("Topics · ↻ due for review (learnlog review) ─") for line in lines)
    row = {line.split("  ")[0].rstrip(" !"): line for line in lines if "Basics" in line or "Math" in line}
    assert "  63% ↻  " in row["Pandas"] and "  89% ↻  " in row["NumPy"]
    assert "  100%    " in row["Linear Algebra"] and "%" not in row["Statistics"]

    data = json_of("dashboard", "--json")
    topics = {topic["name"]: topic for topic in data["topics"]}
    reviews = {topic["topic"]: topic for topic in json_of("review", "--all", "--json")}
    assert {key: topics["NumPy"][key] for key in reviews["NumPy"] if key != "topic"} == {
        key: value for key, value in reviews["NumPy"].items() if key != "topic"
    }
    assert (topics["Pandas"]["review"], topics["Linear Algebra"]["review"]) == (True, False)
    assert topics["Statistics"]["reviews"] == 0 and topics["Statistics"]["due"] is None
    assert data["reviews_due"] == 2 and data["stale_topics"] == ["NumPy"]


def test_the_post_draft_names_the_topics_due_for_review(journey, ok):
    assert "- Topics due for review: Pandas, NumPy\n" in ok("post", "draft").stdout


# Keeping cards current ------------------------------------------------------------


def _stale_cards(database: str) -> int:
    db = open_database(resolve_location(database))
    try:
        with db.transaction(write=False):
            return db.value("SELECT COUNT(*) FROM topic_card WHERE stale")
    finally:
        db.close()


def test_every_change_to_a_rating_leaves_current_cards_behind(journey, ok, database, tmp_path):
    assert _stale_cards(database) == 0
    ok("edit", "1", "--date", "2026-11-03 09:00")
    ok("delete", "3", "--yes")
    exported = tmp_path / "numbers.csv"
    exported.write_text(
        "date,timestamp,topic,minutes,kind,note,tags,link,confidence\n"
        "2026-11-12,2026-11-12T10:00:00+00:00,Python,30,study,,,,4\n"
    )
    ok("import", str(exported))
    assert _stale_cards(database) == 0


def test_a_card_marked_stale_is_replayed_when_read(journey, ok, json_of, database):
    before = json_of("review", "--all", "--json")
    db = open_database(resolve_location(database))
    try:
        with db.transaction():
            db.execute("UPDATE topic_card SET stale = :stale, stability = 99.0, due_day = '2027-01-01'", {"stale": True})
    finally:
        db.close()

    assert json_of("review", "--all", "--json") == before
    assert json_of("status", "--json")["reviews_due"] == 2
    assert _stale_cards(database) == 3  # a reader does not write


def test_a_card_computed_with_another_fsrs_is_replayed_when_read(journey, json_of, database):
    before = json_of("review", "--all", "--json")
    db = open_database(resolve_location(database))
    try:
        with db.transaction():
            db.execute("UPDATE topic_card SET fsrs_version = '5.0.0', stability = 99.0")
    finally:
        db.close()

    assert json_of("review", "--all", "--json") == before


def test_doctor_counts_the_topics_whose_cards_are_off(journey, learnlog, database):
    assert "Review cards: ok" in learnlog("doctor").stdout
    db = open_database(resolve_location(database))
    try:
        with db.transaction():
            db.execute("UPDATE topic_card SET stability = 99.0 WHERE reviews = 2")
    finally:
        db.close()

    checked = learnlog("doctor")

    assert checked.exit_code == 1
    assert "Review cards: 1 topic off" in checked.stdout
    assert "Problem: the review cards of 1 topic disagree with their ratings" in checked.stdout


@pytest.mark.sqlite_only
def test_logging_without_a_rating_never_imports_fsrs(journey, database):
    def imported(*args: str) -> bool:
        probe = (
            "import sys\nfrom learnlog.__main__ import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print('fsrs' in sys.modules)"
        )
        env = {**os.environ, "LEARNLOG_DB": database, "LEARNLOG_TODAY": "2026-11-25"}
        ran = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, check=True)
        return ran.stdout.splitlines()[-1] == "True"

    assert not imported("log", "numpy", "-m", "no rating")
    assert not imported("status")
    assert not imported("edit", "5", "-m", "still no rating")
    assert imported("log", "numpy", "-c", "4")


def fsrs_schedule(entries: list[dict]) -> dict[str, tuple]:
    """Each rated topic's (due day, stability, difficulty, reviews) as fsrs makes them from
    entries as `entries --json` prints them."""
    rated = sorted(
        (entry for entry in entries if entry["confidence"] is not None and entry["topic"] is not None),
        key=lambda entry: (datetime.fromisoformat(entry["timestamp"]).astimezone(timezone.utc), entry["uid"]),
    )
    schedule = {}
    for topic in dict.fromkeys(entry["topic"] for entry in rated):
        history = [(entry["timestamp"], entry["confidence"]) for entry in rated if entry["topic"] == topic]
        card = fsrs_card(history)
        offset = datetime.fromisoformat(history[-1][0]).tzinfo
        schedule[topic] = (card.due.astimezone(offset).date().isoformat(), card.stability, card.difficulty, len(history))
    return schedule


@pytest.mark.sqlite_only
@pytest.mark.parametrize("revision", ["0006", "0007"])
def test_an_upgraded_journey_is_scheduled_from_its_ratings_and_its_cards_become_current(
    learnlog, json_of, ok, db_path, database, revision
):
    import shutil
    from pathlib import Path

    db_path.parent.mkdir(mode=0o700)
    shutil.copyfile(Path(__file__).parent.parent / "fixtures" / f"learnlog-r{revision}.db", db_path)
    db_path.chmod(0o600)

    served = {
        review["topic"]: (review["due"], review["stability"], review["difficulty"], review["reviews"])
        for review in json_of("review", "--all", "--json")
    }

    assert served and served == {
        topic: facts for topic, facts in fsrs_schedule(json_of("entries", "--all", "--json")).items()
        if topic in served
    }
    assert _stale_cards(database) > 0  # readers replay them without writing
    assert learnlog("doctor").exit_code == 0
    ok("log", "numpy", "-c", "4")
    assert _stale_cards(database) == 0


@pytest.mark.sqlite_only
def test_a_restored_backup_has_current_cards(journey, ok, json_of, database, db_path, tmp_path):
    import sqlite3

    backup = tmp_path / "backup.db"
    ok("backup", str(backup))
    connection = sqlite3.connect(backup)
    with connection:
        connection.execute("UPDATE topic_card SET stale = 1, stability = 99.0")
    connection.close()
    ok("log", "numpy", "-c", "1")

    ok("restore", str(backup))

    assert _stale_cards(database) == 0
    assert "Review cards: ok" in ok("doctor").stdout
    assert [topic["topic"] for topic in json_of("review", "--json")] == ["Pandas", "NumPy"]
