"""One command's session with its journey: the global options, the database opened
for it, and printing data. Free of Typer and Rich, so that the fast commands
(learnlog.fast) and the Typer commands share it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.journey import JourneyRecord
    from learnlog.store.database import Database


class GlobalOptions:
    """--db and --journey, wherever they were given."""

    def __init__(self) -> None:
        self.db: str | None = None
        self.journey: str | None = None


options = GlobalOptions()


@contextmanager
def database_session(*, write: bool = False) -> Iterator[Database]:
    """The database named by --db (or LEARNLOG_DB), in one transaction."""
    from learnlog.store.database import open_database
    from learnlog.store.location import resolve_location

    db = open_database(resolve_location(options.db))
    try:
        with db.transaction(write=write):
            yield db
    finally:
        db.close()


@contextmanager
def journey_session(*, write: bool = False) -> Iterator[tuple[Database, JourneyRecord]]:
    """The journey database, opened for one command: a write transaction when the
    command changes anything (all of it lands or none does), a consistent read otherwise."""
    from learnlog.store.facts import check_owner, select_journey
    from learnlog.store.location import chosen_journey

    prompt_cache = None
    with database_session(write=write) as db:
        chosen = chosen_journey(options.journey)
        journey = select_journey(db, chosen)
        if write:
            check_owner(db, journey)
        yield db, journey
        if db.is_server:
            from learnlog import clock
            from learnlog.store.facts import deadline_inputs
            from learnlog.store.prompt_cache import cache_key

            prompt_cache = cache_key(db.location, chosen), deadline_inputs(db, journey, clock.today())
    if prompt_cache is not None:
        from learnlog.store.prompt_cache import write_cache

        # Only once the transaction is committed: the prompt shows what is stored.
        write_cache(*prompt_cache)


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
