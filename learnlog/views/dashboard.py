"""The dashboard: the journey, its streaks and its gaps at a glance.

Each section is a small function from plain data to a Rich renderable; the
dashboard stacks them and, when they would not fit on one screen, drops whole
sections in DROP_ORDER rather than wrap anything into garbage. Every mark that
colour tells apart also has its own character, so the plain rendering (piped, or
with NO_COLOR) says the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from learnlog.domain.cadence import CadenceFacts
from learnlog.domain.progress import (
    ACTIVE, ANSWERED_WINDOW_DAYS, BUILDING_HINT_BELOW, BUILDING_WINDOW_DAYS, CHECKIN, EXCUSED, MISSED, OUTSIDE,
    QUIET, STALE_AFTER_CADENCES, TOPICS_SHOWN, CalendarDay, Dashboard,
)
from learnlog.domain.records import EntryRecord
from learnlog.domain.reviews import TopicReview
from learnlog.domain.dates import relative_days
from learnlog.views.questions import first_line as question_line
from learnlog.views.status import percent_text, running_status_text, streak_text
from learnlog.views.tables import pace_table
from learnlog.views.text import count_text, day_text, first_line, hours_text, minutes_text, one_line

MAX_LINES = 50
"""About one screen; sections are dropped, in DROP_ORDER, until the dashboard fits."""
DROP_ORDER = ("recent", "building", "timeline", "questions", "topics", "heatmap")
WIDE = 120
"""From this width on, the heatmap and the cadence timeline stand side by side."""
TIMELINE_ROWS = 6

HEAT_GLYPHS = ("░", "░", "▒", "▓", "█")
HEAT_STYLES = ("#9be9a8", "#9be9a8", "#40c463", "#30a14e", "#216e39")
MARK_GLYPHS = {QUIET: "·", ACTIVE: "○", MISSED: "x", EXCUSED: "~", OUTSIDE: " "}
MARK_STYLES = {QUIET: "grey50", ACTIVE: "yellow", MISSED: "bold red", EXCUSED: "blue", OUTSIDE: ""}
KIND_STYLES = {
    "study": "", "build": "cyan", "bug": "red", "confusion": "yellow", "win": "green", "post": "magenta",
}
STATE_STYLES = {"on_track": "green", "due_today": "yellow", "overdue": "bold red"}
DUE_FLAG = "↻"
"""Beside a topic's chance of recall: it is due for review."""


@dataclass(frozen=True)
class Section:
    name: str
    renderable: RenderableType


def _title(text: str) -> Rule:
    return Rule(Text(text, style="bold"), align="left", style="grey50")


def header(dashboard: Dashboard) -> Text:
    facts = dashboard.facts
    text = Text()
    text.append(f"Day {facts.day}", style="bold")
    text.append(" of ")
    text.append(one_line(dashboard.journey), style="bold")
    text.append(f" · started {day_text(facts.start)} {facts.start.year}\n")
    if facts.state == "overdue":
        state = f"Overdue by {count_text(facts.overdue_days, 'day')} (was due {day_text(facts.due)})"
    elif facts.state == "due_today":
        state = f"Update due today, {day_text(facts.due)}"
    else:
        state = f"On track: next update due {day_text(facts.due)}, {relative_days(facts.due, facts.today)}"
    text.append(state, style=STATE_STYLES[facts.state])
    text.append(f" · every {count_text(facts.every, 'day')}")
    if facts.counts == "post":
        text.append(", posts only")
    elif facts.min_minutes:
        text.append(f", {minutes_text(facts.min_minutes)} a day")
    if dashboard.running is not None:
        text.append(f"\n{running_status_text(dashboard.running, dashboard.now)}", style="bold cyan")
    text.append(f"\nStreak: {streak_text(facts.streak)}\n")
    text.append(f"Longest: {streak_text(facts.longest_streak)}\n")
    text.append(f"Consistency: {percent_text(dashboard.consistency)}\n")
    text.append(
        f"Logged: {hours_text(dashboard.minutes)} in {count_text(dashboard.sessions, 'session')}"
    )
    return text


