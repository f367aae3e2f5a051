"""The README tells the truth: its tour prints what it shows, and CI runs its test command."""

import re

from readme_tour import README, replay, without_uuids

ROOT = README.parent


def shell_blocks() -> list[str]:
    return re.findall(r"```(?:sh|bash|shell|console)\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_tour_prints_what_the_readme_shows():
    current = README.read_text(encoding="utf-8")
    assert without_uuids(replay(current)) == without_uuids(current), "run: python tests/readme_tour.py --update"


def test_ci_runs_exactly_the_readmes_test_command():
    test_command = shell_blocks()[1].strip()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_the_readmes_dashboard_picture_is_what_the_demo_draws(learnlog, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "100")
    picture = tmp_path / "demo.svg"
    assert learnlog("demo", "--svg", str(picture)).exit_code == 0
    assert picture.read_text() == (ROOT / "data" / "demo-dashboard.svg").read_text(), (
        "redraw it: LEARNLOG_TODAY=2026-11-25 COLUMNS=100 learnlog demo --svg data/demo-dashboard.svg --force"
    )
    assert "data/demo-dashboard.svg" in README.read_text(encoding="utf-8")


def test_the_command_reference_is_made_from_the_declarations():
    from learnlog.cli.reference import with_reference

    current = README.read_text(encoding="utf-8")
    assert with_reference(current) == current, "run: python -m learnlog.cli.reference --write README.md"


def test_the_help_of_learnlog_and_of_every_group_shows_real_examples(learnlog):
    from learnlog.cli.declare import TOP, Group

    root = learnlog("--help").stdout
    assert "A bare `learnlog` opens the dashboard" in root
    assert "Examples:" in root and "learnlog log numpy" in root
    for name, entry in TOP.items():
        if isinstance(entry, Group):
            shown = learnlog(name, "--help").stdout
            assert f"Usage: learnlog {name}" in shown and "Example" in shown, name
            assert all(example in shown for example in entry.examples), name
