"""`learnlog db`: looking after the database itself."""

from __future__ import annotations

from learnlog.cli.declare import Group
from learnlog.session import options
from learnlog.views.text import say

database = Group(
    "db",
    summary="Look after the database itself: create or upgrade its schema.",
    examples=("learnlog db upgrade", "learnlog --db postgresql+psycopg://alice@db.example.org/learning db upgrade"),
)


@database.command("upgrade", examples=("learnlog --db postgresql+psycopg://alice@db.example.org/learning db upgrade",))
def upgrade() -> None:
    """Create or upgrade learnlog's schema in the database.

    On PostgreSQL the database's owner runs this once, and again after each
    learnlog release: it creates the tables, the group role learnlog_member and
    the grants members need. On a SQLite file it runs the same migrations, after
    a backup. Running it again is safe.
    """
    from learnlog.store.location import resolve_location
    from learnlog.store.maintenance import upgrade as upgrade_database

    location = resolve_location(options.db)
    before, after = upgrade_database(location)
    if before == after:
        say(f"{location} is up to date (schema {after}).")
    elif before is None:
        say(f"Created learnlog's schema {after} in {location}.")
    else:
        say(f"Upgraded {location} from schema {before} to {after}.")
