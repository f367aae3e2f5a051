"""Time learnlog's commands as whole processes, beside reference commands, and
check them against the budgets of issues 7 and 13; then check which heavy
packages each everyday command imports.

Every command runs as its own process: one warm-up round (which also writes the
byte-code caches), then --runs rounds, each running every command once, so that
the machine's drift touches all of them alike. Budgets are ratios of medians from
the same run, because absolute times drift between runs and machines.

Examples:
  python benchmarks/run.py --setup-references   # once: venvs for learnlog, Watson and jrnl
  python benchmarks/run.py                      # the full run, with a 100,000-entry journey
  python benchmarks/run.py --quick              # without the 100,000-entry journey
  python benchmarks/run.py --markdown           # the tables as Markdown, for the README

It is a tool, not a test: nothing here fails because something is slow.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import marshal
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import make_journey

REPOSITORY = Path(__file__).resolve().parent.parent
BENCHMARKS = REPOSITORY / "benchmarks"
REFERENCES = BENCHMARKS / ".references"
LEARNLOG_VENV = REFERENCES / "learnlog"
WATSON_VENV = REFERENCES / "watson"
JRNL_VENV = REFERENCES / "jrnl"
SAMPLE_JOURNEY = REPOSITORY / "data" / "samples" / "ml-journey.json"
TODAY = "2026-11-25"
"""LEARNLOG_TODAY for every learnlog run: the sample journey's own "today"."""

RUNS_TO_SETTLE_NOISE = 15
"""Issue 13 judges its budgets on medians of at least this many runs."""
DEFAULT_RUNS = RUNS_TO_SETTLE_NOISE
NOISE_MARGIN = 0.10
"""A ratio at most this far over its budget may be the machine's noise, not a miss."""
DEFAULT_SLOW_LIMIT_SECONDS = 30.0
BIG_JOURNEY = {"entries": 100_000, "topics": 60, "years": 10}
SMALL_JOURNEY = {"entries": 10, "topics": 10, "days": 6}
"""The ten entries Watson and jrnl are seeded with are this journey's, a week long
so that all of them fall in `watson report`'s default week."""
SEED = 1
LOG_NOTE = "benchmark session"
EDIT_NOTE = "benchmark edit"
COMPLETED_LINE = "learnlog log num"
"""The command line a completion is timed on: a topic name to complete."""
ENTRIES_COLUMNS = "100"
"""COLUMNS for `learnlog entries`: its table wraps notes to the width Rich is given."""

# On Linux a process's ru_maxrss starts at the peak of the memory it held when it
# called exec: the whole peak of its parent when spawned by vfork (subprocess,
# posix_spawn), only the pages copied at fork when forked. So commands are forked
# from a bare interpreter (-I -S: no site, no imports), which leaves a floor of
# about 5 MiB (`/bin/true` reads so), below the peak of any Python.
SPAWNER_SOURCE = """
import marshal, os, sys, time
requests, replies = sys.stdin.buffer, sys.stdout.buffer
while True:
    try:
        argv, env, stdout_path, stderr_path = marshal.load(requests)
    except EOFError:
        break
    started = time.perf_counter_ns()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(os.open(stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
            os.dup2(os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter_ns() - started
    marshal.dump((elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss), replies)
    replies.flush()
"""


# What is measured --------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One command line to time, and what it needs around it."""

    key: str
    """How budgets refer to it."""
    shown: str
    journey: str
    argv: tuple[str, ...]
    env: dict[str, str]
    exit_codes: frozenset[int] = frozenset({0})
    prepare: Callable[[], None] | None = None
    """Run (untimed) before every run of the command."""
    prints: bool = True
    """Whether it prints something when it works (the warm-up checks)."""


@dataclass(frozen=True)
class Timing:
    """The runs of one command: wall times in milliseconds, peak memory in KiB."""

    command: Command
    wall_ms: tuple[float, ...]
    peak_kib: tuple[int, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.wall_ms)

    @property
    def peak_mib(self) -> float:
        """The median of the runs' peaks: memory varies little, but a run can be an outlier."""
        return statistics.median(self.peak_kib) / 1024


@dataclass(frozen=True)
class Budget:
    """A ratio an issue sets (or reports without a limit): `numerator` over
    `denominator`, of their median time or peak memory."""

    shown: str
    numerator: str
    denominator: str
    limit: float | None
    measure: str = "time"


ONE_SECOND = "1 s"
"""A denominator that is no command: the budget is the numerator's median over one second."""

