"""Tests for learnlog.exporters.markdown: the progress report, read back with a CommonMark
parser (markdown-it-py, which rich brings) so that structure, not spelling, is checked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from learnlog.domain.report import AttachmentInfo
from journeys import build_report, entry
from learnlog.exporters.markdown import link_markdown, literal_lines, literal_text, report_markdown
from learnlog.views.text import BIDI_CONTROLS, bidi_closed, one_line



# Check-ins on days 0, 3 and 5 keep their deadlines; day 10 comes after day 5's deadline
# (day 8), so days 6 to 9 are a gap; day 12 sets day 15, which is today.
STUDY_LOG = [
    entry(1, 0, "Python", 90, note="Loops and comprehensions", tags=("loops", "basics"),
          link="https://docs.python.org/3/tutorial/"),
    entry(2, 0, "NumPy", 30, "bug", note="Off by one in a slice"),
    entry(3, 3, "Python", 60, "win", note="First script that parses my bank CSV"),
    entry(4, 5, "Python", 15),
    entry(5, 10, "NumPy", 45, "confusion", note="Why does broadcasting add a dimension?"),
    entry(6, 12, None, None, "post", link="https://blog.example/day-12"),
]
GRAPH = AttachmentInfo(7, "loss curve.png", "image/png", 2048, "ab" * 32)
DATA = AttachmentInfo(8, "bank.csv", "text/csv", 512, "cd" * 32)


# Reading the Markdown back ---------------------------------------------------------------

MARKDOWN = MarkdownIt("commonmark").enable("table")


@dataclass
class Rendered:
    """What a CommonMark reader makes of a document, filed under the heading above it."""

    headings: list[str] = field(default_factory=list)
    items: dict[str, list[list[Token]]] = field(default_factory=lambda: defaultdict(list))
    """Each list item as the paragraphs it holds."""
    paragraphs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tables: dict[str, list[list[str]]] = field(default_factory=lambda: defaultdict(list))


def shown(inline: Token | list[Token]) -> str:
    """The text an inline token shows, a soft line break as a newline, markup left out;
    of a list item's paragraphs, their texts with a blank line between."""
    if isinstance(inline, list):
        return "\n\n".join(map(shown, inline))
    return "".join("\n" if child.type == "softbreak" else child.content for child in inline.children
                   if child.type in ("text", "softbreak", "code_inline"))


def markup(inline: Token | list[Token]) -> set[str]:
    """The kinds of markup an inline token (or a list item's paragraphs) holds besides
    plain text and line breaks."""
    if isinstance(inline, list):
        return set().union(*map(markup, inline))
    return {child.type for child in inline.children} - {"text", "softbreak"}


def render(markdown: str) -> Rendered:
    rendered, heading, open_blocks = Rendered(), "", []
    for token in MARKDOWN.parse(markdown):
        if token.type == "tr_open":
            rendered.tables[heading].append([])
        if token.type == "list_item_open":
            rendered.items[heading].append([])
        if token.nesting == 1:
            open_blocks.append(token)
        elif token.nesting == -1:
            open_blocks.pop()
        elif token.type == "inline":
            container = open_blocks[-1].type
            if container == "heading_open":
                heading = shown(token)
                rendered.headings.append(f"{open_blocks[-1].markup} {heading}")
            elif container in ("th_open", "td_open"):
                rendered.tables[heading][-1].append(shown(token))
            elif any(block.type == "list_item_open" for block in open_blocks):
                rendered.items[heading][-1].append(token)
            else:
                rendered.paragraphs[heading].append(shown(token))
    return rendered


def item_texts(rendered: Rendered, heading: str) -> list[str]:
    return [shown(item) for item in rendered.items[heading]]


# The report's content ----------------------------------------------------------------------


def test_the_report_has_a_title_then_its_sections_in_order():
    rendered = render(report_markdown(build_report(STUDY_LOG)))
    assert rendered.headings == [
        "# Progress report: Python for data", "## Summary", "## Hours per topic", "## Gaps", "## Wins",
        "## Bugs", "## Confusion", "## Questions answered", "## Bugs fixed", "## Still open", "## Entries by day",
        "### Mon 2 Nov 2026", "### Thu 5 Nov 2026", "### Sat 7 Nov 2026", "### Thu 12 Nov 2026",
        "### Sat 14 Nov 2026",
    ]


def test_the_title_names_the_period_and_the_journey_day():
    rendered = render(report_markdown(build_report(STUDY_LOG, since=3, until=12, today=12)))
    assert rendered.paragraphs["Progress report: Python for data"] == [
        "Thu 5 Nov 2026 to Sat 14 Nov 2026 (10 days), up to Day 12 of a journey that started Mon 2 Nov 2026."
    ]


def test_the_summary_counts_days_sessions_hours_streaks_and_the_next_deadline():
    rendered = render(report_markdown(build_report(STUDY_LOG)))
    assert item_texts(rendered, "Summary") == [
        "Days active: 5 of 16",
        "Sessions: 6",
        "Time: 4.0h",
        "Current streak: 2 check-ins over 3 days (since Thu 12 Nov)",
        "Longest streak: 3 check-ins over 6 days (since Mon 2 Nov)",
        "Cadence: an update every 3 days, any entry counts",
        "Next deadline: update due today (Tue 17 Nov)",
    ]


