"""Tests for learnlog.exporters.html: the self-contained progress report page, read back
with a small HTML parser and, at the end, rendered by a real headless chromium."""

from __future__ import annotations

import base64
import dataclasses
import os
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from learnlog.domain.report import AttachmentInfo, Report, TopicSummary, topic_summaries
from dom import Element, parse
from journeys import build_report, day, entry
from learnlog.exporters.html import report_html

SCRIPT = "<script>alert(1)</script>"
BROKEN_ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = (SCRIPT, BROKEN_ATTRIBUTE)
PNG = b"\x89PNG\r\n\x1a\n not really a picture, but bytes to carry"


# Check-ins on days 0, 3 and 5 keep their deadlines; day 10 comes after day 8's deadline
# (a gap from day 6 to 9, day 9 missed); day 12 sets day 15, pushed to 16 by the excused day 14.
STUDY_LOG = [
    entry(1, 0, "Python", 90, note="Loops and comprehensions"),
    entry(2, 0, "NumPy", 30, "bug", note="Off by one in a slice"),
    entry(3, 3, "Python", 60, "win", note="First script that parses my bank CSV"),
    entry(4, 5, "Python", 15),
    entry(5, 10, "NumPy", 45, "confusion", note="Why does broadcasting add a dimension?"),
    entry(6, 12, "Python", 120, tags=("pandas",), link="https://pandas.pydata.org/docs/"),
]


def study_report(**options) -> Report:
    return build_report(STUDY_LOG, excused=(14,), **options)




def sections_of(document: Element) -> dict[str, Element]:
    """The page's sections by their heading."""
    return {section.find("h2").text(): section for section in document.find_all("section")}


def summary_of(document: Element) -> dict[str, str]:
    """The summary's rows, label to value."""
    summary = document.find("dl", "summary")
    return dict(zip((dt.text() for dt in summary.find_all("dt")), (dd.text() for dd in summary.find_all("dd"))))


def assert_nothing_injected(document: Element) -> None:
    """No element or attribute the page did not write itself."""
    for element in document.iter():
        assert element.tag not in {"script", "iframe", "object", "embed", "base", "link", "form"}, element
        assert not any(name.startswith("on") for name in element.attrs), element
        if element.tag == "img":
            assert (element.attrs.get("src") or "").startswith("data:"), element


def hostile_report(field_name: str, text: str) -> tuple[Report, dict[int, bytes]]:
    """The study report with `text` put into one user field."""
    report = study_report()
    if field_name == "journey":
        return dataclasses.replace(report, journey=text), {}
    if field_name == "topic area":
        topics = (TopicSummary("Python", text, 4, 285), *report.topics[1:])
        return dataclasses.replace(report, topics=topics), {}
    if field_name == "attachment name":
        attachments = {
            1: (AttachmentInfo(7, text, "image/png", len(PNG), "a" * 64),
                AttachmentInfo(8, text, "text/plain", 12, "b" * 64)),
        }
        return dataclasses.replace(report, attachments=attachments), {7: PNG}
    changed = {
        "topic": {"topic": text},
        "note": {"note": text},
        "tag": {"tags": ("python", text)},
        "link": {"link": "https://example.com/" + text},
    }[field_name]
    first = dataclasses.replace(report.entries[0], **changed)
    entries = (first, *report.entries[1:])
    return dataclasses.replace(report, entries=entries, topics=topic_summaries(entries, [])), {}


@pytest.mark.parametrize("text", HOSTILE, ids=["script element", "broken attribute"])
@pytest.mark.parametrize(
    "field_name", ["journey", "topic", "topic area", "note", "tag", "link", "attachment name"]
)
def test_user_text_in_every_field_shows_as_text_and_injects_nothing(field_name, text):
    report, images = hostile_report(field_name, text)
    page = report_html(report, images=images)
    assert text not in page
    assert escape(text, quote=True) in page
    document = parse(page)
    assert_nothing_injected(document)
    assert text in document.text()


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example/x"],
)
def test_a_link_that_is_not_a_web_address_is_shown_as_text_without_an_href(link):
    report = build_report([entry(1, 0, link=link)])
    document = parse(report_html(report))
    assert document.find_all("a") == []
    assert link in document.text()


