"""The benchmark tools: the journey generator and the runner's budget arithmetic.

No test here times anything: timings belong to `python benchmarks/run.py`.
"""

import json
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from learnlog.domain.records import KINDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import make_journey  # noqa: E402
import run as benchmark  # noqa: E402

TODAY = date(2026, 11, 25)


def rows_of(path: Path) -> list[str]:
    """Every row of every table, as INSERT statements. Only rows: learnlog's migrations
    may list a table's constraints in another order from one database to the next."""
    connection = sqlite3.connect(path)
    try:
        return [line for line in connection.iterdump() if line.startswith("INSERT")]
    finally:
        connection.close()


def small_plan(seed: int = 7) -> make_journey.JourneyPlan:
    return make_journey.plan_journey(entries=200, topics=12, days=400, seed=seed, today=TODAY)


# The generator ---------------------------------------------------------------------


def test_the_same_seed_writes_the_same_rows(tmp_path: Path):
    make_journey.write_journey(tmp_path / "first.db", small_plan())
    make_journey.write_journey(tmp_path / "second.db", small_plan())
    assert rows_of(tmp_path / "first.db") == rows_of(tmp_path / "second.db")


def test_another_seed_writes_another_journey(tmp_path: Path):
    make_journey.write_journey(tmp_path / "first.db", small_plan(seed=7))
    make_journey.write_journey(tmp_path / "second.db", small_plan(seed=8))
    assert rows_of(tmp_path / "first.db") != rows_of(tmp_path / "second.db")


def test_a_generated_journey_is_one_learnlog_reads(db_path: Path, learnlog):
    make_journey.write_journey(db_path, small_plan())
    result = learnlog("status", "--json")
    assert result.exit_code == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["day"] == 400 and status["last_checkin"] == TODAY.isoformat()
    logged = learnlog("log", "numpy", "-d", "30m", "-m", "one more")
    assert logged.exit_code == 0, logged.stderr


def test_a_generated_journey_has_every_kind_tags_notes_links_and_confidences(tmp_path: Path):
    make_journey.write_journey(tmp_path / "journey.db", small_plan())
    connection = sqlite3.connect(tmp_path / "journey.db")
    kinds = {kind for (kind,) in connection.execute("SELECT DISTINCT kind FROM entry")}
    filled = connection.execute(
        "SELECT COUNT(*), COUNT(note), COUNT(link), COUNT(confidence) FROM entry"
    ).fetchone()
    tags = connection.execute("SELECT COUNT(*) FROM entry_tag").fetchone()[0]
    connection.close()
    assert kinds == set(KINDS)
    assert filled[0] == 200 and all(count > 0 for count in filled[1:]) and tags > 0


def test_the_generator_knows_every_kind_of_entry_learnlog_knows():
    assert tuple(make_journey.KIND_WEIGHTS) == KINDS


def test_a_ten_year_plan_ends_today_with_excused_days_and_cadence_changes():
    plan = make_journey.plan_journey(entries=500, topics=60, days=3650, seed=1, today=TODAY)
    entries = list(make_journey.planned_entries(plan))
    excused = {excuse.day for excuse in plan.excuses}
    assert plan.start == TODAY - timedelta(days=3650)
    assert len(entries) == 500 and entries[-1].moment.date() == TODAY
    assert not any(entry.moment.date() in excused for entry in entries)
    assert [entry.moment for entry in entries] == sorted(entry.moment for entry in entries)
    assert plan.rules[0].effective == plan.start and len(plan.rules) >= 4
    assert [rule.effective for rule in plan.rules] == sorted({rule.effective for rule in plan.rules})
    assert "post" in {rule.counts for rule in plan.rules} and plan.rules[-1].counts == "any"
    assert excused and max(excused) < TODAY
    assert len({topic.name.casefold() for topic in plan.topics}) == 60


def test_the_generator_never_overwrites_a_file(tmp_path: Path):
    existing = tmp_path / "journey.db"
    existing.write_text("mine")
    with pytest.raises(SystemExit):
        make_journey.main([str(existing), "--entries", "10"])
    assert existing.read_text() == "mine"


# The runner's arithmetic -----------------------------------------------------------


def timing(key: str, wall_ms: tuple[float, ...], peak_kib: tuple[int, ...] = (10_240,)) -> benchmark.Timing:
    command = benchmark.Command(key, key, "-", ("true",), {})
    return benchmark.Timing(command, wall_ms, peak_kib)


