"""learnlog's journey document: one JSON object that holds a whole journey (its
start, settings, cadence rules, excused days, topics and entries). It is what the
json export writes, what import reads, and the form the sample journeys ship in.

Reading a document checks every field and names the first bad record, so a
malformed file is refused before anything is written.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from learnlog.domain.cadence import Excuse, Rule, check_excused_day, rule_on
from learnlog.domain.dates import check_entry_day, check_entry_moment, check_journey_start
from learnlog.domain.questions import RESOLVABLE, Resolution
from learnlog.domain.records import (
    MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME, EntryRecord, check_attachment_name, check_confidence,
    check_target_hours, check_text, clean_link, clean_note, entry_fields,
)
from learnlog.domain.settings import DEFAULTS, check_setting
from learnlog.domain.topics import MAX_NAME_LENGTH, clean_name, topic_key
from learnlog.errors import InputError

FORMAT = "learnlog-journey"
VERSION = 4
"""2: cadence rules carry min_minutes, topics target_by, settings skip-budget.
3: questions and bugs carry their resolution.
4: attachments carry the notebook and cell an image was taken from.
Every older version still imports: a missing field means what it meant then."""
MAX_MEDIA_TYPE = 100
"""The longest media type the schema holds."""
MAX_CELL = 2**31 - 1
"""The largest cell number the schema holds (an INTEGER on PostgreSQL)."""


def compact_json(value: Any) -> str:
    """JSON as a journey document writes it: UTF-8 as is, no spaces (the form in
    which SQLite's json_object writes it too)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


@dataclass(frozen=True)
class DocumentTopic:
    name: str
    area: str | None
    target_hours: float | None
    archived: bool
    curriculum: str | None
    target_by: date | None = None
    """The day the target should be reached by: in a document only when there is one
    (documents written before targets had dates have none)."""

    def to_json(self) -> dict[str, Any]:
        dated = {"target_by": self.target_by.isoformat()} if self.target_by else {}
        return {
            "name": self.name, "area": self.area, "target_hours": self.target_hours,
            "archived": self.archived, "curriculum": self.curriculum, **dated,
        }


@dataclass(frozen=True)
class DocumentAttachment:
    """An attachment as a document lists it; `content` is None when the file was
    exported without the bytes."""

    name: str
    media_type: str
    size: int
    sha256: str
    content: bytes | None = None
    notebook: str | None = None
    """For an image taken from a notebook's outputs: the notebook's name."""
    cell: int | None = None
    """For an image taken from a notebook's outputs: its cell, counted from 1."""


@dataclass(frozen=True)
class DocumentCommit:
    """A commit `sync` has seen for the journey: its hash, the repository it came
    from, and the uid of the entry it went into (None once that entry was deleted:
    the hash stays seen, so the commit is never brought in again)."""

    hash: str
    repository: str
    entry: str | None

    def to_json(self) -> dict:
        return {"hash": self.hash, "repository": self.repository, "entry": self.entry}


@dataclass(frozen=True)
class JourneyDocument:
    name: str
    start: date
    settings: dict[str, str]
    rules: tuple[Rule, ...]
    excused: tuple[Excuse, ...]
    topics: tuple[DocumentTopic, ...]
    entries: tuple[EntryRecord, ...]
    attachments: Mapping[str, tuple[DocumentAttachment, ...]] = field(default_factory=dict)
    """Attachments by entry uid."""
    posts: Mapping[str, str] = field(default_factory=dict)
    """The uid of the published post that covered an entry, by entry uid."""
    commits: tuple[DocumentCommit, ...] = ()
    """The commits sync has seen (version 4 on)."""

    def shifted(self, days: int) -> JourneyDocument:
        """The same journey moved `days` later, every date with it (for demos)."""
        step = timedelta(days=days)

        def moved(stamp: str) -> str:
            return (datetime.fromisoformat(stamp) + step).isoformat()

        return replace(
            self,
            start=self.start + step,
            rules=tuple(rule._replace(effective=rule.effective + step) for rule in self.rules),
            excused=tuple(excuse._replace(day=excuse.day + step) for excuse in self.excused),
            topics=tuple(
                replace(topic, target_by=topic.target_by + step) if topic.target_by else topic
                for topic in self.topics
            ),
            entries=tuple(
                replace(
                    entry, day=entry.day + step, timestamp=moved(entry.timestamp),
                    resolution=entry.resolution._replace(
                        day=entry.resolution.day + step, timestamp=moved(entry.resolution.timestamp),
                    ) if entry.resolution else None,
                )
                for entry in self.entries
            ),
        )


class _Reader:
    """Reads one record's fields, naming the record in every complaint."""

    def __init__(self, record: Any, where: str) -> None:
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected an object, not {type(record).__name__}")
        self.record = record
        self.where = where

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.where}: {message}")

    def get(self, key: str, kinds: tuple[type, ...], *, required: bool = True, longest: int | None = None) -> Any:
        """The field `key`, of one of `kinds`; text is refused unless check_text
        takes it (both databases must hold the same), or over `longest` characters."""
        if key not in self.record:
            if required:
                raise self.fail(f"missing {key!r}")
            return None
        value = self.record[key]
        if value is None and not required:
            return None
        if isinstance(value, bool) and bool not in kinds:
            raise self.fail(f"{key!r} must be {' or '.join(kind.__name__ for kind in kinds)}")
        if not isinstance(value, kinds):
            raise self.fail(f"{key!r} must be {' or '.join(kind.__name__ for kind in kinds)}, not {value!r}")
        if isinstance(value, str):
            self.checked(check_text, value, repr(key))
            if longest is not None and len(value) > longest:
                raise self.fail(f"{key!r} is longer than {longest} characters")
        return value

    def day(self, key: str) -> date:
        text = self.get(key, (str,))
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{key!r} is not an ISO date: {text!r}") from None

    def checked(self, check, *args):
        return _named(self.where, lambda: check(*args))


