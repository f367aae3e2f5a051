"""Progress reports and learning-in-public posts: what a period held, as plain data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from learnlog.domain.cadence import CadenceFacts, DayActivity, journey_facts
from learnlog.domain.pace import BEHIND
from learnlog.domain.progress import CalendarDay
from learnlog.domain.questions import Question
from learnlog.domain.records import EntryRecord, TopicRecord


@dataclass(frozen=True)
class AttachmentInfo:
    """A file attached to an entry (its bytes stay in the store until asked for)."""

    id: int
    name: str
    media_type: str
    size: int
    sha256: str
    notebook: str | None = None
    """For an image taken from a notebook's outputs: the notebook's name."""
    cell: int | None = None
    """For an image taken from a notebook's outputs: its cell, counted from 1."""

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "media_type": self.media_type, "size": self.size,
            "sha256": self.sha256, "notebook": self.notebook, "cell": self.cell,
        }


@dataclass(frozen=True)
class TopicSummary:
    """One topic's share of a period."""

    name: str
    area: str | None
    sessions: int
    minutes: int


@dataclass(frozen=True)
class Report:
    """Everything a progress report says about the period `since` to `until`."""

    journey: str
    start: date
    since: date
    until: date
    facts: CadenceFacts
    """The cadence as of `until`."""
    entries: tuple[EntryRecord, ...]
    """The period's entries, oldest first."""
    topics: tuple[TopicSummary, ...]
    """Per topic over the period, most minutes first."""
    calendar: tuple[CalendarDay, ...]
    """Every day of the period."""
    attachments: Mapping[int, tuple[AttachmentInfo, ...]] = field(default_factory=dict)
    """Attachments by entry id."""
    resolved: tuple[Question, ...] = ()
    """The questions and bugs resolved in the period, oldest answer first."""
    still_open: tuple[Question, ...] = ()
    """The questions and bugs open at the period's end, oldest first."""

    @property
    def sessions(self) -> int:
        return len(self.entries)

    @property
    def minutes(self) -> int:
        return sum(entry.minutes or 0 for entry in self.entries)

    @property
    def active_days(self) -> int:
        return len({entry.day for entry in self.entries})

    def of_kind(self, kind: str) -> tuple[EntryRecord, ...]:
        return tuple(entry for entry in self.entries if entry.kind == kind)

    def by_day(self) -> list[tuple[date, list[EntryRecord]]]:
        """The entries grouped by day, oldest day first."""
        days: dict[date, list[EntryRecord]] = {}
        for entry in self.entries:
            days.setdefault(entry.day, []).append(entry)
        return list(days.items())


def topic_summaries(entries: Sequence[EntryRecord], topics: Sequence[TopicRecord]) -> tuple[TopicSummary, ...]:
    """Per topic: sessions and minutes among `entries`, most minutes first."""
    areas = {topic.name: topic.area for topic in topics}
    totals: dict[str, list[int]] = {}
    for entry in entries:
        if entry.topic is not None:
            counted = totals.setdefault(entry.topic, [0, 0])
            counted[0] += 1
            counted[1] += entry.minutes or 0
    return tuple(
        TopicSummary(name, areas.get(name), sessions, minutes)
        for name, (sessions, minutes) in sorted(totals.items(), key=lambda item: (-item[1][1], item[0].casefold()))
    )


