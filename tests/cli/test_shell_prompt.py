"""The prompt segment without a process: `learnlog shell-init` prints a snippet
that real shells (bash --norc, zsh -f, fish --no-config) source; its prompt hook
reads the state file every command leaves, with builtins only.

Each test drives a shell as a user's prompt would: the hook runs, and the test
reads back `learnlog_segment`. "Today" is Wed 25 Nov 2026 unless moved; the
journey started on Fri 20 Nov with an update every 3 days."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from learnlog.store.prompt_state import state_path, state_text, write_state
from learnlog.views.shell import snippet

SHELLS = [
    pytest.param("bash", marks=pytest.mark.skipif(not shutil.which("bash"), reason="no bash")),
    pytest.param("zsh", marks=pytest.mark.skipif(not shutil.which("zsh"), reason="no zsh")),
    pytest.param("fish", marks=pytest.mark.skipif(not shutil.which("fish"), reason="no fish")),
]
NO_FORK_SHELLS = SHELLS[:2]
COMMAND = {"bash": ["bash", "--norc", "--noprofile"], "zsh": ["zsh", "-f"], "fish": ["fish", "--no-config"]}


def setenv(shell: str, name: str, value: str) -> str:
    """The line of `shell` that exports `name`."""
    return f"set -gx {name} '{value}'" if shell == "fish" else f"export {name}='{value}'"


def prompt_script(shell: str, steps: list[str]) -> str:
    """A script for `shell` that runs each step (a line of that shell), each
    followed by a prompt whose segment it prints as `[segment]`."""
    show = 'printf "[%s]\\n" "$learnlog_segment"'
    lines = []
    for step in steps:
        lines += [step, "__learnlog_prompt", show]
    return "\n".join(lines) + "\n"


class Shell:
    """One kind of shell with learnlog's snippet, run in the test's environment."""

    def __init__(self, name: str, folder: Path, command: list[str]) -> None:
        self.name = name
        self.snippet = folder / f"learnlog.{name}"
        self.snippet.write_text(snippet(name, command=command), encoding="utf-8")

    def prompts(self, *steps: str, env: dict[str, str] | None = None) -> list[str]:
        """The segment after each step, as `[...]` lines, from one shell session."""
        source = f"source {self.snippet}"
        script = source + "\n" + prompt_script(self.name, list(steps))
        done = subprocess.run(
            [*COMMAND[self.name], "-c", script], capture_output=True, text=True, timeout=60,
            env={**os.environ, **(env or {})},
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        return [line[1:-1] for line in done.stdout.splitlines() if line.startswith("[")]


@pytest.fixture
def runs_log(tmp_path: Path) -> Path:
    return tmp_path / "runs.log"


@pytest.fixture
def counted_learnlog(tmp_path: Path, runs_log: Path) -> list[str]:
    """learnlog behind a script that notes each run in runs.log: the command the
    snippets start when they must."""
    script = tmp_path / "counted-learnlog"
    script.write_text(
        f"#!/bin/sh\necho \"$@\" >> '{runs_log}'\nexec '{sys.executable}' -m learnlog \"$@\"\n", encoding="utf-8"
    )
    script.chmod(0o755)
    return [str(script)]


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-d", "45m", "--date", "2026-11-24")
    return ok


@pytest.fixture(params=SHELLS)
def shell(request, tmp_path: Path, counted_learnlog) -> Shell:
    return Shell(request.param, tmp_path, counted_learnlog)


def runs(runs_log: Path, *, wait: float = 0.0) -> list[str]:
    """What the snippet ran, waiting up to `wait` seconds for a detached run to note itself."""
    deadline = time.monotonic() + wait
    while True:
        found = runs_log.read_text().splitlines() if runs_log.exists() else []
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


@pytest.mark.parametrize(
    "today, shown",
    [
        ("2026-11-25", "2d left"),
        ("2026-11-26T23:59", "1d left"),
        ("2026-11-27", "due today"),
        ("2026-11-28T00:00", "overdue 1d"),
        ("2026-12-09", "overdue 12d"),
    ],
    ids=["on-track", "last-minute-of-the-day-before", "due-today", "just-after-midnight", "long-overdue"],
)
def test_the_segment_says_where_the_journey_stands_on_each_day(journey, shell, today, shown, runs_log):
    assert shell.prompts(setenv(shell.name, "LEARNLOG_TODAY", today)) == [shown]
    assert runs(runs_log) == []


def test_the_segment_is_what_remind_prompt_prints(journey, shell, learnlog):
    for today in ("2026-11-25", "2026-11-27", "2026-12-01"):
        expected = learnlog("remind", "--prompt", today=today).stdout.strip()
        assert shell.prompts(setenv(shell.name, "LEARNLOG_TODAY", today)) == [expected]


def test_a_log_in_another_process_shows_at_the_next_prompt(journey, shell):
    log = f"'{sys.executable}' -m learnlog log pandas -d 30m >/dev/null"
    environment = {"LEARNLOG_TODAY": "2026-11-27"}
    assert shell.prompts("true", log, env=environment) == ["due today", "3d left"]


def test_midnight_moves_the_count_with_no_command_run(journey, shell, runs_log):
    steps = [
        setenv(shell.name, "LEARNLOG_TODAY", moment)
        for moment in ("2026-11-26T23:59", "2026-11-27T00:00", "2026-11-27T23:59", "2026-11-28T00:01")
    ]
    assert shell.prompts(*steps) == ["1d left", "due today", "due today", "overdue 1d"]
    assert runs(runs_log) == []


def test_a_missing_state_file_is_rebuilt_once_in_the_background(journey, shell, runs_log, monkeypatch):
    path = Path(state_path(None, None))
    path.unlink()

    assert shell.prompts("true", "true") == ["", ""]

    assert runs(runs_log, wait=20) == ["status"]
    deadline = time.monotonic() + 20
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert shell.prompts("true") == ["2d left"]
    assert runs(runs_log) == ["status"]


@pytest.mark.parametrize(
    "garbled",
    ["learnlog-state 1\nwritten soon\n", "learnlog-state 99\nwritten 1\nbackend file\ndue 1 2 3\n", ""],
    ids=["not-a-number", "another-format", "empty"],
)
def test_a_garbled_state_file_shows_nothing_and_is_rebuilt_once(journey, shell, runs_log, garbled):
    path = Path(state_path(None, None))
    path.write_text(garbled)

    assert shell.prompts("true", "true") == ["", ""]

    assert runs(runs_log, wait=20) == ["status"]
    deadline = time.monotonic() + 20
    while path.read_text() == garbled and time.monotonic() < deadline:
        time.sleep(0.05)
    assert shell.prompts("true") == ["2d left"]


def test_no_journey_starts_one_rebuild_per_shell_and_then_shows_nothing(learnlog, shell, runs_log):
    assert shell.prompts("true", "true", "true") == ["", "", ""]
    assert runs(runs_log, wait=20) == ["status"]


def test_a_changed_learnlog_db_is_followed_at_the_next_prompt(journey, shell, tmp_path, ok):
    other = tmp_path / "other" / "journey.db"
    ok("--db", str(other), "init", "--start", "2026-11-25", "--every", "7")
    ok("--db", str(other), "status")
    switch = setenv(shell.name, "LEARNLOG_DB", str(other))
    assert shell.prompts("true", switch) == ["2d left", "7d left"]


def test_a_changed_learnlog_journey_is_followed_at_the_next_prompt(journey, shell, ok):
    ok("--journey", "side", "init", "--start", "2026-11-25", "--every", "5")
    ok("--journey", "side", "status")
    assert shell.prompts("true", setenv(shell.name, "LEARNLOG_JOURNEY", "side")) == ["2d left", "5d left"]


def test_a_relative_learnlog_db_is_found_from_the_shells_folder(shell, ok, tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PWD", str(folder))
    monkeypatch.setenv("LEARNLOG_DB", "journey.db")
    ok("init", "--start", "2026-11-24", "--every", "2")
    ok("status")
    step = f"cd '{folder}'"
    assert shell.prompts(step, env={"LEARNLOG_DB": "journey.db", "PWD": str(folder)}) == ["1d left"]


def test_a_server_journeys_stale_state_starts_one_detached_refresh(learnlog, shell, runs_log, monkeypatch):
    url = "postgresql+psycopg://ada@127.0.0.1:9/circle"
    monkeypatch.setenv("LEARNLOG_DB", url)
    from datetime import date

    path = state_path(None, None)
    write_state(path, state_text(date(2026, 11, 27), server=True, written=time.time() - 3600, today=date(2026, 11, 25)))

    assert shell.prompts("true", "true", env={"LEARNLOG_TODAY": "2026-11-25"}) == ["2d left", "2d left"]
    assert runs(runs_log, wait=20) == ["status"]


def test_a_server_journeys_fresh_state_starts_nothing(learnlog, shell, runs_log, monkeypatch):
    from datetime import date

    monkeypatch.setenv("LEARNLOG_DB", "postgresql+psycopg://ada@127.0.0.1:9/circle")
    write_state(state_path(None, None), state_text(date(2026, 11, 27), server=True, written=time.time(), today=date(2026, 11, 25)))

    assert shell.prompts("true", env={"LEARNLOG_TODAY": "2026-11-27"}) == ["due today"]
    time.sleep(0.5)
    assert runs(runs_log) == []


@pytest.mark.skipif(not shutil.which("strace"), reason="no strace")
@pytest.mark.parametrize("name", NO_FORK_SHELLS)
def test_a_thousand_prompts_start_no_process(journey, name, tmp_path, counted_learnlog):
    shell = Shell(name, tmp_path, counted_learnlog)
    loop = "for ((i = 0; i < 1000; i++)); do __learnlog_prompt; done"
    traced = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=fork,vfork,clone,clone3,execve", "-o", str(tmp_path / "trace"),
         *COMMAND[name], "-c", f"source {shell.snippet}\n{loop}\nprintf '%s' \"$learnlog_segment\""],
        capture_output=True, text=True, timeout=120, env=os.environ,
    )
    assert (traced.returncode, traced.stdout) == (0, "2d left"), traced.stderr
    calls = [line for line in (tmp_path / "trace").read_text().splitlines() if "(" in line]
    # The shell's own start, and nothing more.
    assert len(calls) == 1 and "execve(" in calls[0], calls


def test_the_state_file_is_private_and_names_its_format_first(journey):
    path = Path(state_path(None, None))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().splitlines()[0] == "learnlog-state 1"


def test_every_command_that_reads_the_journey_rewrites_the_state(journey, ok):
    path = Path(state_path(None, None))
    path.unlink()
    ok("entries")
    assert path.exists()


def test_shell_init_refuses_another_shell(refused):
    assert refused("shell-init", "tcsh") == "Error: shell-init takes bash, zsh, fish, not 'tcsh'"


@pytest.mark.parametrize("name", ["bash", "zsh", "fish"])
def test_shell_init_prints_a_snippet_its_shell_accepts(learnlog, name):
    if not shutil.which(name):
        pytest.skip(f"no {name}")
    printed = learnlog("shell-init", name).stdout
    assert "__learnlog_prompt" in printed
    checked = subprocess.run([*COMMAND[name][:1], "-n"], input=printed, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize(
    "change, due",
    [
        (("init", "--start", "2026-11-20"), "2026-11-23"),
        (("import", "{export}"), "2026-11-27"),
        (("restore", "{backup}"), "2026-11-27"),
    ],
    ids=["init", "import", "restore"],
)
def test_commands_that_make_or_replace_a_journey_leave_its_state(learnlog, ok, tmp_path, change, due):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-24")
    export, backup = tmp_path / "journey.json", tmp_path / "journey.bak"
    ok("export", "-o", str(export))
    ok("backup", str(backup))
    ok("log", "numpy")  # due moves to Sat 28 Nov
    if change[0] != "restore":
        learnlog_db = Path(os.environ["LEARNLOG_DB"])
        for leftover in learnlog_db.parent.glob(learnlog_db.name + "*"):
            leftover.unlink()
    path = Path(state_path(None, None))
    path.unlink()

    ok(*(part.format(export=export, backup=backup) for part in change))

    assert path.read_text().splitlines()[3].split()[1] == str((date_of(due) - date_of("1970-01-01")).days)


def date_of(text: str):
    from datetime import date

    return date.fromisoformat(text)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_each_backend_leaves_the_state_its_shell_prompt_shows(journey, backend, tmp_path, counted_learnlog):
    first = Path(state_path(None, None)).read_text().splitlines()
    assert first[2] == ("backend server" if backend == "postgresql" else "backend file")
    if shutil.which("bash"):
        assert Shell("bash", tmp_path, counted_learnlog).prompts("true") == ["2d left"]


@pytest.mark.parametrize(
    "now, shown",
    [
        ("2026-11-25T14:47", "● NumPy 42m · 2d left"),
        ("2026-11-25T15:15", "● NumPy 1h10m · 2d left"),
        ("2026-11-25T16:05", "● NumPy 2h · 2d left"),
        ("2026-11-26T00:20", "● NumPy 10h15m · 1d left"),
    ],
    ids=["minutes", "hours-and-minutes", "whole-hours", "past-midnight"],
)
def test_a_running_timer_shows_in_the_segment_counting_up(journey, shell, learnlog, now, shown):
    journey("start", "numpy", today="2026-11-25T14:05")
    assert shell.prompts(setenv(shell.name, "LEARNLOG_TODAY", now)) == [shown]
    assert learnlog("remind", "--prompt", today=now).stdout == shown + "\n"
    journey("stop", today="2026-11-25T14:47")
    assert "●" not in shell.prompts(setenv(shell.name, "LEARNLOG_TODAY", now))[0]


def test_a_running_timer_counts_on_the_system_clock_with_no_command_run(journey, shell, monkeypatch):
    from datetime import date, datetime, timedelta

    from learnlog.domain.timer import RunningSession

    started = datetime.now().astimezone() - timedelta(minutes=42, seconds=10)
    write_state(
        state_path(None, None),
        state_text(date(2026, 11, 27), server=False, written=time.time(), today=date(2026, 11, 25),
                   running=RunningSession("Linear Algebra", "study", None, (), started)),
    )
    monkeypatch.delenv("LEARNLOG_TODAY")
    (segment,) = shell.prompts("true")
    assert segment.startswith("● Linear Algebra 42m · ") or segment.startswith("● Linear Algebra 43m · ")
