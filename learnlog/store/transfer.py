"""Moving journeys in and out of the database: journey documents (the json
export), and entries imported from csv or jrnl files."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from learnlog.domain.document import DocumentAttachment, JourneyDocument, check_document_start, compact_json
from learnlog.domain.journey import JourneyRecord
from learnlog.domain.questions import Resolution
from learnlog.domain.records import EntryRecord, TopicRecord
from learnlog.domain.topics import topic_key
from learnlog.errors import InputError
from learnlog.store.attachments import attachments_by_entry, attachment_content, store_attachment
from learnlog.store.cards import refresh_cards
from learnlog.store.connection import Database
from learnlog.store.facts import as_date, cadence_rules, excused_days
from learnlog.store.questions import add_resolutions
from learnlog.store.queries import (
    EntryFilter, entry_conditions, add_entry, add_topic, check_new_journey, excuse_days,
    replace_cadence_rules, set_setting, settings, topics, update_topic,
)


# Export ---------------------------------------------------------------------------


def document_head(db: Database, journey: JourneyRecord) -> dict:
    """Everything in a journey document but its entries."""
    return {
        "journey": {"name": journey.name, "start": journey.start.isoformat()},
        "settings": dict(sorted(settings(db, journey.id).items())),
        "cadence": [rule.to_json() for rule in cadence_rules(db, journey.id)],
        "excused": [excuse.to_json() for excuse in excused_days(db, journey.id)],
        "topics": [_document_topic(topic) for topic in topics(db, journey.id, include_archived=True)],
        "commits": [
            {"hash": commit_hash, "repository": repository, "entry": uid}
            for commit_hash, repository, uid in db.rows(
                "SELECT c.hash, c.repository, e.uid FROM synced_commit c LEFT JOIN entry e ON e.id = c.entry_id"
                " WHERE c.journey_id = :journey ORDER BY c.hash",
                {"journey": journey.id},
            )
        ],
    }


def _document_topic(topic: TopicRecord) -> dict:
    """A topic as a journey document holds it: `target_by` only when its target has
    a date, so that a journey without one exports as it did before targets had dates."""
    return {
        **{key: value for key, value in topic.to_json().items() if key in _TOPIC_KEYS},
        **({"target_by": topic.target_by.isoformat()} if topic.target_by else {}),
    }


_TOPIC_KEYS = ("name", "area", "target_hours", "archived", "curriculum")


_HAS_MORE = (
    "e.post_id IS NOT NULL OR EXISTS (SELECT 1 FROM entry_attachment a WHERE a.entry_id = e.id)"
)
_ENTRY_SOURCE = "FROM entry e LEFT JOIN topic t ON t.id = e.topic_id LEFT JOIN resolution r ON r.entry_id = e.id"
_RESOLUTION_FIELDS = "r.day, r.resolved_at, r.note, r.link"
_ENTRY_ORDER = "ORDER BY e.day, e.logged_at, e.id"

# On SQLite each entry's JSON is built inside the database, which escapes exactly
# as Python's json does with compact separators (a test holds the two equal):
# encoding 100,000 entries in Python cost more than everything else in the export
# together. PostgreSQL's json functions put spaces after colons, so there Python
# encodes the same keys in the same order.
_ENTRY_JSON = (
    f"SELECT e.id, {_HAS_MORE},"
    " json_object('uid', e.uid, 'date', e.day, 'timestamp', e.logged_at, 'topic', t.name,"
    " 'minutes', e.minutes, 'kind', e.kind, 'note', e.note,"
    " 'tags', (SELECT json_group_array(tag) FROM (SELECT tag FROM entry_tag g WHERE g.entry_id = e.id ORDER BY tag)),"
    f" 'link', e.link, 'confidence', e.confidence), {_RESOLUTION_FIELDS} {_ENTRY_SOURCE}"
)
_ENTRY_FIELDS = (
    f"SELECT e.id, {_HAS_MORE}, e.uid, e.day, e.logged_at, t.name, e.minutes, e.kind, e.note,"
    f" ARRAY(SELECT tag FROM entry_tag g WHERE g.entry_id = e.id), e.link, e.confidence, {_RESOLUTION_FIELDS}"
    f" {_ENTRY_SOURCE}"
)


def document_entries(
    db: Database, journey_id: int, where: EntryFilter, *, with_attachments: bool
) -> Iterator[str]:
    """The journey's entries as JSON objects (text), oldest first, streamed from
    one query so that any number of them passes in constant memory."""
    clauses, params = entry_conditions(journey_id, where)
    condition = f"WHERE {' AND '.join(clauses)} {_ENTRY_ORDER}"
    if db.is_server:
        rows = (
            (entry_id, has_more, _entry_json(fields[:10]), *fields[10:])
            for entry_id, has_more, *fields in db.stream(f"{_ENTRY_FIELDS} {condition}", params)
        )
    else:
        rows = db.stream(f"{_ENTRY_JSON} {condition}", params)
    for entry_id, has_more, text, *resolution in rows:
        if resolution[1] is not None:
            text = _with_resolution(text, resolution)
        # The rare entry a post covers, or that carries files, gets those added.
        yield _with_post_and_attachments(db, journey_id, entry_id, text, with_attachments) if has_more else text


def _with_resolution(text: str, fields: Sequence) -> str:
    """An entry's JSON text (an object) with its resolution added last."""
    day, resolved_at, note, link = fields
    resolution = Resolution(as_date(day), resolved_at, note, link)
    return f"{text[:-1]},{compact_json('resolution')}:{compact_json(resolution.to_json())}}}"


