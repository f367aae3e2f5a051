"""Spaced review of topics: each topic's memory modelled with FSRS, through the
`fsrs` package (py-fsrs), never reimplemented here.

Every entry that rates its topic (`--confidence`) is a review of that topic, at
the entry's timestamp in UTC. Replaying a topic's reviews, in order, through
fsrs's scheduler gives its card: when it is due, its stability, difficulty and,
at any moment, its retrievability (the chance of recall).

Pure: reviews in, card facts out. fsrs is imported only inside the functions
that run it, so that the commands that merely read a stored card (`status`)
never pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from learnlog.errors import InputError

MIN_RETENTION = 0.70
MAX_RETENTION = 0.97

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
"""fsrs's ratings (fsrs.Rating's values), named here so that the map below needs no import."""
RATINGS = {1: AGAIN, 2: AGAIN, 3: HARD, 4: GOOD, 5: EASY}
"""A confidence (1 to 5) as the FSRS rating of a review."""


def check_retention(value: str) -> str:
    """The desired retention in its stored form (a decimal from MIN_RETENTION to
    MAX_RETENTION, as `:g` writes it), or InputError."""
    cleaned = value.strip()
    try:
        number = float(cleaned)
    except ValueError:
        number = None
    if number is None or not cleaned.isascii() or not MIN_RETENTION <= number <= MAX_RETENTION:
        raise InputError(
            f"not a review retention: {value!r} (use a chance of recall from {MIN_RETENTION:.2f}"
            f" to {MAX_RETENTION:.2f}, e.g. 0.9 for 90%)"
        )
    return f"{number:g}"


def rating(confidence: int) -> int:
    """The FSRS rating of a review with this confidence: 1 or 2 Again, 3 Hard,
    4 Good, 5 Easy."""
    return RATINGS[confidence]


@dataclass(frozen=True)
class Review:
    """A rated entry, as a review of its topic: its timestamp (ISO 8601 with the
    UTC offset it was logged in), its confidence and its uid."""

    timestamp: str
    confidence: int
    uid: str

    @property
    def moment(self) -> datetime:
        """When it happened, in UTC (fsrs takes only UTC times)."""
        return datetime.fromisoformat(self.timestamp).astimezone(timezone.utc)


def in_review_order(reviews: Iterable[Review]) -> list[Review]:
    """The reviews in the order they are replayed: by their moment in UTC, then by
    uid (two reviews in the same minute are common, and the card depends on their
    order)."""
    return sorted(reviews, key=lambda review: (review.moment, review.uid))


def due_day(due: datetime, latest: Review) -> date:
    """The calendar day a card is due on: that of its FSRS due time in the UTC
    offset of its latest review (where the learner last was)."""
    return due.astimezone(datetime.fromisoformat(latest.timestamp).tzinfo).date()


@dataclass(frozen=True)
class ReviewCard:
    """A topic's card after replaying its reviews: how many, the latest one (its
    timestamp as logged, its confidence), when it is due (fsrs's due time in UTC,
    and the day of it), stability, difficulty, and fsrs's own Card as JSON."""

    reviews: int
    last_review: str
    last_rating: int
    due: str
    due_day: date
    stability: float
    difficulty: float
    card: str


_schedulers: dict[float, object] = {}


def scheduler(retention: float):
    """fsrs's scheduler for a desired retention: its default parameters, no learning
    or relearning steps and no fuzzing, so that a schedule is in whole days and
    exactly reproducible."""
    found = _schedulers.get(retention)
    if found is None:
        from fsrs import Scheduler

        found = _schedulers[retention] = Scheduler(
            desired_retention=retention, learning_steps=(), relearning_steps=(), enable_fuzzing=False,
        )
    return found


def replay(reviews: Iterable[Review], retention: float) -> ReviewCard | None:
    """The card that replaying `reviews` (in review order) through fsrs gives, or
    None when there are none."""
    ordered = in_review_order(reviews)
    if not ordered:
        return None
    from fsrs import Card, Rating

    chosen = scheduler(retention)
    first = ordered[0].moment
    # The card's id is fsrs's default, the epoch milliseconds of its creation: here,
    # its first review, so that a replay always gives the same card.
    card = Card(card_id=int(first.timestamp() * 1000), due=first)
    for review in ordered:
        card, _ = chosen.review_card(card, Rating(rating(review.confidence)), review_datetime=review.moment)
    latest = ordered[-1]
    return ReviewCard(
        reviews=len(ordered),
        last_review=latest.timestamp,
        last_rating=latest.confidence,
        due=card.due.isoformat(),
        due_day=due_day(card.due, latest),
        stability=card.stability,
        difficulty=card.difficulty,
        card=card.to_json(),
    )


def retrievability(card: ReviewCard, retention: float, now: datetime) -> float:
    """fsrs's chance of recalling the topic at `now` (0 to 1)."""
    from fsrs import Card

    return scheduler(retention).get_card_retrievability(
        Card.from_json(card.card), current_datetime=now.astimezone(timezone.utc)
    )


def due_for_review(card: ReviewCard, today: date) -> bool:
    """Due today or overdue."""
    return card.due_day <= today


@dataclass(frozen=True)
class TopicReview:
    """A rated topic as the reading commands show it: its card, and its chance of
    recall now."""

    topic: str
    card: ReviewCard
    retrievability: float
    today: date

    @property
    def due(self) -> bool:
        """Due today or overdue."""
        return due_for_review(self.card, self.today)

    def to_json(self) -> dict:
        return {
            "due": self.card.due_day.isoformat(),
            "review": self.due,
            "retrievability": self.retrievability,
            "stability": self.card.stability,
            "difficulty": self.card.difficulty,
            "reviews": self.card.reviews,
            "last_review": self.card.last_review,
            "last_rating": self.card.last_rating,
        }


NOT_RATED = {
    "due": None, "review": False, "retrievability": None, "stability": None, "difficulty": None,
    "reviews": 0, "last_review": None, "last_rating": None,
}
"""The review fields of a topic never rated."""


def topic_reviews(
    cards: Iterable[tuple[str, ReviewCard]], retention: float, now: datetime,
) -> list[TopicReview]:
    """Each (topic name, card) with its chance of recall at `now` (a local time:
    its day is the learner's today)."""
    return [TopicReview(name, card, retrievability(card, retention, now), now.date()) for name, card in cards]


def most_forgotten_first(reviews: Iterable[TopicReview]) -> list[TopicReview]:
    """The lowest chance of recall first; then the longest due, then by name."""
    return sorted(reviews, key=lambda review: (review.retrievability, review.card.due_day, review.topic.casefold()))


def next_review_first(reviews: Iterable[TopicReview]) -> list[TopicReview]:
    """The earliest due day first; then the lowest chance of recall, then by name."""
    return sorted(reviews, key=lambda review: (review.card.due_day, review.retrievability, review.topic.casefold()))
