"""Open questions and bugs: every `confusion` entry is a question and every `bug`
a bug, open until a resolution (what was understood, how it was fixed) closes it.

A resolution is not an entry: it has no minutes and makes no check-in. Pure:
dates in, facts out.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime

from learnlog.errors import InputError

RESOLVABLE = ("confusion", "bug")
"""The kinds of entry that stay open until resolved."""
WORDS = {"confusion": "question", "bug": "bug"}
"""What the learner calls each: a confusion entry is a question."""
ANSWER_WORDS = {"confusion": "answer", "bug": "fix"}
DONE_WORDS = {"confusion": "answered", "bug": "fixed"}


# Named tuples rather than dataclasses: `status` imports this module on every run,
# and a dataclass costs it a millisecond to build.


class Resolution(namedtuple("Resolution", "day timestamp note link")):
    """The answer to a question or the fix of a bug, and when it came: `day` is
    the local calendar day of `timestamp` (ISO 8601 with its UTC offset)."""

    __slots__ = ()
    day: date
    timestamp: str
    note: str
    link: str | None

    def to_json(self) -> dict:
        """As a journey document carries it."""
        return {"date": self.day.isoformat(), "timestamp": self.timestamp, "note": self.note, "link": self.link}


class Question(namedtuple("Question", "id uid day timestamp topic kind note link resolution")):
    """A question (a confusion entry) or a bug, with its resolution once it has one."""

    __slots__ = ()
    id: int
    uid: str
    day: date
    timestamp: str
    topic: str | None
    kind: str
    note: str | None
    link: str | None
    resolution: Resolution | None

    @property
    def word(self) -> str:
        """'question' or 'bug'."""
        return WORDS[self.kind]

    def open_days(self, today: date) -> int | None:
        """Days from the entry's day to `today` while open; None once resolved."""
        return None if self.resolution is not None else (today - self.day).days

    def days_taken(self) -> int | None:
        """Days from the entry's day to its resolution's day; None while open."""
        return None if self.resolution is None else (self.resolution.day - self.day).days

    def to_json(self, today: date) -> dict:
        """As `learnlog questions --json` prints it."""
        resolution = None
        if self.resolution is not None:
            resolution = {**self.resolution.to_json(), "days": self.days_taken()}
        return {
            "id": self.id, "uid": self.uid, "kind": self.kind, "topic": self.topic, "date": self.day.isoformat(),
            "timestamp": self.timestamp, "note": self.note, "link": self.link,
            "open_days": self.open_days(today), "resolution": resolution,
        }


class OpenSummary(namedtuple("OpenSummary", "questions bugs oldest_day oldest_kind oldest_topic")):
    """How many questions and bugs are open, and the oldest of them (its day, kind
    and topic; None when nothing is open)."""

    __slots__ = ()
    questions: int
    bugs: int
    oldest_day: date | None
    oldest_kind: str | None
    oldest_topic: str | None

    @property
    def total(self) -> int:
        return self.questions + self.bugs

    def to_json(self) -> dict:
        """The keys `status --json` adds."""
        return {
            "open_questions": self.questions, "open_bugs": self.bugs,
            "oldest_open": self.oldest_day.isoformat() if self.oldest_day else None,
        }


def check_resolvable(entry_id: int, kind: str) -> None:
    """Only a question (confusion) or a bug can be resolved or reopened."""
    if kind not in RESOLVABLE:
        raise InputError(
            f"entry #{entry_id} is a {kind} entry: only questions (kind confusion) and bugs are resolved"
        )


def check_resolution_moment(entry_id: int, logged: datetime, resolved: datetime) -> datetime:
    """A resolution comes no earlier than the entry it resolves (the future is
    refused where the moment is made, as for `log`)."""
    if resolved < logged:
        raise InputError(
            f"entry #{entry_id} was logged {logged:%Y-%m-%d %H:%M}, after {resolved:%Y-%m-%d %H:%M}:"
            f" a resolution cannot come before it (give a later --date, e.g. '{logged:%Y-%m-%d %H:%M}')"
        )
    return resolved


def check_kind_change(entry_id: int, kind: str, new_kind: str, *, resolved: bool) -> None:
    """A resolved question or bug stays a question or a bug: its resolution would
    mean nothing on another kind of entry, so it must be reopened first."""
    if resolved and kind in RESOLVABLE and new_kind not in RESOLVABLE:
        raise InputError(
            f"entry #{entry_id} is a resolved {WORDS[kind]}: reopen it first"
            f" (learnlog reopen {entry_id}) to make it a {new_kind} entry"
        )


def check_question_kind(text: str) -> str:
    """The --kind of `learnlog questions`: confusion or bug."""
    cleaned = text.strip().casefold()
    if cleaned not in RESOLVABLE:
        raise InputError(f"--kind takes confusion or bug, not {text!r}")
    return cleaned


def question_state(*, resolved: bool, everything: bool) -> str:
    """Which questions `learnlog questions` lists: 'open' (the default), 'resolved'
    or 'all'; --resolved and --all together are refused."""
    if resolved and everything:
        raise InputError("give --resolved or --all, not both (--all shows the resolved ones too)")
    return "all" if everything else "resolved" if resolved else "open"
