"""Tests for learnlog.domain.reviews: a topic's rated entries replayed through fsrs."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import fsrs
import pytest

from learnlog.domain.reviews import (
    ReviewCard, Review, TopicReview, check_retention, due_day, due_for_review, in_review_order,
    most_forgotten_first, next_review_first, rating, replay, retrievability,
)
from learnlog.errors import InputError

UID_A = "00000000-0000-4000-8000-00000000000a"
UID_B = "00000000-0000-4000-8000-00000000000b"


def fsrs_replay(history: list[tuple[str, int]], retention: float) -> fsrs.Card:
    """The card fsrs itself gives for (timestamp, confidence) reviews already in order."""
    scheduler = fsrs.Scheduler(
        desired_retention=retention, learning_steps=(), relearning_steps=(), enable_fuzzing=False
    )
    card = fsrs.Card(card_id=1)
    for stamp, confidence in history:
        moment = datetime.fromisoformat(stamp).astimezone(timezone.utc)
        card, _ = scheduler.review_card(card, fsrs.Rating(rating(confidence)), review_datetime=moment)
    return card


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [(1, fsrs.Rating.Again), (2, fsrs.Rating.Again), (3, fsrs.Rating.Hard), (4, fsrs.Rating.Good), (5, fsrs.Rating.Easy)],
    ids=["1-again", "2-again", "3-hard", "4-good", "5-easy"],
)
def test_a_confidence_is_an_fsrs_rating(confidence, expected):
    assert rating(confidence) == expected


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0.9", "0.9"), ("0.90", "0.9"), (" 0.85 ", "0.85"), ("0.7", "0.7"), ("0.97", "0.97"), (".8", "0.8")],
    ids=["default", "trailing-zero", "spaces", "lowest", "highest", "no-leading-zero"],
)
def test_a_retention_from_0_70_to_0_97_is_kept_in_short_form(typed, stored):
    assert check_retention(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["0.69", "0.98", "90", "1", "0", "-0.9", "abc", "", "nan", "inf", "\uff10.\uff19", "90%"],
    ids=["below", "above", "a-percentage-number", "one", "zero", "negative", "word", "empty", "nan", "inf",
         "fullwidth-digits", "percent-sign"],
)
def test_any_other_retention_is_refused_saying_what_is_taken(typed):
    with pytest.raises(InputError) as refused:
        check_retention(typed)
    assert str(refused.value) == (
        f"not a review retention: {typed!r} (use a chance of recall from 0.70 to 0.97, e.g. 0.9 for 90%)"
    )


@pytest.mark.parametrize(
    ("reviews", "order"),
    [
        ([Review("2026-11-03T09:00:00+00:00", 3, UID_A), Review("2026-11-02T09:00:00+00:00", 4, UID_B)], [UID_B, UID_A]),
        # 08:30 in Berlin is 07:30 UTC, before 08:00 UTC in London.
        ([Review("2026-11-03T08:00:00+00:00", 3, UID_A), Review("2026-11-03T08:30:00+01:00", 4, UID_B)], [UID_B, UID_A]),
        ([Review("2026-11-03T09:00:00+00:00", 3, UID_B), Review("2026-11-03T10:00:00+01:00", 4, UID_A)], [UID_A, UID_B]),
    ],
    ids=["by-time", "by-utc-time-not-wall-clock", "same-moment-by-uid"],
)
def test_reviews_are_replayed_by_utc_moment_then_uid(reviews, order):
    assert [review.uid for review in in_review_order(reviews)] == order


@pytest.mark.parametrize(
    ("due", "latest", "day"),
    [
        ("2026-11-03T23:30:00+00:00", "2026-11-01T12:00:00+01:00", date(2026, 11, 4)),
        ("2026-11-03T23:30:00+00:00", "2026-11-01T12:00:00-05:00", date(2026, 11, 3)),
        ("2026-11-04T03:00:00+00:00", "2026-11-01T12:00:00-05:00", date(2026, 11, 3)),
        ("2026-11-03T12:00:00+00:00", "2026-11-01T12:00:00+00:00", date(2026, 11, 3)),
    ],
    ids=["late-utc-is-tomorrow-in-berlin", "late-utc-is-today-in-new-york", "early-utc-is-yesterday-in-new-york", "utc"],
)
def test_a_card_is_due_on_the_day_of_its_due_time_where_its_latest_review_was(due, latest, day):
    assert due_day(datetime.fromisoformat(due), Review(latest, 3, UID_A)) == day


HISTORIES = {
    "one-good": [("2026-11-02T09:00:00+00:00", 4)],
    "one-again": [("2026-11-02T09:00:00+00:00", 1)],
    "hard-then-easy": [("2026-11-02T09:00:00+00:00", 3), ("2026-11-04T20:30:00+01:00", 5)],
    "twice-the-same-day": [("2026-11-02T09:00:00+00:00", 4), ("2026-11-02T21:00:00+00:00", 4)],
    "forgotten-after-a-long-gap": [
        ("2026-01-02T09:00:00+00:00", 5), ("2026-02-01T09:00:00+00:00", 4), ("2026-10-01T09:00:00+02:00", 2),
    ],
    "many": [(f"2026-{month:02d}-{day:02d}T18:00:00+01:00", 1 + (month * day) % 5) for month in (3, 4, 5) for day in (1, 9, 20)],
}


@pytest.mark.parametrize("retention", [0.7, 0.9, 0.97], ids=["0.70", "0.90", "0.97"])
@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_a_replay_gives_what_fsrs_itself_gives(history, retention):
    reviews = [Review(stamp, confidence, f"00000000-0000-4000-8000-{index:012d}") for index, (stamp, confidence) in enumerate(history)]
    card = replay(reversed(reviews), retention)
    expected = fsrs_replay(history, retention)

    assert (card.due, card.stability, card.difficulty) == (expected.due.isoformat(), expected.stability, expected.difficulty)
    assert card.reviews == len(history)
    assert (card.last_review, card.last_rating) == history[-1]
    assert card.due_day == expected.due.astimezone(datetime.fromisoformat(history[-1][0]).tzinfo).date()
    now = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    assert retrievability(card, retention, now) == fsrs.Scheduler(desired_retention=retention).get_card_retrievability(expected, now)


def test_a_topic_without_ratings_has_no_card():
    assert replay([], 0.9) is None


def test_the_same_reviews_always_replay_to_the_same_card():
    reviews = [Review(stamp, confidence, UID_A) for stamp, confidence in HISTORIES["hard-then-easy"]]
    assert replay(reviews, 0.9) == replay(list(reviews), 0.9)


def test_a_lower_retention_schedules_reviews_further_apart():
    reviews = [Review(stamp, confidence, UID_A) for stamp, confidence in HISTORIES["forgotten-after-a-long-gap"][:2]]
    assert replay(reviews, 0.7).due_day > replay(reviews, 0.9).due_day > replay(reviews, 0.97).due_day


def card_due(day: date) -> ReviewCard:
    return ReviewCard(1, "2026-11-01T09:00:00+00:00", 4, f"{day.isoformat()}T09:00:00+00:00", day, 2.0, 5.0, "{}")


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("due", "expected"),
    [(TODAY, True), (TODAY - timedelta(days=3), True), (TODAY + timedelta(days=1), False)],
    ids=["due-today", "overdue", "tomorrow"],
)
def test_a_topic_is_due_for_review_on_its_due_day_and_after(due, expected):
    assert due_for_review(card_due(due), TODAY) is expected


def test_the_most_forgotten_come_first_and_the_next_review_first_under_all():
    reviews = [
        TopicReview("NumPy", card_due(TODAY - timedelta(days=1)), 0.8, TODAY),
        TopicReview("Pandas", card_due(TODAY), 0.6, TODAY),
        TopicReview("Python", card_due(TODAY + timedelta(days=4)), 0.95, TODAY),
        TopicReview("Matplotlib", card_due(TODAY), 0.6, TODAY),
    ]
    assert [review.topic for review in most_forgotten_first(reviews)] == ["Matplotlib", "Pandas", "NumPy", "Python"]
    assert [review.topic for review in next_review_first(reviews)] == ["NumPy", "Matplotlib", "Pandas", "Python"]