def slug(text: str, max_length: int = 60) -> str:
    """'Day 12: NumPy & Pandas!' -> 'day-12-numpy-pandas' (ASCII, for URLs and file names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:max_length].rstrip("-") or "update"


PRIVATE_TAG = "private"
"""Entries tagged so are never shown in a post (or on the public site); they still count."""


@dataclass(frozen=True)
class PostDraft:
    """The next learning-in-public update: the entries since the last post."""

    day: int
    today: date
    title: str
    since: date | None
    """The day of the previous post, None when this is the first."""
    entries: tuple[EntryRecord, ...]
    facts: CadenceFacts
    stale: tuple[str, ...]
    tags: tuple[str, ...]
    next_due: date
    """The deadline once this update is published today."""
    attachments: Mapping[int, tuple[AttachmentInfo, ...]] = field(default_factory=dict)
    behind: tuple[TopicRecord, ...] = ()
    """The topics behind the pace their dated target asks for."""
    reviews_due: tuple[str, ...] = ()
    """The topics due for review today, the longest due first."""
    resolved: tuple[Question, ...] = ()
    """The questions answered and bugs fixed since the previous post, oldest answer first."""
    still_open: tuple[Question, ...] = ()
    """The questions and bugs open today, oldest first."""

    @property
    def slug(self) -> str:
        return slug(self.title)

    def told(self) -> list[tuple[str | None, list[EntryRecord], list[Question]]]:
        """Each topic the update tells of, with its entries and its resolutions: the
        topics of `by_topic` first, then those with resolutions only, by name."""
        by_topic: dict[str | None, list[Question]] = {}
        for found in self.resolved:
            by_topic.setdefault(found.topic, []).append(found)
        told = [(topic, entries, by_topic.pop(topic, [])) for topic, entries in self.by_topic()]
        rest = sorted(by_topic.items(), key=lambda item: (item[0] is None, (item[0] or "").casefold()))
        return told + [(topic, [], resolved) for topic, resolved in rest]

    def by_topic(self) -> list[tuple[str | None, list[EntryRecord]]]:
        """The entries grouped by topic, the topic with the most minutes first; an
        entry tagged private is left out (it counts in `entries`, the totals)."""
        groups: dict[str | None, list[EntryRecord]] = {}
        for entry in self.entries:
            if PRIVATE_TAG not in entry.tags:
                groups.setdefault(entry.topic, []).append(entry)
        return sorted(
            groups.items(),
            key=lambda item: (item[0] is None, -sum(entry.minutes or 0 for entry in item[1]), (item[0] or "").casefold()),
        )


def post_title(day: int, topic_names: Sequence[str]) -> str:
    """'Day 12: NumPy, Pandas and Statistics' from the main topics (at most three)."""
    if not topic_names:
        return f"Day {day}: an update"
    main = list(topic_names[:3])
    listed = main[0] if len(main) == 1 else ", ".join(main[:-1]) + " and " + main[-1]
    return f"Day {day}: {listed}"


def due_after_posting(facts: CadenceFacts) -> date:
    """The deadline once an update is published today: the one a check-in today
    sets, since publishing is a check-in under either counting rule (`facts.due` is
    that deadline only when today has already checked in)."""
    activity = [DayActivity(day, entries=1, posts=1) for day in (*facts.checkins, facts.today)]
    after = journey_facts(
        start=facts.start, today=facts.today, rules=facts.rules, activity=activity, excused=facts.excused,
    )
    return after.due


def build_post_draft(
    *, facts: CadenceFacts, entries: Sequence[EntryRecord], previous_post: date | None,
    stale: Sequence[str], attachments: Mapping[int, tuple[AttachmentInfo, ...]] | None = None,
    topics: Sequence[TopicRecord] = (),
    resolved: Sequence[Question] = (), still_open: Sequence[Question] = (),
) -> PostDraft:
    """The draft for the entries since the previous post (oldest first), with the
    questions and bugs `resolved` since then and those `still_open`; of `topics`,
    those whose pace is behind their dated target are named in what comes next."""
    study = [entry for entry in entries if entry.kind != "post"]
    # A private entry counts in the totals, and is never told: nor its topic, nor its tags.
    told = [entry for entry in study if PRIVATE_TAG not in entry.tags]
    summaries = topic_summaries(told, [])
    topic_names = [summary.name for summary in summaries]
    tags: list[str] = []
    for name in topic_names[:5] + sorted({tag for entry in told for tag in entry.tags}, key=str.casefold):
        tag = slug(name, 30)
        if tag not in tags:
            tags.append(tag)
    return PostDraft(
        day=facts.day,
        today=facts.today,
        title=post_title(facts.day, topic_names),
        since=previous_post,
        entries=tuple(study),
        facts=facts,
        stale=tuple(stale),
        tags=tuple(tags),
        next_due=due_after_posting(facts),
        attachments=attachments or {},
        behind=tuple(topic for topic in topics if topic.pace and topic.pace.state == BEHIND),
        resolved=tuple(resolved),
        still_open=tuple(still_open),
    )
