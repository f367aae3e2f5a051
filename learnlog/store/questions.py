"""The queries behind open questions and bugs: resolutions (table `resolution`, one
per resolved entry) and the questions and bugs they close. `status` asks for its
summary on every run, so that is one query and this module imports little."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

from learnlog.domain.questions import RESOLVABLE, OpenSummary, Question, Resolution
from learnlog.errors import InputError
from learnlog.store.connection import Database
from learnlog.store.facts import as_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.records import EntryRecord

_COLUMNS = (
    "SELECT e.id, e.uid, e.day, e.logged_at, t.name, e.kind, e.note, e.link,"
    " r.day, r.resolved_at, r.note, r.link"
)
_SOURCE = " FROM entry e LEFT JOIN topic t ON t.id = e.topic_id LEFT JOIN resolution r ON r.entry_id = e.id"
_SELECT = _COLUMNS + _SOURCE
_IS_QUESTION = "e.kind IN ('confusion', 'bug')"
_IS_OPEN = "NOT EXISTS (SELECT 1 FROM resolution o WHERE o.entry_id = e.id)"
_OLDEST_FIRST = "ORDER BY e.day, e.logged_at, e.id"
_NEWEST_ANSWER_FIRST = "ORDER BY r.day DESC, r.resolved_at DESC, e.id DESC"


def _question(row: tuple) -> Question:
    id, uid, day, logged_at, topic, kind, note, link, resolved_day, resolved_at, answer, answer_link = row
    resolution = (
        Resolution(as_date(resolved_day), resolved_at, answer, answer_link) if resolved_at is not None else None
    )
    return Question(id, uid, as_date(day), logged_at, topic, kind, note, link, resolution)


def _filters(journey_id: int, topic_id: int | None, kind: str | None) -> tuple[str, dict[str, object]]:
    clauses = [f"e.journey_id = :journey AND {_IS_QUESTION}"]
    params: dict[str, object] = {"journey": journey_id}
    if topic_id is not None:
        clauses.append("e.topic_id = :topic")
        params["topic"] = topic_id
    if kind is not None:
        clauses.append("e.kind = :kind")
        params["kind"] = kind
    return " AND ".join(clauses), params


def questions(
    db: Database, journey_id: int, *, state: str, topic_id: int | None = None, kind: str | None = None,
    limit: int | None = None,
) -> list[Question]:
    """The journey's questions and bugs in `state`: 'open' ones oldest first,
    'resolved' ones newest answer first, or 'all' (the open ones, then the
    resolved); at most `limit` of each (None: all)."""
    where, params = _filters(journey_id, topic_id, kind)
    cap = "" if limit is None else f" LIMIT {int(limit)}"
    found: list[Question] = []
    if state in ("open", "all"):
        rows = db.rows(f"{_SELECT} WHERE {where} AND r.entry_id IS NULL {_OLDEST_FIRST}{cap}", params)
        found += [_question(row) for row in rows]
    if state in ("resolved", "all"):
        rows = db.rows(f"{_SELECT} WHERE {where} AND r.entry_id IS NOT NULL {_NEWEST_ANSWER_FIRST}{cap}", params)
        found += [_question(row) for row in rows]
    return found


def question(db: Database, journey_id: int, entry_id: int) -> Question:
    """Entry `entry_id` as a question, whatever its kind (InputError when there is
    no such entry)."""
    row = db.one(f"{_SELECT} WHERE e.journey_id = :journey AND e.id = :id", {"journey": journey_id, "id": entry_id})
    if row is None:
        raise InputError(f"no entry #{entry_id}")
    return _question(row)


def is_resolved(db: Database, entry_id: int) -> bool:
    return db.value("SELECT 1 FROM resolution WHERE entry_id = :entry", {"entry": entry_id}) is not None


_OPEN = f"FROM entry e WHERE e.journey_id = :journey AND {_IS_QUESTION} AND {_IS_OPEN}"
_SUMMARY = (
    "SELECT c.questions, c.bugs, o.day, o.kind, t.name FROM"
    " (SELECT COUNT(CASE WHEN e.kind = 'confusion' THEN 1 END) AS questions,"
    f" COUNT(CASE WHEN e.kind = 'bug' THEN 1 END) AS bugs {_OPEN}) c"
    f" LEFT JOIN entry o ON o.id = (SELECT e.id {_OPEN} {_OLDEST_FIRST} LIMIT 1)"
    " LEFT JOIN topic t ON t.id = o.topic_id"
)


def open_summary(db: Database, journey_id: int) -> OpenSummary:
    """How many questions and bugs are open, and the oldest of them, in one query."""
    questions_open, bugs_open, day, kind, topic = db.one(_SUMMARY, {"journey": journey_id})
    return OpenSummary(questions_open, bugs_open, as_date(day) if day else None, kind, topic)


def resolved_count(db: Database, journey_id: int, first: date, last: date) -> int:
    """How many questions and bugs were resolved from `first` to `last`."""
    # From the resolutions (few) to their entries, never the other way round: a
    # join let SQLite walk every entry of a long journey instead.
    return db.value(
        "SELECT COUNT(*) FROM resolution r WHERE r.day >= :first AND r.day <= :last"
        " AND EXISTS (SELECT 1 FROM entry e WHERE e.id = r.entry_id AND e.journey_id = :journey)",
        {"journey": journey_id, "first": first.isoformat(), "last": last.isoformat()},
    )


def open_before(db: Database, journey_id: int, day: date) -> list[Question]:
    """The questions and bugs dated before `day` that are open, oldest first."""
    return [
        _question(row)
        for row in db.rows(
            f"{_SELECT} WHERE e.journey_id = :journey AND {_IS_QUESTION} AND r.entry_id IS NULL"
            f" AND e.day < :day {_OLDEST_FIRST}",
            {"journey": journey_id, "day": day.isoformat()},
        )
    ]


def resolved_between(
    db: Database, journey_id: int, first: date, last: date, *, topic_id: int | None = None
) -> list[Question]:
    """The questions and bugs resolved from `first` to `last`, oldest answer first."""
    where, params = _filters(journey_id, topic_id, None)
    rows = db.rows(
        f"{_SELECT} WHERE {where} AND r.day >= :first AND r.day <= :last"
        " ORDER BY r.day, r.resolved_at, e.id",
        {**params, "first": first.isoformat(), "last": last.isoformat()},
    )
    return [_question(row) for row in rows]


def open_on(db: Database, journey_id: int, day: date, *, topic_id: int | None = None) -> list[Question]:
    """The questions and bugs open at the end of `day` (logged by then, resolved
    later or not at all), oldest first, as they stood then: without a later
    resolution."""
    where, params = _filters(journey_id, topic_id, None)
    rows = db.rows(
        f"{_SELECT} WHERE {where} AND e.day <= :day AND (r.entry_id IS NULL OR r.day > :day) {_OLDEST_FIRST}",
        {**params, "day": day.isoformat()},
    )
    return [_as_open(_question(row)) for row in rows]


def _as_open(found: Question) -> Question:
    return found._replace(resolution=None)


def draft_resolutions(db: Database, journey_id: int, after: datetime | None) -> list[Question]:
    """The resolutions the next update tells, oldest first: those timestamped after
    `after` (the last post; None: every one), and those of entries no post covers
    yet, which the update tells in any case."""
    rows = db.rows(
        f"{_COLUMNS}, e.post_id{_SOURCE} WHERE e.journey_id = :journey AND {_IS_QUESTION}"
        " AND r.entry_id IS NOT NULL AND (r.day >= :since OR e.post_id IS NULL)",
        {"journey": journey_id, "since": (after.date() if after else date.min).isoformat()},
    )
    told = []
    for *fields, post_id in rows:
        found = _question(tuple(fields))
        moment = datetime.fromisoformat(found.resolution.timestamp)
        # Offsets differ across the day (travel, daylight saving): compare instants, not text.
        if post_id is None or after is None or moment > after:
            told.append((moment, found.id, found))
    return [found for _, _, found in sorted(told)]


# Writing ---------------------------------------------------------------------------


def resolve(db: Database, entry_id: int, *, moment: datetime, note: str, link: str | None, created: datetime) -> None:
    """Record (or replace) the resolution of entry `entry_id`; its day is the local
    date of `moment`."""
    db.execute(
        "INSERT INTO resolution (entry_id, day, resolved_at, note, link, created_at)"
        " VALUES (:entry, :day, :resolved_at, :note, :link, :created)"
        " ON CONFLICT (entry_id) DO UPDATE SET day = excluded.day, resolved_at = excluded.resolved_at,"
        " note = excluded.note, link = excluded.link, created_at = excluded.created_at",
        {
            "entry": entry_id, "day": moment.date().isoformat(), "resolved_at": moment.isoformat(timespec="seconds"),
            "note": note, "link": link, "created": created.isoformat(timespec="seconds"),
        },
    )


def reopen(db: Database, entry_id: int) -> None:
    """Remove entry `entry_id`'s resolution."""
    db.execute("DELETE FROM resolution WHERE entry_id = :entry", {"entry": entry_id})


