"""What the public progress site shows, as plain data: built from the cadence facts
and the store's aggregates and records, with what stays private left out. Pure: no
I/O, and no cadence rule of its own (every deadline, streak and check-in is the
cadence domain's).

Private by default: the site shows aggregates (days, deadlines, streaks, hours,
the calendar) and the posts; notes, tags, links of ordinary entries, attachments
and questions only when asked for (`with_notes`). An entry tagged `private` never
appears, asked for or not, though it still counts in every aggregate.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from learnlog.domain.board import BoardRow
from learnlog.domain.cadence import CadenceFacts, Deadline
from learnlog.domain.progress import HEATMAP_WEEKS, CalendarDay, calendar, calendar_window
from learnlog.domain.questions import ANSWER_WORDS, Question
from learnlog.domain.records import EntryRecord, TopicRecord
from learnlog.domain.report import AttachmentInfo
from learnlog.errors import InputError
from learnlog.pages import web_address
from learnlog.views.status import board_state_text
from learnlog.views.text import count_text

PRIVATE_TAG = "private"
"""An entry with this tag (in any case) never appears on the site."""
NOTES_WINDOW_DAYS = 30
"""With notes, the site shows the entries, answers and fixes of this many days, today included."""
YEAR_WEEKS = 53
"""The index's calendar: this week and the 52 before it, a year whatever the weekday."""
CARD_WEEKS = HEATMAP_WEEKS
"""The card's calendar: the last 26 weeks, as the dashboard's."""
BADGE_LABEL = "learning in public"
DEFAULT_TITLE = "Learning in public"
"""The title of a site not given one: the journey's name stays private too."""
BOARD_TITLE = "Learning together"
"""The title of a group's page not given one."""

_BASE_URL = re.compile(r"https?://[^\s/?#@]+(/[^\s?#]*)?", re.IGNORECASE)


def is_private(tags: Iterable[str]) -> bool:
    """True when the tags hold PRIVATE_TAG, in any case."""
    return any(tag.casefold() == PRIVATE_TAG for tag in tags)


class DeadlineRecord(namedtuple("DeadlineRecord", "kept closed")):
    """How the journey has kept its promise: `kept` of the `closed` deadlines (met in
    time, or missed); the open deadline is not yet either, so it is never counted."""

    __slots__ = ()

    def text(self) -> str:
        """'kept 14 of 15 deadlines', 'kept 1 of 1 deadline', 'no deadline has passed yet'."""
        if not self.closed:
            return "no deadline has passed yet"
        return f"kept {self.kept} of {count_text(self.closed, 'deadline')}"


def deadline_record(deadlines: Iterable[Deadline]) -> DeadlineRecord:
    """The record of the cadence domain's deadlines (see `Deadline.kept`)."""
    closed = [deadline for deadline in deadlines if deadline.kept is not None]
    return DeadlineRecord(sum(1 for deadline in closed if deadline.kept), len(closed))


def badge_text(facts: CadenceFacts) -> tuple[str, str]:
    """The badge's two halves: ('learning in public', 'Day 21 · streak 4'), the streak
    in check-ins."""
    return BADGE_LABEL, f"Day {facts.day} · streak {facts.streak.checkins}"


def check_base_url(url: str) -> str:
    """The address the site is served at, for the feed's absolute links: an http(s)
    address of a host and maybe a path, without a query or a fragment; returned
    without its trailing slash."""
    text = url.strip()
    if not _BASE_URL.fullmatch(text):
        raise InputError(
            f"--base-url takes the http(s) address the site is served at, such as"
            f" https://you.github.io/learning, not {url!r}"
        )
    return text.rstrip("/")


def check_title(title: str) -> str:
    """A title for the site: one line of text, not empty."""
    text = " ".join(title.split())
    if not text:
        raise InputError("--title cannot be empty")
    return text


def title_of(note: str | None) -> str | None:
    """A post's title: the first line of its note, its spaces collapsed."""
    for line in (note or "").splitlines():
        if line.strip():
            return " ".join(line.split())
    return None


@dataclass(frozen=True)
class Post:
    """A published update as the site lists it."""

    number: int
    """Its place among the site's posts, oldest first, from 1."""
    day: date
    day_number: int
    title: str
    href: str | None
    timestamp: str
    uid: str
    tags: tuple[str, ...]
    """Shown only with notes (empty otherwise)."""


@dataclass(frozen=True)
class TopicHours:
    name: str
    area: str | None
    minutes: int
    target_hours: float | None
    archived: bool

    @property
    def share(self) -> float | None:
        """How far along its target the topic is, from 0 to 1; None without one."""
        if not self.target_hours:
            return None
        return min(1.0, self.minutes / (self.target_hours * 60))


