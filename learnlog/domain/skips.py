"""The skip budget (`learnlog config skip-budget N`): at most N excused days in each
calendar month, so that excuses cannot become a habit.

Pure: dates in, facts out. A month is named by its first day.
"""

from __future__ import annotations

from collections import Counter, namedtuple
from collections.abc import Iterable, Mapping
from datetime import date

from learnlog.errors import InputError

OFF = "off"
"""The stored (and default) value of an unlimited budget."""
MAX_PER_MONTH = 31


def check_budget(value: str) -> str:
    """The budget in its stored form ('off', or a whole number of days from 0 to
    MAX_PER_MONTH without leading zeros), or InputError."""
    cleaned = value.strip().casefold()
    if cleaned == OFF:
        return OFF
    if not (cleaned.isascii() and cleaned.isdigit()) or int(cleaned) > MAX_PER_MONTH:
        raise InputError(
            f"not a skip budget: {value!r} (use a whole number of days a month from 0 to {MAX_PER_MONTH}, or off)"
        )
    return str(int(cleaned))


def per_month(stored: str | None) -> int | None:
    """The days a month that a stored budget allows; None when there is no budget."""
    return None if stored is None or stored == OFF else int(stored)


def month_of(day: date) -> date:
    """The month `day` falls in, as its first day."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    """The first day of the month after `month`."""
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """The months from `first`'s to `last`'s, both included, oldest first."""
    months, month = [], month_of(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


class SkipBudget(namedtuple("SkipBudget", "per_month month used")):
    """A month's standing against the budget: `used` distinct excused days in
    `month`, of `per_month` allowed. `used` can exceed the budget when the days
    were excused before the budget was set."""

    __slots__ = ()

    @property
    def left(self) -> int:
        return max(0, self.per_month - self.used)

    def to_json(self) -> dict:
        return {"per_month": self.per_month, "month": f"{self.month:%Y-%m}", "used": self.used, "left": self.left}


def check_within_budget(
    *, budget: int | None, asked: Iterable[date], excused: Iterable[date], used: Mapping[date, int],
) -> None:
    """Refuse (InputError, naming the first month that would go over) excusing the
    `asked` days when that would take any calendar month over `budget` excused days.

    `used` holds, for each month the asked days fall in, how many distinct days it
    has excused already; `excused` holds the asked days that are excused already,
    which are kept and count once, not again. Months already over the budget (days
    excused before it was set) stay as they are: only adding is refused. A budget of
    None is no budget.
    """
    if budget is None:
        return
    adding = Counter(month_of(day) for day in set(asked) - set(excused))
    for month in sorted(adding):
        already = used.get(month, 0)
        if already + adding[month] > budget:
            left = max(0, budget - already)
            room = "no skips" if left == 0 else f"only {left} skip{'' if left == 1 else 's'}"
            raise InputError(f"{room} left in {month:%B %Y} (budget {budget} a month)")