def test_links_in_notes_become_anchors_that_leave_trailing_punctuation_outside():
    note = (
        "Read https://numpy.org/doc/stable/user/basics.broadcasting.html."
        " Then (https://example.com/a?b=1&c=2), done"
    )
    document = parse(report_html(build_report([entry(1, 0, note=note)])))
    note_element = document.find("p", "note")
    hrefs = [anchor.attrs["href"] for anchor in note_element.find_all("a")]
    assert hrefs == [
        "https://numpy.org/doc/stable/user/basics.broadcasting.html", "https://example.com/a?b=1&c=2",
    ]
    assert note_element.text() == note


def test_the_page_has_no_script_and_loads_nothing_from_outside():
    attachments = {6: (AttachmentInfo(7, "messy-graph.png", "image/png", len(PNG), "a" * 64),)}
    page = report_html(study_report(attachments=attachments), images={7: PNG})
    document = parse(page)
    assert_nothing_injected(document)
    sources = [element.attrs["src"] for element in document.iter() if "src" in element.attrs]
    assert sources and all(source.startswith("data:") for source in sources)
    anchors = [element for element in document.iter() if "href" in element.attrs]
    assert all(anchor.tag == "a" and anchor.attrs["rel"] == "noopener" for anchor in anchors)
    assert [anchor.attrs["href"] for anchor in anchors] == ["https://pandas.pydata.org/docs/"]
    styles = " ".join(style.text() for style in document.find_all("style"))
    styles += " ".join(element.attrs.get("style") or "" for element in document.iter())
    assert "url(" not in styles and "@import" not in styles


def test_the_page_is_one_printable_html5_file_for_phones_too():
    page = report_html(study_report())
    document = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert "@media print" in document.find("style").text()
    metas = {meta.attrs.get("name") or meta.attrs.get("http-equiv"): meta.attrs.get("content")
             for meta in document.find_all("meta")}
    assert metas["viewport"] == "width=device-width, initial-scale=1"
    assert "default-src 'none'" in metas["Content-Security-Policy"]


def test_image_attachments_are_embedded_as_data_uris_and_other_files_listed_by_name_and_size():
    attachments = {
        6: (
            AttachmentInfo(7, "messy-graph.png", "image/png", len(PNG), "a" * 64),
            AttachmentInfo(8, "loss-curve.jpg", "image/jpeg", 2048, "b" * 64),
            AttachmentInfo(9, "notes.pdf", "application/pdf", 3_500_000, "c" * 64),
        ),
    }
    document = parse(report_html(study_report(attachments=attachments), images={7: PNG, 9: b"%PDF-1.7"}))
    (image,) = document.find_all("img")
    assert image.attrs["src"] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert image.attrs["alt"] == "messy-graph.png"
    listed = [item.text() for item in document.find("ul", "files").find_all("li")]
    # An image whose bytes were not given, and a file that is no image, are listed instead.
    assert listed == ["loss-curve.jpg (2.0 KB)", "notes.pdf (3.3 MB)"]


def test_the_title_names_the_journey_and_the_period():
    document = parse(report_html(study_report(since=2, until=15)))
    expected = "Python for data: progress report, 2026-11-04 to 2026-11-17"
    assert document.find("title").text() == expected
    assert document.find("h1").text() == expected


def test_the_summary_shows_the_periods_facts():
    assert summary_of(parse(report_html(study_report()))) == {
        "Days active": "5 of 16 days",
        "Sessions": "6",
        "Hours": "6.0h",
        "Current streak": "2 check-ins over 3 days (since Thu 12 Nov)",
        "Longest streak": "3 check-ins over 6 days (since Mon 2 Nov)",
        "State": "On track",
        "Next deadline": "next update due Wed 18 Nov (tomorrow)",
        "Gaps": "Sun 8 Nov to Wed 11 Nov (4 days)",
    }


