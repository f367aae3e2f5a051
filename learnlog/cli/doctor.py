"""`learnlog doctor`: is the journey's database sound, and where are its backups?"""

from __future__ import annotations

from learnlog.cli.declare import JSON, command
from learnlog.session import options, print_json
from learnlog.views.text import say

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


@command("doctor", JSON, examples=("learnlog doctor", "learnlog doctor --json"))
def doctor(as_json) -> int:
    """Check the database: integrity, foreign keys, schema revision, per-day
    totals, review cards, size, counts, backups (on PostgreSQL: the connection,
    the revision, per-day totals, review cards, row-level security and the
    counts). Exits 1 when something is wrong."""
    from learnlog.store.location import resolve_location
    from learnlog.store.maintenance import checkup as examine

    checkup = examine(resolve_location(options.db))
    if as_json:
        print_json(checkup.to_json())
    else:
        for line in _fact_lines(checkup.facts()):
            say(line)
        for problem in checkup.problems:
            say(f"Problem: {problem}")
        say("All well." if checkup.healthy else "Something is wrong: see the problems above.")
    return 0 if checkup.healthy else 1


def _fact_lines(facts) -> Iterator[str]:
    """Each fact on a line of its own; a fact of several lines under its label, indented."""
    for label, value in facts:
        if isinstance(value, str):
            yield f"{label}: {value}"
        else:
            yield f"{label}:"
            yield from (f"  {line}" for line in value)
