"""`learnlog export`: the journey as json (to import elsewhere), csv (a row per entry),
markdown and html (a progress report) and ics (deadlines for a calendar); to stdout,
or to a file that is never overwritten without --force.

Today is Wed 25 Nov 2026, 12:00; the journey started Fri 20 Nov 2026 (Day 0).
The renderers have their own tests (tests/exporters/); these check what the command
feeds them and where the result goes.
"""

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from learnlog.domain.document import VERSION

pytestmark = pytest.mark.both_backends

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
"""Not a real picture: bytes only a byte-for-byte copy gets right (`.png` makes it an image)."""
TRICKY_NOTE = 'arrays, "quoted"\nover two lines'


@pytest.fixture
def journey(ok, tmp_path):
    """A journey that uses every field: a custom topic with a dated target, an archived one, tags, links,
    confidence, every kind, an excused day, a second cadence rule, a setting, a post,
    and an attachment."""
    plot = tmp_path / "loss curve.png"
    plot.write_bytes(PNG)
    ok("init", "--start", "2026-11-20")
    ok("topic", "add", "Kaggle Titanic", "--area", "Projects", "--target-hours", "12.5", "--by", "Mar 1")
    ok("topic", "archive", "random forests")
    ok("log", "numpy", "-d", "45m", "-m", TRICKY_NOTE, "-t", "arrays", "-t", "shapes", "-c", "3",
       "--date", "2026-11-21 09:15")
    ok("log", "pandas", "-k", "bug", "-d", "1h", "-m", "=SUM(A1) broke", "--link", "https://example.com/nb",
       "--date", "2026-11-22")
    ok("log", "kaggle", "-k", "win", "-d", "2h", "-m", "<script>alert(1)</script> first submission",
       "--date", "2026-11-23 20:00", "--attach", str(plot))
    ok("log", "statistics", "-k", "confusion", "-m", "p-values?", "--date", "2026-11-23 21:00")
    ok("skip", "2026-11-24", "--late", "--reason", "flu")
    ok("log", "--kind", "post", "--link", "https://dev.to/me/day-5", "-m", "Day 5", "--date", "2026-11-25 08:00")
    ok("config", "reminder-time", "07:30")
    ok("cadence", "set", "2")


def export(ok, *args: str) -> str:
    return ok("export", *args).stdout


# --- json --------------------------------------------------------------------------


def test_json_export_holds_the_journey_its_rules_topics_and_entries(journey, ok, json_of):
    document = json.loads(export(ok, "--format", "json"))

    assert document["format"] == "learnlog-journey"
    assert document["version"] == VERSION
    assert document["journey"] == {"name": "main", "start": "2026-11-20"}
    assert document["settings"] == {"reminder-time": "07:30"}
    assert document["cadence"] == json_of("cadence", "--json")
    assert document["excused"] == [{"date": "2026-11-24", "reason": "flu", "late": True}]
    topics = {topic["name"]: topic for topic in document["topics"]}
    assert topics["Kaggle Titanic"] == {
        "name": "Kaggle Titanic", "area": "Projects", "target_hours": 12.5, "archived": False, "curriculum": None,
        "target_by": "2027-03-01",
    }
    assert topics["Random Forests"]["archived"] is True
    assert "target_by" not in topics["NumPy"]  # absent without a date, as documents had it before dates
    listed = json_of("entries", "--json", "--all")[::-1]
    assert [entry["uid"] for entry in document["entries"]] == [entry["uid"] for entry in listed]
    assert document["entries"][0] == {
        key: value for key, value in listed[0].items() if key not in ("id", "attachments")
    }