def _entry_json(fields: Sequence) -> str:
    uid, day, logged_at, topic, minutes, kind, note, tags, link, confidence = fields
    return compact_json({
        "uid": uid, "date": day.isoformat(), "timestamp": logged_at, "topic": topic,
        "minutes": minutes, "kind": kind, "note": note, "tags": sorted(tags), "link": link,
        "confidence": confidence,
    })


def _with_post_and_attachments(db: Database, journey_id: int, entry_id: int, text: str, with_attachments: bool) -> str:
    data = json.loads(text)
    post = _covering_posts(db, [entry_id])
    if post:
        data["post"] = post[entry_id]
    infos = attachments_by_entry(db, [entry_id]).get(entry_id, ())
    if infos:
        listed = []
        for info in infos:
            item = {key: value for key, value in info.to_json().items() if key != "id"}
            if with_attachments:
                item["content"] = base64.b64encode(attachment_content(db, journey_id, info.id)).decode()
            listed.append(item)
        data["attachments"] = listed
    return compact_json(data)


def _covering_posts(db: Database, entry_ids: Sequence[int]) -> dict[int, str]:
    """The uid of the post that covered each of `entry_ids` that a post covers."""
    if not entry_ids:
        return {}
    marks = ", ".join(f":id{index}" for index in range(len(entry_ids)))
    return dict(
        db.rows(
            f"SELECT e.id, p.uid FROM entry e JOIN entry p ON p.id = e.post_id WHERE e.id IN ({marks})",
            {f"id{index}": entry_id for index, entry_id in enumerate(entry_ids)},
        )
    )


# Import ---------------------------------------------------------------------------



class DryRun(Exception):
    """Raised inside an import's transaction to roll a dry run back."""

@dataclass
class ImportResult:
    """What an import added and what it left alone."""

    journey: str
    created_journey: bool = False
    added: int = 0
    skipped: int = 0
    topics_created: list[str] = field(default_factory=list)
    attachments_restored: int = 0
    attachments_missing: int = 0