@dataclass(frozen=True)
class NoteEntry:
    """An entry as the site shows it with notes."""

    day: date
    day_number: int
    topic: str | None
    minutes: int | None
    kind: str
    note: str | None
    tags: tuple[str, ...]
    link: str | None
    attachments: tuple[AttachmentInfo, ...]


@dataclass(frozen=True)
class Resolved:
    """A question answered or a bug fixed, as the site shows it with notes."""

    kind: str
    topic: str | None
    asked: date
    resolved: date
    question: str | None
    answer: str
    answer_word: str
    days_taken: int
    link: str | None


@dataclass(frozen=True)
class Notes:
    """What only `--with-notes` shows: the last NOTES_WINDOW_DAYS days' entries (newest
    first), and the questions answered and bugs fixed in them (newest answer first)."""

    since: date
    entries: tuple[NoteEntry, ...]
    answered: tuple[Resolved, ...]
    fixed: tuple[Resolved, ...]


@dataclass(frozen=True)
class Site:
    """Everything the site's files show."""

    title: str
    base_url: str | None
    facts: CadenceFacts
    record: DeadlineRecord
    sessions: int
    minutes: int
    year: tuple[CalendarDay, ...]
    """Whole weeks, Monday to Sunday, of the last YEAR_WEEKS weeks (or since the start)."""
    weeks: tuple[CalendarDay, ...]
    """The same for the card's CARD_WEEKS weeks."""
    topics: tuple[TopicHours, ...]
    """Most minutes first."""
    posts: tuple[Post, ...]
    """Newest first."""
    notes: Notes | None

    @property
    def today(self) -> date:
        return self.facts.today

    @property
    def badge(self) -> tuple[str, str]:
        return badge_text(self.facts)


def calendar_of(facts: CadenceFacts, daily: Mapping[date, tuple[int, int]], weeks: int) -> tuple[CalendarDay, ...]:
    """The calendar of the last `weeks` weeks as the dashboard marks it, from `daily`
    (minutes, entries) per day, which must cover those weeks up to today."""
    first, last = calendar_window(facts.start, facts.today, weeks)
    return tuple(
        calendar(
            facts, {day: totals[0] for day, totals in daily.items()},
            active_days=[day for day, totals in daily.items() if totals[1]], first=first, last=last,
        )
    )


def topic_hours(topics: Sequence[TopicRecord]) -> tuple[TopicHours, ...]:
    """The topics with time logged, and the active ones with a target: most minutes first."""
    shown = [
        TopicHours(topic.name, topic.area, topic.minutes, topic.target_hours, topic.archived)
        for topic in topics
        if topic.minutes or (topic.target_hours and not topic.archived)
    ]
    return tuple(sorted(shown, key=lambda topic: (-topic.minutes, topic.name.casefold(), topic.name)))


def public_posts(posts: Iterable[EntryRecord], start: date, *, with_notes: bool) -> tuple[Post, ...]:
    """The post entries that are not private, newest first, numbered oldest first."""
    kept = sorted(
        (post for post in posts if post.kind == "post" and not is_private(post.tags)),
        key=lambda post: (post.day, post.timestamp, post.uid),
    )
    listed = [
        Post(
            number=number, day=post.day, day_number=(post.day - start).days,
            title=title_of(post.note) or f"Update of Day {(post.day - start).days}",
            href=web_address(post.link), timestamp=post.timestamp, uid=post.uid,
            tags=post.tags if with_notes else (),
        )
        for number, post in enumerate(kept, start=1)
    ]
    return tuple(reversed(listed))


def note_entries(
    entries: Iterable[EntryRecord], start: date, attachments: Mapping[int, Sequence[AttachmentInfo]],
) -> tuple[NoteEntry, ...]:
    """The entries that are not private, newest first (posts too: a post is an entry)."""
    kept = sorted(
        (entry for entry in entries if not is_private(entry.tags)),
        key=lambda entry: (entry.day, entry.timestamp, entry.uid), reverse=True,
    )
    return tuple(
        NoteEntry(
            day=entry.day, day_number=(entry.day - start).days, topic=entry.topic, minutes=entry.minutes,
            kind=entry.kind, note=entry.note, tags=entry.tags, link=entry.link,
            attachments=tuple(attachments.get(entry.id, ())),
        )
        for entry in kept
    )