def test_json_export_lists_attachments_and_carries_their_bytes_only_with_with_attachments(journey, ok):
    import base64
    import hashlib

    listed = [entry for entry in json.loads(export(ok))["entries"] if "attachments" in entry]
    carried = [
        entry for entry in json.loads(export(ok, "--with-attachments"))["entries"] if "attachments" in entry
    ]

    expected = {"name": "loss curve.png", "media_type": "image/png", "size": len(PNG),
                "sha256": hashlib.sha256(PNG).hexdigest(), "notebook": None, "cell": None}
    assert [entry["attachments"] for entry in listed] == [[expected]]
    assert [entry["attachments"] for entry in carried] == [[{**expected, "content": base64.b64encode(PNG).decode()}]]


@pytest.mark.parametrize("with_attachments", [False, True], ids=["plain", "with-attachments"])
def test_json_round_trip_into_a_new_database_without_init_gives_identical_output(
    journey, ok, tmp_path, with_attachments
):
    flags = ["--with-attachments"] if with_attachments else []
    if not with_attachments:
        # Without their bytes, attachments cannot come back (see the test below).
        ok("attachment", "remove", "1")
    exported = tmp_path / "journey.json"
    ok("export", "--format", "json", "-o", str(exported), *flags)
    other = str(tmp_path / "elsewhere" / "new.db")

    ok("--db", other, "import", str(exported))

    assert ok("--db", other, "export", "--format", "json", *flags).stdout == exported.read_text(encoding="utf-8")


def test_a_dated_target_comes_back_from_a_json_export(journey, ok, json_of, tmp_path):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    other = str(tmp_path / "new.db")

    ok("--db", other, "import", str(exported))

    [titanic] = [t for t in json_of("--db", other, "topic", "list", "--json") if t["name"] == "Kaggle Titanic"]
    assert (titanic["target_hours"], titanic["target_by"], titanic["pace_state"]) == (12.5, "2027-03-01", "behind")


def test_attachments_come_back_byte_for_byte_from_a_json_export_with_their_bytes(journey, ok, tmp_path):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported), "--with-attachments")
    other = str(tmp_path / "new.db")

    assert "1 attachment restored" in ok("--db", other, "import", str(exported)).stdout
    ok("--db", other, "attachment", "get", "1", "-o", str(tmp_path / "back.png"))
    assert (tmp_path / "back.png").read_bytes() == PNG


def test_importing_a_json_export_without_bytes_keeps_the_entries_and_says_what_it_could_not_restore(
    journey, ok, json_of, tmp_path
):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    other = str(tmp_path / "new.db")

    said = ok("--db", other, "import", str(exported)).stdout

    assert "1 attachment listed without bytes, not restored" in said
    assert len(json_of("--db", other, "entries", "--json", "--all")) == 5
    assert json_of("--db", other, "attachment", "list", "--json") == []


def test_every_entry_an_older_learnlog_stored_comes_back_from_a_json_export(ok, json_of, tmp_path):
    """The oldest fixture holds a session without a topic, which learnlog no longer
    logs but a journey may still hold; its export must import whole."""
    import shutil

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "learnlog-r0001.db", old)
    exported = tmp_path / "journey.json"
    ok("--db", str(old), "export", "--with-attachments", "-o", str(exported))
    fresh = str(tmp_path / "fresh.db")
    ok("--db", fresh, "import", str(exported))
    assert ok("--db", fresh, "export", "--with-attachments").stdout == exported.read_text()


def test_reimporting_a_json_export_adds_nothing(journey, ok, json_of, tmp_path):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported), "--with-attachments")
    other = str(tmp_path / "new.db")
    ok("--db", other, "import", str(exported))
    before = ok("--db", other, "export", "--with-attachments").stdout

    said = ok("--db", other, "import", str(exported)).stdout

    assert said == "Added 0 entries to journey 'main'; skipped 5 already there.\n"
    assert ok("--db", other, "export", "--with-attachments").stdout == before
    # The same file into the database it came from adds nothing either.
    assert "Added 0 entries" in ok("import", str(exported)).stdout


