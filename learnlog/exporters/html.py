"""A progress report as one self-contained HTML page: styles inline, no scripts, nothing
loaded from the network, printable, readable on a phone. Standard library only.

Every string the user typed goes through `escaped` before it reaches the page, so a
note holding markup shows as text; a Content-Security-Policy forbids scripts and
outside resources as a second line of defence.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from html import escape
from urllib.parse import quote

from learnlog.domain.cadence import Gap
from learnlog.domain.progress import ACTIVE, CHECKIN, EXCUSED, MISSED, OUTSIDE, QUIET, CalendarDay
from learnlog.domain.questions import ANSWER_WORDS, Question
from learnlog.domain.records import EntryRecord
from learnlog.domain.report import AttachmentInfo, Report, TopicSummary
from learnlog.views.questions import NO_NOTE, open_at_end_text, taken_text
from learnlog.views.status import deadline_text, rule_text, streak_text
from learnlog.views.text import BIDI_CONTROLS, bidi_closed, count_text, day_text, full_day_text, hours_text, minutes_text

MARK_GLYPHS = {CHECKIN: "✓", ACTIVE: "○", MISSED: "✗", EXCUSED: "~", QUIET: "", OUTSIDE: ""}
"""A glyph per mark, so a day's meaning never rests on colour alone."""
MARK_MEANINGS = {
    CHECKIN: "check-in", ACTIVE: "logged, didn't count", MISSED: "missed", EXCUSED: "excused",
    QUIET: "quiet", OUTSIDE: "outside the journey",
}
STATE_WORDS = {"on_track": "On track", "due_today": "Due today", "overdue": "Overdue"}
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KIND_SECTIONS = (("win", "Wins"), ("bug", "Bugs"), ("confusion", "Confusion"))
RESOLVED_SECTIONS = (("confusion", "Questions answered"), ("bug", "Bugs fixed"))

_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
_LINK_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}"
_BIDI_IN_ADDRESS = re.compile(f"[{BIDI_CONTROLS}]")

# The page may only use its own inline styles and data: images: even if some user text
# slipped past escaping, the browser would run no script and load nothing.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bar: #40c463;
  --level-0: #ebedf0; --level-1: #9be9a8; --level-2: #40c463; --level-3: #30a14e; --level-4: #216e39;
  --missed: #cf222e; --excused: #0969da; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.muted, .none { color: var(--muted); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.state-overdue { color: var(--missed); font-weight: 600; }
.heatmap-scroll { overflow-x: auto; }
table.heatmap { border-collapse: separate; border-spacing: 3px; font-size: .75rem; }
table.heatmap th { color: var(--muted); font-weight: normal; text-align: left; white-space: nowrap; }
.cell { width: 1.1rem; height: 1.1rem; min-width: 1.1rem; text-align: center; line-height: 1.1rem; padding: 0;
  border-radius: 3px; background: var(--level-0); font-size: .75rem; }
