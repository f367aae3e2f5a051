"""learnlog's journey document: one JSON object that holds a whole journey (its
start, settings, cadence rules, excused days, topics and entries). It is what the
json export writes, what import reads, and the form the sample journeys ship in.

Reading a document checks every field and names the first bad record, so a
malformed file is refused before anything is written.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from learnlog.domain.cadence import Excuse, Rule
from learnlog.domain.records import EntryRecord, check_confidence, check_kind
from learnlog.domain.topics import clean_name
from learnlog.errors import InputError

FORMAT = "learnlog-journey"
VERSION = 1


@dataclass(frozen=True)
class DocumentTopic:
    name: str
    area: str | None
    target_hours: float | None
    archived: bool
    curriculum: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "area": self.area, "target_hours": self.target_hours,
            "archived": self.archived, "curriculum": self.curriculum,
        }


@dataclass(frozen=True)
class JourneyDocument:
    name: str
    start: date
    settings: dict[str, str]
    rules: tuple[Rule, ...]
    excused: tuple[Excuse, ...]
    topics: tuple[DocumentTopic, ...]
    entries: tuple[EntryRecord, ...]

    def shifted(self, days: int) -> JourneyDocument:
        """The same journey moved `days` later, every date with it (for demos)."""
        step = timedelta(days=days)

        def moved(stamp: str) -> str:
            return (datetime.fromisoformat(stamp) + step).isoformat()

        return replace(
            self,
            start=self.start + step,
            rules=tuple(replace(rule, effective=rule.effective + step) for rule in self.rules),
            excused=tuple(replace(excuse, day=excuse.day + step) for excuse in self.excused),
            entries=tuple(
                replace(entry, day=entry.day + step, timestamp=moved(entry.timestamp))
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

    def get(self, key: str, kinds: tuple[type, ...], *, required: bool = True) -> Any:
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
        return value

    def day(self, key: str) -> date:
        text = self.get(key, (str,))
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{key!r} is not an ISO date: {text!r}") from None

    def checked(self, check, *args):
        try:
            return check(*args)
        except InputError as error:
            raise self.fail(str(error)) from None


def _entry(record: Any, index: int) -> EntryRecord:
    reader = _Reader(record, f"entry {index + 1}")
    uid = reader.get("uid", (str,))
    try:
        uuid.UUID(uid)
    except ValueError:
        raise reader.fail(f"'uid' is not a UUID: {uid!r}") from None
    day = reader.day("date")
    stamp = reader.get("timestamp", (str,))
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        raise reader.fail(f"'timestamp' is not an ISO date-time: {stamp!r}") from None
    if moment.tzinfo is None:
        raise reader.fail(f"'timestamp' has no UTC offset: {stamp!r}")
    if moment.date() != day:
        raise reader.fail(f"'timestamp' {stamp} is not on its 'date' {day.isoformat()}")
    kind = reader.checked(check_kind, reader.get("kind", (str,)))
    topic = reader.get("topic", (str,), required=False)
    if topic is None and kind != "post":
        raise reader.fail("only a post may have no topic")
    minutes = reader.get("minutes", (int,), required=False)
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        raise reader.fail(f"'minutes' must be from 1 to 1440, not {minutes}")
    confidence = reader.get("confidence", (int,), required=False)
    tags = reader.get("tags", (list,), required=False) or []
    if not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise reader.fail("'tags' must be a list of non-empty strings")
    return EntryRecord(
        id=0,
        uid=uid,
        day=day,
        timestamp=moment.isoformat(timespec="seconds"),
        topic=reader.checked(clean_name, topic) if topic is not None else None,
        minutes=minutes,
        kind=kind,
        note=reader.get("note", (str,), required=False),
        tags=tuple(tags),
        link=reader.get("link", (str,), required=False),
        confidence=reader.checked(check_confidence, confidence) if confidence is not None else None,
    )


def read_document(data: Any) -> JourneyDocument:
    """The journey document in `data` (parsed JSON), or InputError naming the first bad record."""
    top = _Reader(data, "document")
    if data.get("format") != FORMAT:
        raise top.fail(f"not a learnlog journey (its 'format' is not {FORMAT!r})")
    version = top.get("version", (int,))
    if version > VERSION:
        raise top.fail(f"version {version} was written by a newer learnlog; upgrade learnlog to read it")
    journey = _Reader(top.get("journey", (dict,)), "journey")
    settings = top.get("settings", (dict,), required=False) or {}
    if not all(isinstance(value, str) for value in settings.values()):
        raise top.fail("'settings' values must be strings")
    rules = []
    for index, record in enumerate(top.get("cadence", (list,))):
        reader = _Reader(record, f"cadence rule {index + 1}")
        rules.append(
            reader.checked(Rule, reader.day("effective"), reader.get("every", (int,)), reader.get("counts", (str,)))
        )
    if not rules:
        raise top.fail("'cadence' needs at least one rule")
    excused = []
    for index, record in enumerate(top.get("excused", (list,), required=False) or []):
        reader = _Reader(record, f"excused day {index + 1}")
        excused.append(
            Excuse(reader.day("date"), reader.get("reason", (str,), required=False), reader.get("late", (bool,)))
        )
    topics = []
    for index, record in enumerate(top.get("topics", (list,))):
        reader = _Reader(record, f"topic {index + 1}")
        target = reader.get("target_hours", (int, float), required=False)
        area = reader.get("area", (str,), required=False)
        topics.append(
            DocumentTopic(
                name=reader.checked(clean_name, reader.get("name", (str,))),
                area=reader.checked(clean_name, area, "area") if area else None,
                target_hours=float(target) if target else None,
                archived=bool(reader.get("archived", (bool,), required=False)),
                curriculum=reader.get("curriculum", (str,), required=False),
            )
        )
    return JourneyDocument(
        name=journey.checked(clean_name, journey.get("name", (str,)), "journey name"),
        start=journey.day("start"),
        settings=dict(settings),
        rules=tuple(rules),
        excused=tuple(excused),
        topics=tuple(topics),
        entries=tuple(_entry(record, index) for index, record in enumerate(top.get("entries", (list,)))),
    )