@pytest.mark.parametrize(
    "today, since, until, gaps",
    [
        pytest.param(15, 0, 15, "Sun 8 Nov to Wed 11 Nov (4 days)", id="a gap inside the period"),
        pytest.param(15, 10, 15, "none", id="a gap before the period is left out"),
        pytest.param(15, 9, 15, "Sun 8 Nov to Wed 11 Nov (4 days)", id="a gap reaching into the period"),
        pytest.param(
            20, 0, 20, "Sun 8 Nov to Wed 11 Nov (4 days); Sun 15 Nov to Sun 22 Nov (8 days, still open)",
            id="an open gap runs to today",
        ),
    ],
)
def test_the_summary_lists_the_gaps_that_touch_the_period(today, since, until, gaps):
    report = build_report(STUDY_LOG, excused=(14,), today=today, since=since, until=until)
    assert summary_of(parse(report_html(report)))["Gaps"] == gaps


def test_an_overdue_journey_says_so_in_the_summary():
    summary = summary_of(parse(report_html(study_report(today=20))))
    assert (summary["State"], summary["Next deadline"]) == ("Overdue", "overdue by 4 days (was due Wed 18 Nov)")
    assert summary["Current streak"] == "none"


def heatmap_cells(document: Element) -> list[list[Element]]:
    """The heatmap's cells by weekday row, Monday first, without the row labels."""
    return [row.find_all("td") for row in document.find("table", "heatmap").find_all("tr")[1:]]


def test_the_heatmap_has_weeks_as_columns_starting_monday_and_each_day_once():
    # Wednesday 4 Nov to Monday 16 Nov: three weeks, the first two days and the last six padding.
    document = parse(report_html(study_report(since=2, until=14)))
    rows = heatmap_cells(document)
    assert [row.find("th").text() for row in document.find("table", "heatmap").find_all("tr")[1:]] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ]
    assert [len(row) for row in rows] == [3] * 7
    columns = list(zip(*rows))
    titled = [cell.attrs.get("title", "") for column in columns for cell in column]
    assert [title.split(":")[0] for title in titled if title] == [
        f"{day(offset):%a} {day(offset).day} Nov 2026" for offset in range(2, 15)
    ]
    assert titled[:2] == ["", ""] and titled[-6:] == [""] * 6


@pytest.mark.parametrize(
    "offset, title, glyph, classes",
    [
        pytest.param(12, "Sat 14 Nov 2026: check-in, 2h", "✓", {"level-4", "mark-checkin"}, id="check-in"),
        pytest.param(3, "Thu 5 Nov 2026: check-in, 1h", "✓", {"level-3", "mark-checkin"}, id="shade by minutes"),
        pytest.param(9, "Wed 11 Nov 2026: missed", "✗", {"level-0", "mark-missed"}, id="missed"),
        pytest.param(14, "Mon 16 Nov 2026: excused", "~", {"level-0", "mark-excused"}, id="excused"),
        pytest.param(8, "Tue 10 Nov 2026: quiet", "", {"level-0", "mark-quiet"}, id="quiet"),
        pytest.param(16, "Wed 18 Nov 2026: outside the journey", "", {"mark-outside"}, id="after today"),
    ],
)
def test_each_heatmap_day_says_what_it_was_by_title_glyph_and_shade(offset, title, glyph, classes):
    document = parse(report_html(study_report(until=16)))
    (cell,) = [cell for cell in document.find_all("td", "cell") if cell.attrs.get("title", "").startswith(title)]
    assert cell.attrs["title"] == title
    assert cell.text() == glyph
    assert classes <= set(cell.attrs["class"].split())


def test_the_heatmap_legend_explains_every_glyph():
    legend = parse(report_html(study_report())).find("ul", "legend").text()
    for meaning in ("✓ check-in", "○ logged, didn't count", "✗ missed", "~ excused", "outside the journey",
                    "less", "more time"):
        assert meaning in legend


@pytest.mark.parametrize(
    "minutes, widths, hours",
    [
        pytest.param(
            (120, 60, 0), ["100.0%", "50.0%", "0.0%"], ["2.0h", "1.0h", "0.0h"], id="relative to the most"
        ),
        pytest.param((0, 0), ["0.0%", "0.0%"], ["0.0h", "0.0h"], id="no minutes at all: empty bars"),
    ],
)
def test_topic_bars_are_as_wide_as_their_share_of_the_biggest_topic(minutes, widths, hours):
    topics = tuple(TopicSummary(f"Topic {index}", None, 1, count) for index, count in enumerate(minutes))
    document = parse(report_html(dataclasses.replace(study_report(), topics=topics)))
    styles = [bar.attrs["style"] for bar in document.find_all("div", "bar")]
    assert styles == [f"width: {width}" for width in widths]
    assert [span.text().split()[0] for span in document.find_all("span", "topic-hours")] == hours


