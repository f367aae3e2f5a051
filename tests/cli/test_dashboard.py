"""`learnlog dashboard` and `learnlog demo`: the journey at a glance."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_backends

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("LEARNLOG_UPDATE_GOLDEN") == "1"


def matches_golden(name: str, text: str) -> bool:
    """Compare with tests/golden/NAME; LEARNLOG_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    return text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", [80, 120])
def test_the_demo_dashboard_renders_as_its_golden_file(learnlog, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = learnlog("demo")
    assert shown.exit_code == 0, shown.stderr
    assert matches_golden(f"demo-{columns}.txt", shown.stdout)


@pytest.mark.parametrize("columns", [80, 120])
def test_the_dashboard_fits_its_width_and_one_screen(learnlog, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = learnlog("demo").stdout.splitlines()
    assert len(lines) <= 50
    assert max(len(line) for line in lines) <= columns


def test_sections_are_dropped_in_order_when_the_screen_is_short(learnlog, monkeypatch):
    from learnlog.views import dashboard as view

    monkeypatch.setattr(view, "MAX_LINES", 35)
    shown = learnlog("demo").stdout
    # Dropped first: recent entries, then learning vs building, then the timeline.
    assert "Recent" not in shown and "Learning vs building" not in shown and "Cadence" not in shown
    assert "Calendar" in shown and "Topics" in shown
    assert len(shown.splitlines()) <= 35


def test_an_empty_journey_gets_a_friendly_first_screen(learnlog, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    learnlog("init")
    shown = learnlog("dashboard")
    assert shown.exit_code == 0
    assert matches_golden("empty-80.txt", shown.stdout)
    assert "Log your first one" in shown.stdout


def test_plain_learnlog_shows_the_dashboard_once_a_journey_exists(learnlog):
    assert "Usage: learnlog" in learnlog().stdout
    learnlog("init")
    assert learnlog().stdout.startswith("Day 0 of main")


def test_dashboard_json_holds_the_facts_under_status_json_keys(learnlog):
    learnlog("init", "--start", "2026-11-16", "--curriculum", "none")
    learnlog("topic", "add", "NumPy", "--target-hours", "10")
    learnlog("topic", "add", "Pandas")
    learnlog("log", "numpy", "-d", "1h", "--date", "2026-11-16", "-c", "2")
    learnlog("log", "pandas", "-d", "30m", "--kind", "build", "--date", "2026-11-17")
    learnlog("log", "numpy", "-d", "90m", "--kind", "bug", "--date", "2026-11-23", "-c", "4")
    learnlog("skip", "2026-11-27", "--reason", "travel")

    data = json.loads(learnlog("dashboard", "--json").stdout)
    status = json.loads(learnlog("status", "--json").stdout)

    assert {key: data[key] for key in status} == status
    # 16 Nov sets 19 Nov; 17 Nov sets 20 Nov; 23 Nov is late: a gap from 18 to 22 Nov.
    assert data["gaps"] == [{"from": "2026-11-18", "to": "2026-11-22", "days": 5, "open": False}]
    assert (data["sessions"], data["minutes"]) == (3, 180)
    assert data["building"] == {"days": 30, "building_minutes": 120, "all_minutes": 180, "share": 0.667}
    assert [(t["name"], t["minutes"], t["confidence"], t["stale"]) for t in data["topics"]] == [
        ("NumPy", 150, 4, False),
        ("Pandas", 30, None, True),  # untouched for 8 days: over 2 x 3
    ]
    marks = {day["date"]: day["mark"] for day in data["calendar"]}
    assert [marks[f"2026-11-{day}"] for day in range(16, 30)] == [
        "checkin", "checkin", "quiet", "quiet", "quiet", "missed", "missed", "checkin",
        "quiet", "quiet", "outside", "excused", "outside", "outside",
    ]
    assert [entry["id"] for entry in data["recent"]] == [3, 2, 1]


@pytest.mark.parametrize("columns", [80, 120])
def test_the_dashboards_topics_say_how_each_dated_target_is_paced_within_the_width(learnlog, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    learnlog("init", "--start", "2026-10-01", "--curriculum", "none")
    learnlog("topic", "add", "Convolutional Neural Networks", "--target-hours", "30", "--by", "2026-12-23")
    learnlog("topic", "add", "Pandas", "--target-hours", "2", "--by", "fri")
    learnlog("topic", "add", "SQL", "--target-hours", "3")
    for day in ("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"):
        learnlog("log", "conv", "-d", "2h", "--date", day)
    learnlog("log", "pandas", "-d", "2h30m", "--date", "2026-11-24")

    shown = learnlog("dashboard").stdout
    topics = shown[shown.index("Topics ─"):shown.index("Learning vs building")]
    lines = [line.rstrip() for line in topics.splitlines()]

    assert max(len(line) for line in shown.splitlines()) <= columns
    paced = lines[lines.index(next(line for line in lines if line.startswith("Topic ") and "Pace" in line)):]
    rows = " ".join(" ".join(line.split()) for line in paced)
    assert "Pandas 2h by Fri 27 Nov met: 2.5h of 2h" in rows
    assert "30h by Wed 23 Dec behind: 5.5h/week needed, 2.0h/week lately, at this pace Wed 10 Feb 2027" in rows
    assert "SQL" not in rows
    data = json.loads(learnlog("dashboard", "--json").stdout)
    assert {t["name"]: t["pace_state"] for t in data["topics"]} == {
        "Convolutional Neural Networks": "behind", "Pandas": "met", "SQL": None,
    }


def test_the_demo_never_touches_the_users_database(learnlog, db_path):
    assert learnlog("demo").exit_code == 0
    assert not db_path.exists()
    assert not db_path.parent.exists()


def test_dashboard_saves_svg_and_html_and_refuses_to_overwrite(learnlog, tmp_path):
    learnlog("init")
    svg, html = tmp_path / "progress.svg", tmp_path / "progress.html"
    assert learnlog("dashboard", "--svg", str(svg), "--html", str(html)).exit_code == 0
    assert svg.read_text().startswith("<svg") and "Day 0" in svg.read_text().replace("&#160;", " ")
    assert "<html" in html.read_text() and "Day 0" in html.read_text()

    again = learnlog("dashboard", "--svg", str(svg))
    assert again.exit_code == 1 and "exists: use --force" in again.stderr
    assert learnlog("dashboard", "--svg", str(svg), "--force").exit_code == 0


def run_piped(db: Path, *args: str, **env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(LEARNLOG_DB=str(db), LEARNLOG_TODAY="2026-11-25", **env)
    return subprocess.run(
        [sys.executable, "-m", "learnlog", *args], env=environment, capture_output=True, text=True, check=True
    ).stdout


def test_piped_output_has_no_escape_codes(tmp_path):
    assert "\x1b" not in run_piped(tmp_path / "j.db", "demo")


def test_no_color_drops_the_colours_even_on_a_terminal(tmp_path):
    coloured = run_piped(tmp_path / "j.db", "demo", FORCE_COLOR="1")
    plain = run_piped(tmp_path / "j.db", "demo", FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b[38" in coloured or "\x1b[3" in coloured
    assert "\x1b[38" not in plain and not any(f"\x1b[3{n}m" in plain for n in range(8))
