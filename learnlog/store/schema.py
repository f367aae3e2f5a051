"""The one definition of learnlog's schema, as SQLModel tables.

Alembic migrates databases to match these tables (a test compares them with a
freshly migrated database of each kind); the store's queries are plain SQL over
the same tables, so the commands people run many times a day never import
SQLAlchemy. Dates are DATE columns; moments are ISO 8601 text with their UTC
offset, because the offset is part of what the user told us (PostgreSQL's
timestamptz would keep the instant and drop the offset).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, Text, UniqueConstraint, true
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


def _journey_id() -> int:
    return Field(
        sa_column=Column(Integer, ForeignKey("journey.id", ondelete="CASCADE"), nullable=False)
    )


class Journey(SQLModel, table=True):
    """A learner's journey: when it started, and (on PostgreSQL) the role that owns it."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    owner: str | None = Field(default=None, max_length=63)
    start: date
    created_at: str = Field(max_length=40)


class Setting(SQLModel, table=True):
    """One of a journey's settings (`learnlog config`), kept in the database itself."""

    journey_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True
        )
    )
    name: str = Field(max_length=40, primary_key=True)
    value: str = Field(max_length=200)


class CadenceRule(SQLModel, table=True):
    """The cadence in force from `effective` on: an update every `every` days,
    counting any entry or only posts; under 'any', a day is a check-in only when
    its entries total `min_minutes` (0: no minimum) or it holds a post."""

    __tablename__ = "cadence_rule"
    __table_args__ = (UniqueConstraint("journey_id", "effective"),)

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = _journey_id()
    effective: date
    every: int
    counts: str = Field(max_length=4)
    min_minutes: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Topic(SQLModel, table=True):
    """Something being learned. `name_key` makes names unique ignoring case and
    separators; `curriculum` remembers the curriculum a topic came from."""

    __table_args__ = (UniqueConstraint("journey_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = _journey_id()
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    area: str | None = Field(default=None, max_length=80)
    target_hours: float | None = None
    target_by: date | None = None
    """The day `target_hours` should be reached by, or None for a target without a date."""
    archived: bool = False
    curriculum: str | None = Field(default=None, max_length=80)
    created_at: str = Field(max_length=40)


class Entry(SQLModel, table=True):
    """One logged session (or post). `day` is the local calendar day it counts
    for, stored so nothing downstream re-derives it from `logged_at`."""

    __table_args__ = (
        Index("ix_entry_journey_day_kind", "journey_id", "day", "kind"),
        Index("ix_entry_journey_topic_day_minutes", "journey_id", "topic_id", "day", "minutes"),
        Index("ix_entry_topic_day", "topic_id", "day"),
        Index("ix_entry_journey_kind_day", "journey_id", "kind", "day", "logged_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    journey_id: int = _journey_id()
    topic_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("topic.id"), nullable=True)
    )
    day: date
    logged_at: str = Field(max_length=40)
    minutes: int | None = None
    kind: str = Field(max_length=12)
    note: str | None = None
    link: str | None = None
    confidence: int | None = None
    created_at: str = Field(max_length=40)
    updated_at: str = Field(max_length=40)
    post_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("entry.id", ondelete="SET NULL", name="fk_entry_post"), nullable=True
        ),
    )
    """The published post that covered this entry (`learnlog post publish`)."""


class EntryDay(SQLModel, table=True):
    """A journey's entries, posts and minutes on one day: what the cadence and the
    totals read. Kept up to date by triggers on `entry` (migration 0005), never
    written by learnlog's own statements."""

    __tablename__ = "entry_day"

    journey_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True
        )
    )
    day: date = Field(primary_key=True)
    entries: int
    posts: int
    minutes: int


class TopicTotal(SQLModel, table=True):
    """A topic's entries, minutes and last day: what `topic list` and the
    dashboard read. Kept up to date by triggers on `entry` (migration 0009),
    never written by learnlog's own statements; a topic without entries has no row."""

    __tablename__ = "topic_total"

    topic_id: int = Field(
        sa_column=Column(Integer, ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    )
    journey_id: int = _journey_id()
    sessions: int
    minutes: int
    last_day: date


class EntryTag(SQLModel, table=True):
    """A tag on an entry; tags are kept as typed, one row each."""

    __tablename__ = "entry_tag"
    __table_args__ = (Index("ix_entry_tag_tag", "tag"),)

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    )
    tag: str = Field(max_length=60, primary_key=True)


