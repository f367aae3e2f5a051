"""The group's board as a Rich table that fits 80 columns."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from learnlog.domain.board import BoardRow
from learnlog.views.status import board_state_text
from learnlog.views.text import day_text, one_line

STATE_STYLES = {"overdue": "bold red", "due_today": "yellow", "on_track": "green"}


def styled_state(row: BoardRow) -> Text:
    return Text(board_state_text(row.facts), style=STATE_STYLES[row.facts.state])


def board_table(rows: Sequence[BoardRow]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    # Sized to fit 80 columns with a four-digit Day: names longer than 16 end in an ellipsis.
    table.add_column("Journey", overflow="ellipsis", max_width=16, no_wrap=True)
    table.add_column("Day", justify="right")
    table.add_column("State", no_wrap=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Streak", justify="right")
    table.add_column("Best", justify="right")
    table.add_column("7 days", justify="right")
    table.add_column("Checked in", no_wrap=True)
    for row in rows:
        facts = row.facts
        table.add_row(
            Text(one_line(row.journey)),
            str(facts.day),
            styled_state(row),
            day_text(facts.due),
            str(facts.streak.checkins),
            str(facts.longest_streak.checkins),
            f"{row.recent_minutes / 60:.1f}h",
            day_text(facts.last_checkin) if facts.last_checkin else "never",
        )
    return table
