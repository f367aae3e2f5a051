"""A study group's board: where each journey in a shared database stands.

Pure: each journey's cadence facts (judged on the viewer's today) and its recent
minutes in, rows in board order out.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from datetime import date, timedelta

from learnlog.domain.cadence import CadenceFacts

RECENT_DAYS = 7


def recent_since(today: date) -> date:
    """The first of the last seven days, today included."""
    return today - timedelta(days=RECENT_DAYS - 1)


class BoardRow(namedtuple("BoardRow", "journey facts recent_minutes")):
    """One journey on the board: its name, its cadence facts, and the minutes
    logged in the last seven days."""

    __slots__ = ()

    @property
    def recent_hours(self) -> float:
        return round(self.recent_minutes / 60, 2)

    def to_json(self) -> dict:
        """`status --json`'s keys for the cadence, with the journey and its recent hours."""
        facts = self.facts.to_json()
        return {
            "journey": self.journey,
            "day": facts["day"],
            "state": facts["state"],
            "due": facts["due"],
            "streak": facts["streak"],
            "longest_streak": facts["longest_streak"],
            "last_checkin": facts["last_checkin"],
            "hours_last_7_days": self.recent_hours,
        }


def board_rows(journeys: Iterable[tuple[str, CadenceFacts, int]]) -> list[BoardRow]:
    """The board's rows: overdue journeys first, then by due date (the most
    pressing first), then by name."""
    rows = [BoardRow(name, facts, minutes) for name, facts, minutes in journeys]
    return sorted(rows, key=lambda row: (row.facts.state != "overdue", row.facts.due, row.journey))
