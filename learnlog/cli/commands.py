"""The command modules, in the order --help lists their commands; and what
`learnlog` itself says in --help."""

from __future__ import annotations

from learnlog.cli.declare import TOP, Root

MODULES = (
    "cadence", "entries", "timer", "questions", "journey", "dashboard", "reviews", "topics", "attachments", "posts",
    "repos", "transfer", "site", "doctor", "database", "shell",
)
"""Each module declares its commands when imported. A command line needs only the
modules up to the one that declares its first word, so the commands run most
often come first: status, remind (the prompt's) and skip, then log and the
entries."""


def load(word: str | None = None) -> None:
    """Import the command modules in order, until one has declared `word` (every
    one when `word` is None or declared by none)."""
    for name in MODULES:
        if word is not None and word in TOP:
            return
        __import__(f"learnlog.cli.{name}")

ROOT = Root(
    summary="Log what you learn, keep your cadence, and share your progress.",
    description=(
        "A bare `learnlog` opens the dashboard (or this help, before there is a journey).\n\n"
        'Dates are your local calendar days; LEARNLOG_TODAY=YYYY-MM-DD[THH:MM] fixes "now"'
        " for reproducible demos and tests."
    ),
    examples=(
        "learnlog init",
        'learnlog log numpy -d 45m -m "broadcasting finally clicked"',
        "learnlog status",
        "learnlog",
        "learnlog post draft -o day-12.md",
    ),
)