BUDGETS = (
    # Issue 13: the everyday commands beside the tools a learner would otherwise use.
    Budget("log / watson report", "log", "watson", 0.7),
    Budget("status / watson report", "status", "watson", 0.7),
    Budget("remind / watson report", "remind", "watson", 0.7),
    Budget("skip / watson report", "skip", "watson", 0.7),
    Budget("edit / watson report", "edit", "watson", 0.7),
    Budget("delete --yes / watson report", "delete", "watson", 0.7),
    Budget("entries / watson report", "entries", "watson", 1.0),
    # Issue 18: every Tab runs learnlog.
    Budget("completion / watson report", "complete", "watson", 0.7),
    Budget("dashboard / jrnl -n 3", "dashboard", "jrnl", 1.0),
    Budget("python -m learnlog remind --prompt / python -c pass", "prompt-module", "python", 2.0),
    # Issue 14 replaces the process the console script starts for the prompt.
    Budget("learnlog remind --prompt / python -c pass", "prompt", "python", None),
    Budget("python -c 'import re' / python -c pass", "python-re", "python", None),
    # Issue 14: the segment kept by the shell itself, with nothing changed.
    Budget("bash: 1,000 prompts / 1 s", "prompts-bash", ONE_SECOND, 1.0),
    Budget("zsh: 1,000 prompts / 1 s", "prompts-zsh", ONE_SECOND, 1.0),
    # Issue 7's budgets against the Typer floor, now references: how far from a
    # Typer app the commands that left Typer have come.
    Budget("status / Typer floor", "status", "floor", None),
    Budget("remind / Typer floor", "remind", "floor", None),
    Budget("log / Typer floor", "log", "floor", None),
    Budget("dashboard / Typer floor", "dashboard", "floor", None),
    # Issue 7: a journey of ten years costs little more than one of a week.
    Budget("status: 100k / 10 entries, time", "status-big", "status-small", 1.5),
    Budget("status: 100k / 10 entries, peak memory", "status-big", "status-small", 1.3, "memory"),
    Budget("remind --prompt: 100k / 10 entries, time", "prompt-big", "prompt-small", 1.5),
    Budget("remind --prompt: 100k / 10 entries, peak memory", "prompt-big", "prompt-small", 1.3, "memory"),
    Budget("dashboard: 100k / 10 entries, time", "dashboard-big", "dashboard-small", 1.5),
    Budget("dashboard: 100k / 10 entries, peak memory", "dashboard-big", "dashboard-small", 1.3, "memory"),
    Budget("export json of 100k / Typer floor", "export-big", "floor", 5.0),
    Budget("PostgreSQL: remind --prompt / python -c pass", "pg-prompt", "python", None),
    Budget("PostgreSQL: status / Typer floor", "pg-status", "floor", None),
    Budget("PostgreSQL: log / Typer floor", "pg-log", "floor", None),
)


@dataclass(frozen=True)
class Judgement:
    budget: Budget
    ratio: float | None
    verdict: str


HEAVY_PACKAGES = ("typer", "click", "rich", "sqlalchemy", "sqlmodel", "pydantic", "alembic", "nbformat", "jinja2")
"""The packages issue 13 keeps out of the everyday commands' start-up (and
nbformat and Jinja2, which only attaching a notebook and building pages need)."""
IMPORT_CHECKED = ("log", "status", "remind", "skip", "edit", "delete", "entries", "dashboard", "prompt", "complete")
"""The everyday commands (by key) whose imports are checked."""
DRAWING_COMMANDS = frozenset({"dashboard"})
"""The only command allowed Rich: it draws the dashboard. (Issue 13 allowed it
`entries` too; its plain columns need none.)"""
IMPORT_RULE = (
    "none imports typer, click, sqlalchemy, sqlmodel, pydantic, alembic, nbformat or jinja2;"
    " only dashboard imports rich"
)


@dataclass(frozen=True)
class ImportCheck:
    """What one run of a command imported of HEAVY_PACKAGES, or why it could not tell."""

    command: Command
    imported: frozenset[str] = frozenset()
    failure: str | None = None


# Budgets and tables: pure functions --------------------------------------------


def verdict(ratio: float, limit: float | None, runs: int) -> str:
    """How a ratio stands against its limit. Within NOISE_MARGIN over it, with fewer
    than RUNS_TO_SETTLE_NOISE runs, it is not yet a miss: the machine is noisy."""
    if limit is None:
        return "reference"
    if ratio <= limit:
        return "within budget"
    if ratio <= limit * (1 + NOISE_MARGIN) and runs < RUNS_TO_SETTLE_NOISE:
        return f"noise? rerun with --runs {RUNS_TO_SETTLE_NOISE}"
    return "over budget"


