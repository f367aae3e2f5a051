"""Each topic's spaced-review card, kept in `topic_card` as derived data.

Triggers on `entry` (migration 0007) mark a topic's card stale in the same
transaction as any change to a rating. A command that changed ratings calls
`refresh_cards` before it commits, so that the cards it leaves are current; a
reader that meets a stale card, or one computed with another retention or
another fsrs, replays that topic in memory (`topic_cards`), so that a card is
never wrong when read. Replaying is the domain's (`learnlog.domain.reviews`);
fsrs is imported only when some card needs it.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from learnlog.domain.settings import review_retention
from learnlog.domain.topics import topic_key
from learnlog.errors import LearnlogError
from learnlog.store.connection import Database
from learnlog.store.facts import as_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.reviews import Review, ReviewCard, TopicReview

_version: str | None = None


def fsrs_version() -> str:
    """The version of the fsrs package installed, which every card records.

    It is read from the name of the distribution's `.dist-info` folder beside the
    package, without importing fsrs or importlib.metadata: both cost `status`
    more start-up than the rest of its work. A copy of fsrs without its metadata
    (vendored, or bundled into one program) is known by a digest of its scheduler
    instead, which changes with every version that could schedule otherwise."""
    global _version
    if _version is None:
        import importlib.util
        import os

        spec = importlib.util.find_spec("fsrs")
        if spec is None or not spec.origin:
            raise LearnlogError("the fsrs package is missing: reinstall learnlog (pip install learnlog)")
        package = os.path.dirname(spec.origin)
        found = [
            name[len("fsrs-"):-len(".dist-info")] for name in os.listdir(os.path.dirname(package))
            if name.casefold().startswith("fsrs-") and name.endswith(".dist-info")
        ]
        _version = found[0] if len(found) == 1 else _version_elsewhere(package)
    return _version


def _version_elsewhere(package: str) -> str:
    """fsrs's version from its metadata wherever it is, or else a digest of its scheduler."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fsrs")
    except PackageNotFoundError:
        import hashlib
        import os

        with open(os.path.join(package, "scheduler.py"), "rb") as source:
            return "sha256:" + hashlib.sha256(source.read()).hexdigest()[:12]


class TopicCard(namedtuple("TopicCard", "topic_id topic archived card")):
    """A topic and its current card. (A named tuple: `status` reads cards on every
    run, and the review domain's dataclasses are loaded only where a card is used.)"""

    __slots__ = ()


_CARD_FIELDS = "reviews, last_review, last_rating, due, due_day, stability, difficulty, card"


def _card(row: Sequence) -> ReviewCard:
    from learnlog.domain.reviews import ReviewCard

    reviews, last_review, last_rating, due, due_day, stability, difficulty, card = row
    day = as_date(due_day) if due_day is not None else None
    return ReviewCard(reviews, last_review, last_rating, due, day, stability, difficulty, card)


def retention(db: Database, journey_id: int) -> float:
    """The journey's desired retention (learnlog config review-retention)."""
    stored = db.value(
        "SELECT value FROM setting WHERE journey_id = :journey AND name = 'review-retention'", {"journey": journey_id}
    )
    return review_retention({} if stored is None else {"review-retention": stored})


def ratings_of(db: Database, topic_id: int) -> list[Review]:
    """The entries that rate the topic, as its reviews (in no particular order)."""
    from learnlog.domain.reviews import Review

    return [
        Review(timestamp, confidence, uid)
        for timestamp, confidence, uid in db.rows(
            "SELECT logged_at, confidence, uid FROM entry WHERE topic_id = :topic AND confidence IS NOT NULL",
            {"topic": topic_id},
        )
    ]


def topic_cards(db: Database, journey_id: int, *, write: bool = False) -> list[TopicCard]:
    """Every rated topic of the journey (archived ones too) with its current card,
    by name. A stale card, or one computed with another retention or fsrs version,
    is replayed from the topic's reviews; with `write` (inside a write
    transaction), what was replayed is stored, and a card whose topic no longer has
    a rating is removed."""
    wanted = retention(db, journey_id)
    rows = db.rows(
        f"SELECT c.topic_id, t.name, t.archived, c.stale, c.fsrs_version, c.retention, {_CARD_FIELDS}"
        " FROM topic_card c JOIN topic t ON t.id = c.topic_id WHERE c.journey_id = :journey",
        {"journey": journey_id},
    )
    version = fsrs_version() if rows else None
    cards = []
    for topic_id, name, archived, stale, computed_with, computed_for, *fields in rows:
        if not stale and computed_with == version and computed_for == wanted:
            card = _card(fields)
        else:
            from learnlog.domain.reviews import replay

            card = replay(ratings_of(db, topic_id), wanted)
            if write:
                _store_card(db, topic_id, card, version=version, retention=wanted)
        if card is not None:
            cards.append(TopicCard(topic_id, name, bool(archived), card))
    return sorted(cards, key=lambda found: found.topic.casefold())


