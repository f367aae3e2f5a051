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
def journey_session(*, write: bool = False) -> Iterator[tuple[Database, JourneyRecord]]:
    """The journey database, opened for one command: a write transaction when the
    command changes anything (all of it lands or none does), a consistent read otherwise."""
    from learnlog.store.database import open_database
    from learnlog.store.facts import select_journey
    from learnlog.store.location import chosen_journey, resolve_location

    db = open_database(resolve_location(options.db))
    try:
        with db.transaction(write=write):
            yield db, select_journey(db, chosen_journey(options.journey))
    finally:
        db.close()


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
