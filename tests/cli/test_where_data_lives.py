"""Where the journey lives (--db, LEARNLOG_DB), and what every command does where
there is no journey, or something that is not one."""

import sqlite3

import pytest

# Every command but init, each with arguments it would accept on a journey.
COMMANDS_NEEDING_A_JOURNEY = [
    ("log", "numpy", "-d", "45m"),
    ("log", "--kind", "post"),
    ("status",),
    ("status", "--json"),
    ("remind",),
    ("remind", "--always"),
    ("entries",),
    ("entries", "--json"),
    ("edit", "1", "-m", "a note"),
    ("delete", "1", "--yes"),
    ("config",),
    ("config", "default-duration", "45m"),
    ("topic", "list"),
    ("topic", "add", "Gradient Boosting"),
    ("topic", "edit", "numpy", "--area", "Basics"),
    ("topic", "rename", "numpy", "NumPy 2"),
    ("topic", "archive", "numpy"),
    ("topic", "unarchive", "numpy"),
    ("topic", "remove", "numpy"),
    ("skip",),
    ("skip", "--list"),
    ("skip", "--remove", "today"),
    ("cadence",),
    ("cadence", "set", "2"),
]
COMMAND_IDS = [" ".join(command) for command in COMMANDS_NEEDING_A_JOURNEY]


def files_beside(path):
    return sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []


@pytest.mark.parametrize("command", COMMANDS_NEEDING_A_JOURNEY, ids=COMMAND_IDS)
def test_every_command_but_init_on_a_missing_database_says_run_init_and_leaves_no_file(
    refused, db_path, command
):
    assert refused(*command) == f"Error: no journey at {db_path}: run learnlog init"
    assert not db_path.parent.exists()


@pytest.mark.parametrize("command", COMMANDS_NEEDING_A_JOURNEY, ids=COMMAND_IDS)
def test_every_command_but_init_on_a_zero_byte_database_says_run_init_and_leaves_it_alone(
    refused, db_path, command
):
    db_path.parent.mkdir()
    db_path.touch()

    assert refused(*command) == f"Error: no journey at {db_path}: run learnlog init"
    assert files_beside(db_path) == [db_path.name]
    assert db_path.stat().st_size == 0


def test_the_prompt_segment_prints_nothing_and_exits_0_where_there_is_no_journey(learnlog, db_path):
    result = learnlog("remind", "--prompt")

    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert not db_path.parent.exists()


@pytest.mark.parametrize(
    "command",
    [("init",), ("status",), ("log", "numpy"), ("entries", "--json")],
    ids=["init", "status", "log", "entries"],
)
def test_a_db_that_is_a_folder_is_refused_in_one_line(refused, tmp_path, command):
    assert refused("--db", str(tmp_path), *command) == (
        f"Error: {tmp_path} is a folder: --db takes a database file"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [("init",), ("status",), ("log", "numpy"), ("topic", "add", "Go")],
    ids=["init", "status", "log", "topic-add"],
)
def test_a_sqlite_database_that_is_not_learnlogs_is_refused_and_left_unchanged(refused, tmp_path, command):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recipe (name TEXT)")
    connection.execute("INSERT INTO recipe VALUES ('bread')")
    connection.commit()
    connection.close()
    before = other.read_bytes()

    assert refused("--db", str(other), *command) == (
        f"Error: {other} is a SQLite database, but not a learnlog one"
    )
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_db_is_accepted_before_the_command_and_after_it(ok, json_of, tmp_path):
    elsewhere = tmp_path / "elsewhere.db"

    ok("--db", str(elsewhere), "init", "--start", "2026-11-20")
    ok("log", "numpy", "--db", str(elsewhere))
    ok(f"--db={elsewhere}", "log", "pandas")

    assert [e["topic"] for e in json_of("entries", "--json", "--db", str(elsewhere))] == ["Pandas", "NumPy"]


def test_db_wins_over_learnlog_db(ok, json_of, db_path, tmp_path):
    ok("init", "--start", "2026-11-20")
    elsewhere = tmp_path / "elsewhere.db"
    ok("--db", str(elsewhere), "init", "--start", "2026-11-01")

    assert json_of("status", "--json")["start"] == "2026-11-20"
    assert json_of("--db", str(elsewhere), "status", "--json")["start"] == "2026-11-01"


def test_a_bad_learnlog_today_is_refused_in_one_line(refused, ok):
    ok("init", "--start", "2026-11-20")

    message = refused("status", today="2026-11-31")

    assert message.startswith("Error: LEARNLOG_TODAY: not a date or date-time: '2026-11-31'")
