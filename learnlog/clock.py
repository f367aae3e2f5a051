""""Now" for learnlog: the real clock, or the one fixed by LEARNLOG_TODAY."""

from __future__ import annotations

import os
from datetime import date, datetime

from learnlog.domain.now import parse_now_override
from learnlog.errors import InputError

TODAY_VARIABLE = "LEARNLOG_TODAY"


def now() -> datetime:
    """The current moment as an aware local datetime; LEARNLOG_TODAY=YYYY-MM-DD
    (12:00 that day) or YYYY-MM-DDTHH:MM fixes it for demos and tests."""
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        try:
            return parse_now_override(fixed)
        except InputError as error:
            raise InputError(f"{TODAY_VARIABLE}: {error}") from None
    return datetime.now().astimezone()


def today() -> date:
    """The user's local calendar day."""
    return now().date()