span.cell { display: inline-block; }
.cell.pad { background: none; }
.cell.level-1 { background-color: var(--level-1); }
.cell.level-2 { background-color: var(--level-2); }
.cell.level-3 { background-color: var(--level-3); color: #fff; }
.cell.level-4 { background-color: var(--level-4); color: #fff; }
.cell.mark-missed { box-shadow: inset 0 0 0 2px var(--missed); color: var(--missed); font-weight: 700; }
.cell.mark-excused { color: var(--excused);
  background-image: repeating-linear-gradient(45deg, transparent 0 3px, rgba(9, 105, 218, .45) 3px 5px); }
.cell.mark-outside { background: none; box-shadow: inset 0 0 0 1px var(--line); }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; }
ul.legend li { display: flex; align-items: center; gap: .2rem; }
ol.topics { list-style: none; padding: 0; margin: 0; }
ol.topics li { display: grid; grid-template-columns: minmax(6rem, 12rem) 1fr; gap: .25rem .75rem;
  align-items: center; margin-bottom: .4rem; }
.bar-track { background: var(--level-0); border-radius: 3px; height: 1.2rem; }
.bar { background: var(--bar); border-radius: 3px; height: 100%; }
.topic-hours { grid-column: 2; font-size: .85rem; color: var(--muted); }
ul.entries, ul.kind-entries { padding-left: 1.2rem; }
ul.entries > li, ul.kind-entries > li { margin-bottom: .6rem; }
.kind { display: inline-block; border: 1px solid var(--line); border-radius: 1rem; padding: 0 .4rem;
  font-size: .8rem; }
.note { white-space: pre-wrap; margin: .2rem 0; }
.answer { border-left: 3px solid var(--bar); padding-left: .6rem; margin-top: .3rem; }
.tags { color: var(--muted); font-size: .9rem; }
figure { margin: .5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption, ul.files { font-size: .85rem; color: var(--muted); }
@media (max-width: 30rem) {
  body { padding: .6rem; font-size: 15px; }
  dl.summary { grid-template-columns: 1fr; }
  dl.summary dd { margin-bottom: .4rem; }
  ol.topics li { grid-template-columns: 1fr; }
  .topic-hours { grid-column: 1; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .heatmap-scroll { overflow: visible; }
  h2, h3 { break-after: avoid; }
  section.heatmap-section, ol.topics li, ul.entries > li, figure { break-inside: avoid; }
  a { color: inherit; }
}
"""


def escaped(text: str) -> str:
    """`text` safe anywhere in the page: in content and inside a quoted attribute; its
    bidi controls are kept but closed, so they reorder nothing after it."""
    return escape(bidi_closed(text), quote=True)


def report_html(report: Report, *, images: Mapping[int, bytes] = {}) -> str:
    """The progress report as a complete HTML5 document. `images` maps an attachment id
    to its bytes; image attachments found there are embedded as data: URIs, every other
    attachment is listed by name and size."""
    title = escaped(report_title(report))
    body = "\n".join((
        f"<h1>{title}</h1>",
        introduction(report),
        summary(report),
        heatmap(report.calendar),
        topic_bars(report.topics),
        *(kind_section(report.of_kind(kind), heading) for kind, heading in KIND_SECTIONS),
        *(
            resolved_section([found for found in report.resolved if found.kind == kind], heading)
            for kind, heading in RESOLVED_SECTIONS
        ),
        still_open_section(report.still_open, report.until),
        entries_by_day(report, images),
    ))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def report_title(report: Report) -> str:
    """'Python for data: progress report, 2026-11-01 to 2026-11-25' (unescaped)."""
    return f"{bidi_closed(report.journey)}: progress report, {report.since.isoformat()} to {report.until.isoformat()}"


def introduction(report: Report) -> str:
    """The line under the title: the journey's day number, start and cadence."""
    facts = report.facts
    return (
        f'<p class="muted">Day {facts.day} of the journey, started {full_day_text(report.start)};'
        f" {rule_text(facts.every, facts.counts, facts.min_minutes)}.</p>"
    )


def summary(report: Report) -> str:
    """Days active, sessions, hours, streaks, state and next deadline, and the gaps that
    touch the period."""
    facts = report.facts
    period_days = (report.until - report.since).days + 1
    # Numbers, dates and fixed words only: nothing the user typed, so nothing to escape.
    rows = (
        ("Days active", f"{report.active_days} of {count_text(period_days, 'day')}"),
        ("Sessions", str(report.sessions)),
        ("Hours", hours_text(report.minutes)),
        ("Current streak", streak_text(facts.streak)),
        ("Longest streak", streak_text(facts.longest_streak)),
        ("State", f'<span class="state-{facts.state}">{STATE_WORDS[facts.state]}</span>'),
        ("Next deadline", deadline_text(facts)),
        ("Gaps", gaps_text(gaps_in_period(facts.gaps, report.since, report.until))),
    )
    items = "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<section>\n<h2>Summary</h2>\n<dl class="summary">\n{items}\n</dl>\n</section>'


def gaps_in_period(gaps: Iterable[Gap], since: date, until: date) -> list[Gap]:
    """The gaps with at least one day from `since` to `until`."""
    return [gap for gap in gaps if gap.end >= since and gap.start <= until]


def gaps_text(gaps: Sequence[Gap]) -> str:
    """'none', or each gap's days: 'Tue 3 Nov to Thu 5 Nov (3 days, still open)'."""
    if not gaps:
        return "none"
    return "; ".join(
        f"{day_text(gap.start)} to {day_text(gap.end)}"
        f" ({count_text(gap.days, 'day')}{', still open' if gap.open else ''})"
        for gap in gaps
    )


def heatmap(days: Sequence[CalendarDay]) -> str:
    """The period as a grid: weeks as columns starting Monday, weekdays as rows, each day
    shaded by its level and marked by a glyph and a title; then the legend."""
    weeks = calendar_weeks(days)
    months = "".join(f'<th scope="col">{label}</th>' for label in month_labels(weeks))
    rows = "\n".join(
        f'<tr><th scope="row">{label}</th>'
        + "".join(day_cell(week[weekday]) for week in weeks)
        + "</tr>"
        for weekday, label in enumerate(WEEKDAY_LABELS)
    )
    return (
        '<section class="heatmap-section">\n<h2>Days</h2>\n<div class="heatmap-scroll">\n'
        f'<table class="heatmap">\n<tr><td></td>{months}</tr>\n{rows}\n</table>\n</div>\n'
        f"{heatmap_legend()}\n</section>"
    )


def calendar_weeks(days: Sequence[CalendarDay]) -> list[list[CalendarDay | None]]:
    """`days` (consecutive) cut into Monday-to-Sunday weeks; None fills the days before
    the first and after the last."""
    if not days:
        return []
    cells: list[CalendarDay | None] = [None] * days[0].day.weekday() + list(days)
    cells += [None] * (-len(cells) % 7)
    return [cells[index : index + 7] for index in range(0, len(cells), 7)]


def month_labels(weeks: Sequence[Sequence[CalendarDay | None]]) -> list[str]:
    """A column label per week: the month's short name on the first week and on each
    week holding a month's first day, empty otherwise."""
    labels = []
    for index, week in enumerate(weeks):
        days = [cell.day for cell in week if cell is not None]
        first_of_month = next((day for day in days if day.day == 1), None)
        shown = days[0] if index == 0 else first_of_month
        labels.append(f"{shown:%b}" if shown else "")
    return labels


def day_cell(day: CalendarDay | None) -> str:
    """One heatmap cell: classes for its level and mark, its glyph, and a title saying
    the date, what the cadence made of it, and the time logged."""
    if day is None:
        return '<td class="cell pad"></td>'
    logged = f", {minutes_text(day.minutes)}" if day.minutes else ""
    title = f"{full_day_text(day.day)}: {MARK_MEANINGS[day.mark]}{logged}"
    return (
        f'<td class="cell level-{day.level} mark-{day.mark}" title="{escaped(title)}">'
        f"{MARK_GLYPHS[day.mark]}</td>"
    )


def swatch(level: int, mark: str) -> str:
    """A cell for the legend: how a day of this level and mark looks in the heatmap."""
    return f'<span class="cell level-{level} mark-{mark}" aria-hidden="true">{MARK_GLYPHS[mark]}</span>'


def heatmap_legend() -> str:
    """A swatch for each shade and each mark, with what it means."""
    shades = "".join(swatch(level, QUIET) for level in range(5))
    marks = "\n".join(
        f"<li>{swatch(level, mark)} {MARK_MEANINGS[mark]}</li>"
        for mark, level in ((CHECKIN, 2), (ACTIVE, 1), (MISSED, 0), (EXCUSED, 0), (OUTSIDE, 0))
    )
    return f'<ul class="legend">\n<li>less {shades} more time</li>\n{marks}\n</ul>'


def topic_bars(topics: Sequence[TopicSummary]) -> str:
    """Hours per topic as bars whose widths are relative to the topic with the most minutes."""
    if not topics:
        return '<section>\n<h2>Hours per topic</h2>\n<p class="none">No topics in this period.</p>\n</section>'
    most = max(topic.minutes for topic in topics)
    items = "\n".join(topic_bar(topic, most) for topic in topics)
    return f'<section>\n<h2>Hours per topic</h2>\n<ol class="topics">\n{items}\n</ol>\n</section>'


def topic_bar(topic: TopicSummary, most_minutes: int) -> str:
    """One topic: its name (and area), a bar `minutes / most_minutes` wide, its hours and sessions."""
    width = 100 * topic.minutes / most_minutes if most_minutes else 0
    area = f' <span class="muted">({escaped(topic.area)})</span>' if topic.area else ""
    return (
        f'<li><span class="topic-name">{escaped(topic.name)}{area}</span>'
        f'<div class="bar-track"><div class="bar" style="width: {width:.1f}%"></div></div>'
        f'<span class="topic-hours">{hours_text(topic.minutes)} in'
        f" {count_text(topic.sessions, 'session')}</span></li>"
    )


def kind_section(entries: Sequence[EntryRecord], heading: str) -> str:
    """The period's entries of one kind (wins, bugs or confusion): day, topic and note."""
    if not entries:
        return f'<section>\n<h2>{heading}</h2>\n<p class="none">None in this period.</p>\n</section>'
    items = "\n".join(
        f"<li><strong>{day_text(entry.day)}</strong>"
        + (f" · {escaped(entry.topic)}" if entry.topic else "")
        + (note_html(entry.note) if entry.note else "")
        + (f"<div>{link_html(entry.link)}</div>" if entry.link else "")
        + "</li>"
        for entry in entries
    )
    return f'<section>\n<h2>{heading}</h2>\n<ul class="kind-entries">\n{items}\n</ul>\n</section>'


def resolved_section(resolved: Sequence[Question], heading: str) -> str:
    """The questions answered (or bugs fixed) in the period: the day of the answer,
    the topic, the question, then the answer with the days it took and its link."""
    if not resolved:
        return f'<section>\n<h2>{heading}</h2>\n<p class="none">None in this period.</p>\n</section>'
    items = "\n".join(
        f"<li><strong>{day_text(found.resolution.day)}</strong>"
        + (f" · {escaped(found.topic)}" if found.topic else "")
        + note_html(found.note or NO_NOTE)
        + f'<div class="answer"><strong>{ANSWER_WORDS[found.kind].capitalize()}</strong>'
        f" ({taken_text(found.days_taken())}){note_html(found.resolution.note)}"
        + (f"<div>{link_html(found.resolution.link)}</div>" if found.resolution.link else "")
        + "</div></li>"
        for found in resolved
    )
    return f'<section>\n<h2>{heading}</h2>\n<ul class="kind-entries">\n{items}\n</ul>\n</section>'


def still_open_section(still_open: Sequence[Question], until: date) -> str:
    """The questions and bugs open at the period's end, oldest first, with their age then."""
    if not still_open:
        return '<section>\n<h2>Still open</h2>\n<p class="none">Nothing open at the end of this period.</p>\n</section>'
    items = "\n".join(
        f"<li><strong>{day_text(found.day)}</strong>"
        + (f" · {escaped(found.topic)}" if found.topic else "")
        + f' · <span class="kind">{found.word}</span> {open_at_end_text((until - found.day).days)}'
        + note_html(found.note or NO_NOTE)
        + "</li>"
        for found in still_open
    )
    return f'<section>\n<h2>Still open</h2>\n<ul class="kind-entries">\n{items}\n</ul>\n</section>'


def entries_by_day(report: Report, images: Mapping[int, bytes]) -> str:
    """Every entry of the period under its day, oldest day first."""
    if not report.entries:
        return '<section>\n<h2>Entries by day</h2>\n<p class="none">No entries in this period.</p>\n</section>'
    days = "\n".join(
        f"<h3>Day {(day - report.start).days} · {full_day_text(day)}</h3>\n"
        '<ul class="entries">\n'
        + "\n".join(entry_html(entry, report.attachments.get(entry.id, ()), images) for entry in entries)
        + "\n</ul>"
        for day, entries in report.by_day()
    )
    return f"<section>\n<h2>Entries by day</h2>\n{days}\n</section>"


def entry_html(entry: EntryRecord, attachments: Sequence[AttachmentInfo], images: Mapping[int, bytes]) -> str:
    """One entry: topic, time, kind and confidence on a line, then note, tags, link and attachments."""
    heading = [f"<strong>{escaped(entry.topic)}</strong>" if entry.topic else ""]
    if entry.minutes is not None:
        heading.append(minutes_text(entry.minutes))
    if entry.kind != "study":
        heading.append(f'<span class="kind">{escaped(entry.kind)}</span>')
    if entry.confidence is not None:
        heading.append(f"confidence {entry.confidence}/5")
    parts = [" · ".join(part for part in heading if part)]
    if entry.note:
        parts.append(note_html(entry.note))
    if entry.tags:
        parts.append('<div class="tags">' + " ".join(f"#{escaped(tag)}" for tag in entry.tags) + "</div>")
    if entry.link:
        parts.append(f"<div>{link_html(entry.link)}</div>")
    if attachments:
        parts.append(attachments_html(attachments, images))
    return "<li>" + "\n".join(parts) + "</li>"


def note_html(note: str) -> str:
    """The note as escaped text, line breaks kept, with its web addresses made links."""
    pieces = []
    position = 0
    for match in _LINK_IN_TEXT.finditer(note):
        address = match.group().rstrip(_TRAILING_PUNCTUATION)
        pieces.append(escaped(note[position : match.start()]))
        pieces.append(anchor(address))
        position = match.start() + len(address)
    pieces.append(escaped(note[position:]))
    return f'<p class="note">{"".join(pieces)}</p>'


def link_html(link: str) -> str:
    """The entry's link: an anchor for an http(s) address, plain text for anything else."""
    return anchor(link) if _WEB_ADDRESS.fullmatch(link) else escaped(link)


def anchor(address: str) -> str:
    """A link to an http(s) `address` that the page it opens cannot reach back through."""
    # Percent-encoded, a bidi control leaves the address the same and shows in its text.
    shown = _BIDI_IN_ADDRESS.sub(lambda match: quote(match.group()), address)
    return f'<a href="{escaped(shown)}" rel="noopener">{escaped(shown)}</a>'


def attachments_html(attachments: Sequence[AttachmentInfo], images: Mapping[int, bytes]) -> str:
    """Images whose bytes were given, embedded; every other attachment by name and size."""
    embedded = [info for info in attachments if info.is_image and info.id in images]
    listed = [info for info in attachments if info not in embedded]
    parts = [embedded_image(info, images[info.id]) for info in embedded]
    if listed:
        items = "".join(f"<li>{escaped(info.name)} ({size_text(info.size)})</li>" for info in listed)
        parts.append(f'<ul class="files">{items}</ul>')
    return "\n".join(parts)


def embedded_image(info: AttachmentInfo, content: bytes) -> str:
    """An image attachment as a figure whose picture is a data: URI, so the page needs no other file."""
    data = base64.b64encode(content).decode("ascii")
    return (
        f'<figure><img src="data:{escaped(info.media_type)};base64,{data}" alt="{escaped(info.name)}">'
        f"<figcaption>{escaped(info.name)} ({size_text(info.size)})</figcaption></figure>"
    )


def size_text(size: int) -> str:
    """Bytes for people: 512 -> '512 B', 2048 -> '2.0 KB', 3_500_000 -> '3.3 MB'."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