def test_json_import_merges_into_the_journey_of_the_same_name_by_uid(journey, ok, json_of, tmp_path):
    first = tmp_path / "first.json"
    ok("export", "-o", str(first))
    other = str(tmp_path / "laptop.db")
    ok("--db", other, "import", str(first))
    ok("--db", other, "log", "python", "-m", "only on the laptop")
    ok("log", "numpy", "-m", "only on the desktop")
    second = tmp_path / "second.json"
    ok("export", "-o", str(second))

    said = ok("--db", other, "import", str(second)).stdout

    assert said == "Added 1 entry to journey 'main'; skipped 5 already there.\n"
    notes = [entry["note"] for entry in json_of("--db", other, "entries", "--json", "--all")]
    assert notes[:2] == ["only on the desktop", "only on the laptop"]
    assert len(notes) == 7


def test_json_export_takes_since_until_and_topic(journey, ok):
    def notes(*args):
        return [entry["note"] for entry in json.loads(export(ok, *args))["entries"]]

    assert notes("--since", "2026-11-22", "--until", "2026-11-23") == [
        "=SUM(A1) broke", "<script>alert(1)</script> first submission", "p-values?",
    ]
    assert notes("--topic", "numpy") == [TRICKY_NOTE]


# --- csv ---------------------------------------------------------------------------


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_header_and_one_row_per_entry_with_iso_dates(journey, ok):
    text = export(ok, "--format", "csv")
    rows = csv_rows(text)

    assert text.splitlines()[0] == "uid,date,timestamp,topic,minutes,kind,note,tags,link,confidence,resolved_on,resolution"
    assert [row["date"] for row in rows] == ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-23", "2026-11-25"]
    assert all(date.fromisoformat(row["date"]) for row in rows)
    assert rows[0]["timestamp"].startswith("2026-11-21T09:15:00")
    assert rows[0]["minutes"] == "45" and rows[0]["confidence"] == "3"
    assert rows[-1]["topic"] == "" and rows[-1]["minutes"] == ""


def test_csv_joins_tags_with_semicolons_and_quotes_notes_with_commas_quotes_and_newlines(journey, ok):
    rows = csv_rows(export(ok, "--format", "csv"))

    assert rows[0]["tags"] == "arrays;shapes"
    assert rows[0]["note"] == TRICKY_NOTE
    assert '"arrays, ""quoted""\nover two lines"' in export(ok, "--format", "csv")


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_csv_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(ok, start):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-m", f"{start}1+2", "-t", f"{start}tag")

    row = csv_rows(export(ok, "--format", "csv"))[0]

    assert row["note"] == f"'{start}1+2"
    assert row["tags"] == f"'{start}tag"


def test_csv_is_utf8(ok, tmp_path):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-m", "Ableitungen für Übung 3 ✓ 数学")
    target = tmp_path / "entries.csv"

    ok("export", "--format", "csv", "-o", str(target))

    assert "Ableitungen für Übung 3 ✓ 数学" in target.read_bytes().decode("utf-8")


def test_csv_loads_with_pandas(journey, ok, tmp_path):
    pandas = pytest.importorskip("pandas")
    target = tmp_path / "entries.csv"
    ok("export", "--format", "csv", "-o", str(target))

    frame = pandas.read_csv(target, encoding="utf-8")

    assert list(frame.columns) == [
        "uid", "date", "timestamp", "topic", "minutes", "kind", "note", "tags", "link", "confidence", "resolved_on",
        "resolution",
    ]
    assert len(frame) == 5
    assert frame["note"][0] == TRICKY_NOTE
    assert frame["minutes"].sum() == 45 + 60 + 120 + 30
    assert frame["tags"][0] == "arrays;shapes"


# --- markdown and html -------------------------------------------------------------