def test_topic_bars_show_names_hours_and_sessions_most_minutes_first():
    items = parse(report_html(study_report())).find("ol", "topics").find_all("li")
    shown = [(item.find("span", "topic-name").text(), item.find("span", "topic-hours").text()) for item in items]
    assert shown == [("Python", "4.8h in 4 sessions"), ("NumPy", "1.2h in 2 sessions")]


@pytest.mark.parametrize(
    "heading, notes",
    [
        ("Wins", ["First script that parses my bank CSV"]),
        ("Bugs", ["Off by one in a slice"]),
        ("Confusion", ["Why does broadcasting add a dimension?"]),
    ],
)
def test_wins_bugs_and_confusion_each_have_a_section_of_their_own_entries(heading, notes):
    section = sections_of(parse(report_html(study_report())))[heading]
    assert [note.text() for note in section.find_all("p", "note")] == notes


def test_an_empty_section_says_there_was_nothing():
    report = build_report([entry(1, 0)])
    assert sections_of(parse(report_html(report)))["Wins"].find("p", "none").text() == "None in this period."


def test_entries_are_listed_under_their_days_oldest_first():
    section = sections_of(parse(report_html(study_report())))["Entries by day"]
    days = [heading.text() for heading in section.find_all("h3")]
    assert days == [
        "Day 0 · Mon 2 Nov 2026", "Day 3 · Thu 5 Nov 2026", "Day 5 · Sat 7 Nov 2026",
        "Day 10 · Thu 12 Nov 2026", "Day 12 · Sat 14 Nov 2026",
    ]
    first_day = section.find_all("ul", "entries")[0].find_all("li")
    assert [item.text().split("\n")[0] for item in first_day] == ["Python · 1h30m", "NumPy · 30m · bug"]
    last = section.find_all("ul", "entries")[-1].text()
    assert "#pandas" in last and "https://pandas.pydata.org/docs/" in last


CHROMIUM = shutil.which("chromium")
BROWSER_TIMEOUT_SECONDS = 90


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not on PATH (apt-get install chromium); CI installs it and runs this test",
)
def test_a_real_browser_renders_hostile_notes_as_text_and_shows_the_facts(tmp_path: Path):
    if CHROMIUM is None:
        pytest.fail("chromium is not on PATH: CI must install it (see .ci/run) to run the browser test")
    # Each payload would leave a mark on the page if it ran: a changed title, a body attribute.
    hostile_notes = [
        "<script>document.title = 'pwned'</script>",
        '"><img src="x" onerror="document.body.setAttribute(\'data-pwned\', 1)">',
    ]
    entries = [
        *STUDY_LOG, *(entry(10 + index, 12, "Python", 5, note=note) for index, note in enumerate(hostile_notes)),
    ]
    attachments = {6: (AttachmentInfo(7, "messy-graph.png", "image/png", len(PNG), "a" * 64),)}
    report = build_report(entries, excused=(14,), attachments=attachments)
    page = tmp_path / "report.html"
    page.write_text(report_html(report, images={7: PNG}), encoding="utf-8")

    completed = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=BROWSER_TIMEOUT_SECONDS, check=False,
    )

    assert completed.returncode == 0, completed.stderr
    dom = completed.stdout
    assert "&lt;script&gt;document.title = 'pwned'&lt;/script&gt;" in dom
    assert "<script" not in dom and '<img src="x"' not in dom
    document = parse(dom)
    assert_nothing_injected(document)
    assert document.find("title").text() == "Python for data: progress report, 2026-11-02 to 2026-11-17"
    assert "data-pwned" not in document.find("body").attrs
    assert [note.text() for note in document.find_all("p", "note")][-2:] == hostile_notes
    summary = summary_of(document)
    assert (summary["Sessions"], summary["Hours"]) == ("8", "6.2h")
    assert [item.find("span", "topic-name").text() for item in document.find("ol", "topics").find_all("li")] == [
        "Python", "NumPy",
    ]
    assert document.find("img").attrs["src"].startswith("data:image/png;base64,")
