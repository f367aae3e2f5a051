"""The progress report as Markdown, and the rules that keep user text literal in Markdown.

User text (notes, names, tags) is shown exactly as typed: it can neither start a heading,
list, quote, table or code block, nor become HTML, a link or emphasis. Only the characters
that would do so get a backslash, so the file still reads well as plain text.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from learnlog.domain.questions import ANSWER_WORDS, Question
from learnlog.domain.records import EntryRecord
from learnlog.domain.report import AttachmentInfo, Report, TopicSummary
from learnlog.views.questions import NO_NOTE, open_at_end_text, taken_text
from learnlog.views.status import deadline_text, rule_text, streak_text
from learnlog.views.text import (
    BIDI_CONTROLS, bidi_closed, count_text, day_text, full_day_text, hours_text, minutes_text, visible_controls,
)

# Characters that act anywhere in a line: HTML and autolinks (<), links and images ([ ]),
# table cells (|), code spans (`), emphasis (* and ~), entities (&amp;), a backslash that
# would escape what follows or break the line, and '#' where it could open or close a
# heading. An underscore run inside a word cannot emphasise anything, so snake_case stays.
_INLINE_SYNTAX = re.compile(
    r"[<\[\]|`*~]"
    r"|&(?=#?\w+;)"
    r"|\\(?=[!-/:-@\[-`{-~]|$)"
    r"|(?<!\S)#"
    r"|(?<![^\W_])_+|_+(?![^\W_])"
)
# What opens a block at the start of a line, once the inline characters are escaped:
# a list item or thematic break (- +), a setext underline (=), a quote (>), a numbered item.
_BLOCK_START = re.compile(r"^(?:[-+=>]|\d{1,9}(?=[.)]))")
_LINK = re.compile(r"https?://\S+", re.IGNORECASE)
# An autolink may not hold spaces, controls or angle brackets, and its text must show the
# address as it is, so bidi controls go too; percent-encoded, the address is the same.
_NOT_IN_AUTOLINK = re.compile(f"[<>\\x00-\\x20\\x7f{BIDI_CONTROLS}]")

PARAGRAPH_BREAK = ""
"""The line between two paragraphs of a note, in the lines literal_lines gives."""

NOTE_KINDS = (("win", "Wins"), ("bug", "Bugs"), ("confusion", "Confusion"))
RESOLVED_KINDS = (("confusion", "Questions answered"), ("bug", "Bugs fixed"))


def literal_text(text: str) -> str:
    """User text on one line, as Markdown that renders exactly these characters (control
    characters shown as escapes); its bidi controls reorder none of the page around it."""
    return _escape_inline(_literal(" ".join(text.split())))


def literal_lines(text: str) -> list[str]:
    """User text as Markdown lines that render exactly its characters, paragraph by
    paragraph: each line trimmed, the blank lines between paragraphs kept as one
    empty line (PARAGRAPH_BREAK), those at either end dropped. No line starts a block,
    wherever it is placed, and no bidi control reorders anything past the end of its line."""
    lines: list[str] = []
    for line in text.splitlines():
        line = _literal(line.strip())
        if line:
            lines.append(_neutralise_block_start(_escape_inline(line)))
        elif lines and lines[-1] != PARAGRAPH_BREAK:
            lines.append(PARAGRAPH_BREAK)
    return lines[:-1] if lines and lines[-1] == PARAGRAPH_BREAK else lines


def link_markdown(url: str) -> str:
    """A web address as an autolink; anything that is not http(s) stays literal text."""
    if not _LINK.fullmatch(url):
        return literal_text(url)
    return "<" + _NOT_IN_AUTOLINK.sub(lambda match: quote(match.group()), url) + ">"


def _literal(text: str) -> str:
    # A line of a Markdown paragraph is not a bidi paragraph of its own: an override left
    # open would reorder the rest of the paragraph, so each line closes its own.
    return bidi_closed(visible_controls(text))


def _escape_inline(text: str) -> str:
    return _INLINE_SYNTAX.sub(lambda match: "".join("\\" + char for char in match.group()), text)


def _neutralise_block_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    if match.group().isdigit():
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line


def bullet(lines: list[str]) -> list[str]:
    """A list item holding `lines`: the first after the marker, the rest indented under
    it, a paragraph break left blank (the next paragraph, indented, stays in the item)."""
    return [f"- {lines[0]}", *(f"  {line}" if line != PARAGRAPH_BREAK else line for line in lines[1:])]


def resolution_lines(found: Question, head: str | None = None) -> list[str]:
    """A resolved question or bug: `head` and its note (the note alone without a
    head), then its answer or fix with the days it took, then the answer's link."""
    note = literal_lines(found.note) if found.note else [NO_NOTE]
    lines = [f"{head}: {note[0]}", *note[1:]] if head else note
    resolution = found.resolution
    answer = literal_lines(resolution.note) or [NO_NOTE]
    lines += [
        f"{ANSWER_WORDS[found.kind].capitalize()} ({taken_text(found.days_taken())}): {answer[0]}", *answer[1:],
    ]
    return lines + ([link_markdown(resolution.link)] if resolution.link else [])


def open_item_lines(found: Question, *, age: str, with_day: bool) -> list[str]:
    """An open question or bug: (its day,) its topic, its kind and `age` (how long
    it has been open), then its note."""
    head = [day_text(found.day)] if with_day else []
    head += [literal_text(found.topic)] if found.topic else []
    head.append(f"{found.word}, {age}")
    return _with_note(" · ".join(head), found.note)