def _month_labels(weeks: Sequence[Sequence[CalendarDay]]) -> Text:
    labels = Text("    ")
    taken = 0
    for index, week in enumerate(weeks):
        first_of_month = next((day for day in week if day.day.day == 1), None)
        if index == 0:
            first_of_month = week[0]
        position = 4 + 2 * index
        if first_of_month is not None and position >= taken:
            name = f"{first_of_month.day:%b}"
            labels.append(" " * (position - len(labels.plain)) + name, style="grey50")
            taken = position + len(name) + 1
    return labels


def day_cell(day: CalendarDay) -> Text:
    if day.mark == CHECKIN:
        level = max(day.level, 1)
        return Text(HEAT_GLYPHS[level], style=HEAT_STYLES[level])
    return Text(MARK_GLYPHS[day.mark], style=MARK_STYLES[day.mark])


def heatmap_width(days: Sequence[CalendarDay]) -> int:
    """Columns the heatmap needs: its weeks, or its legend if that is wider."""
    return max(4 + 2 * len(days) // 7, len(_legend().plain))


def _legend() -> Text:
    legend = Text("    ")
    for glyph, style, meaning in (
        ("░▒▓█", "#40c463", "check-in"),
        ("○", MARK_STYLES[ACTIVE], "didn't count"),
        ("x", MARK_STYLES[MISSED], "missed"),
        ("~", MARK_STYLES[EXCUSED], "excused"),
        ("·", MARK_STYLES[QUIET], "quiet"),
    ):
        legend.append(glyph, style=style)
        legend.append(f" {meaning}  ")
    legend.rstrip()
    return legend


def heatmap(days: Sequence[CalendarDay]) -> Group:
    """Weeks as columns starting Monday, weekdays as rows, months labelled above."""
    weeks = [days[index : index + 7] for index in range(0, len(days), 7)]
    rows = [_month_labels(weeks)]
    for weekday, label in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        row = Text(f"{label:<4}", style="grey50")
        for week in weeks:
            row.append_text(day_cell(week[weekday]))
            row.append(" ")
        row.rstrip()
        rows.append(row)
    rows.append(_legend())
    return Group(*rows)


def timeline(facts: CadenceFacts, count: int = TIMELINE_ROWS) -> Table:
    """The deadlines, newest last: runs of kept ones folded into one row, each
    missed one with the gap it left, and the open one."""
    table = Table.grid(padding=(0, 2))
    for _ in range(3):
        table.add_column(no_wrap=True)
    rows: list[tuple[Text, Text, str]] = []
    kept_run: list[date] = []

    def short(day: date) -> str:
        return f"{day.day} {day:%b}"

    def close_run() -> None:
        if kept_run:
            span = short(kept_run[0]) if len(kept_run) == 1 else f"{short(kept_run[0])} – {short(kept_run[-1])}"
            rows.append((Text("✓", style="green"), Text(span), f"{count_text(len(kept_run), 'deadline')} kept"))
            kept_run.clear()

    for deadline in facts.deadlines:
        if deadline.kept:
            kept_run.append(deadline.due)
            continue
        close_run()
        due = Text(short(deadline.due))
        if deadline.kept is None:
            rows.append((Text("…", style="yellow"), due, f"open, due {relative_days(deadline.due, facts.today)}"))
        elif deadline.met_on is not None:
            silent = (deadline.met_on - deadline.set_by).days - 1
            rows.append((Text("x", style="red"), due, f"missed: a {silent}-day gap, back {short(deadline.met_on)}"))
        else:
            silent = (facts.today - deadline.set_by).days
            rows.append((Text("x", style="bold red"), due, f"missed: silent for {count_text(silent, 'day')}"))
    close_run()
    for row in rows[-count:]:
        table.add_row(*row)
    return table


def target_bar(minutes: int, target_hours: float | None, width: int = 10) -> Text:
    """'██████░░░░ 60%' toward the target hours; blank without a target."""
    if not target_hours:
        return Text("")
    share = minutes / 60 / target_hours
    filled = min(width, round(share * width))
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="grey50")
    bar.append(f" {share:.0%}")
    return bar