def judge(budgets: Sequence[Budget], timings: dict[str, Timing], runs: int) -> list[Judgement]:
    """Each budget's ratio and verdict; a budget whose commands were not measured
    (a reference not set up, --quick) says so instead."""
    judged = []
    for budget in budgets:
        top, bottom = timings.get(budget.numerator), timings.get(budget.denominator)
        if top is None or (bottom is None and budget.denominator != ONE_SECOND):
            judged.append(Judgement(budget, None, "not measured"))
            continue
        if budget.denominator == ONE_SECOND:
            ratio = top.median_ms / 1000
        elif budget.measure == "memory":
            ratio = top.peak_mib / bottom.peak_mib
        else:
            ratio = top.median_ms / bottom.median_ms
        judged.append(Judgement(budget, ratio, verdict(ratio, budget.limit, runs)))
    return judged


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, numbers: Sequence[int], markdown: bool,
) -> str:
    """Rows under headers, as aligned text or as a Markdown table; the columns at
    the indexes in `numbers` are aligned right."""
    def aligned(index: int) -> bool:
        return index in numbers

    if markdown:
        lines = ["| " + " | ".join(headers) + " |"]
        lines.append("|" + "|".join("---:" if aligned(index) else "---" for index in range(len(headers))) + "|")
        lines.extend("| " + " | ".join(row) + " |" for row in rows)
        return "\n".join(lines)
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if aligned(index) else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])


def timing_rows(timings: Sequence[Timing]) -> list[list[str]]:
    return [
        [
            timing.command.shown, timing.command.journey, f"{timing.median_ms:,.0f}",
            f"{min(timing.wall_ms):,.0f}", f"{max(timing.wall_ms):,.0f}", f"{timing.peak_mib:.1f}",
            str(len(timing.wall_ms)),
        ]
        for timing in timings
    ]


def judgement_rows(judgements: Sequence[Judgement]) -> list[list[str]]:
    return [
        [
            judgement.budget.shown,
            "-" if judgement.budget.limit is None else f"≤ {judgement.budget.limit:g}x",
            "-" if judgement.ratio is None else f"{judgement.ratio:.2f}x",
            judgement.verdict,
        ]
        for judgement in judgements
    ]


def imported_packages(importtime: str) -> frozenset[str]:
    """The HEAVY_PACKAGES that a process's `python -X importtime` report (its
    stderr, with whatever else the command printed there) shows it imported."""
    found = set()
    for line in importtime.splitlines():
        if line.startswith("import time:"):
            module = line.rpartition("|")[2].strip()
            found.add(module.partition(".")[0])
    return frozenset(found) & frozenset(HEAVY_PACKAGES)


def import_verdict(key: str, imported: frozenset[str]) -> str:
    """How a command's imports stand against issue 13's rule (IMPORT_RULE)."""
    allowed = {"rich"} if key in DRAWING_COMMANDS else set()
    breaking = [package for package in HEAVY_PACKAGES if package in imported and package not in allowed]
    return f"breaks rule: {', '.join(breaking)}" if breaking else "within rule"


def import_rows(checks: Sequence[ImportCheck]) -> list[list[str]]:
    """A row per command: "yes" under each heavy package it imported, then its verdict."""
    rows = []
    for check in checks:
        if check.failure is not None:
            rows.append([check.command.shown, *("?" for _ in HEAVY_PACKAGES), f"not checked: {check.failure}"])
            continue
        cells = ["yes" if package in check.imported else "-" for package in HEAVY_PACKAGES]
        rows.append([check.command.shown, *cells, import_verdict(check.command.key, check.imported)])
    return rows


def changed_sources(installed: Path, source: Path) -> list[str]:
    """The Python files of `source` that the installed package at `installed`
    lacks or holds in another version (relative paths, sorted)."""
    changed = []
    for path in sorted(source.rglob("*.py")):
        relative = path.relative_to(source)
        copy = installed / relative
        if not copy.is_file() or not filecmp.cmp(path, copy, shallow=False):
            changed.append(str(relative))
    return changed


# Running processes ------------------------------------------------------------


