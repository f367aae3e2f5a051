"""`learnlog doctor`: what a checkup reports, in one shape for both kinds of
database, and the full look at a SQLite file, which works even when the file is
damaged (it only ever reads)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from learnlog.store.backups import backups
from learnlog.store.cards import cards_off
from learnlog.store.location import display_path
from learnlog.store.sqlite_file import (
    KNOWN_REVISIONS,
    SCHEMA_REVISION,
    connect_to_look,
    has_sqlite_header,
    newer_learnlog,
    not_learnlog,
    read_revision,
    write_obstacles,
)

COUNTED_TABLES = ("journey", "topic", "entry", "entry_tag", "excused_day", "attachment")
GUARDED_TABLES = {
    table: 2 for table in (
        "journey", "setting", "cadence_rule", "topic", "entry", "entry_day", "excused_day",
        "attachment", "entry_tag", "entry_attachment", "resolution", "topic_card", "running_session", "topic_total",
        "repository", "synced_commit",
    )
}
"""On PostgreSQL, the tables row-level security guards, with the policies each needs
(members read all; only the owner writes)."""

_GROUPED_DAYS = (
    "SELECT journey_id, day, COUNT(*), SUM(CASE WHEN kind = 'post' THEN 1 ELSE 0 END),"
    " SUM(COALESCE(minutes, 0)) FROM entry GROUP BY journey_id, day"
)
_KEPT_DAYS = "SELECT journey_id, day, entries, posts, minutes FROM entry_day"
DAYS_OFF = (
    f"SELECT COUNT(*) FROM (SELECT journey_id, day FROM ({_GROUPED_DAYS} EXCEPT {_KEPT_DAYS}) AS missing"
    f" UNION SELECT journey_id, day FROM ({_KEPT_DAYS} EXCEPT {_GROUPED_DAYS}) AS extra) AS days"
)
"""How many days' kept totals (entry_day) disagree with the entries themselves."""
_GROUPED_TOPICS = (
    "SELECT topic_id, journey_id, COUNT(*), SUM(COALESCE(minutes, 0)), MAX(day) FROM entry"
    " WHERE topic_id IS NOT NULL GROUP BY topic_id, journey_id"
)
_KEPT_TOPICS = "SELECT topic_id, journey_id, sessions, minutes, last_day FROM topic_total"
TOPICS_OFF = (
    f"SELECT COUNT(*) FROM (SELECT topic_id FROM ({_GROUPED_TOPICS} EXCEPT {_KEPT_TOPICS}) AS missing"
    f" UNION SELECT topic_id FROM ({_KEPT_TOPICS} EXCEPT {_GROUPED_TOPICS}) AS extra) AS topics"
)
"""How many topics' kept totals (topic_total) disagree with the entries themselves."""
MISPLACED_RESOLUTIONS = (
    "SELECT e.id FROM resolution r JOIN entry e ON e.id = r.entry_id"
    " WHERE e.kind NOT IN ('confusion', 'bug') ORDER BY e.id"
)
"""The entries that carry a resolution though they are neither a question nor a bug
(learnlog never makes one; another program writing to the database could)."""


Fact = tuple[str, "str | list[str]"]
"""A label and what was found: one line, or a list of lines under the label."""


class Checkup:
    """What doctor found, in the one shape both kinds of database report it: the
    facts to show, the problems (none when the database is healthy), and the
    JSON for --json."""

    problems: list[str]
    revision: str | None
    days_off: int | None
    topics_off: int | None
    cards_off: int | None
    counts: dict[str, int]

    def check_kept_data(self, rows: Callable[[str], list[tuple]]) -> None:
        """Compare what the database keeps (per-day and per-topic totals, review
        cards) with a full recount, and look for answers on entries that cannot
        have one; `rows` runs a query on a database at the newest revision."""
        ((self.days_off,),) = rows(DAYS_OFF)
        if self.days_off:
            self.problems.append(
                f"the per-day totals disagree with the entries on {self.days_off} {'day' if self.days_off == 1 else 'days'}"
            )
        ((self.topics_off,),) = rows(TOPICS_OFF)
        if self.topics_off:
            self.problems.append(
                f"the per-topic totals of {self.topics_off} {'topic' if self.topics_off == 1 else 'topics'}"
                " disagree with their entries"
            )
        self.cards_off = cards_off(rows)
        if self.cards_off:
            self.problems.append(
                f"the review cards of {self.cards_off} {'topic' if self.cards_off == 1 else 'topics'} disagree with"
                " their ratings (setting learnlog config review-retention again, to its value, replays every topic)"
            )
        misplaced = [entry_id for (entry_id,) in rows(MISPLACED_RESOLUTIONS)]
        if misplaced:
            listed = ", ".join(f"#{entry_id}" for entry_id in misplaced[:10]) + (", ..." if len(misplaced) > 10 else "")
            self.problems.append(
                f"{len(misplaced)} {'entry carries' if len(misplaced) == 1 else 'entries carry'} an answer though"
                f" neither a question nor a bug ({listed}): learnlog reopen ID removes it"
            )

    @property
    def healthy(self) -> bool:
        return not self.problems

    def facts(self) -> list[Fact]:
        """What was found, in the order to show it."""
        raise NotImplementedError

    def to_json(self) -> dict:
        raise NotImplementedError