def _named(where: str, check: Callable[[], Any]) -> Any:
    """What `check` returns, or its InputError with `where` in front."""
    try:
        return check()
    except InputError as error:
        raise InputError(f"{where}: {error}") from None


def _attachment(record: Any, where: str) -> DocumentAttachment:
    reader = _Reader(record, where)
    digest = reader.get("sha256", (str,))
    content = None
    encoded = reader.get("content", (str,), required=False)
    if encoded is not None:
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise reader.fail("'content' is not base64") from None
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise reader.fail(f"'content' is over the {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB an attachment may hold")
        if hashlib.sha256(content).hexdigest() != digest:
            raise reader.fail("'content' does not match its 'sha256'")
    notebook, cell = _origin(reader)
    return DocumentAttachment(
        name=reader.checked(check_attachment_name, reader.get("name", (str,)), "'name'"),
        media_type=reader.get("media_type", (str,), longest=MAX_MEDIA_TYPE),
        size=reader.get("size", (int,)),
        sha256=digest,
        content=content,
        notebook=notebook,
        cell=cell,
    )


_COMMIT_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _commit(record: Any, where: str, uids: set[str]) -> DocumentCommit:
    reader = _Reader(record, where)
    commit_hash = reader.get("hash", (str,))
    if not _COMMIT_HASH.fullmatch(commit_hash):
        raise reader.fail(f"'hash' is not a git commit hash: {commit_hash!r}")
    repository = reader.get("repository", (str,), longest=MAX_NAME_LENGTH)
    entry = reader.get("entry", (str,), required=False)
    if entry is not None:
        reader.checked(_uid, entry, "entry")
        if entry not in uids:
            raise reader.fail(f"'entry' names no entry of this document: {entry!r}")
    return DocumentCommit(commit_hash, repository, entry)


def _origin(reader: _Reader) -> tuple[str | None, int | None]:
    """An attachment's optional 'notebook' and 'cell' (version 4): the name of the
    notebook an image was taken from and its cell, from 1; both or neither."""
    notebook = reader.get("notebook", (str,), required=False)
    cell = reader.get("cell", (int,), required=False)
    if (notebook is None) != (cell is None):
        raise reader.fail("'notebook' and 'cell' come together: an image's notebook and its cell")
    if notebook is None:
        return None, None
    if not 1 <= cell <= MAX_CELL:
        raise reader.fail(f"'cell' counts a notebook's cells from 1 (to {MAX_CELL:,}), not {cell}")
    return reader.checked(check_attachment_name, notebook, "'notebook'"), cell


def _uid(text: str, key: str) -> str:
    try:
        uuid.UUID(text)
    except ValueError:
        raise InputError(f"{key!r} is not a UUID: {text!r}") from None
    return text


def _target_by(reader: _Reader, target_hours: float | None) -> date | None:
    """A topic's optional 'target_by': an ISO date, and only with a target to date
    (as `topic add --by` asks). A past day is kept: a target may have been missed."""
    if reader.get("target_by", (str,), required=False) is None:
        return None
    if target_hours is None:
        raise reader.fail("'target_by' needs a 'target_hours' to date")
    return reader.day("target_by")


def _finite(reader: _Reader, number: int | float) -> float:
    try:
        return float(number)
    except OverflowError:
        raise reader.fail(f"number out of range: {str(number)[:20]}…") from None


