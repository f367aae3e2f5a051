"""`learnlog db`: looking after the database itself."""

from __future__ import annotations

import typer

from learnlog.session import options

database_app = typer.Typer(
    help="Look after the database itself: create or upgrade its schema.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@database_app.command()
def upgrade() -> None:
    """Create or upgrade learnlog's schema in the database.

    On PostgreSQL the database's owner runs this once, and again after each
    learnlog release: it creates the tables, the group role learnlog_member and
    the grants members need. On a SQLite file it runs the same migrations, after
    a backup. Running it again is safe.

    \b
    Example:
      learnlog --db postgresql+psycopg://alice@db.example.org/learning db upgrade
    """
    from learnlog.store.location import resolve_location
    from learnlog.store.maintenance import upgrade as upgrade_database

    location = resolve_location(options.db)
    before, after = upgrade_database(location)
    if before == after:
        print(f"{location} is up to date (schema {after}).")
    elif before is None:
        print(f"Created learnlog's schema {after} in {location}.")
    else:
        print(f"Upgraded {location} from schema {before} to {after}.")
