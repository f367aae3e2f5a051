"""Rich tables of journeys and topics, fed plain records (the entries are drawn
without Rich: learnlog.views.entries)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.table import Table
from rich.text import Text

from learnlog.domain.journey import JourneyRecord
from learnlog.domain.records import TopicRecord
from learnlog.views.text import day_ahead_text, hours_text, one_line, pace_text

PACE_STYLES = {"met": "green", "on_pace": "green", "behind": "yellow", "missed": "red"}


def journeys_table(summaries: Sequence[tuple[JourneyRecord, int]]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Journey")
    table.add_column("Owner")
    table.add_column("Day 0")
    table.add_column("Entries", justify="right")
    for journey, entries in summaries:
        table.add_row(
            Text(one_line(journey.name)), Text(one_line(journey.owner or "")),
            journey.start.isoformat(), str(entries),
        )
    return table


def topics_table(records: Sequence[TopicRecord]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Topic")
    table.add_column("Area")
    table.add_column("Sessions", justify="right")
    table.add_column("Hours", justify="right")
    table.add_column("Target", justify="right")
    table.add_column("Last")
    for record in records:
        name = Text(one_line(record.name))
        if record.archived:
            name.append(" (archived)", style="dim")
        table.add_row(
            name,
            Text(one_line(record.area or "")),
            str(record.sessions),
            hours_text(record.minutes),
            f"{record.target_hours:g}h" if record.target_hours else "",
            record.last_day.isoformat() if record.last_day else "never",
        )
    return table


def pace_table(records: Sequence[TopicRecord], *, today: date, name_width: int | None = None) -> Table:
    """The topics with a pace (a target with a date), one a row: the target, and
    whether the topic is on pace to reach it, wrapped within the width left; names
    are cut at `name_width`."""
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("Topic", no_wrap=True, overflow="ellipsis", max_width=name_width)
    table.add_column("Target", no_wrap=True)
    table.add_column("Pace")
    for record in records:
        if record.pace and record.target_hours and record.target_by:
            table.add_row(
                Text(one_line(record.name)),
                f"{record.target_hours:g}h by {day_ahead_text(record.target_by, today)}",
                Text(pace_text(record, today), style=PACE_STYLES[record.pace.state]),
            )
    return table