def schema_facts(checkup: Checkup) -> list[Fact]:
    """The revision, the kept totals, the review cards and the counts, as both
    kinds of database report them."""
    revision, days_off, topics_off, cards_off = checkup.revision, checkup.days_off, checkup.topics_off, checkup.cards_off
    counts = checkup.counts
    facts: list[Fact] = []
    if revision is not None:
        facts.append(("Schema revision", revision))
    if days_off is not None:
        facts.append(("Per-day totals", "ok" if not days_off else f"{days_off} days off"))
    if topics_off is not None:
        facts.append((
            "Per-topic totals", "ok" if not topics_off else f"{topics_off} {'topic' if topics_off == 1 else 'topics'} off"
        ))
    if cards_off is not None:
        facts.append(("Review cards", "ok" if not cards_off else f"{cards_off} {'topic' if cards_off == 1 else 'topics'} off"))
    if counts:
        facts.append(("Rows", ", ".join(f"{table} {count:,}" for table, count in counts.items())))
    return facts


@dataclass
class FileCheckup(Checkup):
    """What doctor found in a SQLite file: each check's verdict, the counts, the
    backups beside it, and the problems."""

    path: Path
    exists: bool
    size: int = 0
    wal_size: int = 0
    header_ok: bool = False
    integrity: str | None = None
    foreign_keys: int | None = None
    revision: str | None = None
    days_off: int | None = None
    topics_off: int | None = None
    cards_off: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    backups: list[tuple[Path, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def facts(self) -> list[Fact]:
        facts: list[Fact] = [("Database", display_path(self.path))]
        if self.exists:
            wal = f" (+{self.wal_size:,} bytes of write-ahead log)" if self.wal_size else ""
            facts.append(("Size", f"{self.size:,} bytes{wal}"))
        if self.integrity is not None:
            facts.append(("Integrity", self.integrity))
        if self.foreign_keys is not None:
            facts.append(("Foreign keys", "ok" if not self.foreign_keys else f"{self.foreign_keys} broken"))
        facts += schema_facts(self)
        if self.backups:
            facts.append((
                f"Backups ({len(self.backups)}, newest last)",
                [f"{display_path(path)}  {size:,} bytes" for path, size in self.backups],
            ))
        else:
            facts.append(("Backups", "none beside it (learnlog backup makes one)"))
        return facts

    def to_json(self) -> dict:
        return {
            "path": str(self.path), "exists": self.exists, "size": self.size, "wal_size": self.wal_size,
            "header_ok": self.header_ok, "integrity": self.integrity, "foreign_key_errors": self.foreign_keys,
            "revision": self.revision, "newest_revision": SCHEMA_REVISION, "days_off": self.days_off,
            "topics_off": self.topics_off, "cards_off": self.cards_off, "counts": self.counts,
            "backups": [{"path": str(path), "size": size} for path, size in self.backups],
            "healthy": self.healthy, "problems": self.problems,
        }


def examine(path: Path) -> FileCheckup:
    """Check the database at `path`: header, full integrity, foreign keys, schema
    revision, row counts, and the backups beside it."""
    checkup = FileCheckup(path=path, exists=path.exists())
    checkup.backups = [(backup, backup.stat().st_size) for backup in backups(path)]
    if not checkup.exists or path.stat().st_size == 0:
        checkup.problems.append("there is no journey here yet (learnlog init makes one)")
        return checkup
    checkup.size = path.stat().st_size
    wal = Path(f"{path}-wal")
    checkup.wal_size = wal.stat().st_size if wal.exists() else 0
    try:
        checkup.header_ok = has_sqlite_header(path)
    except OSError as error:
        from learnlog.store.files import system_refusal

        checkup.problems.append(str(system_refusal(error, path, "read")))
        return checkup
    if not checkup.header_ok:
        checkup.problems.append("the file is not a SQLite database (its header is wrong)")
        return checkup
    obstacles = write_obstacles(path)
    checkup.problems += _stale_logs(path, obstacles)
    try:
        # A read that leaves nothing behind where learnlog cannot write (a -shm made
        # now would take a read-only database's mode and refuse later writes).
        connection = connect_to_look(path)
        if connection is None:
            from learnlog.store.connection import read_only_phrase

            checkup.problems.append(
                f"{display_path(wal)} holds changes not yet in the database, which only a learnlog that can"
                f" write beside it can read, but {read_only_phrase(obstacles)}"
            )
            return checkup
        try:
            checkup.integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
            checkup.foreign_keys = len(connection.execute("PRAGMA foreign_key_check").fetchall())
            checkup.revision = read_revision(connection)
            if checkup.revision == SCHEMA_REVISION:
                checkup.check_kept_data(lambda sql: connection.execute(sql).fetchall())
            if checkup.revision is not None:
                for table in COUNTED_TABLES:
                    try:
                        checkup.counts[table] = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                    except sqlite3.OperationalError:
                        pass  # a table an older revision does not have yet
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        checkup.problems.append(f"SQLite cannot read it: {error}")
        return checkup
    if checkup.integrity != "ok":
        checkup.problems.append(f"the integrity check failed: {checkup.integrity}")
    if checkup.foreign_keys:
        checkup.problems.append(f"{checkup.foreign_keys} rows point at rows that do not exist")
    if checkup.revision is None:
        checkup.problems.append(not_learnlog("it"))
    elif checkup.revision not in KNOWN_REVISIONS:
        checkup.problems.append(newer_learnlog("it", checkup.revision))
    return checkup


def _stale_logs(path: Path, obstacles: list[str]) -> list[str]:
    """A -wal or -shm file left read-only beside a database that is writable
    itself (a read made while the database was 0400 leaves one): every write then
    fails, whatever the database's own mode says."""
    if str(path) in obstacles:
        return []
    return [
        f"{display_path(log)} is read-only, so every write to the database fails: when no learnlog is"
        f" running, make it writable (chmod u+w {display_path(log)}) or remove it"
        for log in obstacles if log.endswith(("-wal", "-shm"))
    ]
