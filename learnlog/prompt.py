"""`learnlog remind --prompt`: the segment a shell prompt shows on every prompt.

It runs on every prompt, so it stays on the standard library: it opens the
database read-only with sqlite3, never writes, prints nothing when there is no
journey, and always exits 0.
"""

from __future__ import annotations

from learnlog.domain.cadence import CadenceFacts
from learnlog.errors import DamagedDatabase, LearnlogError

DAMAGED_MARKER = "learnlog: damaged"


def prompt_segment(facts: CadenceFacts) -> str:
    """'3d left', 'due today' or 'overdue 2d'."""
    if facts.state == "overdue":
        return f"overdue {facts.overdue_days}d"
    if facts.state == "due_today":
        return "due today"
    return f"{facts.days_left}d left"


def prompt_main(*, db: str | None, journey: str | None) -> int:
    from learnlog import clock
    from learnlog.store.database import open_read_only
    from learnlog.store.location import chosen_journey, resolve_location
    from learnlog.store.queries import journey_facts, select_journey

    try:
        database = open_read_only(resolve_location(db))
        if database is None:
            return 0
        try:
            chosen = select_journey(database, chosen_journey(journey))
            segment = prompt_segment(journey_facts(database, chosen, clock.today()))
        finally:
            database.close()
    except DamagedDatabase:
        segment = DAMAGED_MARKER
    except LearnlogError:
        return 0
    print(segment)
    return 0
