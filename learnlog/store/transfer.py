"""Moving whole journeys in and out of the database as journey documents."""

from __future__ import annotations

from datetime import datetime

from learnlog.domain.document import JourneyDocument
from learnlog.domain.records import JourneyRecord
from learnlog.domain.topics import topic_key
from learnlog.store.database import Database
from learnlog.store.queries import (
    add_entry, add_topic, excuse_days, replace_cadence_rules, set_setting, update_topic,
)


def create_journey_from_document(
    db: Database, document: JourneyDocument, *, created: datetime
) -> JourneyRecord:
    """Write `document` as a new journey (its name must be free); topics its entries
    name but its topic list lacks are created."""
    journey_id = db.value(
        "INSERT INTO journey (name, start, created_at) VALUES (:name, :start, :created) RETURNING id",
        {"name": document.name, "start": document.start.isoformat(), "created": created.isoformat(timespec="seconds")},
    )
    replace_cadence_rules(db, journey_id, document.rules)
    for excuse in document.excused:
        excuse_days(db, journey_id, [excuse], reason=excuse.reason, created=created)
    for name, value in document.settings.items():
        set_setting(db, journey_id, name, value)
    topic_ids: dict[str, int] = {}
    for topic in document.topics:
        topic_id = add_topic(
            db, journey_id, name=topic.name, area=topic.area, target_hours=topic.target_hours,
            curriculum=topic.curriculum, created=created,
        )
        if topic.archived:
            update_topic(db, topic_id, archived=True)
        topic_ids[topic_key(topic.name)] = topic_id
    for entry in document.entries:
        topic_id = None
        if entry.topic is not None:
            key = topic_key(entry.topic)
            if key not in topic_ids:
                topic_ids[key] = add_topic(
                    db, journey_id, name=entry.topic, area=None, target_hours=None, created=created
                )
            topic_id = topic_ids[key]
        add_entry(
            db, journey_id, topic_id=topic_id, moment=datetime.fromisoformat(entry.timestamp),
            minutes=entry.minutes, kind=entry.kind, note=entry.note, tags=entry.tags,
            link=entry.link, confidence=entry.confidence, created=created, uid=entry.uid,
        )
    return JourneyRecord(journey_id, document.name, document.start)
