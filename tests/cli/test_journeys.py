"""Several journeys in one database: `init --journey`, `journeys`, choosing one
with --journey, settings of their own, and the group's `board`. On PostgreSQL
the tests' role is called main, so an unnamed journey is 'main' on both."""

import json
import shutil
from pathlib import Path

import pytest

from learnlog.store.sqlite_file import SCHEMA_REVISION

pytestmark = pytest.mark.both_backends


def owner(backend: str) -> str | None:
    return "main" if backend == "postgresql" else None


def test_init_journey_adds_a_named_journey_beside_the_first(ok, json_of, backend):
    ok("init", "--start", "2026-11-01")
    started = ok("--journey", "Kaggle comps", "init", "--start", "2026-11-20", "--every", "7", "--curriculum", "none")

    assert started.stdout.startswith("Started journey 'Kaggle comps' at ")
    assert json_of("journeys", "--json") == [
        {"name": "Kaggle comps", "owner": owner(backend), "start": "2026-11-20", "entries": 0},
        {"name": "main", "owner": owner(backend), "start": "2026-11-01", "entries": 0},
    ]


def test_a_journey_name_is_refused_only_when_taken(ok, refused):
    ok("--journey", "rust", "init")
    message = refused("--journey", "rust", "init", "--every", "2")
    assert message.startswith("Error: a journey already exists at ")
    assert message.endswith("('rust', Day 0 2026-11-25); nothing was changed")


def test_journeys_lists_name_owner_day_0_and_entries(ok, backend):
    ok("init", "--start", "2026-11-01")
    ok("--journey", "rust", "init", "--curriculum", "none")
    ok("log", "--journey", "main", "numpy", "-d", "30m")
    ok("log", "--journey", "main", "pandas", "-d", "30m")

    lines = ok("journeys").stdout.splitlines()

    assert lines[0].split() == ["Journey", "Owner", "Day", "0", "Entries"]
    shown_owner = ["main"] if backend == "postgresql" else []
    assert [line.split() for line in lines[1:]] == [
        ["main", *shown_owner, "2026-11-01", "2"],
        ["rust", *shown_owner, "2026-11-25", "0"],
    ]


def test_journeys_on_an_empty_database_says_how_to_start(ok, backend, database):
    if backend == "sqlite":
        ok("db", "upgrade")
    assert ok("journeys").stdout == "No journeys yet: start one with  learnlog init\n"
    assert ok("journeys", "--json").stdout == "[]\n"


def test_every_command_works_on_the_journey_it_is_given(ok, json_of):
    ok("init")
    ok("--journey", "rust", "init", "--curriculum", "none", "--every", "2")
    ok("--journey", "rust", "log", "Ownership", "--new", "-d", "1h")
    ok("--journey", "rust", "config", "default-duration", "50m")

    assert [entry["topic"] for entry in json_of("--journey", "rust", "entries", "--json")] == ["Ownership"]
    assert json_of("--journey", "main", "entries", "--json") == []
    assert json_of("--journey", "rust", "config", "--json")["default-duration"] == "50m"
    assert json_of("--journey", "main", "config", "--json")["default-duration"] == "30m"
    assert json_of("--journey", "rust", "status", "--json")["every"] == 2


def test_without_journey_sqlite_refuses_to_guess_between_journeys(ok, refused, backend, db_path):
    ok("--journey", "rust", "init")
    ok("--journey", "go", "init")
    if backend == "postgresql":
        # No journey is named after the role: the choice is as ambiguous there.
        assert refused("status").endswith("holds several journeys (go, rust): choose one with --journey")
    else:
        assert refused("status") == f"Error: {db_path} holds several journeys (go, rust): choose one with --journey"


def test_an_unknown_journey_is_refused_with_the_list(ok, refused):
    ok("init")
    message = refused("--journey", "nope", "status")
    assert message.startswith("Error: no journey named 'nope' in ")
    assert message.endswith("(journeys: main)")


# The board ----------------------------------------------------------------------


