"""The one family of errors learnlog raises on purpose.

Domain and store code raise these; the entry point turns them into one line on
stderr and an exit code, in exactly one place.
"""


class LearnlogError(Exception):
    """Something the user can fix; its message is one line, fit to print as is."""

    exit_code = 1


class InputError(LearnlogError):
    """A value the user typed (a date, a duration, a name, a file) is not acceptable."""


class NoJourney(LearnlogError):
    """There is no learnlog database (or no journey in it) where we looked."""


class DamagedDatabase(LearnlogError):
    """The database file is not SQLite, or SQLite reports it corrupt."""


class Unreadable(LearnlogError):
    """A journey that is there but cannot be read as things stand (its permissions,
    a log file left beside it)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with the one line that says what the interrupted command had changed
    and what it had not. A KeyboardInterrupt, so that nothing that catches the
    family above (or Exception) stops it on its way out."""

    def __init__(self, said: str = "Interrupted: nothing was changed.") -> None:
        super().__init__(said)
        self.said = said


def said_when_interrupted(interrupt: KeyboardInterrupt, *, saved: bool = False) -> str:
    """The line to print for a Ctrl-C: the command's own; else, when the command had
    already committed a change (`saved`), that it was saved; else that nothing was
    changed."""
    if isinstance(interrupt, Interrupted):
        return interrupt.said
    if saved:
        return "Interrupted: your change was saved; only its reply was cut short."
    return Interrupted().said
