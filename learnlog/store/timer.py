"""The running session of a journey's timer (`running_session`, at most one per
journey): read, start and remove, on both backends."""

from __future__ import annotations

from datetime import datetime

from learnlog.domain.timer import RunningSession
from learnlog.store.connection import Database


def running_session(db: Database, journey_id: int) -> RunningSession | None:
    """The session the journey's timer is running, or None."""
    rows = db.rows(
        "SELECT t.name, r.kind, r.note, r.tags, r.started_at FROM running_session r"
        " JOIN topic t ON t.id = r.topic_id WHERE r.journey_id = :journey",
        {"journey": journey_id},
    )
    if not rows:
        return None
    topic, kind, note, tags, started_at = rows[0]
    return RunningSession(topic, kind, note, tuple(tags.split("\n")) if tags else (), datetime.fromisoformat(started_at))


def start_session(
    db: Database, journey_id: int, *, topic_id: int, kind: str, note: str | None, tags: list[str],
    since: datetime, created: datetime,
) -> bool:
    """Start the journey's timer; False, changing nothing, when one is running
    already (another terminal may have started it a moment ago)."""
    started = db.rows(
        "INSERT INTO running_session (journey_id, topic_id, kind, note, tags, started_at, created_at)"
        " VALUES (:journey, :topic, :kind, :note, :tags, :since, :created)"
        " ON CONFLICT (journey_id) DO NOTHING RETURNING journey_id",
        {
            "journey": journey_id, "topic": topic_id, "kind": kind, "note": note, "tags": "\n".join(tags),
            "since": since.isoformat(timespec="seconds"), "created": created.isoformat(timespec="seconds"),
        },
    )
    return bool(started)


def remove_session(db: Database, journey_id: int) -> None:
    db.execute("DELETE FROM running_session WHERE journey_id = :journey", {"journey": journey_id})