@pytest.mark.parametrize(
    "today, deadline",
    [
        pytest.param(13, "Next deadline: on track, next update due Tue 17 Nov (in 2 days)", id="on track"),
        pytest.param(15, "Next deadline: update due today (Tue 17 Nov)", id="due today"),
        pytest.param(18, "Next deadline: overdue by 3 days (was due Tue 17 Nov)", id="overdue"),
    ],
)
def test_the_next_deadline_is_told_as_of_the_last_day_of_the_period(today, deadline):
    rendered = render(report_markdown(build_report(STUDY_LOG, today=today)))
    assert item_texts(rendered, "Summary")[-1] == deadline


def test_hours_per_topic_is_a_table_with_a_row_per_topic_most_minutes_first():
    rendered = render(report_markdown(build_report(STUDY_LOG)))
    assert rendered.tables["Hours per topic"] == [
        ["Topic", "Area", "Sessions", "Hours"],
        ["Python", "", "3", "2.8h"],
        ["NumPy", "", "2", "1.2h"],
    ]


@pytest.mark.parametrize(
    "since, until, today, gaps",
    [
        pytest.param(0, 5, 15, ["No gaps in this period."], id="a period without a gap"),
        pytest.param(0, 15, 15, ["Sun 8 Nov to Wed 11 Nov (4 days)"], id="a closed gap inside the period"),
        pytest.param(9, 15, 15, ["Sun 8 Nov to Wed 11 Nov (4 days)"], id="a gap that began before the period"),
        pytest.param(
            13, 20, 20, ["Sun 15 Nov to Sun 22 Nov (8 days, still open)"],
            id="the open gap of an overdue journey",
        ),
    ],
)
def test_gaps_are_the_ones_that_overlap_the_period(since, until, today, gaps):
    rendered = render(report_markdown(build_report(STUDY_LOG, since=since, until=until, today=today)))
    assert (item_texts(rendered, "Gaps") or rendered.paragraphs["Gaps"]) == gaps


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Wins", ["Thu 5 Nov · Python: First script that parses my bank CSV"]),
        ("Bugs", ["Mon 2 Nov · NumPy: Off by one in a slice"]),
        ("Confusion", ["Thu 12 Nov · NumPy: Why does broadcasting add a dimension?"]),
    ],
)
def test_wins_bugs_and_confusion_each_list_their_entries(heading, expected):
    assert item_texts(render(report_markdown(build_report(STUDY_LOG))), heading) == expected


def test_a_kind_with_no_entries_says_so():
    rendered = render(report_markdown(build_report(STUDY_LOG[:1])))
    assert [rendered.paragraphs[heading] for heading in ("Wins", "Bugs", "Confusion")] == [
        ["None in this period."]
    ] * 3


def test_each_entry_shows_topic_duration_kind_note_tags_link_and_attachments():
    report = build_report(STUDY_LOG, attachments={1: (GRAPH, DATA)})
    rendered = render(report_markdown(report))
    (first,) = rendered.items["Mon 2 Nov 2026"][0]
    assert shown(first) == (
        "Python · 1h30m · study: Loops and comprehensions\n"
        "Tags: loops, basics · Link: https://docs.python.org/3/tutorial/"
        " · Attachments: loss curve.png, bank.csv"
    )
    assert markup(first) == {"strong_open", "strong_close", "link_open", "link_close"}
    link = next(child for child in first.children if child.type == "link_open")
    assert link.attrs["href"] == "https://docs.python.org/3/tutorial/"


def test_an_entry_without_topic_or_duration_shows_what_it_has():
    rendered = render(report_markdown(build_report(STUDY_LOG)))
    assert item_texts(rendered, "Thu 12 Nov 2026") == [
        "NumPy · 45m · confusion: Why does broadcasting add a dimension?"
    ]
    assert item_texts(rendered, "Sat 14 Nov 2026") == ["post\nLink: https://blog.example/day-12"]


def test_an_empty_period_says_so_instead_of_an_empty_table():
    rendered = render(report_markdown(build_report(STUDY_LOG, since=13, until=14)))
    assert rendered.paragraphs["Hours per topic"] == ["No topic had a session in this period."]
    assert rendered.paragraphs["Entries by day"] == ["No entries in this period."]
    assert item_texts(rendered, "Summary")[:3] == ["Days active: 0 of 2", "Sessions: 0", "Time: 0.0h"]


# User text stays text ----------------------------------------------------------------------

HOSTILE_NOTES = [
    "# not a heading",
    "first line\n## not a heading either",
    "first line\n- not a list item",
    "first line\n+ nor this",
    "first line\n1. not a numbered item",
    "first line\n2) nor this",
    "first line\n> not a quote",
    "first line\n---",
    "first line\n===",
    "first line\n***",
    "first line\n```\nnot code\n```",
    "first line\n~~~",
    "first line\n        not indented code",
    "<script>alert(1)</script>",
    "first line\n<div>not html</div>",
    "<!-- not a comment that hides the rest",
    "a | b | c\n--- | --- | ---",
    "&amp; &#60; stay as typed",
    "*not emphasis* and **not strong**",
    "_not emphasis_ and __init__",
    "~~not struck~~",
    "`not code`",
    "[not a link](javascript:alert(1))",
    "![not an image](https://example.com/x.png)",
    "first line\n[not a reference]: https://example.com",
    "<https://not.an/autolink>",
    "ends with a backslash\\\nsecond line",
    "a #hashtag and C# and a closing #",
]


