"""The shell prompt reads a journey's activity newest first and stops at its latest
check-in; what it shows must be what the full cadence facts say, on every day."""

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from learnlog.domain.cadence import DueFacts, Excuse, Rule
from learnlog.prompt import prompt_segment
from learnlog.store.connection import Database
from learnlog.store.database import open_database
from learnlog.store.facts import (
    day_activity,
    day_activity_newest_first,
    due_facts,
    journey_facts,
    select_journey,
)
from learnlog.store.location import Location
from learnlog.store.queries import (
    add_entry,
    create_journey,
    excuse_days,
    replace_cadence_rules,
)

START = date(2026, 1, 1)
CREATED = datetime(2026, 1, 1, 9, tzinfo=UTC)
LAST_ENTRY_DAY = 200


def day(number: int) -> date:
    return START + timedelta(days=number)


def log(db: Database, journey_id: int, on: date, kind: str) -> None:
    add_entry(
        db, journey_id, topic_id=None, moment=datetime.combine(on, time(12), UTC), minutes=30,
        kind=kind, note=None, tags=(), link=None, confidence=None, created=CREATED,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Iterator[Database]:
    """A journey whose cadence counts any entry, then only posts, then any entry again,
    with a change still ahead, runs of excused days (some past the last entry), and
    days with no entry, only study or a post; beside it another journey that posts
    every day, which the first must never see."""
    db = open_database(Location(Path(tmp_path_factory.mktemp("db")) / "journey.db"), create=True)
    rng = random.Random(7)
    with db.transaction():
        journey = create_journey(db, name="main", start=START, every=3, topics=[], created=CREATED)
        rules = [Rule(day(0), 3, "any"), Rule(day(60), 9, "post"), Rule(day(120), 2, "any"), Rule(day(215), 7, "any")]
        replace_cadence_rules(db, journey.id, rules)
        excused = [day(first + offset) for first in (20, 65, 118, 150, 204) for offset in range(rng.randint(1, 6))]
        excuse_days(db, journey.id, [Excuse(each) for each in excused], reason="ill", created=CREATED)
        for number in range(LAST_ENTRY_DAY + 1):
            for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
                log(db, journey.id, day(number), "post" if rng.random() < 0.15 else "study")
        other = create_journey(db, name="other", start=START, every=1, topics=[], created=CREATED)
        for number in range(LAST_ENTRY_DAY + 30):
            log(db, other.id, day(number), "post")
    yield db
    db.close()


def test_the_prompt_says_what_the_full_facts_say_on_every_day(db: Database) -> None:
    journey = select_journey(db, "main")
    for number in range(LAST_ENTRY_DAY + 20):
        today = day(number)
        full = journey_facts(db, journey, today)
        due = due_facts(db, journey, today)
        assert due == DueFacts(full.due, full.state, full.days_left, full.overdue_days), today
        assert prompt_segment(due) == prompt_segment(full), today


def test_day_activity_newest_first_is_day_activity_up_to_a_day_reversed(db: Database) -> None:
    journey = select_journey(db, "main")
    until = day(100)
    assert list(day_activity_newest_first(db, journey.id, until)) == [
        logged for logged in reversed(day_activity(db, journey.id)) if logged.day <= until
    ]


def test_the_prompts_queries_sort_nothing_so_they_stop_where_the_reading_stops(db: Database) -> None:
    journey = select_journey(db, "main")
    statements: list[str] = []
    db.connection.set_trace_callback(statements.append)
    try:
        due_facts(db, journey, day(LAST_ENTRY_DAY))
    finally:
        db.connection.set_trace_callback(None)
    selects = [statement for statement in statements if statement.startswith("SELECT")]
    assert selects
    for statement in selects:
        plan = " | ".join(row[3] for row in db.rows(f"EXPLAIN QUERY PLAN {statement}"))
        assert "TEMP B-TREE" not in plan, plan
        assert "SCAN" not in plan, plan