class ExcusedDay(SQLModel, table=True):
    """A day excused from the cadence (illness, travel, exams); `late` when it
    was excused after the fact."""

    __tablename__ = "excused_day"

    journey_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True
        )
    )
    day: date = Field(primary_key=True)
    reason: str | None = None
    late: bool = False
    created_at: str = Field(max_length=40)


class Attachment(SQLModel, table=True):
    """A file kept inside the database (so one file holds the whole journey), stored
    once per content hash within a journey."""

    __table_args__ = (UniqueConstraint("journey_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = _journey_id()
    sha256: str = Field(max_length=64)
    name: str = Field(max_length=255)
    media_type: str = Field(max_length=100)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    notebook: str | None = Field(default=None, max_length=255)
    """For an image taken from a notebook's outputs: the notebook's name."""
    cell: int | None = None
    """For an image taken from a notebook's outputs: its cell, counted from 1."""


class EntryAttachment(SQLModel, table=True):
    """Which entries carry which attachment."""

    __tablename__ = "entry_attachment"
    __table_args__ = (Index("ix_entry_attachment_attachment", "attachment_id"),)

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    )
    attachment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("attachment.id"), primary_key=True)
    )


class Resolution(SQLModel, table=True):
    """The answer to a question (a `confusion` entry) or the fix of a bug: what was
    understood or done, and when. Not an entry: it makes no check-in."""

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    )
    day: date
    """The local calendar day of `resolved_at`."""
    resolved_at: str = Field(max_length=40)
    note: str = Field(sa_column=Column(Text, nullable=False))
    link: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: str = Field(max_length=40)


class TopicCard(SQLModel, table=True):
    """A topic's spaced-review card (FSRS), derived from the entries that rate it.
    Triggers on `entry` (migration 0007) mark it `stale` whenever a rating changes;
    learnlog recomputes a stale card, or one computed with another retention or
    fsrs version, before showing it."""

    __tablename__ = "topic_card"
    __table_args__ = (Index("ix_topic_card_journey_due_day", "journey_id", "due_day"),)

    topic_id: int = Field(
        sa_column=Column(Integer, ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    )
    journey_id: int = _journey_id()
    stale: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    fsrs_version: str | None = Field(default=None, max_length=20)
    retention: float | None = None
    reviews: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    last_review: str | None = Field(default=None, max_length=40)
    last_rating: int | None = None
    due: str | None = Field(default=None, max_length=40)
    """The FSRS due time, ISO 8601 in UTC."""
    due_day: date | None = None
    """The calendar day of `due` in the UTC offset of the latest review."""
    stability: float | None = None
    difficulty: float | None = None
    card: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    """fsrs's own Card, as its to_json gives it."""


class RunningSession(SQLModel, table=True):
    """The session a timer is running (`learnlog start`), at most one per journey;
    `learnlog stop` logs it as an entry. `tags` are the tags given at the start,
    one a line."""

    __tablename__ = "running_session"

    journey_id: int = Field(
        sa_column=Column(Integer, ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True)
    )
    topic_id: int = Field(
        sa_column=Column(Integer, ForeignKey("topic.id", ondelete="CASCADE"), nullable=False)
    )
    kind: str = Field(max_length=12)
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    tags: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    started_at: str = Field(max_length=40)
    created_at: str = Field(max_length=40)


class Repository(SQLModel, table=True):
    """A git repository whose commits `learnlog sync` brings in, registered per
    journey and per computer: `path` is the work tree on `host` (the computer's
    host name). `authors` are the e-mail addresses whose commits count, one a line."""

    __table_args__ = (UniqueConstraint("journey_id", "host", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = _journey_id()
    host: str = Field(max_length=255)
    name: str = Field(max_length=255)
    path: str = Field(sa_column=Column(Text, nullable=False))
    topic_id: int = Field(
        sa_column=Column(Integer, ForeignKey("topic.id", ondelete="CASCADE"), nullable=False)
    )
    authors: str = Field(sa_column=Column(Text, nullable=False))
    created_at: str = Field(max_length=40)


class SyncedCommit(SQLModel, table=True):
    """A commit hash `sync` has seen for the journey, on whichever computer, and the
    entry it went into (NULL once that entry is deleted: the hash stays seen)."""

    __tablename__ = "synced_commit"
    __table_args__ = (Index("ix_synced_commit_entry", "entry_id"),)

    journey_id: int = Field(
        sa_column=Column(Integer, ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True)
    )
    hash: str = Field(max_length=64, primary_key=True)
    entry_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("entry.id", ondelete="SET NULL"), nullable=True)
    )
    repository: str = Field(max_length=255)
    created_at: str = Field(max_length=40)
