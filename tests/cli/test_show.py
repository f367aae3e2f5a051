"""A multi-line note in lists and in full: `entries` and the dashboard show its
first line then ' …', `entries --full` and `learnlog show ID` the whole of it,
with its line breaks and every other control shown escaped."""

import json

import pytest

pytestmark = pytest.mark.both_backends

NOTE = "Forgot to scale the features.\n\nStandardScaler first, then fit.\x1b[31m"


@pytest.fixture
def journey(ok, tmp_path):
    ok("init", "--start", "2026-11-20")
    ok("log", "pandas", "--kind", "bug", "-d", "1h30m", "-m", NOTE, "-t", "scaling", "--link", "https://example.com/nb",
       "-c", "2", "--date", "2026-11-23 21:30")
    plot = tmp_path / "plot.png"
    plot.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    ok("attach", "1", str(plot))
    ok("post", "publish", "https://example.com/day-4")


def test_entries_show_a_multi_line_note_by_its_first_line(journey, ok):
    listed = ok("entries").stdout
    assert "Forgot to scale the features. …" in listed
    assert "StandardScaler" not in listed


def test_entries_full_shows_the_whole_note_with_controls_escaped(journey, ok):
    listed = ok("entries", "--full").stdout
    assert "StandardScaler first, then fit.\\x1b[31m" in listed
    assert "\x1b" not in listed


def test_the_dashboards_recent_entries_show_the_first_line(journey, ok):
    shown = ok("dashboard").stdout
    assert "Forgot to scale the features. …" in shown or "Forgot to scale the featu…" in shown


def test_show_prints_everything_an_entry_has(journey, ok, json_of):
    lines = ok("show", "1").stdout.splitlines()
    assert lines[0] == "#1 · Mon 23 Nov 2026 21:30 · Day 3 · Pandas · 1h30m · bug"
    assert lines[1:5] == [
        "Tags: #scaling",
        "Link: https://example.com/nb",
        "Confidence: 2/5",
        "Attachment #1: plot.png (image/png, 108 bytes)",
    ]
    assert lines[5] == "Covered by post #2 on Wed 25 Nov: https://example.com/day-4"
    assert lines[-5:] == [
        "Forgot to scale the features.", "", "StandardScaler first, then fit.\\x1b[31m",
        "", "Still open: learnlog resolve 1 -m TEXT",
    ]
    shown = json_of("show", "1", "--json")
    assert shown["note"] == NOTE
    assert [attachment["name"] for attachment in shown["attachments"]] == ["plot.png"]
    assert shown["post"]["link"] == "https://example.com/day-4"


def test_show_of_a_missing_entry_is_refused(journey, refused):
    assert refused("show", "9") == "Error: no entry #9"


def test_show_tells_the_answer_to_a_question_or_the_fix_of_a_bug(journey, ok, json_of):
    ok("resolve", "1", "-m", "scale inside the pipeline\nso the test fold stays unseen", "--link", "https://example.com/fix")
    lines = ok("show", "1").stdout.splitlines()
    assert lines[-3:] == [
        "Fixed Wed 25 Nov 2026: https://example.com/fix", "scale inside the pipeline", "so the test fold stays unseen",
    ]
    assert json_of("show", "1", "--json")["resolution"]["note"] == "scale inside the pipeline\nso the test fold stays unseen"


def test_the_dashboard_lists_an_open_question_without_a_note(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--kind", "confusion")
    assert "(no note)" in ok("dashboard").stdout
