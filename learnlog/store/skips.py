"""The skip budget's queries: the budget a journey has set and how many days each
month has excused. `status` asks on every run, so its question is one query and
this module imports little."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from learnlog.domain.skips import (
    SkipBudget,
    check_within_budget,
    month_of,
    months_between,
    next_month,
    per_month,
)
from learnlog.store.connection import Database
from learnlog.store.facts import as_date

_EXCUSED_IN_MONTH = (
    "SELECT COUNT(*) FROM excused_day WHERE journey_id = :journey AND day >= :first AND day < :after"
)


def _month_bounds(month: date) -> dict[str, str]:
    return {"first": month.isoformat(), "after": next_month(month).isoformat()}


def month_budget(db: Database, journey_id: int, today: date) -> SkipBudget | None:
    """Where today's month stands against the skip budget, or None while none is set.
    One query: the setting and the month's count together (no row without the setting)."""
    month = month_of(today)
    row = db.one(
        f"SELECT s.value, ({_EXCUSED_IN_MONTH}) FROM setting s"
        " WHERE s.journey_id = :journey AND s.name = 'skip-budget'",
        {"journey": journey_id, **_month_bounds(month)},
    )
    budget = per_month(row[0]) if row else None
    return None if budget is None else SkipBudget(per_month=budget, month=month, used=row[1])


def check_skip_budget(db: Database, journey_id: int, asked: Sequence[date]) -> None:
    """Refuse (InputError) excusing the `asked` days (oldest first) when that would
    take any month over the journey's skip budget; see check_within_budget."""
    budget = per_month(db.value(
        "SELECT value FROM setting WHERE journey_id = :journey AND name = 'skip-budget'", {"journey": journey_id}
    ))
    if budget is None or not asked:
        return
    first, last = asked[0], asked[-1]
    excused = [
        as_date(day)
        for (day,) in db.rows(
            "SELECT day FROM excused_day WHERE journey_id = :journey AND day >= :first AND day <= :last",
            {"journey": journey_id, "first": first.isoformat(), "last": last.isoformat()},
        )
    ]
    used = {
        month: db.value(_EXCUSED_IN_MONTH, {"journey": journey_id, **_month_bounds(month)})
        for month in months_between(first, last)
    }
    check_within_budget(budget=budget, asked=asked, excused=excused, used=used)
