"""One command's session with its journey: the global options, the database opened
for it, and printing data. Standard library only and little of it, since every
command imports it."""

from __future__ import annotations

import sys

from learnlog.views.text import say

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.journey import JourneyRecord
    from learnlog.store.connection import Database


class GlobalOptions:
    """--db and --journey, wherever they were given."""

    def __init__(self) -> None:
        self.db: str | None = None
        self.journey: str | None = None
        # Whether this command has committed a change, so that a Ctrl-C after it
        # says the change was saved rather than that nothing was changed.
        self.saved = False


options = GlobalOptions()


class database_session:
    """`with database_session() as db:` the database named by --db (or LEARNLOG_DB),
    in one transaction: a write transaction when the command changes anything (all
    of it lands or none does), a consistent read otherwise. A class rather than
    contextlib's decorator, which would be one more import for every command."""

    def __init__(self, *, write: bool = False) -> None:
        self.write = write
        self.db: Database | None = None
        self.transaction = None

    def __enter__(self) -> Database:
        from learnlog.store.database import open_database
        from learnlog.store.location import resolve_location

        self.db = open_database(resolve_location(options.db))
        try:
            self.transaction = self.db.transaction(write=self.write)
            self.transaction.__enter__()
        except BaseException:
            self.db.close()
            raise
        return self.db

    def __exit__(self, kind, error, traceback) -> None:
        try:
            self.transaction.__exit__(kind, error, traceback)
            if error is None and self.write:
                options.saved = True
        finally:
            self.db.close()


class journey_session:
    """`with journey_session() as (db, journey):` the chosen journey in its
    database, opened for one command as `database_session` opens it; a write is
    refused unless the journey is yours."""

    def __init__(self, *, write: bool = False) -> None:
        self.database = database_session(write=write)
        self.write = write
        self.chosen: str | None = None
        self.journey: JourneyRecord | None = None

    def __enter__(self) -> tuple[Database, JourneyRecord]:
        from learnlog.store.facts import check_owner, select_journey
        from learnlog.store.location import chosen_journey

        db = self.database.__enter__()
        try:
            self.chosen = chosen_journey(options.journey)
            self.journey = select_journey(db, self.chosen)
            if self.write:
                check_owner(db, self.journey)
        except BaseException:
            self.database.__exit__(*sys.exc_info())
            raise
        return db, self.journey

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            self.database.__exit__(kind, error, traceback)
            return
        try:
            keep = _prompt_files(self.database.db, self.journey, self.chosen)
        except BaseException:
            self.database.__exit__(*sys.exc_info())
            raise
        self.database.__exit__(kind, error, traceback)
        # Only once the transaction is committed: the prompt shows what is stored.
        keep()


def _prompt_files(db: Database, journey: JourneyRecord, chosen: str | None):
    """Read, inside the command's transaction, what the shell prompt's files will
    hold; returns the function that writes them, to call once it has committed:
    the state file of `learnlog shell-init`, and for a journey on PostgreSQL the
    cache `remind --prompt` reads."""
    from learnlog import clock
    from learnlog.domain.cadence import due_facts
    from learnlog.store.facts import deadline_inputs
    from learnlog.store.prompt_state import state_path, state_text, write_state

    from learnlog.store.timer import running_session

    today = clock.today()
    inputs = deadline_inputs(db, journey, today)
    running = running_session(db, journey.id)
    due = due_facts(
        today=today, setter=inputs.setter, rules=inputs.rules, excused_days=inputs.excused_days
    ).due
    path = state_path(options.db, options.journey)

    def keep() -> None:
        import time

        write_state(path, state_text(due, server=db.is_server, written=time.time(), today=today, running=running))
        if db.is_server:
            from learnlog.store.prompt_cache import cache_key, write_cache

            write_cache(cache_key(db.location, chosen), inputs)

    return keep


def refresh_prompt_state() -> None:
    """Rewrite the shell prompt's state after a command that changed a journey
    without opening it as journey_session does (init, import, restore). Where
    the settings choose no journey (an import into another one, several to
    choose from), there is no state to write."""
    from learnlog.errors import LearnlogError

    try:
        with journey_session():
            pass
    except LearnlogError:
        pass


def print_json(data: object) -> None:
    """Print `data` as JSON: the text as stored for a pipe or a file, with what a
    terminal would obey written as JSON escapes when standard output is one."""
    import json

    from learnlog.views.text import document_output

    out = document_output()
    json.dump(data, out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def confirm(question: str) -> bool:
    """Ask a yes-or-no question on the terminal; anything but y or yes is no."""
    try:
        answer = input(f"{question} [y/N]: ")
    except EOFError:
        say(file=sys.stderr)
        return False
    return answer.strip().casefold() in ("y", "yes")
