"""The site's files from its data: index.html, feed.xml (given a base URL), badge.svg
and card.svg, rendered by the page templates of `learnlog.pages` (autoescaped, every
value printed as text). Nothing here reads a clock or the disk: the same data
renders the same bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from learnlog.domain.progress import ACTIVE, CHECKIN, CalendarDay
from learnlog.pages import MARK_GLYPHS, WEEKDAY_LABELS, calendar_weeks, day_title, legend, month_labels, render
from learnlog.site.page import NOTES_WINDOW_DAYS, Board, Post, Site
from learnlog.views.status import deadline_text, rule_text

FEED_NAME = "feed.xml"
INDEX_NAME = "index.html"
BADGE_NAME = "badge.svg"
CARD_NAME = "card.svg"
POST_ID_NAMESPACE = uuid.UUID("6b1e7f5e-3c4a-5d2b-9f00-6c6561726e6c")
"""The namespace of the feed's entry ids: a post's id is a name-based UUID of its
uid, the same on every build, and telling nothing about the journey."""
CARD_TITLE_LENGTH = 36
"""The card's heading is cut to this many characters (an SVG line never wraps)."""


@dataclass(frozen=True)
class Cell:
    """One day of an SVG heatmap: where it is drawn, how, and what it says."""

    x: int
    y: int
    level: int
    mark: str
    glyph: str
    title: str


@dataclass(frozen=True)
class Heatmap:
    """An SVG heatmap's geometry: weeks as columns starting Monday, weekdays as rows."""

    cells: tuple[Cell, ...]
    months: tuple[tuple[int, str], ...]
    """(x, label) over the columns where a month begins."""
    weekdays: tuple[tuple[int, str], ...]
    """(y, label) beside the rows labelled: Mon, Wed, Fri."""
    size: int
    width: int
    height: int


def heatmap(days: Sequence[CalendarDay], *, size: int, gap: int, left: int, top: int) -> Heatmap:
    """Lay `days` (whole weeks) out as cells of `size` pixels `gap` apart, after a
    margin of `left` pixels for weekday labels and `top` for month labels (0: none)."""
    weeks = calendar_weeks(days)
    step = size + gap
    cells = tuple(
        Cell(left + column * step, top + row * step, day.level, day.mark, MARK_GLYPHS[day.mark], day_title(day))
        for column, week in enumerate(weeks)
        for row, day in enumerate(week)
        if day is not None
    )
    months = (
        tuple((left + column * step, label) for column, label in enumerate(month_labels(weeks)) if label)
        if top else ()
    )
    weekdays = tuple((top + row * step, WEEKDAY_LABELS[row]) for row in (0, 2, 4)) if left else ()
    return Heatmap(cells, months, weekdays, size, left + len(weeks) * step - gap, top + 7 * step - gap)


# Average advance widths of Verdana at 11px, as badges are set: the badge asks each
# text to take exactly its estimated width (textLength), so its look does not hang on
# which font the reader has.
_NARROW = set("fijlrt.,:;|!'· ")
_WIDE = set("mwMW")


def text_width(text: str) -> int:
    """The width in pixels the badge gives `text` at 11px."""
    width = sum(3.9 if char in _NARROW else 10.0 if char in _WIDE else 7.0 if char.isdigit() else 6.8 for char in text)
    return round(width)


def post_id(post: Post) -> str:
    """The Atom id of a post: stable across builds, and opaque."""
    return f"urn:uuid:{uuid.uuid5(POST_ID_NAMESPACE, post.uid)}"


def feed_updated(site: Site) -> str:
    """When the feed last changed: its newest post's time, or the journey's start."""
    if site.posts:
        return max(post.timestamp for post in site.posts)
    return f"{site.facts.start.isoformat()}T00:00:00Z"


def short_title(title: str, length: int = CARD_TITLE_LENGTH) -> str:
    return title if len(title) <= length else title[: length - 1].rstrip() + "…"


def render_site(site: Site) -> dict[str, bytes]:
    """Each file of the site by name, as its bytes (UTF-8); feed.xml only with a base URL."""
    facts = site.facts
    common = {
        "site": site,
        "facts": facts,
        "promise": rule_text(facts.every, facts.counts, facts.min_minutes),
        "deadline": deadline_text(facts),
        "feed": FEED_NAME if site.base_url else None,
        "notes_days": NOTES_WINDOW_DAYS,
    }
    files = {
        INDEX_NAME: render(
            "index.html", **common,
            heatmap=heatmap(site.year, size=12, gap=3, left=30, top=16), legend=legend(),
            checkins=sum(1 for day in site.year if day.mark == CHECKIN),
            active=sum(1 for day in site.year if day.mark in (CHECKIN, ACTIVE)),
        ),
    }
    if site.base_url:
        files[FEED_NAME] = render(
            "feed.xml", **common, updated=feed_updated(site), post_id=post_id,
        )
    label, message = site.badge
    label_width, message_width = text_width(label) + 12, text_width(message) + 12
    files[BADGE_NAME] = render(
        "badge.svg", **common, label=label, message=message, label_width=label_width, message_width=message_width,
        label_text=label_width - 12, message_text=message_width - 12,
    )
    files[CARD_NAME] = render(
        "card.svg", **common, heading=short_title(site.title),
        heatmap=heatmap(site.weeks, size=10, gap=2, left=0, top=0),
        weeks=len(calendar_weeks(site.weeks)),
    )
    return {name: text.encode("utf-8") for name, text in files.items()}



def render_board(board: Board) -> dict[str, bytes]:
    """The group's page: index.html, as bytes (UTF-8)."""
    return {INDEX_NAME: render("board.html", board=board).encode("utf-8")}