def recall_cell(review: TopicReview | None) -> Text:
    """A rated topic's chance of recall now ('62%'), flagged when it is due for
    review ('62% ↻'); blank for a topic never rated."""
    if review is None:
        return Text("")
    cell = Text(percent_text(review.retrievability))
    # A blank where the flag would be keeps the percentages in line.
    cell.append(f" {DUE_FLAG}" if review.due else "  ", style="cyan")
    return cell


def topics_title(dashboard: Dashboard) -> str:
    """'Topics', telling what the flag of a topic due for review means when one is
    (in the title, which costs the screen no line)."""
    if not dashboard.reviews_due:
        return "Topics"
    return f"Topics · {DUE_FLAG} due for review (learnlog review)"


def topics(dashboard: Dashboard, width: int) -> Group:
    """The most recently active topics, then the knowledge gaps."""
    facts = dashboard.facts
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    wide = width >= 100
    table.add_column("Topic", no_wrap=True, overflow="ellipsis", max_width=22 if wide else 17)
    table.add_column("Area", no_wrap=True, overflow="ellipsis", max_width=14 if wide else 10)
    table.add_column("Hours", justify="right")
    table.add_column("Sess", justify="right")
    table.add_column("Last", no_wrap=True)
    table.add_column("Recall", justify="right", no_wrap=True)
    table.add_column("Target", no_wrap=True)
    stale = {topic.id for topic in dashboard.stale}
    for topic in dashboard.topics[:TOPICS_SHOWN]:
        name = Text(one_line(topic.name))
        if topic.id in stale:
            name.append(" !", style="yellow")
        last = relative_days(topic.last_day, facts.today) if topic.last_day else "not started"
        cells: list[RenderableType] = [name, Text(one_line(topic.area or ""))]
        cells += [
            hours_text(topic.minutes), str(topic.sessions), last, recall_cell(dashboard.reviews.get(topic.id)),
            target_bar(topic.minutes, topic.target_hours),
        ]
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    hidden = len(dashboard.topics) - TOPICS_SHOWN
    if hidden > 0:
        parts.append(Text(f"and {hidden} more (learnlog topic list)", style="grey50"))
    paced = [topic for topic in dashboard.topics[:TOPICS_SHOWN] if topic.pace]
    if paced:
        parts.append(pace_table(paced, today=facts.today, name_width=22 if wide else 17))
    if dashboard.stale:
        limit = STALE_AFTER_CADENCES * facts.every
        names = ", ".join(one_line(topic.name) for topic in dashboard.stale)
        parts.append(Text(f"! Stale (untouched over {limit} days): {names}", style="yellow"))
    if dashboard.not_started:
        names = ", ".join(one_line(topic.name) for topic in dashboard.not_started)
        parts.append(Text(f"Not started yet: {names}", style="grey50"))
    return Group(*parts)