def _known_uids(db: Database, uids: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        marks = ", ".join(f":u{index}" for index in range(len(chunk)))
        known.update(
            uid for (uid,) in db.rows(
                f"SELECT uid FROM entry WHERE uid IN ({marks})",
                {f"u{index}": uid for index, uid in enumerate(chunk)},
            )
        )
    return known


def add_entries(
    db: Database,
    journey: JourneyRecord,
    records: Sequence[EntryRecord],
    *,
    created: datetime,
    attachments: dict[str, tuple[DocumentAttachment, ...]] | None = None,
    posts: dict[str, str] | None = None,
    result: ImportResult | None = None,
    progress: Callable[[], None] | None = None,
) -> ImportResult:
    """Add the entries whose uid is new (topics they name are created as needed),
    each with the resolution it carries; entries already there are skipped, as they
    stand. An added entry that `posts` says a post covered (entry uid -> post uid)
    is marked covered when that post is in the journey. `progress` is called
    after each record."""
    result = result or ImportResult(journey.name)
    topic_ids = {topic_key(topic.name): topic.id for topic in topics(db, journey.id, include_archived=True)}
    known = _known_uids(db, [uid for record in records for uid in (record.uid, record.earlier_uid) if uid])
    covered: list[dict[str, object]] = []
    rated = False
    resolutions: dict[int, Resolution] = {}
    for record in records:
        if progress is not None:
            progress()
        # An entry an earlier learnlog imported under another uid is there already.
        if record.uid in known or record.earlier_uid in known:
            result.skipped += 1
            continue
        known.add(record.uid)
        topic_id = None
        if record.topic is not None:
            key = topic_key(record.topic)
            if key not in topic_ids:
                topic_ids[key] = add_topic(
                    db, journey.id, name=record.topic, area=None, target_hours=None, created=created
                )
                result.topics_created.append(record.topic)
            topic_id = topic_ids[key]
        entry_id = add_entry(
            db, journey.id, topic_id=topic_id, moment=datetime.fromisoformat(record.timestamp),
            minutes=record.minutes, kind=record.kind, note=record.note, tags=record.tags,
            link=record.link, confidence=record.confidence, created=created, uid=record.uid,
        )
        result.added += 1
        rated = rated or record.confidence is not None
        if record.resolution is not None:
            resolutions[entry_id] = record.resolution
        for item in (attachments or {}).get(record.uid, ()):
            if item.content is None:
                result.attachments_missing += 1
            else:
                store_attachment(
                    db, journey.id, entry_id, item.name, item.content, item.media_type,
                    notebook=item.notebook, cell=item.cell,
                )
                result.attachments_restored += 1
        if posts and record.uid in posts:
            covered.append({"entry": entry_id, "post": posts[record.uid], "journey": journey.id})
    # Marked once every entry is in: a post comes later in the file than the entries it covered.
    db.executemany(
        "UPDATE entry SET post_id = (SELECT id FROM entry WHERE uid = :post AND journey_id = :journey"
        " AND kind = 'post') WHERE id = :entry",
        covered,
    )
    if rated:
        refresh_cards(db, journey.id)
    add_resolutions(db, resolutions, created=created)
    return result


def import_document(
    db: Database, document: JourneyDocument, *, created: datetime, progress: Callable[[], None] | None = None,
) -> ImportResult:
    """Bring a journey document into the database: into the journey of the same
    name (created, with its rules, excused days and settings, when absent), merging
    entries by uid."""
    from learnlog.store.facts import check_owner, journeys

    existing = next((journey for journey in journeys(db) if journey.name == document.name), None)
    result = ImportResult(document.name)
    if existing is None:
        check_new_journey(db, document.name)
        result.created_journey = True
        existing = _create_journey(db, document, created)
    else:
        check_owner(db, existing)
        check_document_start(document, existing.start, today=created.date())
        excuse_days(db, existing.id, document.excused, reason=None, created=created, keep_reasons=True)
    known_topics = {topic_key(topic.name) for topic in topics(db, existing.id, include_archived=True)}
    for topic in document.topics:
        if topic_key(topic.name) in known_topics:
            continue
        topic_id = add_topic(
            db, existing.id, name=topic.name, area=topic.area, target_hours=topic.target_hours,
            target_by=topic.target_by, curriculum=topic.curriculum, created=created,
        )
        if topic.archived:
            update_topic(db, topic_id, archived=True)
        if not result.created_journey:
            result.topics_created.append(topic.name)
    added = add_entries(
        db, existing, document.entries, created=created, attachments=dict(document.attachments),
        posts=dict(document.posts), result=result, progress=progress,
    )
    _add_commits(db, existing.id, document, created)
    return added


def _add_commits(db: Database, journey_id: int, document: JourneyDocument, created: datetime) -> None:
    """The document's seen commits, those the journey has not seen yet, each with
    its entry (found by uid) when it has one."""
    stamp = created.isoformat(timespec="seconds")
    for commit in document.commits:
        entry_id = (
            db.value("SELECT id FROM entry WHERE journey_id = :journey AND uid = :uid", {"journey": journey_id, "uid": commit.entry})
            if commit.entry else None
        )
        db.execute(
            "INSERT INTO synced_commit (journey_id, hash, entry_id, repository, created_at)"
            " VALUES (:journey, :hash, :entry, :repository, :created) ON CONFLICT DO NOTHING",
            {"journey": journey_id, "hash": commit.hash, "entry": entry_id, "repository": commit.repository, "created": stamp},
        )


def _create_journey(db: Database, document: JourneyDocument, created: datetime) -> JourneyRecord:
    journey_id = db.value(
        "INSERT INTO journey (name, start, created_at) VALUES (:name, :start, :created) RETURNING id",
        {"name": document.name, "start": document.start.isoformat(), "created": created.isoformat(timespec="seconds")},
    )
    replace_cadence_rules(db, journey_id, document.rules)
    excuse_days(db, journey_id, document.excused, reason=None, created=created, keep_reasons=True)
    for name, value in document.settings.items():
        set_setting(db, journey_id, name, value)
    return JourneyRecord(journey_id, document.name, document.start)


def create_journey_from_document(db: Database, document: JourneyDocument, *, created: datetime) -> JourneyRecord:
    """Write `document` as a new journey (its name must be free)."""
    result = import_document(db, document, created=created)
    if not result.created_journey:
        raise InputError(f"a journey named {document.name!r} exists already")
    from learnlog.store.facts import journeys

    return next(journey for journey in journeys(db) if journey.name == document.name)


def check_entries_start(
    db: Database, journey: JourneyRecord, records: Sequence[EntryRecord], *, move_start: bool
) -> JourneyRecord:
    """Entries before the journey's start are refused, naming the earliest, unless
    `move_start` moves the start (and the first cadence rule) back to it."""
    earliest: date | None = min((record.day for record in records), default=None)
    if earliest is None or earliest >= journey.start:
        return journey
    if not move_start:
        raise InputError(
            f"the file has entries from {earliest.isoformat()}, before the journey's start"
            f" ({journey.start.isoformat()}); add --move-start to move the start back"
        )
    db.execute(
        "UPDATE cadence_rule SET effective = :earliest WHERE journey_id = :journey AND effective = :start",
        {"earliest": earliest.isoformat(), "journey": journey.id, "start": journey.start.isoformat()},
    )
    db.execute(
        "UPDATE journey SET start = :earliest WHERE id = :journey",
        {"earliest": earliest.isoformat(), "journey": journey.id},
    )
    return JourneyRecord(journey.id, journey.name, earliest, journey.owner)
