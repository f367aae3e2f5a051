"""What every command shares: the global options, opening the journey, printing."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from learnlog.domain.journey import JourneyRecord
    from learnlog.store.database import Database


@dataclass
class GlobalOptions:
    db: str | None = None
    journey: str | None = None


options = GlobalOptions()

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def journey_session(*, write: bool = False) -> Iterator[tuple[Database, JourneyRecord]]:
    """The journey database, opened for one command: a write transaction when the
    command changes anything (all of it lands or none does), a consistent read otherwise."""
    from learnlog.store.database import open_database
    from learnlog.store.location import chosen_journey, resolve_location
    from learnlog.store.facts import select_journey

    db = open_database(resolve_location(options.db))
    try:
        with db.transaction(write=write):
            yield db, select_journey(db, chosen_journey(options.journey))
    finally:
        db.close()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def console(*, record: bool = False) -> Console:
    """A console that never reads user text as markup; colour only on a terminal
    and never with NO_COLOR (Rich honours both). `record` keeps what was printed,
    for saving as SVG or HTML."""
    from rich.console import Console

    return Console(markup=False, highlight=False, emoji=False, record=record)
