"""The repositories a journey syncs from, and the commits it has seen.

A repository is registered per journey and per computer (by host name: its path
is this computer's), while the hashes seen belong to the journey: a commit synced
on one computer is never imported again on another.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime

from learnlog.domain.commits import ProposedEntry, day_entry
from learnlog.errors import InputError
from learnlog.store.connection import Database


@dataclass(frozen=True)
class RepositoryRecord:
    id: int
    name: str
    path: str
    topic: str
    topic_id: int
    authors: tuple[str, ...]
    host: str

    def to_json(self) -> dict:
        return {
            "name": self.name, "path": self.path, "topic": self.topic, "authors": list(self.authors),
            "host": self.host,
        }


def this_host() -> str:
    """The name this computer's repositories are registered under."""
    return socket.gethostname() or "localhost"


_SELECT = (
    "SELECT r.id, r.name, r.path, t.name, r.topic_id, r.authors, r.host FROM repository r"
    " JOIN topic t ON t.id = r.topic_id"
)


def _record(row: tuple) -> RepositoryRecord:
    repository_id, name, path, topic, topic_id, authors, host = row
    return RepositoryRecord(repository_id, name, path, topic, topic_id, tuple(authors.splitlines()), host)


def repositories(db: Database, journey_id: int, host: str) -> list[RepositoryRecord]:
    """This computer's repositories for the journey, by name."""
    rows = db.rows(f"{_SELECT} WHERE r.journey_id = :journey AND r.host = :host", {"journey": journey_id, "host": host})
    return sorted(map(_record, rows), key=lambda record: (record.name.casefold(), record.name))


def find_repository(db: Database, journey_id: int, host: str, name: str) -> RepositoryRecord | None:
    row = db.one(
        f"{_SELECT} WHERE r.journey_id = :journey AND r.host = :host AND r.name = :name",
        {"journey": journey_id, "host": host, "name": name},
    )
    return _record(row) if row else None


def add_repository(
    db: Database, journey_id: int, *, host: str, name: str, path: str, topic_id: int, authors: tuple[str, ...],
    created: datetime,
) -> None:
    """Register a repository; refused when this computer has one of that name or path."""
    for record in repositories(db, journey_id, host):
        if record.path == path:
            raise InputError(f"{path} is registered already, as {record.name}")
        if record.name == name:
            raise InputError(
                f"a repository named {name} is registered already ({record.path}): learnlog repo remove {name} first"
            )
    db.execute(
        "INSERT INTO repository (journey_id, host, name, path, topic_id, authors, created_at)"
        " VALUES (:journey, :host, :name, :path, :topic, :authors, :created)",
        {
            "journey": journey_id, "host": host, "name": name, "path": path, "topic": topic_id,
            "authors": "\n".join(authors), "created": created.isoformat(timespec="seconds"),
        },
    )


def remove_repository(db: Database, journey_id: int, host: str, name: str) -> RepositoryRecord:
    """Unregister this computer's repository `name` (its entries stay)."""
    record = find_repository(db, journey_id, host, name)
    if record is None:
        known = [found.name for found in repositories(db, journey_id, host)]
        listed = f"registered here: {', '.join(known)}" if known else "none is registered on this computer"
        raise InputError(f"no repository named {name!r} ({listed})")
    db.execute("DELETE FROM repository WHERE id = :id", {"id": record.id})
    return record


def seen_hashes(db: Database, journey_id: int) -> frozenset[str]:
    """Every commit hash the journey has seen, on any computer."""
    return frozenset(
        commit_hash for (commit_hash,) in db.rows(
            "SELECT hash FROM synced_commit WHERE journey_id = :journey", {"journey": journey_id}
        )
    )


def synced_commits(db: Database, entry_id: int) -> list[tuple[str, str]]:
    """The commits an entry was synced from: (hash, repository), by hash."""
    return [
        (commit_hash, repository) for commit_hash, repository in db.rows(
            "SELECT hash, repository FROM synced_commit WHERE entry_id = :entry ORDER BY hash", {"entry": entry_id}
        )
    ]


@dataclass(frozen=True)
class RecordedEntry:
    entry_id: int
    entry: ProposedEntry
    """What was recorded: `proposed`, less any commit claimed elsewhere meanwhile."""
    proposed: ProposedEntry


def record_entries(
    db: Database, journey_id: int, topic_id: int, proposed: list[ProposedEntry], *, created: datetime,
    estimate: bool, web: str | None,
) -> list[RecordedEntry]:
    """Store the proposed entries of one repository, each commit claimed for the
    journey first: a commit another computer (or another sync) claimed meanwhile
    is left out, and a day whose commits were all claimed makes no entry. In the
    caller's write transaction."""
    from learnlog.store.queries import add_entry

    recorded = []
    stamp = created.isoformat(timespec="seconds")
    for entry in proposed:
        original = entry
        claimed = [
            commit for commit in entry.commits
            if db.value(
                "INSERT INTO synced_commit (journey_id, hash, entry_id, repository, created_at)"
                " VALUES (:journey, :hash, NULL, :repository, :created) ON CONFLICT DO NOTHING RETURNING hash",
                {"journey": journey_id, "hash": commit.hash, "repository": entry.repository, "created": stamp},
            ) is not None
        ]
        if not claimed:
            continue
        if len(claimed) < len(entry.commits):
            entry = day_entry(entry.repository, claimed, estimate=estimate, web=web)
        entry_id = add_entry(
            db, journey_id, topic_id=topic_id, moment=entry.moment, minutes=entry.minutes, kind="build",
            note=entry.note, tags=entry.tags, link=entry.link, confidence=None, created=created,
        )
        db.executemany(
            "UPDATE synced_commit SET entry_id = :entry WHERE journey_id = :journey AND hash = :hash",
            [{"entry": entry_id, "journey": journey_id, "hash": commit.hash} for commit in claimed],
        )
        recorded.append(RecordedEntry(entry_id, entry, proposed=original))
    return recorded