def _group(ok) -> None:
    """Three journeys: one overdue, one due today, one on track."""
    ok("--journey", "ada", "init", "--start", "2026-11-10", "--every", "3", "--curriculum", "none")
    ok("--journey", "ada", "log", "numpy", "--new", "-d", "2h", "--date", "2026-11-20")
    ok("--journey", "ben", "init", "--start", "2026-11-01", "--every", "2", "--curriculum", "none")
    ok("--journey", "ben", "log", "pandas", "--new", "-d", "90m", "--date", "2026-11-21")
    ok("--journey", "ben", "log", "pandas", "-d", "30m", "--date", "2026-11-23")
    ok("--journey", "cy", "init", "--start", "2026-11-24", "--every", "5", "--curriculum", "none")
    ok("--journey", "cy", "log", "statistics", "--new", "-d", "45m", "--date", "2026-11-24")
    ok("--journey", "cy", "log", "statistics", "-d", "15m", "--date", "2026-11-25")


def test_the_board_puts_overdue_first_then_by_due_date(ok, json_of):
    _group(ok)

    board = json_of("board", "--json")

    assert [(row["journey"], row["state"], row["due"]) for row in board] == [
        ("ada", "overdue", "2026-11-23"),
        ("ben", "due_today", "2026-11-25"),
        ("cy", "on_track", "2026-11-30"),
    ]
    assert [row["hours_last_7_days"] for row in board] == [2.0, 2.0, 1.0]
    assert [row["last_checkin"] for row in board] == ["2026-11-20", "2026-11-23", "2026-11-25"]
    assert list(board[1]) == [
        "journey", "day", "state", "due", "streak", "longest_streak", "last_checkin", "hours_last_7_days",
    ]
    assert board[1]["streak"] == {"checkins": 2, "days": 3, "since": "2026-11-21"}


def test_the_board_holds_status_json_facts_for_each_journey(ok, json_of):
    _group(ok)
    for row in json_of("board", "--json"):
        status = json_of("--journey", row["journey"], "status", "--json")
        for key in ("day", "state", "due", "streak", "longest_streak", "last_checkin"):
            assert row[key] == status[key], (row["journey"], key)


def test_the_board_judges_every_state_on_the_viewers_today(ok, json_of):
    _group(ok)
    later = json_of("board", "--json", today="2026-11-27")
    assert [(row["journey"], row["state"]) for row in later] == [
        ("ada", "overdue"), ("ben", "overdue"), ("cy", "on_track"),
    ]


def test_the_board_fits_80_columns_and_shows_each_state_in_words(ok, monkeypatch):
    _group(ok)
    ok("--journey", "a journey with a very long name indeed", "init", "--curriculum", "none")
    monkeypatch.setenv("COLUMNS", "80")

    lines = ok("board").stdout.splitlines()

    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["Journey", "Day", "State", "Due", "Streak", "Best", "7", "days", "Checked", "in"]
    assert "overdue 2d" in lines[1] and lines[1].startswith("ada ")
    assert "due today" in lines[2]
    assert "on track" in lines[3]
    assert any(line.startswith("a journey with …") for line in lines)


def test_the_board_prints_user_text_as_plain_text(ok):
    ok("--journey", "[red]me[/]", "init", "--curriculum", "none")
    assert ok("board").stdout.splitlines()[1].startswith("[red]me[/] ")


# db upgrade on a SQLite file ------------------------------------------------------


@pytest.mark.sqlite_only
def test_db_upgrade_creates_the_file_then_finds_it_up_to_date(ok, db_path):
    assert ok("db", "upgrade").stdout == f"Created learnlog's schema {SCHEMA_REVISION} in {db_path}.\n"
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert ok("db", "upgrade").stdout == f"{db_path} is up to date (schema {SCHEMA_REVISION}).\n"


@pytest.mark.sqlite_only
def test_db_upgrade_upgrades_an_older_file_after_a_backup(ok, json_of, db_path):
    db_path.parent.mkdir(parents=True)
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "learnlog-r0003.db", db_path)

    assert ok("db", "upgrade").stdout == f"Upgraded {db_path} from schema 0003 to {SCHEMA_REVISION}.\n"
    assert [backup.name for backup in db_path.parent.glob("journey.db.auto-*-r0003.bak")]
    assert len(json_of("entries", "--json", "--all")) > 10


def test_journeys_json_is_plain_json_even_for_odd_names(ok):
    ok("--journey", 'naïve "quotes" 学习', "init", "--curriculum", "none")
    assert json.loads(ok("journeys", "--json").stdout)[0]["name"] == 'naïve "quotes" 学习'
