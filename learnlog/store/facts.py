"""The queries behind the cadence facts: the journey, its rules, its excused days
and its activity per day. Kept apart from the rest of the store, because the
shell-prompt segment runs them on every prompt and must import little."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from learnlog.domain.cadence import (
    CadenceFacts,
    DayActivity,
    DeadlineInputs,
    DueFacts,
    Excuse,
    Rule,
    deadline_setter,
)
from learnlog.domain.cadence import due_facts as cadence_due_facts
from learnlog.domain.cadence import journey_facts as cadence_facts
from learnlog.domain.journey import JourneyRecord
from learnlog.errors import InputError, LearnlogError, NoJourney
from learnlog.store.connection import Database


def as_date(value: str | date) -> date:
    """A DATE column's value: SQLite gives text, PostgreSQL a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def journeys(db: Database) -> list[JourneyRecord]:
    """Every journey, by name (sorted here: PostgreSQL's text order depends on its locale)."""
    return sorted(
        (
            JourneyRecord(id, name, as_date(start), owner)
            for id, name, start, owner in db.rows("SELECT id, name, start, owner FROM journey")
        ),
        key=lambda journey: journey.name,
    )


def select_journey(db: Database, name: str | None) -> JourneyRecord:
    """The journey named `name`; without a name, on PostgreSQL the connecting role's
    own journey named after it (or its only one), else the only journey."""
    known = journeys(db)
    if name is None and db.is_server:
        own = [journey for journey in known if journey.owner == db.role]
        named_after_role = [journey for journey in own if journey.name == db.role]
        if named_after_role or len(own) == 1:
            return (named_after_role or own)[0]
    if name is not None:
        for journey in known:
            if journey.name == name:
                return journey
        listed = ", ".join(journey.name for journey in known) or "none"
        raise NoJourney(f"no journey named {name!r} in {db.location} (journeys: {listed})")
    if len(known) == 1:
        return known[0]
    if not known:
        raise NoJourney(f"no journey in {db.location}: run learnlog init")
    listed = ", ".join(journey.name for journey in known)
    raise InputError(f"{db.location} holds several journeys ({listed}): choose one with --journey")


def check_owner(db: Database, journey: JourneyRecord) -> None:
    """On PostgreSQL only a journey's owner changes it; row-level security enforces
    that, and this says so in words before anything is tried."""
    if db.is_server and journey.owner != db.role:
        raise LearnlogError(
            f"journey {journey.name!r} belongs to {journey.owner}: you ({db.role}) can read it, not change it"
        )


def day_activity(db: Database, journey_id: int) -> list[DayActivity]:
    """Per day: how many entries, how many of them are posts, and their minutes (from
    entry_day, which the database keeps as entries change)."""
    return [
        DayActivity(as_date(day), count, posts, minutes)
        for day, count, posts, minutes in db.rows(
            "SELECT day, entries, posts, minutes FROM entry_day WHERE journey_id = :journey ORDER BY day",
            {"journey": journey_id},
        )
    ]


def day_total(db: Database, journey_id: int, day: date) -> DayActivity:
    """What `day` holds: its entries, posts and minutes (from entry_day)."""
    rows = db.rows(
        "SELECT entries, posts, minutes FROM entry_day WHERE journey_id = :journey AND day = :day",
        {"journey": journey_id, "day": day.isoformat()},
    )
    return DayActivity(day, *rows[0]) if rows else DayActivity(day, 0, 0, 0)


def cadence_rules(db: Database, journey_id: int) -> list[Rule]:
    return [
        Rule(as_date(effective), every, counts, min_minutes)
        for effective, every, counts, min_minutes in db.rows(
            "SELECT effective, every, counts, min_minutes FROM cadence_rule WHERE journey_id = :journey"
            " ORDER BY effective",
            {"journey": journey_id},
        )
    ]


def excused_days(db: Database, journey_id: int) -> list[Excuse]:
    return [
        Excuse(as_date(day), reason, bool(late))
        for day, reason, late in db.rows(
            "SELECT day, reason, late FROM excused_day WHERE journey_id = :journey ORDER BY day",
            {"journey": journey_id},
        )
    ]


def journey_facts(db: Database, journey: JourneyRecord, today: date) -> CadenceFacts:
    """The cadence facts of `journey` as of `today`."""
    return cadence_facts(
        start=journey.start,
        today=today,
        rules=cadence_rules(db, journey.id),
        activity=day_activity(db, journey.id),
        excused=excused_days(db, journey.id),
    )


def day_activity_newest_first(db: Database, journey_id: int, until: date) -> Iterator[DayActivity]:
    """Per day up to `until`, newest first, fetched from the database only as far as it
    is read. entry_day's primary key yields the days in this order, so the database
    sorts nothing and reads no further back than asked."""
    rows = db.execute(
        "SELECT day, entries, posts, minutes FROM entry_day WHERE journey_id = :journey AND day <= :until"
        " ORDER BY day DESC",
        {"journey": journey_id, "until": until.isoformat()},
    )
    return (DayActivity(as_date(day), count, posts, minutes) for day, count, posts, minutes in rows)


def deadline_inputs(db: Database, journey: JourneyRecord, today: date) -> DeadlineInputs:
    """The inputs of `journey`'s deadline on `today`, read from the days since its
    latest check-in only: the shell prompt asks on every prompt, and must not slow
    down as the journey grows."""
    rules = cadence_rules(db, journey.id)
    setter = deadline_setter(
        start=journey.start,
        today=today,
        rules=rules,
        newest_first=day_activity_newest_first(db, journey.id, today),
    )
    excused_after = db.rows(
        "SELECT day FROM excused_day WHERE journey_id = :journey AND day > :setter ORDER BY day",
        {"journey": journey.id, "setter": setter.isoformat()},
    )
    return DeadlineInputs(setter, rules, [as_date(day) for (day,) in excused_after])


def due_facts(db: Database, journey: JourneyRecord, today: date) -> DueFacts:
    """Where `journey` stands against its deadline on `today`, the same as journey_facts says."""
    inputs = deadline_inputs(db, journey, today)
    return cadence_due_facts(
        today=today, setter=inputs.setter, rules=inputs.rules, excused_days=inputs.excused_days
    )
