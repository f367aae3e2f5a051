"""entry_day and topic_total, the per-day and per-topic totals the database
keeps as entries change, always hold what grouping the entries by day or by
topic gives, and the cadence read from them is the one read from the entries themselves: on both backends, whatever sequence of
logs, edits, imports and deletes made the journey, and whatever minimum the
cadence asks of a check-in day. The consistency score `status` serves is a plain
day-by-day walk over those entries."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnlog.domain.cadence import DayActivity
from learnlog.domain.cadence import journey_facts as cadence_facts
from learnlog.store.database import open_database
from learnlog.store.facts import as_date, cadence_rules, excused_days, journey_facts, select_journey
from learnlog.store.location import resolve_location

pytestmark = pytest.mark.both_backends

FIRST_DAY = date(2026, 11, 1)
KINDS = ("study", "build", "bug", "post")

TOPICS = ("numpy", "pandas")
logs = st.tuples(
    st.just("log"), st.integers(0, 20), st.sampled_from(KINDS), st.one_of(st.none(), st.integers(1, 300)),
    st.sampled_from(TOPICS),
)
edits = st.tuples(
    st.just("edit"), st.integers(0, 30), st.integers(0, 20), st.sampled_from(KINDS), st.integers(1, 300),
    st.one_of(st.none(), st.sampled_from(TOPICS)),
)
deletes = st.tuples(st.just("delete"), st.integers(0, 30))
operations = st.lists(st.one_of(logs, logs, edits, deletes), min_size=1, max_size=14)

_journeys = itertools.count()


def _grouped(db, journey_id: int) -> list[tuple]:
    return [
        (as_date(day), entries, posts, minutes)
        for day, entries, posts, minutes in db.rows(
            "SELECT day, COUNT(*), SUM(CASE WHEN kind = 'post' THEN 1 ELSE 0 END), SUM(COALESCE(minutes, 0))"
            " FROM entry WHERE journey_id = :journey GROUP BY day ORDER BY day",
            {"journey": journey_id},
        )
    ]


def _kept(db, journey_id: int) -> list[tuple]:
    return [
        (as_date(day), entries, posts, minutes)
        for day, entries, posts, minutes in db.rows(
            "SELECT day, entries, posts, minutes FROM entry_day WHERE journey_id = :journey ORDER BY day",
            {"journey": journey_id},
        )
    ]


def _grouped_topics(db, journey_id: int) -> list[tuple]:
    return [
        (topic_id, sessions, minutes, as_date(last_day))
        for topic_id, sessions, minutes, last_day in db.rows(
            "SELECT topic_id, COUNT(*), SUM(COALESCE(minutes, 0)), MAX(day) FROM entry"
            " WHERE journey_id = :journey AND topic_id IS NOT NULL GROUP BY topic_id ORDER BY topic_id",
            {"journey": journey_id},
        )
    ]


def _kept_topics(db, journey_id: int) -> list[tuple]:
    return [
        (topic_id, sessions, minutes, as_date(last_day))
        for topic_id, sessions, minutes, last_day in db.rows(
            "SELECT topic_id, sessions, minutes, last_day FROM topic_total WHERE journey_id = :journey ORDER BY topic_id",
            {"journey": journey_id},
        )
    ]


def _day(offset: int) -> str:
    return (FIRST_DAY + timedelta(days=offset)).isoformat()


TODAY = date(2026, 11, 25)


def walked_consistency(start: date, today: date, every: int, minimum: int, grouped: list[tuple]) -> float:
    """The consistency score as the rule words it, under one rule from the start and no
    excused days: check-in days from the entries, each deadline walked out afresh."""
    checkins = {
        day for day, entries, posts, minutes in grouped
        if start <= day <= today and (posts or (entries and minutes >= minimum))
    }
    keep = 0.5 ** ((1 / every) ** 0.5 / 13)
    score, day = 0.0, start
    while day <= today:
        setter = max((checkin for checkin in checkins if checkin < day), default=start)
        kept = day in checkins or day <= setter + timedelta(days=every)
        score = score * keep + (1 - keep if kept else 0)
        day += timedelta(days=1)
    return score


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(steps=operations, minimum=st.sampled_from([0, 15, 60, 120]))
def test_the_kept_totals_are_the_grouped_entries_after_any_changes(learnlog, database, steps, minimum):
    # Each example gets a journey of its own in the test's database.
    name = f"journey {next(_journeys)}"
    assert learnlog("--journey", name, "init", "--start", _day(0), "--curriculum", "none").exit_code == 0
    if minimum:
        set_on_start = learnlog("--journey", name, "cadence", "set", "3", "--min", str(minimum), today=_day(0))
        assert set_on_start.exit_code == 0, set_on_start.stderr
        learnlog("--journey", name, "status", today=TODAY.isoformat())  # and back to today
    ids: list[int] = []
    for topic in TOPICS:
        assert learnlog("--journey", name, "topic", "add", topic).exit_code == 0
    for step in steps:
        if step[0] == "log":
            _, offset, kind, minutes, topic = step
            args = ["--journey", name, "log", "--date", _day(offset), "--kind", kind]
            if kind != "post":
                args.append(topic)
            if minutes is not None:
                args += ["-d", str(minutes)]
            result = learnlog(*args)
            assert result.exit_code == 0, result.stderr
            ids.append(int(result.stdout.split()[1].lstrip("#")))
        elif ids and step[0] == "edit":
            _, pick, offset, kind, minutes, topic = step
            moved = ["--topic", topic] if topic else []
            learnlog(
                "--journey", name, "edit", str(ids[pick % len(ids)]), "--date", _day(offset), "-d", str(minutes),
                "--kind", kind, *moved,
            )
        elif ids and step[0] == "delete":
            learnlog("--journey", name, "delete", str(ids.pop(step[1] % len(ids))), "--yes")

    db = open_database(resolve_location(database))
    try:
        with db.transaction(write=False):
            journey = select_journey(db, name)
            grouped = _grouped(db, journey.id)
            assert _kept(db, journey.id) == grouped
            assert _kept_topics(db, journey.id) == _grouped_topics(db, journey.id)
            from_entries = cadence_facts(
                start=journey.start, today=TODAY, rules=cadence_rules(db, journey.id),
                activity=[DayActivity(day, entries, posts, minutes) for day, entries, posts, minutes in grouped],
                excused=excused_days(db, journey.id),
            )
            assert journey_facts(db, journey, TODAY) == from_entries
    finally:
        db.close()
    served = json.loads(learnlog("--journey", name, "status", "--json", today=TODAY.isoformat()).stdout)
    assert served["min_minutes"] == minimum
    assert served["consistency"] == pytest.approx(walked_consistency(journey.start, TODAY, 3, minimum, grouped), abs=1e-12)


def test_an_imported_journey_gets_its_totals_too(learnlog, database, tmp_path):
    assert learnlog("init", "--start", "2026-11-01").exit_code == 0
    for day, kind in (("2026-11-02", "study"), ("2026-11-02", "post"), ("2026-11-05", "bug")):
        learnlog("log", "numpy", "--date", day, "--kind", kind, "-d", "20m")
    exported = tmp_path / "journey.json"
    learnlog("export", "-o", str(exported))
    document = json.loads(exported.read_text())
    document["journey"]["name"] = "copy"
    for number, entry in enumerate(document["entries"]):
        entry["uid"] = f"00000000-0000-4000-8000-{number:012d}"
    exported.write_text(json.dumps(document))
    assert learnlog("import", str(exported)).exit_code == 0

    db = open_database(resolve_location(database))
    try:
        with db.transaction(write=False):
            for name in ("main", "copy"):
                journey = select_journey(db, name)
                assert _kept(db, journey.id) == _grouped(db, journey.id) == [
                    (date(2026, 11, 2), 2, 1, 40), (date(2026, 11, 5), 1, 0, 20),
                ]
    finally:
        db.close()
