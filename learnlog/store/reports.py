"""The data behind progress reports and learning-in-public posts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from learnlog.domain.progress import calendar, knowledge_gaps
from learnlog.domain.journey import JourneyRecord
from learnlog.domain.report import PostDraft, Report, build_post_draft, topic_summaries
from learnlog.errors import InputError
from learnlog.store.attachments import attachments_by_entry
from learnlog.store.cards import due_topics
from learnlog.store.connection import Database
from learnlog.store.facts import as_date, journey_facts
from learnlog.store.questions import draft_resolutions, open_on, questions, resolved_between
from learnlog.store.queries import EntryFilter, add_entry, daily_totals, entries_in_order, topics


def report(db: Database, journey: JourneyRecord, today: date, where: EntryFilter) -> Report:
    """The report for the period in `where` (from the start to today by default)."""
    since = max(where.since or journey.start, journey.start)
    until = min(where.until or today, today)
    if until < since:
        raise InputError(f"the period {since.isoformat()} to {until.isoformat()} is empty")
    records = list(entries_in_order(db, journey.id, replace(where, since=since, until=until)))
    facts = journey_facts(db, journey, until)
    daily = daily_totals(db, journey.id, since, until)
    return Report(
        journey=journey.name,
        start=journey.start,
        since=since,
        until=until,
        facts=facts,
        entries=tuple(records),
        topics=topic_summaries(records, topics(db, journey.id, include_archived=True)),
        calendar=tuple(
            calendar(
                facts, {day: totals[0] for day, totals in daily.items()},
                active_days=[day for day, totals in daily.items() if totals[1]], first=since, last=until,
            )
        ),
        attachments=attachments_by_entry(db, [record.id for record in records if record.attachments]),
        resolved=tuple(resolved_between(db, journey.id, since, until, topic_id=where.topic_id)),
        still_open=tuple(open_on(db, journey.id, until, topic_id=where.topic_id)),
    )


def post_draft(db: Database, journey: JourneyRecord, today: date) -> PostDraft:
    """The next update: every entry up to today that no published post covers yet,
    the questions and bugs resolved since the last post, and those still open."""
    facts = journey_facts(db, journey, today)
    previous = db.one(
        "SELECT day, logged_at FROM entry WHERE journey_id = :journey AND kind = 'post' AND day <= :today"
        " ORDER BY day DESC, logged_at DESC, id DESC LIMIT 1",
        {"journey": journey.id, "today": today.isoformat()},
    )
    uncovered = list(entries_in_order(db, journey.id, EntryFilter(until=today, uncovered=True)))
    active = topics(db, journey.id, today=today)
    stale, _ = knowledge_gaps(active, today, facts.every)
    draft = build_post_draft(
        facts=facts,
        entries=uncovered,
        previous_post=as_date(previous[0]) if previous else None,
        stale=[topic.name for topic in stale],
        attachments=attachments_by_entry(db, [record.id for record in uncovered if record.attachments]),
        topics=active,
        resolved=draft_resolutions(db, journey.id, datetime.fromisoformat(previous[1]) if previous else None),
        still_open=questions(db, journey.id, state="open"),
    )
    return replace(draft, reviews_due=tuple(due_topics(db, journey.id, today)))


def publish_post(
    db: Database, journey: JourneyRecord, *, url: str, title: str | None, moment: datetime,
    minutes: int | None, created: datetime,
) -> tuple[int, int]:
    """Record a published update as a topic-less post, and mark every entry it
    covers (all not yet covered, up to its day); returns (post id, entries covered)."""
    post_id = add_entry(
        db, journey.id, topic_id=None, moment=moment, minutes=minutes, kind="post", note=title,
        tags=(), link=url, confidence=None, created=created,
    )
    covered = db.execute(
        "UPDATE entry SET post_id = :post WHERE journey_id = :journey AND post_id IS NULL"
        " AND kind <> 'post' AND day <= :day",
        {"post": post_id, "journey": journey.id, "day": moment.date().isoformat()},
    ).rowcount
    return post_id, covered
