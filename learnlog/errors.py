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
