"""`learnlog doctor`: is the journey's database sound, and where are its backups?"""

from __future__ import annotations

from typing import Annotated

import typer

from learnlog.session import options, print_json


def doctor(as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False) -> None:
    """Check the database: integrity, foreign keys, schema revision, size, counts,
    backups. Exits 1 when something is wrong.

    \b
    Example:
      learnlog doctor
    """
    from learnlog.store.doctor import examine
    from learnlog.store.location import ServerLocation, display_path, resolve_location

    location = resolve_location(options.db)
    if isinstance(location, ServerLocation):
        _examine_server(location, as_json=as_json)
        return
    checkup = examine(location.path)
    if as_json:
        print_json(checkup.to_json())
    else:
        print(f"Database: {display_path(checkup.path)}")
        if checkup.exists:
            wal = f" (+{checkup.wal_size:,} bytes of write-ahead log)" if checkup.wal_size else ""
            print(f"Size: {checkup.size:,} bytes{wal}")
        if checkup.integrity is not None:
            print(f"Integrity: {checkup.integrity}")
        if checkup.foreign_keys is not None:
            print(f"Foreign keys: {'ok' if not checkup.foreign_keys else f'{checkup.foreign_keys} broken'}")
        if checkup.revision is not None:
            print(f"Schema revision: {checkup.revision}")
        if checkup.days_off is not None:
            print(f"Per-day totals: {'ok' if not checkup.days_off else f'{checkup.days_off} days off'}")
        if checkup.counts:
            print("Rows: " + ", ".join(f"{table} {count:,}" for table, count in checkup.counts.items()))
        if checkup.backups:
            print(f"Backups ({len(checkup.backups)}, newest last):")
            for path, size in checkup.backups:
                print(f"  {display_path(path)}  {size:,} bytes")
        else:
            print("Backups: none beside it (learnlog backup makes one)")
        for problem in checkup.problems:
            print(f"Problem: {problem}")
        print("All well." if checkup.healthy else "Something is wrong: see the problems above.")
    if not checkup.healthy:
        raise typer.Exit(1)


def _examine_server(location, *, as_json: bool) -> None:
    from learnlog.store.doctor import COUNTED_TABLES, GUARDED_TABLES
    from learnlog.store.server import examine_server

    checkup = examine_server(location, GUARDED_TABLES, COUNTED_TABLES)
    if as_json:
        print_json(checkup.to_json())
    else:
        print(f"Database: {location}")
        if checkup.server_version is not None:
            print(f"Connected: PostgreSQL {checkup.server_version}, as {checkup.role}")
        if checkup.revision is not None:
            print(f"Schema revision: {checkup.revision}")
        if checkup.days_off is not None:
            print(f"Per-day totals: {'ok' if not checkup.days_off else f'{checkup.days_off} days off'}")
        if checkup.protected:
            guarded = sum(checkup.protected.values())
            print(f"Row-level security: {guarded} of {len(checkup.protected)} tables guarded")
        if checkup.counts:
            print("Rows: " + ", ".join(f"{table} {count:,}" for table, count in checkup.counts.items()))
        for problem in checkup.problems:
            print(f"Problem: {problem}")
        print("All well." if checkup.healthy else "Something is wrong: see the problems above.")
    if not checkup.healthy:
        raise typer.Exit(1)