@pytest.mark.parametrize(
    ("ratio", "limit", "runs", "expected"),
    [
        (1.9, 2.0, 8, "within budget"),
        (2.0, 2.0, 8, "within budget"),
        (2.1, 2.0, 8, "noise? rerun with --runs 15"),
        (2.2, 2.0, 8, "noise? rerun with --runs 15"),
        (2.21, 2.0, 8, "over budget"),
        (2.1, 2.0, 15, "over budget"),
        (9.0, None, 8, "reference"),
    ],
)
def test_a_ratio_is_within_its_budget_noise_or_over_it(ratio, limit, runs, expected):
    assert benchmark.verdict(ratio, limit, runs) == expected


def test_budgets_compare_medians_of_time_and_of_peak_memory():
    timings = {
        "fast": timing("fast", (10.0, 30.0, 20.0), (10_240, 10_240, 20_480)),
        "slow": timing("slow", (100.0, 50.0, 40.0), (30_720,)),
    }
    budgets = [
        benchmark.Budget("slow / fast", "slow", "fast", 2.0),
        benchmark.Budget("slow / fast, memory", "slow", "fast", 4.0, "memory"),
        benchmark.Budget("slow / missing", "slow", "missing", 1.0),
    ]
    judged = benchmark.judge(budgets, timings, runs=8)
    assert [(judgement.ratio, judgement.verdict) for judgement in judged] == [
        (2.5, "over budget"), (3.0, "within budget"), (None, "not measured"),
    ]


def test_a_budget_over_one_second_takes_the_median_in_seconds():
    timings = {"prompts": timing("prompts", (120.0, 140.0, 1300.0), (4_096,))}
    budgets = [
        benchmark.Budget("prompts / 1 s", "prompts", benchmark.ONE_SECOND, 1.0),
        benchmark.Budget("absent / 1 s", "absent", benchmark.ONE_SECOND, 1.0),
    ]
    judged = benchmark.judge(budgets, timings, runs=15)
    assert [(judgement.ratio, judgement.verdict) for judgement in judged] == [
        (0.14, "within budget"), (None, "not measured"),
    ]


def test_a_thousand_prompts_in_bash_and_in_zsh_cost_at_most_a_second():
    limits = {budget.numerator: (budget.denominator, budget.limit) for budget in benchmark.BUDGETS}
    assert limits["prompts-bash"] == limits["prompts-zsh"] == (benchmark.ONE_SECOND, 1.0)


def test_the_tables_print_as_aligned_text_or_as_markdown():
    rows = benchmark.timing_rows([timing("status", (150.0, 1234.4, 160.0), (34_816,))])
    assert rows == [["status", "-", "160", "150", "1,234", "34.0", "3"]]
    headers = ["command", "journey", "median ms", "min", "max", "peak MiB", "runs"]
    assert benchmark.format_table(headers, rows, numbers=range(2, 7), markdown=True).splitlines() == [
        "| command | journey | median ms | min | max | peak MiB | runs |",
        "|---|---|---:|---:|---:|---:|---:|",
        "| status | - | 160 | 150 | 1,234 | 34.0 | 3 |",
    ]
    text = benchmark.format_table(
        ["name", "ms", "verdict"], [["a", "5", "within"], ["long name", "1,000", "over"]], numbers=(1,), markdown=False,
    )
    assert text.splitlines() == [
        "name          ms  verdict",
        "---------  -----  -------",
        "a              5  within",
        "long name  1,000  over",
    ]


def test_a_budget_row_shows_its_limit_and_ratio():
    judged = [
        benchmark.Judgement(benchmark.Budget("log / watson report", "log", "watson", 0.7), 0.634, "within budget"),
        benchmark.Judgement(benchmark.Budget("status / Typer floor", "status", "floor", None), None, "not measured"),
    ]
    assert benchmark.judgement_rows(judged) == [
        ["log / watson report", "≤ 0.7x", "0.63x", "within budget"],
        ["status / Typer floor", "-", "-", "not measured"],
    ]


def test_the_everyday_commands_are_budgeted_against_watson_jrnl_and_a_bare_python():
    limits = {(budget.numerator, budget.denominator, budget.measure): budget.limit for budget in benchmark.BUDGETS}
    keys = ("log", "status", "remind", "skip", "edit", "delete", "entries", "complete")
    everyday = {key: limits[(key, "watson", "time")] for key in keys}
    assert everyday == {
        "log": 0.7, "status": 0.7, "remind": 0.7, "skip": 0.7, "edit": 0.7, "delete": 0.7, "entries": 1.0, "complete": 0.7,
    }
    assert limits[("dashboard", "jrnl", "time")] == 1.0
    assert limits[("prompt-module", "python", "time")] == 2.0
    assert limits[("prompt", "python", "time")] is None
    assert all(limits[(key, "floor", "time")] is None for key in ("log", "status", "remind", "dashboard"))


