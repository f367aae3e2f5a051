"""The queries that feed the domain: plain SQL over the schema in `schema.py`.

Counting and summing happen in SQL (GROUP BY day, topic); no query loads every
entry to count them in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from learnlog.domain.board import BoardRow, board_rows, recent_since
from learnlog.domain.cadence import CadenceFacts, Excuse, Rule, rule_on
from learnlog.domain.journey import JourneyRecord
from learnlog.domain.pace import PACE_WINDOW_DAYS, target_pace
from learnlog.domain.records import EntryRecord, TopicRecord
from learnlog.domain.topics import clean_name, match_topic, topic_key
from learnlog.errors import InputError, LearnlogError
from learnlog.store.connection import Database
from learnlog.store.facts import as_date, journey_facts, journeys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.progress import Dashboard


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


# Journeys -------------------------------------------------------------------------


def check_new_journey(db: Database, name: str) -> None:
    """Refuse a second journey of the same name and, on PostgreSQL, a journey named
    after another role: each member's own journey goes by their role's name."""
    clash = next((journey for journey in journeys(db) if journey.name == name), None)
    if clash is not None:
        raise LearnlogError(
            f"a journey already exists at {db.location} ({clash.name!r}, Day 0"
            f" {clash.start.isoformat()}); nothing was changed"
        )
    if db.is_server and name != db.role and db.value("SELECT 1 FROM pg_roles WHERE rolname = :name", {"name": name}):
        raise LearnlogError(f"{name!r} is another role's name, kept for that member's own journey: choose another")


def create_journey(
    db: Database,
    *,
    name: str,
    start: date,
    every: int,
    topics: Sequence[tuple[str, str | None, str | None]],
    created: datetime,
) -> JourneyRecord:
    """A new journey with its first cadence rule (counting any entry) and its topics,
    given as (name, area, curriculum)."""
    journey_id = db.value(
        "INSERT INTO journey (name, start, created_at) VALUES (:name, :start, :created)"
        " RETURNING id",
        {"name": name, "start": start.isoformat(), "created": _stamp(created)},
    )
    db.execute(
        "INSERT INTO cadence_rule (journey_id, effective, every, counts)"
        " VALUES (:journey, :start, :every, 'any')",
        {"journey": journey_id, "start": start.isoformat(), "every": every},
    )
    for topic_name, area, curriculum in topics:
        add_topic(
            db, journey_id, name=topic_name, area=area, target_hours=None,
            curriculum=curriculum, created=created,
        )
    return JourneyRecord(journey_id, name, start)


def journey_summaries(db: Database) -> list[tuple[JourneyRecord, int]]:
    """Every journey in the database with its number of entries, by name."""
    return sorted(
        (
            (JourneyRecord(id, name, as_date(start), owner), entries)
            for id, name, start, owner, entries in db.rows(
                "SELECT j.id, j.name, j.start, j.owner, COUNT(e.id) FROM journey j"
                " LEFT JOIN entry e ON e.journey_id = j.id GROUP BY j.id, j.name, j.start, j.owner"
            )
        ),
        key=lambda summary: summary[0].name,
    )


def board(db: Database, today: date) -> list[BoardRow]:
    """Every journey's row on the group's board, judged on `today`."""
    recent = dict(db.rows(
        "SELECT journey_id, SUM(minutes) FROM entry WHERE day >= :since AND day <= :today"
        " GROUP BY journey_id",
        {"since": recent_since(today).isoformat(), "today": today.isoformat()},
    ))
    return board_rows(
        (journey.name, journey_facts(db, journey, today), recent.get(journey.id) or 0)
        for journey in journeys(db)
    )


# Settings -------------------------------------------------------------------------


def settings(db: Database, journey_id: int) -> dict[str, str]:
    return dict(
        db.rows("SELECT name, value FROM setting WHERE journey_id = :journey", {"journey": journey_id})
    )


def set_setting(db: Database, journey_id: int, name: str, value: str) -> None:
    db.execute(
        "DELETE FROM setting WHERE journey_id = :journey AND name = :name",
        {"journey": journey_id, "name": name},
    )
    db.execute(
        "INSERT INTO setting (journey_id, name, value) VALUES (:journey, :name, :value)",
        {"journey": journey_id, "name": name, "value": value},
    )


# Topics ---------------------------------------------------------------------------

# Per-topic totals come from topic_total, which the database keeps as entries change
# (migration 0009), and the latest confidence from an index seek per topic: a window
# over every entry joined back to the entries was quadratic on a long journey, and a
# GROUP BY over them cost a ten-year journey's dashboard a tenth of its time. Text is sorted in Python, by code
# point, as SQLite compares it; PostgreSQL's order would depend on its locale.
_TOPIC_SELECT = (
    "SELECT t.id, t.name, t.area, t.target_hours, t.archived, t.curriculum,"
    " COALESCE(s.sessions, 0), COALESCE(s.minutes, 0), s.last_day,"
    " (SELECT c.confidence FROM entry c WHERE c.topic_id = t.id AND c.journey_id = t.journey_id"
    "  AND c.confidence IS NOT NULL"
    "  ORDER BY c.day DESC, c.logged_at DESC, c.id DESC LIMIT 1), t.target_by"
    " FROM topic t LEFT JOIN topic_total s ON s.topic_id = t.id"
)


def _topic(row: tuple) -> TopicRecord:
    id, name, area, target, archived, curriculum, sessions, minutes, last, confidence, target_by = row
    return TopicRecord(
        id, name, area, target, bool(archived), curriculum, sessions, minutes,
        as_date(last) if last else None, confidence, as_date(target_by) if target_by else None,
    )


def topics(
    db: Database, journey_id: int, *, include_archived: bool = False, today: date | None = None,
) -> list[TopicRecord]:
    """The journey's topics with their sessions, minutes, last day and latest
    confidence, by name (ignoring case and separators); given `today`, each topic
    with a dated target carries its pace on that day."""
    archived = "" if include_archived else " AND NOT t.archived"
    rows = db.rows(f"{_TOPIC_SELECT} WHERE t.journey_id = :journey{archived}", {"journey": journey_id})
    records = sorted((_topic(row) for row in rows), key=lambda topic: topic_key(topic.name))
    if today is None:
        return records
    recent = recent_topic_minutes(db, journey_id, today)
    return [
        replace(record, pace=target_pace(
            target_hours=record.target_hours, target_by=record.target_by, minutes=record.minutes,
            recent_minutes=recent.get(record.id, 0), today=today,
        )) if record.target_hours and record.target_by else record
        for record in records
    ]


def recent_topic_minutes(db: Database, journey_id: int, today: date) -> dict[int, int]:
    """Minutes over the PACE_WINDOW_DAYS days ending `today`, by topic id, for the
    topics with a dated target: one seek of ix_entry_journey_topic_day_minutes each,
    which holds every column the sum reads."""
    return dict(db.rows(
        "SELECT t.id, (SELECT COALESCE(SUM(e.minutes), 0) FROM entry e WHERE e.journey_id = t.journey_id"
        "  AND e.topic_id = t.id AND e.day >= :since AND e.day <= :today)"
        " FROM topic t WHERE t.journey_id = :journey AND t.target_hours IS NOT NULL AND t.target_by IS NOT NULL",
        {
            "journey": journey_id, "today": today.isoformat(),
            "since": (today - timedelta(days=PACE_WINDOW_DAYS - 1)).isoformat(),
        },
    ))


def resolve_topic(
    db: Database, journey_id: int, query: str, *, create: bool, created: datetime,
    include_archived: bool = False, unknown_hint: str = "see learnlog topic list",
) -> tuple[int, str]:
    """The (id, name) of the topic that `query` means among the active topics (or all
    of them), or of a new topic named `query` when `create` is set (refused when that
    name exists)."""
    if create:
        name = clean_name(query)
        topic_id = add_topic(db, journey_id, name=name, area=None, target_hours=None, created=created)
        return topic_id, name
    archived_clause = "" if include_archived else " AND NOT archived"
    candidates = dict(
        db.rows(
            f"SELECT name, id FROM topic WHERE journey_id = :journey{archived_clause}",
            {"journey": journey_id},
        )
    )
    try:
        name = match_topic(query, candidates, unknown_hint=unknown_hint)
    except InputError:
        archived = find_topic(db, journey_id, query)
        if archived is not None and archived.archived:
            raise InputError(
                f"topic {archived.name!r} is archived; bring it back with"
                f" learnlog topic unarchive {archived.name!r}"
            ) from None
        raise
    return candidates[name], name


def find_topic(db: Database, journey_id: int, name: str) -> TopicRecord | None:
    """The topic whose name is `name` ignoring case and separators, archived or not."""
    row = db.one(
        f"{_TOPIC_SELECT} WHERE t.journey_id = :journey AND t.name_key = :key",
        {"journey": journey_id, "key": topic_key(name)},
    )
    return _topic(row) if row else None


def add_topic(
    db: Database,
    journey_id: int,
    *,
    name: str,
    area: str | None,
    target_hours: float | None,
    target_by: date | None = None,
    curriculum: str | None = None,
    created: datetime,
) -> int:
    existing = find_topic(db, journey_id, name)
    if existing is not None:
        state = " (archived)" if existing.archived else ""
        raise InputError(f"a topic named {existing.name!r}{state} already exists")
    return db.value(
        "INSERT INTO topic (journey_id, name, name_key, area, target_hours, target_by, archived,"
        " curriculum, created_at) VALUES (:journey, :name, :key, :area, :target, :target_by, :archived,"
        " :curriculum, :created) RETURNING id",
        {
            "journey": journey_id, "name": name, "key": topic_key(name), "area": area,
            "target": target_hours, "target_by": target_by.isoformat() if target_by else None,
            "archived": False, "curriculum": curriculum, "created": _stamp(created),
        },
    )


def update_topic(db: Database, topic_id: int, **fields: object) -> None:
    """Change the given columns of a topic (name also changes its key; target_by
    is a date, or None)."""
    allowed = {"name", "area", "target_hours", "target_by", "archived"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not topic columns: {sorted(unknown)}")
    if "name" in fields:
        fields["name_key"] = topic_key(str(fields["name"]))
    if isinstance(fields.get("target_by"), date):
        fields["target_by"] = fields["target_by"].isoformat()
    assignments = ", ".join(f"{column} = :{column}" for column in fields)
    db.execute(f"UPDATE topic SET {assignments} WHERE id = :id", {**fields, "id": topic_id})


def remove_topic(db: Database, topic: TopicRecord) -> None:
    if topic.sessions:
        raise InputError(
            f"topic {topic.name!r} has {topic.sessions} {'entry' if topic.sessions == 1 else 'entries'}"
            " and cannot be removed;"
            f" archive it instead: learnlog topic archive {topic.name!r}"
        )
    db.execute("DELETE FROM topic WHERE id = :id", {"id": topic.id})


# Entries --------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFilter:
    topic_id: int | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None
    search: str | None = None
    uncovered: bool = False
    """Only entries no published post covers yet (posts themselves excluded)."""


def new_uid() -> str:
    """A random UUID (version 4) as text, as str(uuid.uuid4()) writes it. Made here
    from os.urandom because the uuid module (which imports platform) costs `log`
    more start-up than this one line of work."""
    import os

    value = int.from_bytes(os.urandom(16), "big")
    value = (value & ~(0xF000 << 64) | 0x4000 << 64) & ~(0xC000 << 48) | 0x8000 << 48
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def add_entry(
    db: Database,
    journey_id: int,
    *,
    topic_id: int | None,
    moment: datetime,
    minutes: int | None,
    kind: str,
    note: str | None,
    tags: Iterable[str],
    link: str | None,
    confidence: int | None,
    created: datetime,
    uid: str | None = None,
) -> int:
    """Store one entry; its day is the local date of `moment`."""
    entry_id = db.value(
        "INSERT INTO entry (uid, journey_id, topic_id, day, logged_at, minutes, kind, note,"
        " link, confidence, created_at, updated_at) VALUES (:uid, :journey, :topic, :day,"
        " :logged_at, :minutes, :kind, :note, :link, :confidence, :created, :created)"
        " RETURNING id",
        {
            "uid": uid or new_uid(), "journey": journey_id, "topic": topic_id,
            "day": moment.date().isoformat(), "logged_at": _stamp(moment), "minutes": minutes,
            "kind": kind, "note": note, "link": link, "confidence": confidence,
            "created": _stamp(created),
        },
    )
    set_tags(db, entry_id, tags)
    return entry_id


def set_tags(db: Database, entry_id: int, tags: Iterable[str]) -> None:
    db.execute("DELETE FROM entry_tag WHERE entry_id = :entry", {"entry": entry_id})
    db.executemany(
        "INSERT INTO entry_tag (entry_id, tag) VALUES (:entry, :tag)",
        [{"entry": entry_id, "tag": tag} for tag in tags],
    )


_ENTRY_SELECT = (
    "SELECT e.id, e.uid, e.day, e.logged_at, t.name, e.minutes, e.kind, e.note, e.link,"
    " e.confidence FROM entry e LEFT JOIN topic t ON t.id = e.topic_id"
)


def _entries_with_tags(db: Database, rows: list[tuple]) -> list[EntryRecord]:
    """Entries from `rows` of _ENTRY_SELECT, with their tags and attachment counts."""
    tags: dict[int, list[str]] = {row[0]: [] for row in rows}
    attached: dict[int, int] = {}
    if rows:
        marks = ", ".join(f":id{index}" for index in range(len(rows)))
        ids = {f"id{index}": row[0] for index, row in enumerate(rows)}
        for entry_id, tag in db.rows(
            f"SELECT entry_id, tag FROM entry_tag WHERE entry_id IN ({marks})", ids
        ):
            tags[entry_id].append(tag)
        for listed in tags.values():
            listed.sort()
        attached = dict(
            db.rows(
                f"SELECT entry_id, COUNT(*) FROM entry_attachment WHERE entry_id IN ({marks})"
                " GROUP BY entry_id",
                ids,
            )
        )
    return [
        EntryRecord(
            id, uid, as_date(day), logged_at, topic, minutes, kind, note, tuple(tags[id]), link,
            confidence, attached.get(id, 0),
        )
        for id, uid, day, logged_at, topic, minutes, kind, note, link, confidence in rows
    ]


def entry_conditions(journey_id: int, where: EntryFilter) -> tuple[list[str], dict[str, object]]:
    """SQL conditions (on entry `e`) and their parameters for `where`."""
    clauses = ["e.journey_id = :journey"]
    params: dict[str, object] = {"journey": journey_id}
    if where.topic_id is not None:
        clauses.append("e.topic_id = :topic")
        params["topic"] = where.topic_id
    if where.tag is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM entry_tag g WHERE g.entry_id = e.id AND LOWER(g.tag) = :tag)"
        )
        params["tag"] = where.tag.lower()
    if where.since is not None:
        clauses.append("e.day >= :since")
        params["since"] = where.since.isoformat()
    if where.until is not None:
        clauses.append("e.day <= :until")
        params["until"] = where.until.isoformat()
    if where.kind is not None:
        clauses.append("e.kind = :kind")
        params["kind"] = where.kind
    if where.search is not None:
        clauses.append("(LOWER(e.note) LIKE :search ESCAPE '\\' OR LOWER(e.link) LIKE :search ESCAPE '\\')")
        escaped = where.search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["search"] = f"%{escaped}%"
    if where.uncovered:
        clauses.append("e.post_id IS NULL AND e.kind <> 'post'")
    return clauses, params


def entries(
    db: Database, journey_id: int, where: EntryFilter, *, limit: int | None
) -> list[EntryRecord]:
    """Entries matching `where`, newest first, at most `limit` of them (None: all)."""
    clauses, params = entry_conditions(journey_id, where)
    sql = f"{_ENTRY_SELECT} WHERE {' AND '.join(clauses)} ORDER BY e.day DESC, e.logged_at DESC, e.id DESC"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return _entries_with_tags(db, db.rows(sql, params))


def entries_in_order(db: Database, journey_id: int, where: EntryFilter, *, batch: int = 1000) -> Iterator[EntryRecord]:
    """Entries matching `where`, oldest first (by day, time, then the order they
    were logged in), read `batch` at a time so that any number of them streams in
    constant memory."""
    clauses, params = entry_conditions(journey_id, where)
    after: tuple[str, str, int] | None = None
    while True:
        page = list(clauses)
        if after is not None:
            page.append("(e.day, e.logged_at, e.id) > (:after_day, :after_at, :after_id)")
            params.update(after_day=after[0], after_at=after[1], after_id=after[2])
        rows = db.rows(
            f"{_ENTRY_SELECT} WHERE {' AND '.join(page)} ORDER BY e.day, e.logged_at, e.id LIMIT {batch}",
            params,
        )
        yield from _entries_with_tags(db, rows)
        if len(rows) < batch:
            return
        last = rows[-1]
        after = (str(last[2]), last[3], last[0])


def entry(db: Database, journey_id: int, entry_id: int) -> EntryRecord:
    rows = db.rows(
        f"{_ENTRY_SELECT} WHERE e.journey_id = :journey AND e.id = :id",
        {"journey": journey_id, "id": entry_id},
    )
    if not rows:
        raise InputError(f"no entry #{entry_id}")
    return _entries_with_tags(db, rows)[0]


def covering_post(db: Database, journey_id: int, entry_id: int) -> EntryRecord | None:
    """The published post that covered entry `entry_id` (`learnlog post publish`), if any."""
    rows = db.rows(
        f"{_ENTRY_SELECT} WHERE e.journey_id = :journey AND e.id ="
        " (SELECT post_id FROM entry WHERE id = :id AND journey_id = :journey)",
        {"journey": journey_id, "id": entry_id},
    )
    return _entries_with_tags(db, rows)[0] if rows else None


def latest_topic_entry(db: Database, journey_id: int) -> EntryRecord | None:
    """The newest entry that has a topic (what `learnlog continue` starts again)."""
    rows = db.rows(
        f"{_ENTRY_SELECT} WHERE e.journey_id = :journey AND e.topic_id IS NOT NULL"
        " ORDER BY e.logged_at DESC, e.id DESC LIMIT 1",
        {"journey": journey_id},
    )
    return _entries_with_tags(db, rows)[0] if rows else None


def update_entry(db: Database, entry_id: int, *, updated: datetime, **fields: object) -> None:
    """Change the given columns of an entry; a new `moment` also moves its day."""
    allowed = {"topic_id", "moment", "minutes", "kind", "note", "link", "confidence"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not entry columns: {sorted(unknown)}")
    values: dict[str, object] = dict(fields)
    moment = values.pop("moment", None)
    if isinstance(moment, datetime):
        values["day"] = moment.date().isoformat()
        values["logged_at"] = _stamp(moment)
    values["updated_at"] = _stamp(updated)
    assignments = ", ".join(f"{column} = :{column}" for column in values)
    db.execute(f"UPDATE entry SET {assignments} WHERE id = :id", {**values, "id": entry_id})


def delete_entry(db: Database, journey_id: int, entry_id: int) -> None:
    """Delete the entry, and any attachment it was the last to carry."""
    attached = db.value("SELECT 1 FROM entry_attachment WHERE entry_id = :id LIMIT 1", {"id": entry_id})
    db.execute("DELETE FROM entry WHERE id = :id", {"id": entry_id})
    if attached:
        # Imported only then: most entries carry nothing, and the module costs `delete` start-up.
        from learnlog.store.attachments import remove_unused_attachments

        remove_unused_attachments(db, journey_id)


# Cadence facts --------------------------------------------------------------------


def replace_cadence_rules(db: Database, journey_id: int, rules: Sequence[Rule]) -> None:
    db.execute("DELETE FROM cadence_rule WHERE journey_id = :journey", {"journey": journey_id})
    db.executemany(
        "INSERT INTO cadence_rule (journey_id, effective, every, counts, min_minutes)"
        " VALUES (:journey, :effective, :every, :counts, :minimum)",
        [
            {"journey": journey_id, "effective": rule.effective.isoformat(),
             "every": rule.every, "counts": rule.counts, "minimum": rule.min_minutes}
            for rule in rules
        ],
    )


def excuse_days(
    db: Database, journey_id: int, excuses: Iterable[Excuse], *, reason: str | None, created: datetime,
    keep_reasons: bool = False,
) -> int:
    """Excuse each day not excused yet (an excuse already there stays as it was),
    with `reason`, or each excuse's own reason when `keep_reasons`; returns how
    many were new."""
    added = 0
    for excuse in excuses:
        exists = db.value(
            "SELECT 1 FROM excused_day WHERE journey_id = :journey AND day = :day",
            {"journey": journey_id, "day": excuse.day.isoformat()},
        )
        if exists:
            continue
        db.execute(
            "INSERT INTO excused_day (journey_id, day, reason, late, created_at)"
            " VALUES (:journey, :day, :reason, :late, :created)",
            {"journey": journey_id, "day": excuse.day.isoformat(),
             "reason": excuse.reason if keep_reasons else reason,
             "late": excuse.late, "created": _stamp(created)},
        )
        added += 1
    return added


def last_checkin_topic(db: Database, journey_id: int, facts: CadenceFacts) -> str | None:
    """The topic of the latest entry that made the last check-in: under a posts-only
    rule, a later study session on that day is not the check-in."""
    day = facts.last_checkin
    if day is None:
        return None
    kind = "post" if rule_on(facts.rules, day).counts == "post" else None
    latest = entries(db, journey_id, EntryFilter(since=day, until=day, kind=kind), limit=1)
    return latest[0].topic if latest else None


def unexcuse_day(db: Database, journey_id: int, day: date) -> bool:
    cursor = db.execute(
        "DELETE FROM excused_day WHERE journey_id = :journey AND day = :day",
        {"journey": journey_id, "day": day.isoformat()},
    )
    return cursor.rowcount > 0


# Dashboard ------------------------------------------------------------------------

RECENT_ENTRIES = 5


def daily_totals(db: Database, journey_id: int, first: date, last: date) -> dict[date, tuple[int, int]]:
    """Per day from `first` to `last`: (minutes, entries)."""
    return {
        as_date(day): (minutes, count)
        for day, minutes, count in db.rows(
            "SELECT day, minutes, entries FROM entry_day"
            " WHERE journey_id = :journey AND day >= :first AND day <= :last",
            {"journey": journey_id, "first": first.isoformat(), "last": last.isoformat()},
        )
    }


def minutes_by_kind(db: Database, journey_id: int, first: date, last: date) -> dict[str, int]:
    """Minutes logged per kind of entry from `first` to `last`."""
    return dict(
        db.rows(
            "SELECT kind, COALESCE(SUM(minutes), 0) FROM entry"
            " WHERE journey_id = :journey AND day >= :first AND day <= :last GROUP BY kind",
            {"journey": journey_id, "first": first.isoformat(), "last": last.isoformat()},
        )
    )


def journey_totals(db: Database, journey_id: int, until: date) -> tuple[int, int]:
    """(sessions, minutes) logged up to `until`."""
    sessions, minutes = db.one(
        "SELECT COALESCE(SUM(entries), 0), COALESCE(SUM(minutes), 0) FROM entry_day"
        " WHERE journey_id = :journey AND day <= :until",
        {"journey": journey_id, "until": until.isoformat()},
    )
    return sessions, minutes


def dashboard(db: Database, journey: JourneyRecord, now: datetime) -> Dashboard:
    """The dashboard's facts for `journey` as of `now`, from SQL aggregates."""
    # Imported here: the commands that list or log import this module, and need none of it.
    from learnlog.domain.progress import (
        ANSWERED_WINDOW_DAYS, BUILDING_WINDOW_DAYS, OPEN_SHOWN, build_dashboard, calendar_window,
    )
    from learnlog.store.questions import open_summary, questions, resolved_count
    from learnlog.store.skips import month_budget
    from learnlog.store.cards import reviews_now
    from learnlog.store.timer import running_session

    today = now.date()
    facts = journey_facts(db, journey, today)
    first, last = calendar_window(journey.start, today)
    sessions, minutes = journey_totals(db, journey.id, today)
    return build_dashboard(
        journey=journey.name,
        facts=facts,
        daily=daily_totals(db, journey.id, first, min(last, today)),
        sessions=sessions,
        minutes=minutes,
        topics=topics(db, journey.id, today=today),
        minutes_by_kind=minutes_by_kind(
            db, journey.id, today - timedelta(days=BUILDING_WINDOW_DAYS - 1), today
        ),
        recent=entries(db, journey.id, EntryFilter(until=today), limit=RECENT_ENTRIES),
        skip_budget=month_budget(db, journey.id, today),
        running=running_session(db, journey.id),
        now=now,
        reviews=reviews_now(db, journey.id, now),
        open_items=open_summary(db, journey.id),
        oldest_open=questions(db, journey.id, state="open", limit=OPEN_SHOWN),
        answered=resolved_count(db, journey.id, today - timedelta(days=ANSWERED_WINDOW_DAYS - 1), today),
    )