def add_resolutions(db: Database, resolutions: Mapping[int, Resolution], *, created: datetime) -> None:
    """Store the resolutions of newly added entries, by entry id."""
    db.executemany(
        "INSERT INTO resolution (entry_id, day, resolved_at, note, link, created_at)"
        " VALUES (:entry, :day, :resolved_at, :note, :link, :created)",
        [
            {"entry": entry_id, "day": item.day.isoformat(), "resolved_at": item.timestamp, "note": item.note,
             "link": item.link, "created": created.isoformat(timespec="seconds")}
            for entry_id, item in resolutions.items()
        ],
    )


def with_resolutions(db: Database, records: Iterable[EntryRecord], *, batch: int = 500) -> Iterator[EntryRecord]:
    """`records`, each question or bug with its resolution when it has one, looked
    up `batch` records at a time, so that any number of them streams in constant memory."""
    chunk: list[EntryRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == batch:
            yield from _resolved(db, chunk)
            chunk = []
    yield from _resolved(db, chunk)


def _resolved(db: Database, records: list[EntryRecord]) -> list[EntryRecord]:
    ids = [record.id for record in records if record.kind in RESOLVABLE]
    if not ids:
        return records
    marks = ", ".join(f":id{index}" for index in range(len(ids)))
    found = {
        entry_id: Resolution(as_date(day), resolved_at, note, link)
        for entry_id, day, resolved_at, note, link in db.rows(
            f"SELECT entry_id, day, resolved_at, note, link FROM resolution WHERE entry_id IN ({marks})",
            {f"id{index}": entry_id for index, entry_id in enumerate(ids)},
        )
    }
    from dataclasses import replace

    return [replace(record, resolution=found[record.id]) if record.id in found else record for record in records]
