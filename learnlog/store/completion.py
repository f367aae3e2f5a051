"""What Tab completion reads: the journey's topic names, the database's journey
names, and the journey's entries by number. Small queries, run on every Tab
that completes one of them, on a database opened read-only."""

from __future__ import annotations

from learnlog.store.connection import Database

ENTRIES_OFFERED = 20
"""The most entries one Tab offers: the newest whose number starts with what is typed."""


def topic_names(db: Database, journey_id: int, *, archived: bool = False) -> list[str]:
    """The journey's topic names in alphabetical order (ignoring case): its
    current topics, or with `archived` its archived ones."""
    state = "archived" if archived else "NOT archived"
    rows = db.rows(f"SELECT name FROM topic WHERE journey_id = :journey AND {state}", {"journey": journey_id})
    return sorted((name for (name,) in rows), key=str.casefold)


def entry_choices(db: Database, journey_id: int, typed: str) -> list[tuple[int, str | None, str]]:
    """The newest entries (ENTRIES_OFFERED at most) whose number starts with
    `typed` (digits, or nothing), as (id, note, what it is: the topic's name or
    else its kind), newest first."""
    rows = db.rows(
        "SELECT e.id, e.note, COALESCE(t.name, e.kind) FROM entry e LEFT JOIN topic t ON t.id = e.topic_id"
        " WHERE e.journey_id = :journey AND CAST(e.id AS TEXT) LIKE :typed ORDER BY e.id DESC LIMIT :limit",
        {"journey": journey_id, "typed": f"{typed}%", "limit": ENTRIES_OFFERED},
    )
    return [(int(id), note, what) for id, note, what in rows]
