"""One journey from several computers at once, the same facts as on SQLite, a
prompt that never waits for the server, and a password that is never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest


def _learnlog_process(group, role: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "learnlog", "--db", group.url(role), *args],
        capture_output=True, text=True, env=env or dict(os.environ), timeout=120,
    )


def test_four_computers_logging_at_once_lose_and_duplicate_nothing(group, as_role):
    as_role(group.owner, "init")

    def computer(number: int) -> list[int]:
        return [
            _learnlog_process(group, group.owner, "log", "numpy", "-d", "5m", "-m", f"computer {number} log {log}").returncode
            for log in range(10)
        ]

    with ThreadPoolExecutor(4) as pool:
        codes = [code for codes in pool.map(computer, range(4)) for code in codes]
    assert codes == [0] * 40
    entries = json.loads(as_role(group.owner, "entries", "--json", "--all")[1])
    notes = sorted(entry["note"] for entry in entries)
    assert notes == sorted(f"computer {number} log {log}" for number in range(4) for log in range(10))
    assert len({entry["uid"] for entry in entries}) == 40


def test_cadence_changes_and_skips_from_two_computers_keep_one_rule_history(group, as_role):
    as_role(group.owner, "init", "--start", "2026-11-01")
    commands = [("cadence", "set", "5"), ("cadence", "set", "7"), ("skip", "tomorrow"), ("skip", "2026-11-28")] * 3
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda command: _learnlog_process(group, group.owner, *command), commands))
    assert all(result.returncode in (0, 1) for result in results)
    assert all(result.stderr.count("\n") <= 1 for result in results)
    cadence = json.loads(as_role(group.owner, "cadence", "--json")[1])
    rules = cadence["rules"] if isinstance(cadence, dict) else cadence
    effective = [rule["effective"] for rule in rules]
    assert effective == sorted(set(effective)), "two rules on one day, or out of order"
    pending = [rule for rule in rules if rule["effective"] > "2026-11-25"]
    assert len(pending) <= 1
    excused = json.loads(as_role(group.owner, "skip", "--list", "--json")[1])
    assert sorted(day["date"] for day in excused) == ["2026-11-26", "2026-11-28"]


def test_skips_from_four_computers_at_once_stay_within_the_skip_budget(group, as_role):
    as_role(group.owner, "init", "--start", "2026-11-01")
    as_role(group.owner, "config", "skip-budget", "2")
    days = ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda day: _learnlog_process(group, group.owner, "skip", day), days))
    assert sorted(result.returncode for result in results) == [0, 0, 1, 1]
    assert {result.stderr for result in results if result.returncode} == {
        "Error: no skips left in November 2026 (budget 2 a month)\n"
    }
    excused = json.loads(as_role(group.owner, "skip", "--list", "--json")[1])
    assert len(excused) == 2
    budget = json.loads(as_role(group.owner, "status", "--json")[1])["skip_budget"]
    assert budget == {"per_month": 2, "month": "2026-11", "used": 2, "left": 0}


HISTORY = [
    ("init", "--start", "2026-10-01", "--every", "3"),
    ("log", "numpy", "-d", "45m", "--date", "2026-10-02", "-t", "arrays"),
    ("log", "pandas", "-d", "1h", "--date", "2026-10-03", "-k", "bug", "-m", "merge went wrong"),
    ("log", "--kind", "post", "-m", "Week 1", "--date", "2026-10-07"),
    ("skip", "2026-10-09", "--until", "2026-10-12", "--reason", "exams", "--late"),
    ("log", "statistics", "-d", "30m", "--date", "2026-10-15"),
    ("cadence", "set", "2", "--counts", "post"),
    ("log", "--kind", "post", "-m", "Week 3", "--date", "2026-10-20"),
    ("log", "linear regression", "-d", "2h", "--date", "2026-11-20", "-c", "3"),
    ("log", "statistics", "-k", "confusion", "-m", "why n - 1?", "--date", "2026-11-20"),
    ("resolve", "2", "-m", "joined on the wrong key", "--date", "2026-11-21"),
    ("skip", "tomorrow"),
]


def test_the_same_history_gives_the_same_facts_on_sqlite_and_on_postgresql(group, as_role, learnlog):
    for command in HISTORY:
        assert learnlog(*command).exit_code == 0, command
        code, _, err = as_role(group.owner, *command)
        assert (code, err) == (0, ""), command
    for reading in (("status", "--json"), ("cadence", "--json"), ("skip", "--list", "--json"), ("topic", "list", "--json")):
        on_sqlite = json.loads(learnlog(*reading).stdout)
        on_postgresql = json.loads(as_role(group.owner, *reading)[1])
        assert on_postgresql == on_sqlite, reading
    dashboard_sqlite = json.loads(learnlog("dashboard", "--json").stdout)
    dashboard_postgresql = json.loads(as_role(group.owner, "dashboard", "--json")[1])
    for data in (dashboard_sqlite, dashboard_postgresql):
        data.pop("journey", None)
        for entry in (*data["recent"], *data["open"]):
            entry.pop("uid")  # made at random by each log
    assert dashboard_postgresql == dashboard_sqlite


def test_the_prompt_reads_the_cache_its_last_command_left_without_connecting(group, as_role, capsys, monkeypatch):
    from learnlog.__main__ import main

    as_role(group.owner, "init")
    as_role(group.owner, "log", "numpy", "-d", "30m")
    assert as_role(group.owner, "remind", "--prompt") == (0, "3d left\n", "")
    monkeypatch.setenv("LEARNLOG_TODAY", "2026-11-30")
    assert as_role(group.owner, "remind", "--prompt") == (0, "overdue 2d\n", "")
    # The server is not asked: a prompt for this URL works with the server's port shut.
    group.server.connect().execute("ALTER SYSTEM SET max_connections = 100")  # a no-op: the server stays up
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--db", group.url(group.owner), "remind", "--prompt"])
    assert capsys.readouterr().out == "overdue 2d\n"


def test_the_prompt_never_connects_and_prints_nothing_without_a_fresh_cache(tmp_path, monkeypatch, capsys):
    from datetime import date

    from learnlog.__main__ import main
    from learnlog.domain.cadence import DeadlineInputs, Rule
    from learnlog.store.location import server_location
    from learnlog.store.prompt_cache import cache_key, cache_path, write_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LEARNLOG_TODAY", "2026-11-25")
    nowhere = "postgresql+psycopg://nobody@127.0.0.1:9/nothing"  # port 9: nothing listens there
    monkeypatch.setenv("LEARNLOG_DB", nowhere)

    def prompt() -> str:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit:
            main(["remind", "--prompt"])
        assert exit.value.code == 0
        return capsys.readouterr().out

    assert prompt() == ""
    write_cache(cache_key(server_location(nowhere), None), DeadlineInputs(date(2026, 11, 24), [Rule(date(2026, 11, 1), 3, "any")], []))
    started = time.monotonic()
    assert prompt() == "2d left\n"
    assert time.monotonic() - started < 5, "the prompt waited for a server"
    path = Path(cache_path(cache_key(server_location(nowhere), None)))
    text = path.read_text()
    written = int(text.splitlines()[2].split()[1])
    path.write_text(text.replace(f"written {written}", f"written {written - 3600}"))
    assert prompt() == ""
    path.write_text("garbage")
    assert prompt() == ""


SECRET = "s3cret-Pa55word-never-shown"


def test_the_password_never_appears_in_any_output(group, as_role, monkeypatch, capsys):
    from learnlog.__main__ import main

    monkeypatch.delenv("PGPASSFILE")
    monkeypatch.setenv("PGPASSWORD", SECRET)
    with group.server.connect() as admin:
        admin.execute(f"ALTER ROLE \"{group.owner}\" PASSWORD '{SECRET}'")
    outputs = []
    for args in (
        ["--db", group.url(group.owner), "init"],
        ["--db", group.url(group.owner), "log", "numpy", "-d", "5m"],
        ["--db", group.url(group.owner), "status"],
        ["--db", group.url(group.owner), "doctor", "--json"],
        ["--db", group.url(group.owner), "--journey", "nobody", "status"],
        ["--db", group.server.url(group.owner, "no_such_database"), "status"],
        ["--db", group.server.url(group.owner, "no_such_database"), "doctor"],
        ["--db", group.server.url("no_such_role", group.database), "status"],
        ["--db", f"postgresql+psycopg://{group.owner}:{SECRET}@127.0.0.1:{group.server.port}/{group.database}", "status"],
        ["--db", f"postgresql+psycopg://{group.owner}@127.0.0.1:9/{group.database}", "status"],
    ):
        capsys.readouterr()
        try:
            main(args)
        except SystemExit:
            pass
        outputs.append(capsys.readouterr())
    monkeypatch.setenv("PGPASSWORD", "a-wrong-password")
    try:
        main(["--db", group.url(group.owner), "status"])
    except SystemExit:
        pass
    outputs.append(capsys.readouterr())
    for output in outputs:
        assert SECRET not in output.out + output.err
    assert outputs[1].err == ""
    assert outputs[8].err == (
        "Error: the database URL holds a password: leave it out, and put it in PGPASSWORD or ~/.pgpass\n"
    )
    assert "password authentication failed" in outputs[-1].err
    assert outputs[-1].err.count("\n") == 1


def test_a_backup_is_a_json_export_with_attachments_that_import_brings_back(group, as_role, tmp_path, learnlog):
    picture = tmp_path / "loss.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    as_role(group.owner, "init")
    as_role(group.owner, "log", "matplotlib", "-d", "40m", "-m", "a messy graph", "--attach", str(picture))
    backup = tmp_path / "backup.json"
    code, out, _ = as_role(group.owner, "backup", str(backup))
    assert code == 0
    assert "a json export with its attachments" in out
    document = json.loads(backup.read_text())
    assert document["format"] == "learnlog-journey"
    assert document["entries"][0]["attachments"][0]["content"]
    assert learnlog("import", str(backup)).exit_code == 0
    restored = learnlog("--journey", group.owner, "export", "--format", "json", "--with-attachments").stdout
    assert json.loads(restored)["entries"] == document["entries"]


def test_a_single_journey_sqlite_database_moves_to_postgresql_with_every_row(group, as_role, tmp_path, learnlog):
    import shutil

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "learnlog-r0001.db", old)
    exported = tmp_path / "journey.json"
    assert learnlog("--db", str(old), "export", "--with-attachments", "-o", str(exported)).exit_code == 0
    code, _, err = as_role(group.owner, "import", str(exported))
    assert (code, err) == (0, ""), err
    name = json.loads(exported.read_text())["journey"]["name"]
    on_sqlite = json.loads(learnlog("--db", str(old), "entries", "--json", "--all").stdout)
    on_postgresql = json.loads(as_role(group.owner, "--journey", name, "entries", "--json", "--all")[1])
    assert [entry["uid"] for entry in on_postgresql] == [entry["uid"] for entry in on_sqlite]
    assert len(on_sqlite) > 5


def test_two_computers_starting_a_timer_at_once_exactly_one_wins(group, as_role):
    as_role(group.owner, "init")
    topics = ["numpy", "pandas", "statistics", "python"]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda topic: _learnlog_process(group, group.owner, "start", topic), topics))
    started = [result for result in results if result.returncode == 0]
    assert len(started) == 1
    for refused in (result for result in results if result.returncode != 0):
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1
        assert "has been running since" in refused.stderr
    status = json.loads(as_role(group.owner, "status", "--json")[1])
    assert status["running"]["topic"].casefold() in started[0].stdout.casefold()