def test_markdown_report_has_the_periods_facts_then_wins_bugs_confusion_what_was_resolved_then_entries_by_day(
    journey, ok
):
    report = export(ok, "--format", "markdown")

    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary", "## Hours per topic", "## Gaps", "## Wins", "## Bugs", "## Confusion", "## Questions answered",
        "## Bugs fixed", "## Still open", "## Entries by day",
    ]
    assert "Fri 20 Nov 2026 to Wed 25 Nov 2026 (6 days)" in report
    assert "- Days active: 4 of 6" in report
    assert "- Sessions: 5" in report
    assert "- Current streak: 4 check-ins over 5 days (since Sat 21 Nov)" in report
    assert "| Kaggle Titanic | Projects | 1 | 2.0h |" in report
    assert "| NumPy | Basics | 1 | 0.8h |" in report
    assert "- Sun 22 Nov · Pandas: \\=SUM(A1) broke" in report
    assert "### Mon 23 Nov 2026" in report


def test_markdown_report_lists_the_gaps_and_says_when_one_is_still_open(ok):
    ok("init", "--start", "2026-11-10")
    ok("log", "numpy", "--date", "2026-11-11")
    ok("log", "numpy", "--date", "2026-11-20")

    report = export(ok, "--format", "markdown")

    gaps = report.split("## Gaps\n\n", 1)[1].split("\n\n", 1)[0]
    assert gaps == "- Thu 12 Nov to Thu 19 Nov (8 days)\n- Sat 21 Nov to Wed 25 Nov (5 days, still open)"
    assert "- Current streak: none" in report


def test_markdown_report_covers_only_the_period_asked_for(journey, ok):
    report = export(ok, "--format", "markdown", "--since", "2026-11-23", "--until", "2026-11-23")

    assert "Mon 23 Nov 2026 to Mon 23 Nov 2026 (1 day)" in report
    assert "- Sessions: 2" in report
    assert "NumPy" not in report


def test_html_report_escapes_user_text_and_embeds_images(journey, ok):
    import base64

    page = export(ok, "--format", "html")

    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; first submission" in page
    assert "data:image/png;base64," + base64.b64encode(PNG).decode() in page
    assert "Kaggle Titanic" in page


# --- ics ---------------------------------------------------------------------------


def events(ics: bytes):
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical(ics)
    return [component for component in calendar.walk("VEVENT")]


def test_ics_has_the_next_deadline_with_a_reminder_at_the_configured_time(journey, ok, json_of, tmp_path):
    target = tmp_path / "learnlog.ics"
    ok("export", "--format", "ics", "-o", str(target))

    (event,) = events(target.read_bytes())
    (alarm,) = event.walk("VALARM")

    assert event.decoded("dtstart") == date.fromisoformat(json_of("status", "--json")["due"])
    assert event.decoded("dtend") == event.decoded("dtstart") + timedelta(days=1)
    assert str(event["uid"]).startswith("next-deadline.")
    assert alarm.decoded("trigger") == timedelta(hours=7, minutes=30)


def test_ics_reminder_is_at_nine_by_default(ok, tmp_path):
    ok("init", "--start", "2026-11-20")
    target = tmp_path / "learnlog.ics"
    ok("export", "--format", "ics", "-o", str(target))

    (event,) = events(target.read_bytes())

    assert event.walk("VALARM")[0].decoded("trigger") == timedelta(hours=9)


def test_ics_keeps_the_next_deadlines_uid_when_the_deadline_moves(journey, ok, tmp_path):
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    ok("export", "--format", "ics", "-o", str(before))
    ok("log", "numpy", today="2026-11-26")
    ok("export", "--format", "ics", "-o", str(after), today="2026-11-26")

    (first,), (second,) = events(before.read_bytes()), events(after.read_bytes())

    assert first["uid"] == second["uid"]
    assert first.decoded("dtstart") != second.decoded("dtstart")


def test_ics_with_history_has_past_checkins_too(journey, ok, tmp_path):
    target = tmp_path / "history.ics"
    ok("export", "--format", "ics", "--history", "-o", str(target))

    uids = [str(event["uid"]) for event in events(target.read_bytes())]

    for day in ("2026-11-21", "2026-11-22", "2026-11-23", "2026-11-25"):
        assert any(uid.startswith(f"checkin-{day}.") for uid in uids), uids
    assert len(uids) == len(set(uids))