def open_questions(dashboard: Dashboard) -> Group:
    """The oldest open questions and bugs (topic, age, the note's first line), then
    how many more are open and how many were answered lately."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, overflow="ellipsis", width=16)
    table.add_column(no_wrap=True, justify="right", width=7)
    table.add_column(no_wrap=True, width=8)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    today = dashboard.facts.today
    for found in dashboard.oldest_open:
        age = found.open_days(today)
        table.add_row(
            Text(one_line(found.topic or "")), "today" if age == 0 else count_text(age, "day"),
            Text(found.word, style=KIND_STYLES[found.kind]), Text(question_line(found.note)),
        )
    more = dashboard.open_items.total - len(dashboard.oldest_open)
    said = [f"{more} more open (learnlog questions)"] if more else []
    if not dashboard.open_items.total:
        said.append("Nothing open")
    said.append(f"{dashboard.answered} answered in the last {ANSWERED_WINDOW_DAYS} days")
    footer = Text(" · ".join(said), style="grey50")
    return Group(table, footer) if dashboard.oldest_open else Group(footer)


def building(dashboard: Dashboard) -> Text:
    """The share of build and bug minutes: the way out of tutorial hell."""
    share = dashboard.building_share
    text = Text()
    if share is None:
        text.append(f"Nothing logged in the last {BUILDING_WINDOW_DAYS} days.")
        return text
    filled = round(share * 20)
    text.append("█" * filled, style="cyan")
    text.append("░" * (20 - filled), style="grey50")
    text.append(
        f" {share:.0%} building and debugging"
        f" ({hours_text(dashboard.building_minutes)} of {hours_text(dashboard.window_minutes)})"
    )
    if share < BUILDING_HINT_BELOW:
        text.append("\nMostly following along lately: build something small with what you learned.",
                    style="yellow")
    return text


def recent(entries: Sequence[EntryRecord]) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, width=10)
    table.add_column(no_wrap=True, overflow="ellipsis", width=16)
    table.add_column(no_wrap=True, justify="right", width=5)
    table.add_column(no_wrap=True, width=9)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    for entry in entries:
        table.add_row(
            day_text(entry.day),
            Text(one_line(entry.topic or "")),
            minutes_text(entry.minutes) if entry.minutes is not None else "",
            Text(entry.kind if entry.kind != "study" else "", style=KIND_STYLES[entry.kind]),
            Text(("[file] " if entry.attachments else "") + (first_line(entry.note) if entry.note else one_line(entry.link or ""))),
        )
    return table


def welcome() -> Text:
    return Text(
        "No sessions yet: this is Day 0 of something. Log your first one:\n"
        '  learnlog log numpy -d 45m -m "what I learned"\n'
        "then come back here to watch the streak grow.",
    )


def sections(dashboard: Dashboard, width: int) -> list[Section]:
    """The dashboard's sections, in order, each with a title."""
    facts = dashboard.facts
    first, last = dashboard.calendar[0].day, dashboard.calendar[-1].day
    heat = Group(_title(f"Calendar, {day_text(first)} to {day_text(last)}"), heatmap(dashboard.calendar))
    parts = [Section("header", header(dashboard))]
    if dashboard.sessions == 0:
        return parts + [
            Section("welcome", welcome()),
            Section("heatmap", heat),
            Section("topics", Group(_title(topics_title(dashboard)), topics(dashboard, width))),
        ]
    line = Group(_title("Cadence"), timeline(facts))
    if width >= WIDE:
        grid = Table.grid(padding=(0, 4), expand=True)
        grid.add_column(width=heatmap_width(dashboard.calendar))
        grid.add_column(ratio=1)
        grid.add_row(heat, line)
        parts.append(Section("heatmap", grid))
    else:
        parts += [Section("heatmap", heat), Section("timeline", line)]
    parts.append(Section("topics", Group(_title(topics_title(dashboard)), topics(dashboard, width))))
    if dashboard.open_items.total or dashboard.answered:
        parts.append(Section("questions", Group(_title("Open questions and bugs"), open_questions(dashboard))))
    parts += [
        Section(
            "building",
            Group(_title(f"Learning vs building, last {BUILDING_WINDOW_DAYS} days"), building(dashboard)),
        ),
        Section("recent", Group(_title("Recent"), recent(dashboard.recent))),
    ]
    return parts


def fit(parts: list[Section], console: Console) -> list[Section]:
    """Drop whole sections, in DROP_ORDER, until the rest fits in MAX_LINES."""
    heights = {
        part.name: len(console.render_lines(part.renderable, console.options, pad=False))
        for part in parts
    }
    kept = list(parts)
    for name in DROP_ORDER:
        if sum(heights[part.name] for part in kept) + len(kept) - 1 <= MAX_LINES:
            break
        kept = [part for part in kept if part.name != name]
    return kept


def render(dashboard: Dashboard, console: Console) -> RenderableType:
    """The dashboard fitted to `console`'s width and to about one screen."""
    kept = fit(sections(dashboard, console.width), console)
    spaced: list[RenderableType] = []
    for part in kept:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part.renderable)
    return Group(*spaced)
