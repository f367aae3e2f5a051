"""Spaced review: the topics due for review before they fade."""

from __future__ import annotations

from learnlog.cli.declare import JSON, Flag, command
from learnlog.session import journey_session, print_json


@command(
    "review",
    Flag("--all", dest="show_all", help="List every rated topic with its next review day."),
    JSON,
    examples=("learnlog review", "learnlog review --all", "learnlog review --json"),
)
def review(show_all, as_json) -> None:
    """The topics due for review today or overdue, the most forgotten first.

    Every session logged with --confidence is a review of its topic: 1 or 2 means
    you had forgotten (Again in FSRS), 3 Hard, 4 Good, 5 Easy. From those, FSRS
    (Anki's modern scheduler, through the fsrs package) models each topic's
    memory, and a topic is due once its chance of recall falls to the review
    retention (learnlog config review-retention, 0.9 by default). Each topic shows
    that chance now, its last rating and how long it has been due; then come the
    topics never rated.

    \b
    $ learnlog review
    Due for review, the most forgotten first:
    Pandas  recall 63%  last rated 2/5 on Fri 20 Nov  overdue by 4 days
    NumPy   recall 89%  last rated 4/5 on Tue 10 Nov  overdue by 3 days
    """
    from learnlog import clock
    from learnlog.domain.reviews import most_forgotten_first, next_review_first
    from learnlog.store.cards import reviews_now, unrated_topics

    now = clock.now()
    with journey_session() as (db, journey):
        found_now = reviews_now(db, journey.id, now)
        never_rated = unrated_topics(db, journey.id, found_now)
    reviews = list(found_now.values())
    shown = next_review_first(reviews) if show_all else most_forgotten_first(found for found in reviews if found.due)
    if as_json:
        print_json([{"topic": found.topic, **found.to_json()} for found in shown])
        return
    from learnlog.views.console import console
    from learnlog.views.reviews import review_screen

    upcoming = next(iter(next_review_first(reviews)), None)
    console().print(review_screen(shown, every=show_all, upcoming=upcoming, never_rated=never_rated))
