"""Each topic's review card, kept in topic_card, is always what replaying the
topic's ratings through fsrs gives: on both backends, whatever sequence of
rated and unrated logs, edits (of the rating, the date or the topic) and deletes
made the journey, across a change of UTC offset (Berlin leaves summer time on
25 Oct 2026)."""

from __future__ import annotations

import itertools
import json
import time
from datetime import datetime, timezone

import fsrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnlog.store.database import open_database
from learnlog.store.facts import select_journey
from learnlog.store.location import resolve_location

pytestmark = pytest.mark.both_backends

TOPICS = ("numpy", "pandas")
RATINGS = {1: fsrs.Rating.Again, 2: fsrs.Rating.Again, 3: fsrs.Rating.Hard, 4: fsrs.Rating.Good, 5: fsrs.Rating.Easy}
TODAY = "2026-11-25T20:00"

# A few days from 20 Oct to 24 Nov, on both sides of the change of offset, at a
# few times: reviews in the same minute are common, as they are in life.
moments = st.tuples(st.sampled_from([0, 4, 5, 6, 20, 35]), st.sampled_from(["08:00", "08:00", "00:30", "23:45"]))
ratings = st.one_of(st.none(), st.integers(1, 5))
logs = st.tuples(st.just("log"), st.sampled_from(TOPICS), moments, ratings)
# Two sessions rated in the same minute: their order is their uids'.
pairs = st.tuples(st.just("pair"), st.sampled_from(TOPICS), moments, st.integers(1, 5), st.integers(1, 5))
edits = st.tuples(
    st.just("edit"), st.integers(0, 30),
    st.one_of(
        st.tuples(st.just("--confidence"), st.sampled_from(["", "1", "2", "3", "4", "5"])),
        st.tuples(st.just("--date"), moments),
        st.tuples(st.just("--topic"), st.sampled_from(TOPICS)),
    ),
)
deletes = st.tuples(st.just("delete"), st.integers(0, 30))
operations = st.lists(st.one_of(logs, logs, pairs, edits, deletes), min_size=1, max_size=16)

_journeys = itertools.count()


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch):
    """Run in Europe/Berlin, whose offset changes within the journey."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _when(moment: tuple[int, str]) -> str:
    offset, clock = moment
    return f"2026-{10 + (19 + offset) // 31:02d}-{(19 + offset) % 31 + 1:02d} {clock}"


def fsrs_cards(rated: list[tuple[str, str, int, str]], retention: float) -> dict[str, fsrs.Card]:
    """Each topic's card as fsrs itself makes it from (topic, timestamp, confidence, uid)."""
    scheduler = fsrs.Scheduler(desired_retention=retention, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    cards: dict[str, fsrs.Card] = {}
    ordered = sorted(rated, key=lambda review: (datetime.fromisoformat(review[1]).astimezone(timezone.utc), review[3]))
    for topic, stamp, confidence, _ in ordered:
        moment = datetime.fromisoformat(stamp).astimezone(timezone.utc)
        card = cards.get(topic) or fsrs.Card(card_id=1, due=moment)
        cards[topic], _ = scheduler.review_card(card, RATINGS[confidence], review_datetime=moment)
    return cards


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(steps=operations, retention=st.sampled_from(["0.9", "0.8", "0.95"]))
def test_the_kept_cards_are_a_replay_through_fsrs_after_any_changes(learnlog, database, berlin, steps, retention):
    # Each example gets a journey of its own in the test's database.
    name = f"journey {next(_journeys)}"

    def run(*args: str):
        return learnlog("--journey", name, *args, today=TODAY)

    assert run("init", "--start", "2026-10-15").exit_code == 0
    if retention != "0.9":
        assert run("config", "review-retention", retention).exit_code == 0
    ids: list[int] = []
    for step in steps:
        if step[0] in ("log", "pair"):
            topic, moment, *given_ratings = step[1:]
            for rating in given_ratings:
                result = run("log", topic, "--date", _when(moment), *(["-c", str(rating)] if rating else []))
                assert result.exit_code == 0, result.stderr
                ids.append(int(result.stdout.split()[1].lstrip("#")))
        elif ids and step[0] == "edit":
            _, pick, (option, value) = step
            run("edit", str(ids[pick % len(ids)]), option, _when(value) if option == "--date" else value)
        elif ids and step[0] == "delete":
            run("delete", str(ids.pop(step[1] % len(ids))), "--yes")

    entries = json.loads(run("entries", "--json", "--all").stdout)
    rated = [
        (entry["topic"], entry["timestamp"], entry["confidence"], entry["uid"])
        for entry in entries if entry["confidence"] is not None
    ]
    expected = fsrs_cards(rated, float(retention))

    db = open_database(resolve_location(database))
    try:
        with db.transaction(write=False):
            journey = select_journey(db, name)
            kept = {
                topic: (bool(stale), stability, difficulty, due)
                for topic, stale, stability, difficulty, due in db.rows(
                    "SELECT t.name, c.stale, c.stability, c.difficulty, c.due FROM topic_card c"
                    " JOIN topic t ON t.id = c.topic_id WHERE c.journey_id = :journey",
                    {"journey": journey.id},
                )
            }
    finally:
        db.close()
    assert kept == {
        topic: (False, card.stability, card.difficulty, card.due.isoformat()) for topic, card in expected.items()
    }

    served = {review["topic"]: review for review in json.loads(run("review", "--all", "--json").stdout)}
    now = datetime(2026, 11, 25, 19, tzinfo=timezone.utc)
    scheduler = fsrs.Scheduler(desired_retention=float(retention))
    latest = {}
    for review in sorted(rated, key=lambda review: (datetime.fromisoformat(review[1]).astimezone(timezone.utc), review[3])):
        latest[review[0]] = review
    assert {
        topic: (
            review["due"], review["stability"], review["difficulty"], review["retrievability"], review["reviews"],
            review["last_review"], review["last_rating"],
        )
        for topic, review in served.items()
    } == {
        topic: (
            card.due.astimezone(datetime.fromisoformat(latest[topic][1]).tzinfo).date().isoformat(),
            card.stability, card.difficulty, scheduler.get_card_retrievability(card, now),
            sum(1 for review in rated if review[0] == topic), latest[topic][1], latest[topic][2],
        )
        for topic, card in expected.items()
    }