def _moment(reader: _Reader, day: date) -> datetime:
    """The record's 'timestamp': ISO 8601 with a UTC offset, on its 'date' `day`."""
    stamp = reader.get("timestamp", (str,))
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        raise reader.fail(f"'timestamp' is not an ISO date-time: {stamp!r}") from None
    if moment.tzinfo is None:
        raise reader.fail(f"'timestamp' has no UTC offset: {stamp!r}")
    if moment.date() != day:
        raise reader.fail(f"'timestamp' {stamp} is not on its 'date' {day.isoformat()}")
    return moment


def _resolution(record: Any, where: str, *, kind: str, logged: datetime, now: datetime) -> Resolution:
    """An entry's 'resolution', held to the rules of `resolve`: a question's or a
    bug's, with an answer, no earlier than the entry and not later than `now`."""
    reader = _Reader(record, where)
    if kind not in RESOLVABLE:
        raise reader.fail(f"only a question (kind confusion) or a bug has a resolution, not a {kind} entry")
    day = reader.day("date")
    moment = _moment(reader, day)
    reader.checked(lambda: check_entry_moment(moment, now=now, start=date.min))
    if moment < logged:
        raise reader.fail(f"it comes before its entry ({logged.isoformat()})")
    note = reader.checked(clean_note, reader.get("note", (str,)))
    if note is None:
        raise reader.fail("'note' cannot be empty: say what was understood or fixed")
    link = reader.get("link", (str,), required=False)
    return Resolution(
        day, moment.isoformat(timespec="seconds"), note, reader.checked(clean_link, link) if link is not None else None,
    )


def read_entry(
    record: Any, where: str, *, now: datetime, start: date | None, require_topic: bool = True
) -> EntryRecord:
    """One entry object, as `entries --json` and the json export write it; `where`
    names it in complaints ("entry 3", "row 7"). Its fields are held to the rules
    of `log` (entry_fields, clean_name, check_entry_moment): within a journey that
    started on `start` and not later than `now`. A `start` of None leaves the
    journey's start to the caller (csv and jrnl imports may move it back). Unless
    `require_topic` is False, only a post may have no topic. A question's or
    bug's `resolution`, when it has one, is held to the rules of `resolve`."""
    reader = _Reader(record, where)
    uid = reader.checked(_uid, reader.get("uid", (str,)), "uid")
    day = reader.day("date")
    moment = _moment(reader, day)
    reader.checked(lambda: check_entry_moment(moment, now=now, start=date.min if start is None else start))
    kind = reader.get("kind", (str,))
    topic = reader.get("topic", (str,), required=False)
    minutes = reader.get("minutes", (int,), required=False)
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        raise reader.fail(f"'minutes' must be from 1 to 1440, not {minutes}")
    confidence = reader.get("confidence", (int,), required=False)
    tags = reader.get("tags", (list,), required=False) or []
    if not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise reader.fail("'tags' must be a list of non-empty strings")
    note, link = reader.get("note", (str,), required=False), reader.get("link", (str,), required=False)
    fields = reader.checked(
        lambda: entry_fields(
            note=note, duration=None, kind=kind, tags=tags, link=link, confidence=None, clearing=False,
        )
    )
    if topic is None and fields["kind"] != "post" and require_topic:
        raise reader.fail("only a post may have no topic")
    resolution = reader.get("resolution", (dict,), required=False)
    return EntryRecord(
        id=0,
        uid=uid,
        day=day,
        timestamp=moment.isoformat(timespec="seconds"),
        topic=reader.checked(clean_name, topic) if topic is not None else None,
        minutes=minutes,
        kind=fields["kind"],
        note=fields.get("note"),
        tags=fields["tags"],
        link=fields.get("link"),
        confidence=reader.checked(check_confidence, confidence) if confidence is not None else None,
        resolution=(
            _resolution(resolution, f"{where}, resolution", kind=fields["kind"], logged=moment, now=now)
            if resolution is not None
            else None
        ),
    )


def _excuse(record: Any, where: str, *, today: date, start: date) -> Excuse:
    """One excused day, held to the rules of `skip` (check_excused_day, clean_note)."""
    reader = _Reader(record, where)
    day = reader.day("date")
    reader.checked(lambda: check_excused_day(day, today=today, start=start))
    reason = reader.get("reason", (str,), required=False)
    return Excuse(day, reader.checked(clean_note, reason) if reason is not None else None, reader.get("late", (bool,)))


def check_document_start(document: JourneyDocument, start: date, *, today: date) -> None:
    """InputError naming the first entry or excused day of `document` that the
    journey it goes into cannot hold: that journey started on `start`, which may be
    later than the document's own start."""
    for number, entry in enumerate(document.entries, start=1):
        _named(f"entry {number}", lambda: check_entry_day(entry.day, today=today, start=start))
    for number, excuse in enumerate(document.excused, start=1):
        _named(f"excused day {number}", lambda: check_excused_day(excuse.day, today=today, start=start))


