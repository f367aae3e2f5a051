"""A target with a date: whether the learner is on pace to reach it.

Pure: the caller passes today, the topic's minutes so far and its minutes over the
last PACE_WINDOW_DAYS days (summed in SQL); nothing here reads a clock or a database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

PACE_WINDOW_DAYS = 28
"""The recent pace is the topic's hours over the 28 days ending today, per week."""

MET, ON_PACE, BEHIND, MISSED = "met", "on_pace", "behind", "missed"


@dataclass(frozen=True)
class Pace:
    """Where a dated target stands on a day: `state` is MET, ON_PACE (at the recent
    pace it is reached by its date), BEHIND, or MISSED (the date has passed unmet)."""

    state: str
    hours_to_go: float
    """Hours still to go; 0 once the target is met."""
    needed_hours_per_week: float | None
    """The hours a week that would reach the target by its date; None once it is missed."""
    pace_hours_per_week: float
    """The topic's hours a week over the last PACE_WINDOW_DAYS days."""
    projected: date | None
    """The day the target is reached at the recent pace; None when met, when the pace
    is 0, or when that day is beyond the calendar (after the year 9999)."""


def pace_json(pace: Pace | None) -> dict[str, object]:
    """A topic's pace under its JSON keys, hours rounded to 2 decimals; every value
    null for a topic without a dated target."""
    if pace is None:
        return dict.fromkeys(("pace_state", "needed_hours_per_week", "pace_hours_per_week", "projected"))
    needed = pace.needed_hours_per_week
    return {
        "pace_state": pace.state,
        "needed_hours_per_week": None if needed is None else round(needed, 2),
        "pace_hours_per_week": round(pace.pace_hours_per_week, 2),
        "projected": pace.projected.isoformat() if pace.projected else None,
    }


def target_pace(
    *, target_hours: float, target_by: date, minutes: int, recent_minutes: int, today: date
) -> Pace:
    """Where a target of `target_hours` by `target_by` stands on `today`, for a topic
    with `minutes` logged in all and `recent_minutes` over the PACE_WINDOW_DAYS days
    ending today.

    needed = hours to go / weeks left, weeks left = days to the date / 7 but at least
    1/7 (on the day itself, a day's worth of week is left); pace = recent hours / 4;
    projected = today + hours to go / pace per day, rounded up to a whole day.
    """
    # fractions costs milliseconds; the everyday commands that load the store never get here.
    from fractions import Fraction

    # In minutes, as fractions, so that rounding up never adds a day that
    # float arithmetic invented; the target as typed (str of the float), not its
    # nearest binary fraction.
    to_go = max(Fraction(str(target_hours)) * 60 - minutes, Fraction(0))
    pace_per_week = Fraction(recent_minutes, 60) * 7 / PACE_WINDOW_DAYS
    projected = None
    if to_go and recent_minutes:
        days = math.ceil(to_go * PACE_WINDOW_DAYS / recent_minutes)
        if days <= (date.max - today).days:
            projected = today + timedelta(days=days)
    if not to_go:
        state, needed = MET, Fraction(0)
    elif today > target_by:
        state, needed = MISSED, None
    else:
        weeks_left = Fraction(max((target_by - today).days, 1), 7)
        needed = to_go / 60 / weeks_left
        state = ON_PACE if projected is not None and projected <= target_by else BEHIND
    return Pace(
        state=state,
        hours_to_go=float(to_go / 60),
        needed_hours_per_week=None if needed is None else float(needed),
        pace_hours_per_week=float(pace_per_week),
        projected=projected,
    )
