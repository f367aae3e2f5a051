"""`learnlog doctor`: is the journey's database sound, and where are its backups?"""

from __future__ import annotations

from learnlog.cli.declare import JSON, command
from learnlog.session import options, print_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


@command("doctor", JSON, examples=("learnlog doctor", "learnlog doctor --json"))
def doctor(as_json) -> int:
    """Check the database: integrity, foreign keys, schema revision, per-day
    totals, size, counts, backups (on PostgreSQL: the connection, the revision,
    row-level security and the counts). Exits 1 when something is wrong."""
    from learnlog.store.location import ServerLocation, resolve_location

    location = resolve_location(options.db)
    if isinstance(location, ServerLocation):
        from learnlog.store.doctor import COUNTED_TABLES, GUARDED_TABLES
        from learnlog.store.server import examine_server

        checkup = examine_server(location, GUARDED_TABLES, COUNTED_TABLES)
        lines = _server_lines(checkup)
    else:
        from learnlog.store.doctor import examine

        checkup = examine(location.path)
        lines = _file_lines(checkup)
    if as_json:
        print_json(checkup.to_json())
    else:
        for line in lines:
            print(line)
        for problem in checkup.problems:
            print(f"Problem: {problem}")
        print("All well." if checkup.healthy else "Something is wrong: see the problems above.")
    return 0 if checkup.healthy else 1


def _file_lines(checkup) -> Iterator[str]:
    from learnlog.store.location import display_path

    yield f"Database: {display_path(checkup.path)}"
    if checkup.exists:
        wal = f" (+{checkup.wal_size:,} bytes of write-ahead log)" if checkup.wal_size else ""
        yield f"Size: {checkup.size:,} bytes{wal}"
    if checkup.integrity is not None:
        yield f"Integrity: {checkup.integrity}"
    if checkup.foreign_keys is not None:
        yield f"Foreign keys: {'ok' if not checkup.foreign_keys else f'{checkup.foreign_keys} broken'}"
    yield from _schema_lines(checkup)
    if checkup.backups:
        yield f"Backups ({len(checkup.backups)}, newest last):"
        for path, size in checkup.backups:
            yield f"  {display_path(path)}  {size:,} bytes"
    else:
        yield "Backups: none beside it (learnlog backup makes one)"


def _server_lines(checkup) -> Iterator[str]:
    yield f"Database: {checkup.location}"
    if checkup.server_version is not None:
        yield f"Connected: PostgreSQL {checkup.server_version}, as {checkup.role}"
    yield from _schema_lines(checkup)
    if checkup.protected:
        yield f"Row-level security: {sum(checkup.protected.values())} of {len(checkup.protected)} tables guarded"


def _schema_lines(checkup) -> Iterator[str]:
    """The revision, the per-day totals and the counts, as both kinds of database report them."""
    if checkup.revision is not None:
        yield f"Schema revision: {checkup.revision}"
    if checkup.days_off is not None:
        yield f"Per-day totals: {'ok' if not checkup.days_off else f'{checkup.days_off} days off'}"
    if checkup.counts:
        yield "Rows: " + ", ".join(f"{table} {count:,}" for table, count in checkup.counts.items())