def resolved_items(resolved: Iterable[Question], private_ids: Iterable[int]) -> tuple[Resolved, ...]:
    """The questions and bugs resolved whose entry is not private, newest answer first."""
    private = set(private_ids)
    items = [
        Resolved(
            kind=found.kind, topic=found.topic, asked=found.day, resolved=found.resolution.day, question=found.note,
            answer=found.resolution.note, answer_word=ANSWER_WORDS[found.kind], days_taken=found.days_taken(),
            link=found.resolution.link,
        )
        for found in resolved
        if found.resolution is not None and found.id not in private
    ]
    return tuple(sorted(items, key=lambda item: item.resolved, reverse=True))


def notes_since(today: date) -> date:
    """The first day of the notes' window."""
    return today - timedelta(days=NOTES_WINDOW_DAYS - 1)


def build_site(
    *,
    title: str,
    base_url: str | None,
    facts: CadenceFacts,
    daily: Mapping[date, tuple[int, int]],
    sessions: int,
    minutes: int,
    topics: Sequence[TopicRecord],
    posts: Iterable[EntryRecord],
    notes: Iterable[EntryRecord] | None = None,
    attachments: Mapping[int, Sequence[AttachmentInfo]] | None = None,
    resolved: Iterable[Question] = (),
    private_ids: Iterable[int] = (),
) -> Site:
    """The site as of `facts.today`. `daily` maps a day to its (minutes, entries) over
    the last YEAR_WEEKS weeks; `sessions` and `minutes` are the journey's totals; `posts`
    its post entries. `notes` (the entries of the notes' window) is given only for a
    site with notes, with their `attachments` by entry id, the questions and bugs
    `resolved` in the window, and `private_ids`, the ids of the entries tagged private
    (a question is an entry, so a private question stays out)."""
    with_notes = notes is not None
    since = notes_since(facts.today)
    site_notes = None
    if with_notes:
        in_window = (item for item in resolved if item.resolution and item.resolution.day >= since)
        found = resolved_items(in_window, private_ids)
        site_notes = Notes(
            since=max(since, facts.start),
            entries=note_entries(
                (entry for entry in notes if since <= entry.day <= facts.today), facts.start, attachments or {},
            ),
            answered=tuple(item for item in found if item.kind == "confusion"),
            fixed=tuple(item for item in found if item.kind == "bug"),
        )
    return Site(
        title=check_title(title),
        base_url=check_base_url(base_url) if base_url is not None else None,
        facts=facts,
        record=deadline_record(facts.deadlines),
        sessions=sessions,
        minutes=minutes,
        year=calendar_of(facts, daily, YEAR_WEEKS),
        weeks=calendar_of(facts, daily, CARD_WEEKS),
        topics=topic_hours(topics),
        posts=public_posts((post for post in posts if post.day <= facts.today), facts.start, with_notes=with_notes),
        notes=site_notes,
    )


@dataclass(frozen=True)
class Member:
    """One journey's row on the group's page, as `learnlog board` shows it."""

    name: str
    day: int
    state: str
    """The cadence's state: overdue, due_today or on_track."""
    state_words: str
    """The state as the board says it: 'overdue 3d', 'due today', 'on track'."""
    due: date
    streak: int
    """Check-ins in the current streak."""
    longest_streak: int
    recent_minutes: int
    """Minutes logged in the last seven days."""
    last_checkin: date | None
    href: str | None
    """The member's own page, relative to the group's: only when it was built there."""


@dataclass(frozen=True)
class Board:
    """The group's page: every journey of a database, overdue ones first."""

    title: str
    today: date
    members: tuple[Member, ...]


def member_href(name: str) -> str:
    """Where a member's page is, from the group's page: the folder named as the
    journey, beside the group's index.html ('Ana Lopez' -> 'Ana%20Lopez/index.html')."""
    return f"{quote(name, safe='')}/index.html"


def build_board(*, title: str, today: date, rows: Iterable[BoardRow], built: Collection[str]) -> Board:
    """The group's page as of `today`, from the board's rows (in board order); each
    member whose name is in `built` (their page is built beside the group's) links to it."""
    return Board(
        title=check_title(title),
        today=today,
        members=tuple(
            Member(
                name=row.journey, day=row.facts.day, state=row.facts.state,
                state_words=board_state_text(row.facts), due=row.facts.due, streak=row.facts.streak.checkins,
                longest_streak=row.facts.longest_streak.checkins, recent_minutes=row.recent_minutes,
                last_checkin=row.facts.last_checkin, href=member_href(row.journey) if row.journey in built else None,
            )
            for row in rows
        ),
    )