class Spawner:
    """Starts commands from a minimal interpreter and reports, for each, its wall
    time, exit code and peak resident memory (ru_maxrss from os.wait4, in KiB)."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", SPAWNER_SOURCE],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder,
        )

    def run(self, argv: Sequence[str], env: dict[str, str], stdout: Path, stderr: Path) -> tuple[float, int, int]:
        """(wall milliseconds, exit code, peak KiB) of one run of `argv`."""
        marshal.dump((list(argv), env, str(stdout), str(stderr)), self.process.stdin)
        self.process.stdin.flush()
        elapsed_ns, exit_code, peak_kib = marshal.load(self.process.stdout)
        return elapsed_ns / 1e6, exit_code, peak_kib

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def child_environment(**variables: str) -> dict[str, str]:
    """The environment of a measured command: this one without PYTHON* variables
    (this machine sets PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED, which a user's
    shell does not) or LEARNLOG_* ones, plus `variables`."""
    env = {
        name: value for name, value in os.environ.items()
        if not name.startswith(("PYTHON", "LEARNLOG_"))
    }
    env.update(variables)
    return env


def measure(
    spawner: Spawner, commands: Sequence[Command], *, runs: int, folder: Path, slow_limit_ms: float,
) -> tuple[dict[str, Timing], dict[str, str]]:
    """Time every command: a warm-up round that checks each one works, then `runs`
    rounds of all of them in turn. A command that fails is left out (with its
    error); one whose warm-up took over `slow_limit_ms` is timed once, not `runs`
    times, since no rerun brings it near a budget."""
    failures: dict[str, str] = {}
    slow: set[str] = set()
    out, err = folder / "stdout.txt", folder / "stderr.txt"
    print("warm-up round", file=sys.stderr, flush=True)
    for command in commands:
        if command.prepare:
            command.prepare()
        elapsed, exit_code, _ = spawner.run(command.argv, command.env, out, err)
        printed = out.read_text(errors="replace")
        if exit_code not in command.exit_codes:
            failures[command.key] = _failure(exit_code, err.read_text(errors="replace"), printed)
        elif command.prints and not printed.strip():
            failures[command.key] = _failure(exit_code, err.read_text(errors="replace"), "printed nothing")
        elif elapsed > slow_limit_ms:
            slow.add(command.key)
    working = [command for command in commands if command.key not in failures]
    samples: dict[str, tuple[list[float], list[int]]] = {command.key: ([], []) for command in working}
    for round_number in range(runs):
        print(f"round {round_number + 1} of {runs}", file=sys.stderr, flush=True)
        for command in working:
            if command.key in slow and round_number > 0:
                continue
            if command.prepare:
                command.prepare()
            elapsed, exit_code, peak = spawner.run(command.argv, command.env, Path(os.devnull), err)
            if exit_code not in command.exit_codes:
                failures[command.key] = _failure(exit_code, err.read_text(errors="replace"), "")
            samples[command.key][0].append(elapsed)
            samples[command.key][1].append(peak)
    timings = {
        command.key: Timing(command, tuple(samples[command.key][0]), tuple(samples[command.key][1]))
        for command in working if command.key not in failures
    }
    return timings, failures


def check_imports(python: Path, commands: Sequence[Command], folder: Path) -> list[ImportCheck]:
    """Run each everyday command once as `python -X importtime -m learnlog ARGS`
    (the arguments its console script is given), and read what it imported."""
    checks = []
    for command in commands:
        if command.key not in IMPORT_CHECKED:
            continue
        if command.prepare:
            command.prepare()
        # -m puts the current folder first on sys.path: from the scratch folder, no
        # learnlog there can answer for the venv's.
        ran = subprocess.run(
            [str(python), "-X", "importtime", "-m", "learnlog", *command.argv[1:]],
            env=command.env, cwd=folder, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        )
        if ran.returncode not in command.exit_codes:
            said = "\n".join(line for line in ran.stderr.splitlines() if not line.startswith("import time:"))
            checks.append(ImportCheck(command, failure=_failure(ran.returncode, said, ran.stdout)))
        else:
            checks.append(ImportCheck(command, imported_packages(ran.stderr)))
    return checks


def _failure(exit_code: int, stderr: str, stdout: str) -> str:
    said = (stderr.strip() or stdout.strip() or "no output").splitlines()[-1]
    return f"exit status {exit_code}: {said}"


# The scenario: journeys, references, commands -----------------------------------


@dataclass
class Installation:
    """The learnlog being measured: its venv, and what kind of install it is."""

    venv: Path
    version: str
    package: Path
    editable: bool
    changed: list[str] = field(default_factory=list)

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def learnlog(self) -> Path:
        return self.venv / "bin" / "learnlog"

    def describe(self) -> str:
        kind = "an editable install" if self.editable else "a regular install"
        text = f"learnlog {self.version}, {kind} in {self.venv}"
        if self.editable:
            text += (
                " (its import finder adds start-up time to every command there, python -c pass"
                " included; python benchmarks/run.py --setup-references measures a regular install)"
            )
        return text


def find_installation(venv: Path) -> Installation:
    """What `venv` has installed as learnlog."""
    probe = (
        "import json, importlib.metadata as m, learnlog, pathlib;"
        "d = m.distribution('learnlog'); u = d.read_text('direct_url.json');"
        "e = bool(u and json.loads(u).get('dir_info', {}).get('editable'));"
        "print(json.dumps([d.version, str(pathlib.Path(learnlog.__file__).parent), e]))"
    )
    # -I: with the current folder on sys.path, the work tree would answer for the venv.
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-I", "-c", probe], capture_output=True, text=True, env=child_environment(),
    )
    if found.returncode != 0:
        said = (found.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"no learnlog in {venv}: {said}")
    version, package, editable = json.loads(found.stdout)
    installed = Installation(venv, version, Path(package), editable)
    if not editable:
        installed.changed = changed_sources(installed.package, REPOSITORY / "learnlog")
    return installed


def setup_references() -> None:
    """Create or refresh the venvs: learnlog installed from this work tree as a user
    would install it (not editable), Watson (td-watson on PyPI) and jrnl."""
    env = child_environment()
    for venv, packages in ((WATSON_VENV, ["td-watson"]), (JRNL_VENV, ["jrnl"])):
        if not (venv / "bin" / "python").exists():
            print(f"Creating {venv} with {', '.join(packages)}", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *packages], check=True, env=env)
    if not (LEARNLOG_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(LEARNLOG_VENV)], check=True, env=env)
    # pip builds a project inside its folder (build/, *.egg-info): build from a copy,
    # so that setting up never writes to the work tree.
    with tempfile.TemporaryDirectory(prefix="learnlog-source-") as folder:
        copy = Path(folder) / "learnlog"
        shutil.copytree(
            REPOSITORY, copy,
            ignore=shutil.ignore_patterns(".git", ".references", "*.egg-info", "__pycache__", "build", "dist"),
        )
        print(f"Installing learnlog from {REPOSITORY} into {LEARNLOG_VENV}", file=sys.stderr)
        pip = str(LEARNLOG_VENV / "bin" / "pip")
        subprocess.run([pip, "install", "-q", f"{copy}[postgres]"], check=True, env=env)
        # The version number does not change with the work tree: force the new copy in.
        subprocess.run([pip, "install", "-q", "--force-reinstall", "--no-deps", str(copy)], check=True, env=env)
    print("Ready: python benchmarks/run.py", file=sys.stderr)


def make_journey_file(installed: Installation, path: Path, spec: dict[str, int]) -> None:
    """Generate a journey with the measured learnlog's own store (its schema)."""
    options = [part for name, value in spec.items() for part in (f"--{name}", str(value))]
    subprocess.run(
        [str(installed.python), str(BENCHMARKS / "make_journey.py"), str(path), *options,
         "--seed", str(SEED), "--today", TODAY],
        check=True, env=child_environment(), stdout=subprocess.DEVNULL,
    )


