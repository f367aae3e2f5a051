"""`learnlog remind --prompt`: the segment a shell prompt shows on every prompt.

It runs on every prompt, so it stays on the standard library: it opens the
database read-only with sqlite3, never writes, prints nothing when there is no
journey, and always exits 0.
"""

from __future__ import annotations

from learnlog.domain.cadence import DueFacts
from learnlog.errors import DamagedDatabase, LearnlogError
from learnlog.store.location import Location

DAMAGED_MARKER = "learnlog: damaged"


def prompt_segment(facts: DueFacts) -> str:
    """'3d left', 'due today' or 'overdue 2d'."""
    if facts.state == "overdue":
        return f"overdue {facts.overdue_days}d"
    if facts.state == "due_today":
        return "due today"
    return f"{facts.days_left}d left"


def _read_segment(location: Location, journey: str | None, *, immutable: bool) -> str | None:
    from learnlog import clock
    from learnlog.store.database import open_read_only
    from learnlog.store.facts import due_facts, select_journey
    from learnlog.store.location import chosen_journey

    database = open_read_only(location, immutable=immutable)
    if database is None:
        return None
    try:
        chosen = select_journey(database, chosen_journey(journey))
        return prompt_segment(due_facts(database, chosen, clock.today()))
    finally:
        database.close()


def prompt_main(*, db: str | None, journey: str | None) -> int:
    from learnlog.store.database import write_ahead_log_exists
    from learnlog.store.location import database_path

    try:
        location = Location(database_path(db))
        # Read without leaving -wal/-shm files behind when no learnlog is running; a
        # writer folding its log into the file at that very moment can make that
        # read fail, so it is tried once more the ordinary way.
        if write_ahead_log_exists(location):
            segment = _read_segment(location, journey, immutable=False)
        else:
            try:
                segment = _read_segment(location, journey, immutable=True)
            except LearnlogError:
                segment = _read_segment(location, journey, immutable=False)
    except DamagedDatabase:
        segment = DAMAGED_MARKER
    except (LearnlogError, OSError):
        # A prompt segment must never break the prompt: any other trouble, silence.
        return 0
    if segment:
        print(segment)
    return 0