def due_topics(db: Database, journey_id: int, today: date) -> list[str]:
    """The active topics due for review on `today` (due then, or overdue), the
    longest due first, then by name. When every card is current (as writers leave
    them), that is one query and no replay: `status` asks on every run."""
    wanted = retention(db, journey_id)
    rows = db.rows(
        "SELECT t.name, t.archived, c.stale, c.fsrs_version, c.retention, c.due_day, c.reviews"
        " FROM topic_card c JOIN topic t ON t.id = c.topic_id WHERE c.journey_id = :journey",
        {"journey": journey_id},
    )
    version = fsrs_version() if rows else None
    if all(not stale and computed_with == version and computed_for == wanted for _, _, stale, computed_with, computed_for, _, _ in rows):
        current = [
            (as_date(day), name) for name, archived, _, _, _, day, reviews in rows
            if reviews and day is not None and not archived and as_date(day) <= today
        ]
        return [name for _, name in sorted(current, key=lambda found: (found[0], found[1].casefold()))]
    from learnlog.domain.reviews import due_for_review

    due = [
        found for found in topic_cards(db, journey_id) if not found.archived and due_for_review(found.card, today)
    ]
    return [found.topic for found in sorted(due, key=lambda found: (found.card.due_day, found.topic.casefold()))]


def reviews_now(db: Database, journey_id: int, now: datetime) -> dict[int, TopicReview]:
    """The active rated topics' cards with their chance of recall at `now`, by topic id."""
    cards = [found for found in topic_cards(db, journey_id) if not found.archived]
    if not cards:
        return {}
    from learnlog.domain.reviews import topic_reviews

    found_now = topic_reviews(((found.topic, found.card) for found in cards), retention(db, journey_id), now)
    return {found.topic_id: review for found, review in zip(cards, found_now)}


def unrated_topics(db: Database, journey_id: int, rated: Iterable[int]) -> list[str]:
    """The active topics but those (ids) `rated`, by name (ignoring case and separators)."""
    known = set(rated)
    names = [
        name for topic_id, name in db.rows(
            "SELECT id, name FROM topic WHERE journey_id = :journey AND NOT archived", {"journey": journey_id}
        )
        if topic_id not in known
    ]
    return sorted(names, key=topic_key)


def refresh_cards(db: Database, journey_id: int) -> None:
    """Bring every card of the journey up to date, inside the write transaction of
    a command that changed ratings, so that it commits current cards."""
    topic_cards(db, journey_id, write=True)


def recompute_cards(db: Database, journey_id: int) -> None:
    """Replay every topic of the journey afresh (after its retention changed, or to
    repair what doctor found off)."""
    db.execute("UPDATE topic_card SET stale = :stale WHERE journey_id = :journey", {"stale": True, "journey": journey_id})
    refresh_cards(db, journey_id)


def _store_card(db: Database, topic_id: int, card: ReviewCard | None, *, version: str, retention: float) -> None:
    if card is None:
        db.execute("DELETE FROM topic_card WHERE topic_id = :topic", {"topic": topic_id})
        return
    db.execute(
        "UPDATE topic_card SET stale = :stale, fsrs_version = :version, retention = :retention,"
        " reviews = :reviews, last_review = :last_review, last_rating = :last_rating, due = :due,"
        " due_day = :due_day, stability = :stability, difficulty = :difficulty, card = :card"
        " WHERE topic_id = :topic",
        {
            "stale": False, "version": version, "retention": retention, "reviews": card.reviews,
            "last_review": card.last_review, "last_rating": card.last_rating, "due": card.due,
            "due_day": card.due_day.isoformat(), "stability": card.stability, "difficulty": card.difficulty,
            "card": card.card, "topic": topic_id,
        },
    )


# doctor -----------------------------------------------------------------------------

_ALL_RATINGS = (
    "SELECT topic_id, logged_at, confidence, uid FROM entry WHERE confidence IS NOT NULL AND topic_id IS NOT NULL"
)
_ALL_CARDS = f"SELECT topic_id, journey_id, stale, fsrs_version, retention, {_CARD_FIELDS} FROM topic_card"
_RETENTIONS = "SELECT journey_id, value FROM setting WHERE name = 'review-retention'"
_TOPIC_JOURNEYS = "SELECT id, journey_id FROM topic"


def cards_off(rows: Callable[[str], list[tuple]]) -> int:
    """How many topics' kept cards disagree with a full replay of their ratings,
    over every journey; `rows` runs a query (doctor reads through a connection
    of its own). A card marked stale, or computed with another retention or fsrs
    version, is recomputed by whoever reads it, and is not off; a rated topic
    without a card, or a current card whose topic has no rating left, is."""
    from learnlog.domain.reviews import Review, replay

    reviews: dict[int, list[Review]] = {}
    for topic_id, timestamp, confidence, uid in rows(_ALL_RATINGS):
        reviews.setdefault(topic_id, []).append(Review(timestamp, confidence, uid))
    kept = {row[0]: row for row in rows(_ALL_CARDS)}
    if not reviews and not kept:
        return 0
    retentions = {journey_id: review_retention({"review-retention": value}) for journey_id, value in rows(_RETENTIONS)}
    journey_of = dict(rows(_TOPIC_JOURNEYS))
    version = fsrs_version()
    off = 0
    for topic_id in reviews.keys() | kept.keys():
        wanted = retentions.get(journey_of.get(topic_id), review_retention({}))
        if topic_id not in kept:
            off += 1
            continue
        _, _, stale, computed_with, computed_for, *fields = kept[topic_id]
        if stale or computed_with != version or computed_for != wanted:
            continue
        replayed = replay(reviews.get(topic_id, ()), wanted)
        if replayed is None or _card(fields) != replayed:
            off += 1
    return off
