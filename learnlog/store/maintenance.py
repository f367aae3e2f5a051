"""Looking after a journey's database, on either backend: upgrading its schema,
backing it up and restoring it, checking it, importing a journey document into
it, and telling whether there is a journey at all.

Each operation is one plain function that takes the location and decides here,
in one place, what the SQLite file and the PostgreSQL database each need; the
commands call it without asking which kind of database they talk to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnlog.errors import LearnlogError
from learnlog.store.database import database_exists, open_database
from learnlog.store.location import Location, ServerLocation, display_path, with_logs
from learnlog.store.sqlite_file import SCHEMA_REVISION, connect_to_look, read_revision

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.document import JourneyDocument
    from learnlog.interrupts import deferred_interrupts
    from learnlog.store.doctor import Checkup
    from learnlog.store.transfer import ImportResult


def upgrade(location: Location | ServerLocation) -> tuple[str | None, str]:
    """Create or upgrade learnlog's schema at `location`; returns the revisions
    before (None where there was no schema) and after.

    A SQLite file is backed up first when it holds an older schema; a PostgreSQL
    database gets the member role and its grants, and is upgraded by its owner only."""
    if isinstance(location, ServerLocation):
        from learnlog.store.migrate import upgrade_server

        return upgrade_server(location)
    before = None
    if database_exists(location):
        try:
            connection = connect_to_look(location.path)
            if connection is not None:  # else open_database below names what is wrong
                try:
                    before = read_revision(connection)
                finally:
                    connection.close()
        except sqlite3.DatabaseError:
            before = None  # open_database below names the damage
    open_database(location, create=True).close()
    return before, SCHEMA_REVISION


@dataclass(frozen=True)
class BackupResult:
    """What a backup wrote: the file, what was copied into it, and what kind of
    copy it is when that is not the database file itself."""

    target: Path
    source: str
    kind: str | None = None

    def describe(self) -> str:
        """The sentence that tells the user what was done."""
        kind = f" ({self.kind})" if self.kind else ""
        return f"Backed up {self.source} to {display_path(self.target)}{kind}."


def backup(
    location: Location | ServerLocation, target: Path | None, *, journey: str | None, moment: datetime, force: bool
) -> BackupResult:
    """Copy the journey's database to `target`, never over an existing file unless
    `force`, and never half a copy.

    A SQLite file is copied whole, consistently even while another learnlog writes
    (default: beside it, named with `moment`). On PostgreSQL the journey (`journey`,
    or the one the connecting role would get) is written as a json export with its
    attachments (default: in the current folder), which learnlog import restores
    into a database of either kind; backing up the whole server is pg_dump's job."""
    if isinstance(location, ServerLocation):
        return _backup_as_document(location, target, journey=journey, moment=moment, force=force)
    from learnlog.store.backups import backup_file

    open_database(location).close()  # a journey must be there, at the current schema
    return BackupResult(backup_file(location.path, target, moment=moment, force=force), str(location))


def _backup_as_document(
    location: ServerLocation, target: Path | None, *, journey: str | None, moment: datetime, force: bool
) -> BackupResult:
    from learnlog.exporters.journey_json import write_document
    from learnlog.store.facts import select_journey
    from learnlog.store.files import replacing
    from learnlog.store.queries import EntryFilter
    from learnlog.store.transfer import document_entries, document_head

    db = open_database(location)
    try:
        with db.transaction(write=False):
            chosen = select_journey(db, journey)
            target = target or Path(f"learnlog-{_file_name_part(chosen.name)}-{moment:%Y%m%dT%H%M%S}.json")
            with replacing(target, force=force, private=True) as out:
                write_document(
                    out, document_head(db, chosen),
                    document_entries(db, chosen.id, EntryFilter(), with_attachments=True),
                )
    finally:
        db.close()
    return BackupResult(
        target, f"journey {chosen.name!r} from {location}",
        kind="a json export with its attachments: learnlog import restores it",
    )


def _file_name_part(name: str) -> str:
    """A journey's name as it can stand in a file name."""
    return "".join(char if char.isalnum() or char in "-_" else "-" for char in name).strip("-") or "journey"


def restore(
    location: Location | ServerLocation, source: Path, *, moment: datetime, interruption: deferred_interrupts
) -> Path | None:
    """Make the SQLite file at `location` a copy of the backup `source`, after
    checking it, atomically for every other learnlog; returns where the database it
    replaced was copied (never deleted), or None when there was none. A Ctrl-C seen
    in `interruption` before the restore is done rolls it back. Refused on
    PostgreSQL, where learnlog import brings a backup back."""
    if isinstance(location, ServerLocation):
        raise LearnlogError(
            "restore replaces a SQLite file; on PostgreSQL, bring a backup back with learnlog import FILE"
        )
    from learnlog.store.restore import restore_database

    aside = restore_database(location, source, moment=moment, interruption=interruption)
    _refresh_restored_cards(location)
    return aside


def _refresh_restored_cards(location: Location) -> None:
    """Bring the restored journeys' review cards up to date (a backup made before
    they existed has every one stale). Should that fail, the restore stands: a
    stale card is replayed by whoever reads it."""
    from learnlog.store.cards import refresh_cards
    from learnlog.store.facts import journeys

    try:
        db = open_database(location)
        try:
            with db.transaction():
                for journey in journeys(db):
                    refresh_cards(db, journey.id)
        finally:
            db.close()
    except LearnlogError:
        pass


def checkup(location: Location | ServerLocation) -> Checkup:
    """A full look at the database at `location`, which only reads: on a SQLite
    file the header, integrity, foreign keys, revision, per-day totals, counts and
    backups; on PostgreSQL the connection, revision, per-day totals, row-level
    security and counts."""
    if isinstance(location, ServerLocation):
        from learnlog.store.server import examine_server

        return examine_server(location)
    from learnlog.store.doctor import examine

    return examine(location.path)


def import_document(
    location: Location | ServerLocation, document: JourneyDocument, *, now: datetime, dry_run: bool,
    progress: Callable[[], None] | None = None,
) -> ImportResult:
    """Bring a journey document into the database at `location`, all of it or
    nothing (see `learnlog.store.transfer.import_document`); `dry_run` says what
    would be added and changes nothing; `progress` is called after each entry.

    A journey document carries its journey, so it needs no init: where there is
    no SQLite file yet, one is created, and removed again (with its -wal and -shm
    files) when the import fails, so that nothing half-made stays."""
    from learnlog.store.transfer import DryRun, ImportResult
    from learnlog.store.transfer import import_document as import_into

    created = not database_exists(location)
    if dry_run and created:
        return ImportResult(document.name, created_journey=True, added=len(document.entries))
    db = open_database(location, create=True)
    try:
        with db.transaction():
            result = import_into(db, document, created=now, progress=progress)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    except BaseException:
        db.close()
        if created:
            for leftover in with_logs(location.path):
                leftover.unlink(missing_ok=True)
        raise
    db.close()
    return result


def journey_exists(location: Location | ServerLocation) -> bool:
    """Whether there is a journey at `location`: a SQLite file is only looked at
    (a file that is there counts), a PostgreSQL database is asked for journeys."""
    if isinstance(location, ServerLocation):
        from learnlog.store.facts import journeys

        db = open_database(location)
        try:
            return bool(journeys(db))
        finally:
            db.close()
    return database_exists(location)