def report_markdown(report: Report) -> str:
    """The progress report for `report`'s period as a Markdown document: title, summary,
    hours per topic, gaps, wins, bugs, confusion, the questions answered, the bugs
    fixed and those still open, then every entry by day."""
    sections = [
        _title(report),
        _summary(report),
        _topics_table(report.topics),
        _gaps(report),
        *(_kind_section(report, kind, heading) for kind, heading in NOTE_KINDS),
        *(_resolved_section(report, kind, heading) for kind, heading in RESOLVED_KINDS),
        _still_open(report),
        _entries_by_day(report),
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def _period_days(since: date, until: date) -> int:
    """The number of days from `since` to `until`, both included."""
    return (until - since).days + 1


def _title(report: Report) -> list[str]:
    days = _period_days(report.since, report.until)
    return [
        f"# Progress report: {literal_text(report.journey)}",
        "",
        f"{full_day_text(report.since)} to {full_day_text(report.until)} ({count_text(days, 'day')}),"
        f" up to Day {report.facts.day} of a journey that started {full_day_text(report.start)}.",
    ]


def _summary(report: Report) -> list[str]:
    facts = report.facts
    days = _period_days(report.since, report.until)
    on_track = "on track, " if facts.state == "on_track" else ""
    return [
        "## Summary",
        "",
        f"- Days active: {report.active_days} of {days}",
        f"- Sessions: {report.sessions}",
        f"- Time: {hours_text(report.minutes)}",
        f"- Current streak: {streak_text(facts.streak)}",
        f"- Longest streak: {streak_text(facts.longest_streak)}",
        f"- Cadence: {rule_text(facts.every, facts.counts, facts.min_minutes)}",
        f"- Next deadline: {on_track}{deadline_text(facts)}",
    ]


def _topics_table(topics: tuple[TopicSummary, ...]) -> list[str]:
    heading = ["## Hours per topic", ""]
    if not topics:
        return [*heading, "No topic had a session in this period."]
    rows = [
        f"| {literal_text(topic.name)} | {literal_text(topic.area or '')}"
        f" | {topic.sessions} | {hours_text(topic.minutes)} |"
        for topic in topics
    ]
    return [*heading, "| Topic | Area | Sessions | Hours |", "| --- | --- | ---: | ---: |", *rows]


def _gaps(report: Report) -> list[str]:
    """Gaps that overlap the period, as the cadence saw them on `until`."""
    gaps = [gap for gap in report.facts.gaps if gap.start <= report.until and gap.end >= report.since]
    if not gaps:
        return ["## Gaps", "", "No gaps in this period."]
    lines = [
        f"- {day_text(gap.start)} to {day_text(gap.end)} ({count_text(gap.days, 'day')}"
        f"{', still open' if gap.open else ''})"
        for gap in gaps
    ]
    return ["## Gaps", "", *lines]


def _kind_section(report: Report, kind: str, heading: str) -> list[str]:
    entries = report.of_kind(kind)
    if not entries:
        return [f"## {heading}", "", "None in this period."]
    lines: list[str] = []
    for entry in entries:
        about = day_text(entry.day) + (f" · {literal_text(entry.topic)}" if entry.topic else "")
        lines += bullet(_with_note(about, entry.note))
    return [f"## {heading}", "", *lines]


def _resolved_section(report: Report, kind: str, heading: str) -> list[str]:
    resolved = [found for found in report.resolved if found.kind == kind]
    if not resolved:
        return [f"## {heading}", "", "None in this period."]
    lines: list[str] = []
    for found in resolved:
        about = day_text(found.resolution.day) + (f" · {literal_text(found.topic)}" if found.topic else "")
        lines += bullet(resolution_lines(found, about))
    return [f"## {heading}", "", *lines]


def _still_open(report: Report) -> list[str]:
    """The questions and bugs open at the period's end, however old."""
    if not report.still_open:
        return ["## Still open", "", "Nothing open at the end of this period."]
    lines = [
        line for found in report.still_open
        for line in bullet(open_item_lines(found, age=open_at_end_text((report.until - found.day).days), with_day=True))
    ]
    return ["## Still open", "", *lines]


def _with_note(head: str, note: str | None) -> list[str]:
    """`head`, then the note: its first line on the same line, the rest below."""
    note_lines = literal_lines(note) if note else []
    if not note_lines:
        return [head]
    return [f"{head}: {note_lines[0]}", *note_lines[1:]]


def _entries_by_day(report: Report) -> list[str]:
    if not report.entries:
        return ["## Entries by day", "", "No entries in this period."]
    lines = ["## Entries by day"]
    for day, entries in report.by_day():
        lines += ["", f"### {full_day_text(day)}", ""]
        for entry in entries:
            lines += bullet(_entry_lines(entry, report.attachments.get(entry.id, ())))
    return lines


def _entry_lines(entry: EntryRecord, attachments: tuple[AttachmentInfo, ...]) -> list[str]:
    head = [f"**{literal_text(entry.topic)}**"] if entry.topic else []
    if entry.minutes is not None:
        head.append(minutes_text(entry.minutes))
    head.append(entry.kind)
    details: list[str] = []
    if entry.tags:
        details.append("Tags: " + ", ".join(literal_text(tag) for tag in entry.tags))
    if entry.link:
        details.append("Link: " + link_markdown(entry.link))
    if attachments:
        details.append("Attachments: " + ", ".join(literal_text(item.name) for item in attachments))
    lines = _with_note(" · ".join(head), entry.note)
    return [*lines, " · ".join(details)] if details else lines