def test_ics_goes_to_stdout_without_o(journey, ok):
    assert ok("export", "--format", "ics").stdout.startswith("BEGIN:VCALENDAR")


# --- Where the export goes -----------------------------------------------------------


@pytest.mark.parametrize("format", ["json", "csv", "markdown", "html", "ics"])
def test_export_to_a_file_writes_what_stdout_shows(journey, ok, tmp_path, format):
    target = tmp_path / f"out.{format}"

    result = ok("export", "--format", format, "-o", str(target))

    assert result.stdout == ""
    assert result.stderr == f"Exported {format} to {target}.\n"
    assert target.read_bytes().replace(b"\r\n", b"\n") == export(ok, "--format", format).encode().replace(b"\r\n", b"\n")


@pytest.mark.parametrize("format", ["json", "csv", "markdown", "html", "ics"])
def test_export_never_overwrites_a_file_without_force(journey, ok, refused, tmp_path, format):
    target = tmp_path / "out"
    target.write_text("keep me")

    assert refused("export", "--format", format, "-o", str(target)) == f"Error: {target} exists: use --force to overwrite it"
    assert target.read_text() == "keep me"
    ok("export", "--format", format, "-o", str(target), "--force")
    assert target.read_text() != "keep me"


def test_export_never_follows_a_link_over_an_existing_file_and_force_replaces_the_link_itself(
    journey, ok, refused, tmp_path
):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "report.md"
    link.symlink_to(precious)

    assert "exists: use --force" in refused("export", "--format", "markdown", "-o", str(link))
    assert precious.read_text() == "keep me"

    ok("export", "--format", "markdown", "-o", str(link), "--force")

    assert not link.is_symlink()
    assert link.read_text().startswith("# Progress report: main")
    assert precious.read_text() == "keep me"


def test_a_dangling_link_is_not_written_through_either(journey, ok, refused, tmp_path):
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "elsewhere.md")

    assert "exists: use --force" in refused("export", "--format", "markdown", "-o", str(link))
    assert not (tmp_path / "elsewhere.md").exists()


def test_a_failed_export_leaves_no_file_behind(journey, refused, tmp_path):
    target = tmp_path / "out.md"

    assert "empty" in refused("export", "--format", "markdown", "--since", "2026-11-24", "--until", "2026-11-22", "-o", str(target))
    assert list(tmp_path.glob("*out.md*")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf"), "--format takes json, csv, markdown, html, ics, not 'pdf'"),
        (("--since", "someday"), "not a date"),
        (("--topic", "kubernetes"), "no topic 'kubernetes'"),
    ],
    ids=["format", "since", "topic"],
)
def test_bad_export_options_are_refused_in_one_line(journey, refused, args, message):
    assert message in refused("export", *args)


def test_export_into_a_missing_folder_is_refused(journey, refused, tmp_path):
    assert "no folder" in refused("export", "-o", str(tmp_path / "nowhere" / "out.json"))


def test_export_without_a_journey_says_to_run_init(refused):
    assert "run learnlog init" in refused("export")


@pytest.mark.parametrize(("option", "start"), [("--svg", "<svg"), ("--html", "<!DOCTYPE html>")])
def test_dashboard_pictures_never_overwrite_a_file_without_force(journey, ok, refused, tmp_path, option, start):
    target = tmp_path / "progress"
    target.write_text("keep me")

    assert "exists: use --force" in refused("dashboard", option, str(target))
    assert target.read_text() == "keep me"
    ok("dashboard", option, str(target), "--force")
    assert target.read_text().lstrip().startswith(start)


def test_export_o_takes_a_path_relative_to_the_working_folder(journey, ok, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ok("export", "-o", "relative.json")

    assert json.loads(Path(tmp_path / "relative.json").read_text())["journey"]["name"] == "main"