def read_document(data: Any, *, now: datetime) -> JourneyDocument:
    """The journey document in `data` (parsed JSON), or InputError naming the first
    bad record. Its records are held to the rules of `log` and `skip` as of `now`:
    the journey starts no later than today, entries lie within it, excused days
    within skip's horizon."""
    top = _Reader(data, "document")
    if data.get("format") != FORMAT:
        raise top.fail(f"not a learnlog journey (its 'format' is not {FORMAT!r})")
    version = top.get("version", (int,))
    if version > VERSION:
        raise top.fail(f"version {version} was written by a newer learnlog; upgrade learnlog to read it")
    journey = _Reader(top.get("journey", (dict,)), "journey")
    name = journey.checked(clean_name, journey.get("name", (str,)), "journey name")
    start = journey.day("start")
    journey.checked(check_journey_start, start, now.date())
    settings = {}
    for setting, value in (top.get("settings", (dict,), required=False) or {}).items():
        if setting not in DEFAULTS:
            raise top.fail(f"unknown setting {setting!r} (settings are {', '.join(DEFAULTS)})")
        if not isinstance(value, str):
            raise top.fail(f"setting {setting!r} must be a string, not {value!r}")
        settings[setting] = top.checked(check_setting, setting, value)
    rules = []
    for index, record in enumerate(top.get("cadence", (list,))):
        reader = _Reader(record, f"cadence rule {index + 1}")
        minimum = reader.get("min_minutes", (int,), required=False) or 0
        rules.append(
            reader.checked(
                Rule, reader.day("effective"), reader.get("every", (int,)), reader.get("counts", (str,)), minimum
            )
        )
    if not rules:
        raise top.fail("'cadence' needs at least one rule")
    top.checked(rule_on, rules, start)  # no two on one day, and one in force from the start
    excused = [
        _excuse(record, f"excused day {index + 1}", today=now.date(), start=start)
        for index, record in enumerate(top.get("excused", (list,), required=False) or [])
    ]
    topics = []
    for index, record in enumerate(top.get("topics", (list,))):
        reader = _Reader(record, f"topic {index + 1}")
        topic_name = reader.checked(clean_name, reader.get("name", (str,)))
        if any(topic_key(topic.name) == topic_key(topic_name) for topic in topics):
            raise reader.fail(f"{topic_name!r} is listed twice (names ignore case and separators)")
        target = reader.get("target_hours", (int, float), required=False)
        target_hours = reader.checked(check_target_hours, _finite(reader, target)) if target is not None else None
        area = reader.get("area", (str,), required=False)
        topics.append(
            DocumentTopic(
                name=topic_name,
                area=reader.checked(clean_name, area, "area") if area else None,
                target_hours=target_hours,
                archived=bool(reader.get("archived", (bool,), required=False)),
                curriculum=reader.get("curriculum", (str,), required=False, longest=MAX_NAME_LENGTH),
                target_by=_target_by(reader, target_hours),
            )
        )
    entries = []
    attachments: dict[str, tuple[DocumentAttachment, ...]] = {}
    posts: dict[str, str] = {}
    for index, record in enumerate(top.get("entries", (list,))):
        where = f"entry {index + 1}"
        # A journey may hold a session without a topic (older learnlogs stored
        # them), so its own document may too: whatever it holds must come back in.
        entry = read_entry(record, where, now=now, start=start, require_topic=False)
        entries.append(entry)
        reader = _Reader(record, where)
        post = reader.get("post", (str,), required=False)
        if post is not None:
            posts[entry.uid] = reader.checked(_uid, post, "post")
        listed = reader.get("attachments", (list,), required=False) or []
        if listed:
            attachments[entry.uid] = tuple(
                _attachment(item, f"{where}, attachment {number + 1}") for number, item in enumerate(listed)
            )
    uids = {entry.uid for entry in entries}
    commits = []
    for index, record in enumerate(top.get("commits", (list,), required=False) or []):
        found = _commit(record, f"commit {index + 1}", uids)
        if any(earlier.hash == found.hash for earlier in commits):
            raise InputError(f"commit {index + 1}: {found.hash} is listed twice")
        commits.append(found)
    return JourneyDocument(
        name=name,
        start=start,
        settings=settings,
        rules=tuple(rules),
        excused=tuple(excused),
        topics=tuple(topics),
        entries=tuple(entries),
        attachments=attachments,
        posts=posts,
        commits=tuple(commits),
    )
