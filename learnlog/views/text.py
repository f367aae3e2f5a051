"""Small text formats shared by every view. Standard library only: the fast
commands use these without loading Rich."""

from __future__ import annotations

import re
from datetime import date

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """User text made safe for a terminal: control characters (an escape sequence's
    ESC among them) are shown as visible escapes instead of being obeyed."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def one_line(text: str) -> str:
    """User text on one line, for tables and one-line replies."""
    return plain(" ".join(text.split()))


def minutes_text(minutes: int | None) -> str:
    """90 -> '1h30m', 45 -> '45m', 120 -> '2h', None -> '?'."""
    if minutes is None:
        return "?"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def hours_text(minutes: int) -> str:
    """Minutes as hours with one decimal: 95 -> '1.6h'."""
    return f"{minutes / 60:.1f}h"


def day_text(day: date) -> str:
    """'Thu 27 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def full_day_text(day: date) -> str:
    """'Thu 27 Nov 2026'."""
    return f"{day_text(day)} {day.year}"


def count_text(count: int, noun: str, plural: str | None = None) -> str:
    """'1 day', '3 days'; '2 entries' with the plural given."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"
