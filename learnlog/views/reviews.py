"""`learnlog review` in words: the topics due for review, each with its chance of
recall, its last rating and how long it has been due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from learnlog.domain.dates import relative_days
from learnlog.domain.reviews import TopicReview
from learnlog.views.status import percent_text
from learnlog.views.text import count_text, day_text, one_line

RATE_HINT = "Log with --confidence 1-5 to schedule a topic's reviews."


def due_text(review: TopicReview) -> str:
    """'due today', 'overdue by 3 days', or (not due yet) 'next Sat 14 Nov (in 3 days)'."""
    due, today = review.card.due_day, review.today
    if due == today:
        return "due today"
    if due < today:
        return f"overdue by {count_text((today - due).days, 'day')}"
    return f"next {day_text(due)} ({relative_days(due, today)})"


def last_rated_text(review: TopicReview) -> str:
    """'last rated 3/5 on Mon 2 Nov'."""
    day = datetime.fromisoformat(review.card.last_review).date()
    return f"last rated {review.card.last_rating}/5 on {day_text(day)}"


def review_table(reviews: Sequence[TopicReview]) -> Table:
    table = Table.grid(padding=(0, 2))
    for _ in range(4):
        table.add_column(no_wrap=True)
    for review in reviews:
        table.add_row(
            Text(one_line(review.topic)), f"recall {percent_text(review.retrievability)}",
            last_rated_text(review), due_text(review),
        )
    return table


def review_screen(
    shown: Sequence[TopicReview], *, every: bool, upcoming: TopicReview | None, never_rated: Sequence[str],
) -> RenderableType:
    """The topics `shown` (every rated one, or those due, already in order), or what
    comes next when none is due (`upcoming`); then the topics never rated, with a
    hint to rate them."""
    parts: list[RenderableType] = []
    if shown:
        parts.append(Text("Every rated topic, the next review first:" if every else "Due for review, the most forgotten first:"))
        parts.append(review_table(shown))
    elif upcoming is not None:
        parts.append(Text(
            f"Nothing is due for review today; next: {one_line(upcoming.topic)} on {day_text(upcoming.card.due_day)}"
            f" ({relative_days(upcoming.card.due_day, upcoming.today)})."
        ))
    else:
        parts.append(Text("No topic rated yet."))
    if never_rated:
        parts.append(Text(f"Never rated: {', '.join(one_line(name) for name in never_rated)}"))
        parts.append(Text(RATE_HINT))
    return Group(*parts)