def shown_note(note: str, shown_line=str.strip) -> str:
    """How a note reads once rendered: its non-blank lines, trimmed (and then as
    `shown_line` shows them), one to a line, its paragraphs (however many blank
    lines apart) one blank line apart."""
    paragraphs: list[list[str]] = [[]]
    for line in note.splitlines():
        if line.strip():
            paragraphs[-1].append(shown_line(line.strip()))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)


def rendered_win(note: str) -> Rendered:
    return render(report_markdown(build_report([entry(1, 0, kind="win", note=note)])))


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_a_note_shows_exactly_as_typed_and_adds_no_structure(note):
    plain_structure = rendered_win("plain words")
    rendered = rendered_win(note)
    assert rendered.headings == plain_structure.headings
    (win,) = rendered.items["Wins"]
    assert shown(win) == f"Mon 2 Nov · Python: {shown_note(note)}"
    assert markup(win) == set()


def test_a_note_of_several_paragraphs_keeps_them_as_paragraphs_of_its_item():
    note = "What I tried: np.dot(a, b)\nWhat I expected: (3,)\n\n\n  \nThe fix: a.T\n\n- not a list"
    rendered = rendered_win(note)
    (win,) = rendered.items["Wins"]
    assert [shown(paragraph) for paragraph in win] == [
        "Mon 2 Nov · Python: What I tried: np.dot(a, b)\nWhat I expected: (3,)", "The fix: a.T", "- not a list",
    ]
    assert rendered.headings == rendered_win("plain words").headings and markup(win) == set()


@pytest.mark.parametrize(
    "name", ["NumPy | Pandas", "<b>bold</b>", "C# #", "*stars*", "[x](y)", "back\\slash\\"],
)
def test_odd_names_stay_in_their_table_cell_and_heading(name):
    report = build_report([entry(1, 0, topic=name)], journey=name)
    rendered = render(report_markdown(report))
    assert rendered.headings[0] == f"# Progress report: {name}"
    assert rendered.tables["Hours per topic"][1] == [name, "", "1", "0.5h"]


@pytest.mark.parametrize(
    "text",
    ["snake_case_name", "NumPy & Pandas", "a -> b", "C:\\Users\\me", "3.5 hours, 100% done", "C# is fine",
     "x!"],
)
def test_ordinary_text_is_left_readable_without_backslashes(text):
    assert literal_text(text) == text


def test_text_is_escaped_with_backslashes_only_where_markdown_would_act():
    assert literal_lines("<b>*hi*</b> | [x]\n- item\n10. item") == [
        "\\<b>\\*hi\\*\\</b> \\| \\[x\\]", "\\- item", "10\\. item",
    ]


@pytest.mark.parametrize(
    "url, markdown",
    [
        pytest.param(
            "https://example.com/a?b=c", "<https://example.com/a?b=c>", id="an address becomes an autolink",
        ),
        pytest.param("https://x.org/<a>", "<https://x.org/%3Ca%3E>", id="angle brackets are percent-encoded"),
        pytest.param("javascript:alert(1)", "javascript:alert(1)", id="anything but http(s) stays text"),
    ],
)
def test_links_become_autolinks_only_for_web_addresses(url, markdown):
    assert link_markdown(url) == markdown


# Printable text and line breaks, with Markdown's characters made common (joined from a
# list: st.text would fold the two alphabets into one and make them rare). Bidi controls
# have their own test below: they are kept, and closed.
NOTE_TEXT = st.lists(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=BIDI_CONTROLS)
    | st.sampled_from("\n#->*_`[]<|&\\!=+.1) ~:"),
).map("".join)


@given(NOTE_TEXT)
def test_any_note_renders_as_exactly_its_lines(note):
    (win,) = rendered_win(note).items["Wins"]
    expected = shown_note(note)
    assert shown(win) == ("Mon 2 Nov · Python" + (f": {expected}" if expected else ""))
    assert markup(win) == set()


@given(NOTE_TEXT)
def test_any_name_renders_as_exactly_its_one_line_form_in_a_table_cell(name):
    rendered = render(report_markdown(build_report([entry(1, 0, topic=name)])))
    assert rendered.tables["Hours per topic"][1][0] == one_line(name)


@given(st.lists(st.sampled_from([*BIDI_CONTROLS, "a", "b", " ", "\n", "*"])).map("".join))
def test_a_note_with_bidi_controls_keeps_them_each_line_closing_its_own(note):
    (win,) = rendered_win(note).items["Wins"]
    expected = shown_note(note, bidi_closed)
    assert shown(win) == "Mon 2 Nov · Python" + (f": {expected}" if expected else "")