def seed_watson(env: dict[str, str], plan: make_journey.JourneyPlan) -> None:
    """The plan's entries as Watson frames (a post without minutes lasts 30)."""
    watson = str(WATSON_VENV / "bin" / "watson")
    for entry in make_journey.planned_entries(plan):
        start = entry.moment.replace(tzinfo=None)
        stop = start + timedelta(minutes=entry.minutes or 30)
        project = (entry.topic or "post").lower()
        subprocess.run(
            [watson, "add", "--from", f"{start:%Y-%m-%d %H:%M}", "--to", f"{stop:%Y-%m-%d %H:%M}",
             project, *(f"+{tag}" for tag in entry.tags)],
            check=True, env=env, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )


def write_jrnl_config(folder: Path) -> Path:
    """A config with an unencrypted journal in `folder` and no editor, so that jrnl
    never asks a question."""
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {folder / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n",
        encoding="utf-8",
    )
    return config


def seed_jrnl(config: Path, env: dict[str, str], plan: make_journey.JourneyPlan) -> None:
    """The plan's entries as jrnl entries: a title with topic and minutes, the note, the tags."""
    jrnl = str(JRNL_VENV / "bin" / "jrnl")
    for entry in make_journey.planned_entries(plan):
        minutes = f" {entry.minutes}m" if entry.minutes else ""
        words = [f"{entry.moment:%Y-%m-%d %H:%M}: {entry.topic or 'Post'}{minutes}.", entry.note or ""]
        words += [f"#{tag}" for tag in entry.tags]
        subprocess.run(
            [jrnl, "--config-file", str(config), " ".join(word for word in words if word)],
            check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )


