"""A damaged database: every command says so and leaves it alone; doctor looks closer."""

import hashlib
import json

import pytest


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def garbage(path):
    path.write_bytes(b"this is not a database, just some bytes\n" * 200)


def truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def zeroed(path):
    data = bytearray(path.read_bytes())
    data[4096:12288] = bytes(8192)
    path.write_bytes(bytes(data))


DAMAGE = [garbage, truncated, zeroed]
COMMANDS = [
    ("status",), ("log", "numpy"), ("entries",), ("dashboard",), ("remind",), ("init",),
    ("export",), ("topic", "list"), ("skip",), ("backup",),
]


@pytest.fixture
def journey(ok, db_path):
    ok("init", "--start", "2026-11-01")
    for day in range(2, 20):
        ok("log", "numpy", "-m", "x" * 500, "--date", f"2026-11-{day:02d}")
    ok("backup")
    return db_path


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_on_a_damaged_database_says_so_and_writes_nothing(journey, learnlog, damage, command):
    damage(journey)
    before = digest(journey)

    result = learnlog(*command)

    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "is damaged" in result.stderr and "learnlog restore" in result.stderr and "learnlog doctor" in result.stderr
    assert digest(journey) == before


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_the_prompt_shows_a_short_marker_for_a_damaged_database(journey, learnlog, damage):
    damage(journey)
    result = learnlog("remind", "--prompt")
    assert (result.exit_code, result.stdout) == (0, "learnlog: damaged\n")


def test_doctor_reports_a_healthy_database_and_exits_0(journey, learnlog):
    result = learnlog("doctor")
    assert result.exit_code == 0
    assert "Integrity: ok" in result.stdout and "All well." in result.stdout
    assert "Per-day totals: ok" in result.stdout and "Per-topic totals: ok" in result.stdout
    report = json.loads(learnlog("doctor", "--json").stdout)
    assert report["healthy"] and report["counts"]["entry"] == 18 and report["revision"] == report["newest_revision"]
    assert len(report["backups"]) == 1


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_doctor_names_the_problem_and_exits_1(journey, learnlog, damage):
    damage(journey)
    result = learnlog("doctor")
    assert result.exit_code == 1
    assert "Problem:" in result.stdout and "Backups (1" in result.stdout


def test_doctor_finds_per_day_totals_that_disagree_with_their_entries(journey, learnlog):
    import sqlite3

    connection = sqlite3.connect(journey)
    with connection:
        connection.execute("UPDATE entry_day SET minutes = minutes + 5 WHERE day IN ('2026-11-03', '2026-11-04')")
        connection.execute("DELETE FROM entry_day WHERE day = '2026-11-05'")
    connection.close()

    result = learnlog("doctor")

    assert result.exit_code == 1
    assert "Per-day totals: 3 days off" in result.stdout
    assert "Problem: the per-day totals disagree with the entries on 3 days" in result.stdout


def test_doctor_finds_per_topic_totals_that_disagree_with_their_entries(journey, ok, learnlog):
    import sqlite3

    ok("log", "pandas", "-d", "20m")
    connection = sqlite3.connect(journey)
    with connection:
        numpy, pandas = connection.execute("SELECT topic_id FROM topic_total ORDER BY topic_id").fetchall()
        connection.execute("UPDATE topic_total SET last_day = '2026-11-02' WHERE topic_id = ?", numpy)
        connection.execute("DELETE FROM topic_total WHERE topic_id = ?", pandas)
    connection.close()

    result = learnlog("doctor")

    assert result.exit_code == 1
    assert "Per-topic totals: 2 topics off" in result.stdout
    assert "Problem: the per-topic totals of 2 topics disagree with their entries" in result.stdout
    assert json.loads(learnlog("doctor", "--json").stdout)["topics_off"] == 2


def test_restore_moves_a_damaged_database_aside_and_brings_the_backup_back(journey, learnlog, tmp_path):
    backup = next(journey.parent.glob("journey.db.*.bak"))
    garbage(journey)
    damaged = digest(journey)

    assert learnlog("restore", str(backup)).exit_code == 0

    assert json.loads(learnlog("doctor", "--json").stdout)["healthy"]
    aside = list(journey.parent.glob("journey.db.before-restore-*.bak"))
    assert [digest(path) for path in aside] == [damaged]
