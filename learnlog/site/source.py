"""What the site is built from, read from the store: the cadence facts, the
aggregates, the posts and, only for a site with notes, the last days' entries,
their attachments and the questions resolved in them."""

from __future__ import annotations

from datetime import date

from learnlog.domain.journey import JourneyRecord
from learnlog.domain.progress import calendar_window
from learnlog.site.page import PRIVATE_TAG, YEAR_WEEKS, Site, build_site, notes_since
from learnlog.store.connection import Database
from learnlog.store.facts import journey_facts
from learnlog.store.queries import EntryFilter, daily_totals, entries_in_order, journey_totals, topics


def site_of(
    db: Database, journey: JourneyRecord, today: date, *, title: str, base_url: str | None, with_notes: bool,
) -> Site:
    """The site of `journey` as of `today`."""
    facts = journey_facts(db, journey, today)
    first, _ = calendar_window(journey.start, today, YEAR_WEEKS)
    sessions, minutes = journey_totals(db, journey.id, today)
    common = dict(
        title=title,
        base_url=base_url,
        facts=facts,
        daily=daily_totals(db, journey.id, first, today),
        sessions=sessions,
        minutes=minutes,
        topics=topics(db, journey.id, include_archived=True),
        posts=list(entries_in_order(db, journey.id, EntryFilter(kind="post", until=today))),
    )
    if not with_notes:
        return build_site(**common)
    from learnlog.store.attachments import attachments_by_entry
    from learnlog.store.questions import resolved_between

    since = notes_since(today)
    recent = list(entries_in_order(db, journey.id, EntryFilter(since=since, until=today)))
    return build_site(
        **common,
        notes=recent,
        attachments=attachments_by_entry(db, [entry.id for entry in recent if entry.attachments]),
        resolved=resolved_between(db, journey.id, since, today),
        private_ids=[entry.id for entry in entries_in_order(db, journey.id, EntryFilter(tag=PRIVATE_TAG))],
    )