def build_commands(
    installed: Installation, folder: Path, *, quick: bool, postgres: str | None,
) -> tuple[list[Command], list[str]]:
    """The commands to time, with their journeys made in `folder` (and in the
    PostgreSQL database `postgres`, when given), and notes on what was left out."""
    notes = []
    learnlog = str(installed.learnlog)
    sample, small, big = folder / "sample.db", folder / "small.db", folder / "big.db"
    throwaway = folder / "throwaway.db"

    def env_for(db: Path | str) -> dict[str, str]:
        return child_environment(
            LEARNLOG_DB=str(db), LEARNLOG_TODAY=TODAY, XDG_DATA_HOME=str(folder), XDG_CACHE_HOME=str(folder / "cache"),
        )

    subprocess.run([learnlog, "import", str(SAMPLE_JOURNEY)], check=True, env=env_for(sample), capture_output=True)
    sample_entries = len(json.loads(SAMPLE_JOURNEY.read_text(encoding="utf-8"))["entries"])
    sample_shown = f"sample ({sample_entries} entries)"
    fresh_shown = f"{sample_shown}, a fresh copy each run"
    newest = newest_entry_id(learnlog, env_for(sample))

    def fresh_throwaway() -> None:
        for leftover in (throwaway, throwaway.with_name(throwaway.name + "-wal"), throwaway.with_name(throwaway.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(sample, throwaway)

    floor_db = folder / "floor.db"
    commands = [
        Command("python", "python -c pass", "-", (str(installed.python), "-c", "pass"), child_environment(), prints=False),
        # What the console script pip writes for `learnlog` imports before learnlog's own code runs.
        Command(
            "python-re", "python -c 'import re'", "-", (str(installed.python), "-c", "import re"),
            child_environment(), prints=False,
        ),
        Command(
            "floor", "Typer floor (benchmarks/minimal_typer.py)", "-",
            (str(installed.python), str(BENCHMARKS / "minimal_typer.py"), "--note", LOG_NOTE),
            child_environment(MINIMAL_TYPER_DB=str(floor_db)),
        ),
    ]
    today = date.today()
    ten = make_journey.plan_journey(**{**SMALL_JOURNEY, "seed": SEED, "today": today})
    if (WATSON_VENV / "bin" / "watson").exists():
        watson_env = child_environment(WATSON_DIR=str(folder / "watson"))
        seed_watson(watson_env, ten)
        commands.append(Command("watson", "watson report", "10 entries", (str(WATSON_VENV / "bin" / "watson"), "report"), watson_env))
    else:
        notes.append("watson report: not set up (python benchmarks/run.py --setup-references)")
    if (JRNL_VENV / "bin" / "jrnl").exists():
        jrnl_folder = folder / "jrnl"
        jrnl_folder.mkdir()
        config = write_jrnl_config(jrnl_folder)
        jrnl_env = child_environment(XDG_CONFIG_HOME=str(jrnl_folder), XDG_DATA_HOME=str(jrnl_folder))
        seed_jrnl(config, jrnl_env, ten)
        commands.append(Command(
            "jrnl", "jrnl -n 3", "10 entries", (str(JRNL_VENV / "bin" / "jrnl"), "--config-file", str(config), "-n", "3"), jrnl_env,
        ))
    else:
        notes.append("jrnl -n 3: not set up (python benchmarks/run.py --setup-references)")
    reminder_codes = frozenset({0, 3, 4})  # on track, due today, overdue
    commands += [
        Command("prompt", "learnlog remind --prompt", sample_shown, (learnlog, "remind", "--prompt"), env_for(sample)),
        # The same without the console script pip writes, which imports re (about
        # half of a bare interpreter's start-up) before it imports learnlog.
        Command(
            "prompt-module", "python -m learnlog remind --prompt", sample_shown,
            (str(installed.python), "-m", "learnlog", "remind", "--prompt"), env_for(sample),
        ),
        Command("status", "learnlog status", sample_shown, (learnlog, "status"), env_for(sample)),
        *shell_prompt_commands(learnlog, folder, env_for(sample), sample_shown, notes),
        Command("remind", "learnlog remind", sample_shown, (learnlog, "remind"), env_for(sample), reminder_codes, prints=False),
        Command(
            "log", f"learnlog log numpy -d 30m -m {LOG_NOTE!r}", fresh_shown,
            (learnlog, "log", "numpy", "-d", "30m", "-m", LOG_NOTE), env_for(throwaway), prepare=fresh_throwaway,
        ),
        Command(
            "skip", "learnlog skip tomorrow", fresh_shown,
            (learnlog, "skip", "tomorrow"), env_for(throwaway), prepare=fresh_throwaway,
        ),
        Command(
            "edit", f"learnlog edit {newest} -m {EDIT_NOTE!r}", fresh_shown,
            (learnlog, "edit", newest, "-m", EDIT_NOTE), env_for(throwaway), prepare=fresh_throwaway,
        ),
        Command(
            "delete", f"learnlog delete {newest} --yes", fresh_shown,
            (learnlog, "delete", newest, "--yes"), env_for(throwaway), prepare=fresh_throwaway,
        ),
        Command(
            "entries", f"COLUMNS={ENTRIES_COLUMNS} learnlog entries", sample_shown,
            (learnlog, "entries"), {**env_for(sample), "COLUMNS": ENTRIES_COLUMNS},
        ),
        Command("dashboard", "learnlog dashboard", sample_shown, (learnlog, "dashboard"), env_for(sample)),
        # What bash's Tab runs for `learnlog log num<Tab>` (learnlog completion bash).
        Command(
            "complete", f"learnlog __complete bash {COMPLETED_LINE!r} num", sample_shown,
            (learnlog, "__complete", "bash", COMPLETED_LINE, "num"), env_for(sample),
        ),
    ]
    if postgres:
        commands += postgres_commands(learnlog, postgres, env_for(postgres), sample_shown)
    else:
        notes.append("PostgreSQL: left out (--postgres URL names an empty database to use)")
    if quick:
        notes.append("--quick: the 100,000-entry journey was left out")
        return commands, notes
    print("Generating the 10-entry and 100,000-entry journeys", file=sys.stderr, flush=True)
    make_journey_file(installed, small, SMALL_JOURNEY)
    make_journey_file(installed, big, BIG_JOURNEY)
    for size, db, shown in (("small", small, "10 entries, 1 week"), ("big", big, "100k entries, 10 years")):
        commands += [
            Command(f"status-{size}", "learnlog status", shown, (learnlog, "status"), env_for(db)),
            # With no state file to read (a cache folder nothing writes to), the
            # prompt reads the database: the path whose cost could grow with it.
            Command(
                f"prompt-{size}", "learnlog remind --prompt, reading the database", shown,
                (learnlog, "remind", "--prompt"), {**env_for(db), "XDG_CACHE_HOME": str(folder / f"no-state-{size}")},
            ),
            Command(f"dashboard-{size}", "learnlog dashboard", shown, (learnlog, "dashboard"), env_for(db)),
        ]
    commands.append(
        Command("export-big", "learnlog export --format json", "100k entries, 10 years", (learnlog, "export", "--format", "json"), env_for(big))
    )
    return commands, notes


def newest_entry_id(learnlog: str, env: dict[str, str]) -> str:
    """The id of the newest entry of the journey `env` names: the one a learner
    edits or deletes, having just logged it."""
    listed = subprocess.run(
        [learnlog, "entries", "-n", "1", "--json"], check=True, env=env, capture_output=True, text=True,
    )
    return str(json.loads(listed.stdout)[0]["id"])


PROMPTS_TIMED = 1000
SHELL_COMMANDS = {"bash": ("bash", "--norc", "--noprofile"), "zsh": ("zsh", "-f")}


def shell_prompt_commands(
    learnlog: str, folder: Path, env: dict[str, str], journey: str, notes: list[str],
) -> list[Command]:
    """1,000 prompts of `learnlog shell-init`'s snippet in bash and in zsh, in one
    shell each, with nothing changed between them (the state file is written by
    the `learnlog status` run first)."""
    subprocess.run([learnlog, "status"], check=True, env=env, capture_output=True)
    commands = []
    for shell, argv in SHELL_COMMANDS.items():
        found = shutil.which(argv[0])
        if found is None:
            notes.append(f"{shell}: not installed, its prompts were not timed")
            continue
        snippet = folder / f"learnlog.{shell}"
        snippet.write_bytes(subprocess.run([learnlog, "shell-init", shell], check=True, env=env, capture_output=True).stdout)
        loop = f"source {snippet}\nfor ((i = 0; i < {PROMPTS_TIMED}; i++)); do __learnlog_prompt; done\necho \"$learnlog_segment\""
        commands.append(Command(
            f"prompts-{shell}", f"{shell}: {PROMPTS_TIMED:,} prompts of learnlog shell-init {shell}", journey,
            (found, *argv[1:], "-c", loop), env,
        ))
    return commands


def postgres_commands(learnlog: str, url: str, env: dict[str, str], sample_shown: str) -> list[Command]:
    """The sample journey in the PostgreSQL database at `url` (which must hold no
    learnlog schema yet, and belong to the role the URL names), and the commands
    timed on it. `status` runs before the prompt in every round, so the prompt
    reads a fresh cache, as it would after any command."""
    for setup in (("db", "upgrade"), ("import", str(SAMPLE_JOURNEY))):
        subprocess.run([learnlog, *setup], check=True, env=env, capture_output=True)
    shown = f"{sample_shown}, PostgreSQL"
    return [
        Command("pg-status", "learnlog status", shown, (learnlog, "status"), env),
        Command("pg-prompt", "learnlog remind --prompt", f"{shown}, from its cache", (learnlog, "remind", "--prompt"), env),
        Command("pg-log", f"learnlog log numpy -d 30m -m {LOG_NOTE!r}", shown, (learnlog, "log", "numpy", "-d", "30m", "-m", LOG_NOTE), env),
    ]


# The command line ---------------------------------------------------------------


def report(
    installed: Installation, timings: dict[str, Timing], failures: dict[str, str], imports: Sequence[ImportCheck],
    notes: list[str], *, runs: int, markdown: bool,
) -> str:
    lines = [
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"Measured: {installed.describe()}.",
        f"Medians of {runs} runs after a warm-up, all commands in turn each round; children run with",
        f"byte-code caching on and no PYTHON* variables, LEARNLOG_TODAY={TODAY}; peak memory is ru_maxrss.",
    ]
    if installed.changed:
        lines.append(
            f"Warning: the installed learnlog differs from the work tree in {len(installed.changed)} files"
            f" ({', '.join(installed.changed[:3])}...): rerun --setup-references to measure the work tree."
        )
    headers = ["command", "journey", "median ms", "min", "max", "peak MiB", "runs"]
    lines += ["", format_table(headers, timing_rows(list(timings.values())), numbers=range(2, 7), markdown=markdown), ""]
    judged = judge(BUDGETS, timings, runs)
    lines.append(
        format_table(["ratio", "budget", "measured", "verdict"], judgement_rows(judged), numbers=(2,), markdown=markdown)
    )
    lines += [
        "",
        f"Imports, one run each as python -X importtime -m learnlog ARGS; the rule: {IMPORT_RULE}.",
        "",
        format_table(["command", *HEAVY_PACKAGES, "rule"], import_rows(imports), numbers=(), markdown=markdown),
    ]
    left_out = [f"Left out, {key} failed: {failure}" for key, failure in failures.items()]
    # In Markdown a line straight after a table would be read as one more row.
    if left_out or notes:
        lines += ["", *left_out, *notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time learnlog's commands beside reference commands, and check the budgets of issues 7 and 13.",
        epilog="Example: python benchmarks/run.py --setup-references && python benchmarks/run.py",
    )
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"timed rounds after the warm-up (default {DEFAULT_RUNS})")
    parser.add_argument("--quick", action="store_true", help="leave out the 100,000-entry journey")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument(
        "--venv", type=Path,
        help=f"the venv whose learnlog to measure (default: {LEARNLOG_VENV.relative_to(REPOSITORY)} when set up,"
        " else the one running this script)",
    )
    parser.add_argument(
        "--slow-limit", type=float, default=DEFAULT_SLOW_LIMIT_SECONDS, metavar="SECONDS",
        help=f"time a command once, not --runs times, when its warm-up takes longer (default {DEFAULT_SLOW_LIMIT_SECONDS:g})",
    )
    parser.add_argument(
        "--postgres", metavar="URL",
        help="also time status, remind --prompt and log on this PostgreSQL database"
        " (empty, owned by the URL's role; the password from PGPASSWORD or ~/.pgpass)",
    )
    parser.add_argument("--setup-references", action="store_true", help="create or refresh the venvs in benchmarks/.references and stop")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs needs at least 1")
    if args.setup_references:
        setup_references()
        return 0
    venv = args.venv or (LEARNLOG_VENV if (LEARNLOG_VENV / "bin" / "learnlog").exists() else Path(sys.prefix))
    installed = find_installation(venv.absolute())
    with tempfile.TemporaryDirectory(prefix="learnlog-benchmark-") as name:
        folder = Path(name)
        commands, notes = build_commands(installed, folder, quick=args.quick, postgres=args.postgres)
        spawner = Spawner(folder)
        try:
            timings, failures = measure(
                spawner, commands, runs=args.runs, folder=folder, slow_limit_ms=args.slow_limit * 1000,
            )
        finally:
            spawner.close()
        imports = check_imports(installed.python, commands, folder)
    slow = [timing.command for timing in timings.values() if len(timing.wall_ms) < args.runs]
    notes += [f"{command.shown} ({command.journey}): timed once, its warm-up took over {args.slow_limit:g} s" for command in slow]
    print(report(installed, timings, failures, imports, notes, runs=args.runs, markdown=args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
