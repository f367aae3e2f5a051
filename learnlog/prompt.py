"""`learnlog remind --prompt`: the segment a shell prompt shows on every prompt.

It runs on every prompt, so it stays on the standard library: it reads the
state file `learnlog shell-init`'s snippet reads, where that file is sure to say
what the database would, and otherwise opens the SQLite database read-only with
sqlite3 (a journey on PostgreSQL is read from the cache its last command left,
without connecting). It never writes, prints nothing when there is no journey,
and always exits 0.
"""

from __future__ import annotations

from learnlog.errors import DamagedDatabase, LearnlogError, Unreadable
from learnlog.store.location import Location

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.cadence import DueFacts
    from learnlog.store.connection import Database

DAMAGED_MARKER = "learnlog: damaged"
UNREADABLE_MARKER = "learnlog: ?"
"""Shown where a journey is there but cannot be read now (permissions, a full disk,
a log file that cannot be read): `learnlog status` says why."""


def prompt_segment(facts: DueFacts) -> str:
    """'3d left', 'due today' or 'overdue 2d'."""
    return days_segment(facts.days_left)


def with_running(segment: str, topic: str | None, minutes: int) -> str:
    """'● NumPy 42m · 2d left' while the timer runs a session, else the segment."""
    if topic is None:
        return segment
    from learnlog.views.text import minutes_text, one_line

    return f"● {one_line(topic)} {minutes_text(minutes)} · {segment}"


def days_segment(days_left: int) -> str:
    """The segment for a deadline `days_left` days away (negative when past), as the
    snippets of `learnlog shell-init` word it too."""
    if days_left < 0:
        return f"overdue {-days_left}d"
    if days_left == 0:
        return "due today"
    return f"{days_left}d left"


def _read_segment(database: Database, journey: str | None) -> str:
    from learnlog import clock
    from learnlog.store.facts import due_facts, select_journey
    from learnlog.store.location import chosen_journey
    from learnlog.store.timer import running_session

    chosen = select_journey(database, chosen_journey(journey))
    now = clock.now()
    segment = prompt_segment(due_facts(database, chosen, now.date()))
    running = running_session(database, chosen.id)
    return with_running(segment, running and running.topic, running.minutes(now) if running else 0)


def _cached_segment(url: str, journey: str | None) -> str | None:
    """The segment for a journey on PostgreSQL, from the cache its last command left."""
    import time

    from learnlog import clock
    from learnlog.domain.cadence import due_facts
    from learnlog.store.location import chosen_journey, server_location
    from learnlog.store.prompt_cache import cache_key, read_cache

    inputs = read_cache(cache_key(server_location(url), chosen_journey(journey)), time.time())
    if inputs is None:
        return None
    return prompt_segment(due_facts(
        today=clock.today(), setter=inputs.setter, rules=inputs.rules, excused_days=inputs.excused_days,
    ))


def print_segment(*, db: str | None, journey: str | None) -> int:
    """Print the segment for the journey; always returns 0, and never raises: a
    prompt segment must never break the prompt."""
    try:
        segment = _segment(db, journey)
    except DamagedDatabase:
        segment = DAMAGED_MARKER
    except Unreadable:
        segment = UNREADABLE_MARKER
    except LearnlogError:
        return 0  # no journey here, or not a learnlog database: nothing to show
    except Exception:  # noqa: BLE001 - whatever the system did (a full disk, a sqlite3 error)
        segment = UNREADABLE_MARKER
    if segment:
        try:
            print(segment)
        except OSError:
            pass  # the shell went away
    return 0


def _segment(db: str | None, journey: str | None) -> str | None:
    from learnlog.store.location import chosen_database, database_path, is_database_url

    chosen = chosen_database(db)
    if chosen and is_database_url(chosen):
        return _cached_segment(chosen, journey)
    path = database_path(db)
    from learnlog.store.prompt_state import current_state, prompt_clock, state_path

    clock = prompt_clock()
    state = current_state(state_path(db, journey), path, clock.day) if clock is not None else None
    if state is not None:
        due, running = state
        segment = days_segment(due - clock.day)
        return with_running(segment, running and running.topic, clock.minutes_since(running) if running else 0)
    from learnlog.store.database import read_leaving_no_trace

    return read_leaving_no_trace(Location(path), lambda database: _read_segment(database, journey))