def test_a_large_journey_keeps_its_budgets_of_time_and_memory():
    limits = {(budget.numerator, budget.measure): budget.limit for budget in benchmark.BUDGETS}
    for command in ("status", "prompt", "dashboard"):
        assert limits[(f"{command}-big", "time")] == 1.5
        assert limits[(f"{command}-big", "memory")] == 1.3
    assert limits[("export-big", "time")] == 5.0


def test_every_budget_names_a_measure_and_each_ratio_once():
    assert {budget.measure for budget in benchmark.BUDGETS} == {"time", "memory"}
    shown = [budget.shown for budget in benchmark.BUDGETS]
    assert len(shown) == len(set(shown))


def test_an_installed_copy_that_differs_from_the_source_is_named(tmp_path: Path):
    source, installed = tmp_path / "source", tmp_path / "installed"
    for folder in (source / "store", installed / "store"):
        folder.mkdir(parents=True)
    for root in (source, installed):
        (root / "same.py").write_text("x = 1\n")
    (source / "store" / "queries.py").write_text("new\n")
    (installed / "store" / "queries.py").write_text("old\n")
    (source / "added.py").write_text("")
    assert benchmark.changed_sources(installed, source) == ["added.py", "store/queries.py"]


def test_measured_commands_run_without_this_machines_python_variables(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("LEARNLOG_JOURNEY", "other")
    env = benchmark.child_environment(LEARNLOG_DB="/tmp/x.db")
    assert "PYTHONDONTWRITEBYTECODE" not in env and "LEARNLOG_JOURNEY" not in env
    assert env["LEARNLOG_DB"] == "/tmp/x.db" and env["PATH"]


# The import check ------------------------------------------------------------------

IMPORTTIME = """\
import time: self [us] | cumulative | imported package
import time:       185 |        185 |   _io
import time:       192 |        192 |     typer.colors
import time:      3817 |      14129 |         typer._click.core
import time:      1200 |       1200 |   rich.console
import time:        40 |         40 | richard
import time:        90 |       2000 |   pydantic_core
Error: no entry #99 in journey 'demo'
"""


def test_the_import_check_reads_top_level_packages_from_importtime():
    assert benchmark.imported_packages(IMPORTTIME) == {"typer", "rich"}


def test_the_import_check_reads_nothing_from_a_command_that_imports_none():
    assert benchmark.imported_packages("import time: self [us] | cumulative | imported package\n") == set()


@pytest.mark.parametrize(
    ("key", "imported", "expected"),
    [
        pytest.param("status", frozenset(), "within rule", id="nothing-heavy"),
        pytest.param("entries", frozenset({"rich"}), "breaks rule: rich", id="entries-draws-plain-columns"),
        pytest.param("dashboard", frozenset({"rich"}), "within rule", id="dashboard-draws-with-rich"),
        pytest.param("status", frozenset({"rich"}), "breaks rule: rich", id="status-has-no-table"),
        pytest.param("prompt", frozenset({"rich"}), "breaks rule: rich", id="prompt-has-no-table"),
        pytest.param("log", frozenset({"pydantic", "typer"}), "breaks rule: typer, pydantic", id="in-package-order"),
        pytest.param("dashboard", frozenset({"rich", "sqlmodel"}), "breaks rule: sqlmodel", id="rich-allowed-sqlmodel-not"),
        pytest.param("entries", frozenset({"click", "alembic"}), "breaks rule: click, alembic", id="click-and-alembic"),
    ],
)
def test_only_the_drawing_commands_may_import_rich_and_none_the_rest(key, imported, expected):
    assert benchmark.import_verdict(key, imported) == expected


def test_an_import_row_marks_each_package_a_command_imported():
    assert benchmark.HEAVY_PACKAGES == (
        "typer", "click", "rich", "sqlalchemy", "sqlmodel", "pydantic", "alembic", "nbformat", "jinja2",
    )
    log = benchmark.Command("log", "learnlog log", "-", ("learnlog", "log"), {})
    status = benchmark.Command("status", "learnlog status", "-", ("learnlog", "status"), {})
    checks = [
        benchmark.ImportCheck(log, frozenset({"typer", "pydantic"})),
        benchmark.ImportCheck(status, failure="exit status 2: no journey"),
    ]
    assert benchmark.import_rows(checks) == [
        ["learnlog log", "yes", "-", "-", "-", "-", "yes", "-", "-", "-", "breaks rule: typer, pydantic"],
        ["learnlog status", "?", "?", "?", "?", "?", "?", "?", "?", "?", "not checked: exit status 2: no journey"],
    ]
