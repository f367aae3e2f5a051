"""Logging sessions, and listing, editing and deleting entries."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from learnlog.cli.common import JsonOption
from learnlog.session import journey_session, print_json

TopicArgument = Annotated[
    Optional[str],
    typer.Argument(metavar="TOPIC", help="The topic: a name or a prefix of its words, e.g. numpy, 'lin reg', trees."),
]
NoteOption = Annotated[Optional[str], typer.Option("--note", "-m", metavar="TEXT", help="What you did, learned or got stuck on.")]
DurationOption = Annotated[
    Optional[str], typer.Option("--duration", "-d", metavar="DURATION", help="45m, 1h30m, 1.5h or 90 (minutes). [default: 30m, see learnlog config]")
]
DateOption = Annotated[
    Optional[str],
    typer.Option("--date", metavar="DATE", help="When: 2026-11-20, yesterday, fri, 'last fri', '2 days ago', -2d, 'Nov 3', each optionally with a time (21:30). [default: now]"),
]
KindOption = Annotated[
    Optional[str], typer.Option("--kind", "-k", metavar="KIND", help="study, build, bug, confusion, win or post. [default: study]")
]
TagOption = Annotated[Optional[list[str]], typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeat for more.")]
LinkOption = Annotated[Optional[str], typer.Option("--link", metavar="URL", help="A link to a notebook, repo or post.")]
EntryIdArgument = Annotated[int, typer.Argument(metavar="ID", help="The entry's number (see learnlog entries).")]
ConfidenceOption = Annotated[
    Optional[str], typer.Option("--confidence", "-c", metavar="1-5", help="How well you feel you know it, 1 to 5.")
]


def log(
    topic: TopicArgument = None,
    note: NoteOption = None,
    duration: DurationOption = None,
    date: DateOption = None,
    kind: KindOption = None,
    tag: TagOption = None,
    link: LinkOption = None,
    confidence: ConfidenceOption = None,
    new: Annotated[bool, typer.Option("--new", help="Create TOPIC as a new topic.")] = False,
    attach: Annotated[
        Optional[list[Path]], typer.Option("--attach", "-a", metavar="FILE", help="Attach a file (a plot, a screenshot); repeat for more.")
    ] = None,
) -> None:
    """Log a study session (or a build, bug, confusion, win or post).

    \b
    Examples:
      learnlog log numpy -d 45m -m "broadcasting finally clicked"
      learnlog log "lin reg" --kind bug -m "forgot to scale features" --date yesterday
      learnlog log --kind post --link https://example.com/day-12
      learnlog log matplotlib --kind win -m "first plot that says something" --attach plot.png
    """
    from learnlog import clock
    from learnlog.domain.dates import day_number, entry_timestamp, parse_duration, parse_moment
    from learnlog.domain.records import (
        check_kind, check_topic_for_kind, clean_link, clean_note, clean_tags, parse_confidence,
    )
    from learnlog.domain.settings import default_minutes
    from learnlog.store.attachments import read_attachment_file, store_attachment
    from learnlog.store.facts import journey_facts
    from learnlog.store.queries import add_entry, resolve_topic, settings
    from learnlog.views.status import logged_line

    entry_kind = check_kind(kind) if kind is not None else "study"
    check_topic_for_kind(topic, entry_kind)
    minutes = parse_duration(duration) if duration is not None else None
    values = {
        "note": clean_note(note) if note is not None else None,
        "tags": clean_tags(tag or []),
        "link": clean_link(link) if link is not None else None,
        "confidence": parse_confidence(confidence) if confidence is not None else None,
    }
    files = [read_attachment_file(path) for path in attach or []]
    now = clock.now()
    moment = parse_moment(date, now.date()) if date is not None else None
    with journey_session(write=True) as (db, journey):
        when = entry_timestamp(moment, now, journey.start) if moment else now
        # A post is a published update, not study time: it has minutes only when given.
        if minutes is None and entry_kind != "post":
            minutes = default_minutes(settings(db, journey.id))
        # `is not None`: an empty or blank TOPIC is refused by resolve_topic, never
        # taken to mean "no topic".
        topic_id, topic_name = (
            resolve_topic(
                db, journey.id, topic, create=new, created=now,
                unknown_hint="add it with --new, or see learnlog topic list",
            )
            if topic is not None
            else (None, None)
        )
        entry_id = add_entry(
            db, journey.id, topic_id=topic_id, moment=when, minutes=minutes, kind=entry_kind,
            created=now, **values,
        )
        for name, content in files:
            store_attachment(db, journey.id, entry_id, name, content)
        facts = journey_facts(db, journey, now.date())
    print(
        logged_line(
            entry_id=entry_id, day_number=day_number(when.date(), journey.start), topic=topic_name,
            minutes=minutes, kind=entry_kind, facts=facts,
        )
    )


def entries(
    topic: Annotated[Optional[str], typer.Option("--topic", metavar="TOPIC", help="Only this topic (archived ones too).")] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", "-t", metavar="TAG", help="Only entries with this tag.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="From this day on.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Up to this day.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND", help="Only this kind.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", metavar="TEXT", help="Only entries whose note or link contains this text.")] = None,
    limit: Annotated[int, typer.Option("-n", metavar="N", help="Show at most N entries.")] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="Show every matching entry.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List entries, newest first.

    \b
    Examples:
      learnlog entries --topic numpy --since "last mon"
      learnlog entries --kind bug --json
    """
    from learnlog import clock
    from learnlog.domain.dates import parse_day
    from learnlog.domain.records import check_kind, check_tag_filter
    from learnlog.errors import InputError
    from learnlog.store.queries import EntryFilter, entries as find_entries, resolve_topic

    if limit < 1:
        raise InputError(f"-n takes a number of entries from 1 up, not {limit}")
    today = clock.today()
    where = {
        "tag": check_tag_filter(tag) if tag is not None else None,
        "since": parse_day(since, today) if since else None,
        "until": parse_day(until, today) if until else None,
        "kind": check_kind(kind) if kind else None,
        "search": search or None,
    }
    with journey_session() as (db, journey):
        topic_id = (
            resolve_topic(db, journey.id, topic, create=False, created=clock.now(), include_archived=True)[0]
            if topic
            else None
        )
        records = find_entries(
            db, journey.id, EntryFilter(topic_id=topic_id, **where), limit=None if show_all else limit
        )
    if as_json:
        print_json([record.to_json() for record in records])
        return
    from learnlog.cli.common import console
    from learnlog.views.tables import entries_table

    if not records:
        print("No entries match." if any(where.values()) or topic else "No entries yet.", file=sys.stderr)
        return
    console().print(entries_table(records, start=journey.start))


def edit(
    entry_id: EntryIdArgument,
    topic: Annotated[Optional[str], typer.Option("--topic", metavar="TOPIC", help="Move it to another topic.")] = None,
    note: NoteOption = None,
    duration: DurationOption = None,
    date: DateOption = None,
    kind: KindOption = None,
    tag: TagOption = None,
    link: LinkOption = None,
    confidence: ConfidenceOption = None,
) -> None:
    """Change an entry. --tag replaces its tags; an empty value (--link '') clears a field.

    \b
    Example:
      learnlog edit 12 --topic pandas -d 1h --tag groupby --tag bug
    """
    from datetime import datetime

    from learnlog import clock
    from learnlog.domain.dates import entry_timestamp, moved_moment, parse_duration, parse_moment
    from learnlog.domain.records import (
        check_kind, check_topic_for_kind, clean_link, clean_note, clean_tags, parse_confidence,
    )
    from learnlog.errors import InputError
    from learnlog.store.queries import entry as find_entry, resolve_topic, set_tags, update_entry

    changes: dict[str, object] = {}
    if note is not None:
        changes["note"] = clean_note(note)
    if duration is not None:
        changes["minutes"] = parse_duration(duration) if duration.strip() else None
    if kind is not None:
        changes["kind"] = check_kind(kind)
    if link is not None:
        changes["link"] = clean_link(link)
    if confidence is not None:
        changes["confidence"] = parse_confidence(confidence)
    tags = clean_tags([t for t in tag if t.strip()]) if tag is not None else None
    now = clock.now()
    moment = parse_moment(date, now.date()) if date is not None else None
    if not changes and tags is None and moment is None and topic is None:
        raise InputError("nothing to change: give at least one option (see learnlog edit --help)")
    with journey_session(write=True) as (db, journey):
        current = find_entry(db, journey.id, entry_id)
        if moment is not None:
            moved = moved_moment(moment, datetime.fromisoformat(current.timestamp), now)
            changes["moment"] = entry_timestamp(moved, now, journey.start)
        if topic is not None:
            changes["topic_id"] = (
                resolve_topic(db, journey.id, topic, create=False, created=now)[0] if topic.strip() else None
            )
        topic_after = changes["topic_id"] if "topic_id" in changes else current.topic
        check_topic_for_kind(topic_after, changes.get("kind", current.kind))
        if changes:
            update_entry(db, entry_id, updated=now, **changes)
        if tags is not None:
            set_tags(db, entry_id, tags)
    print(f"Updated entry #{entry_id}.")


def delete(
    entry_id: EntryIdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation.")] = False,
) -> None:
    """Delete an entry (asks first, unless --yes).

    \b
    Example:
      learnlog delete 12 --yes
    """
    from learnlog.errors import InputError
    from learnlog.store.queries import delete_entry, entry as find_entry
    from learnlog.views.text import minutes_text, one_line

    with journey_session() as (db, journey):
        found = find_entry(db, journey.id, entry_id)
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(f"not deleting entry #{entry_id} without --yes (no terminal to ask)")
        summary = (
            f"#{found.id} {found.day.isoformat()} {one_line(found.topic or found.kind)}"
            f" {minutes_text(found.minutes)}"
        )
        if not typer.confirm(f"Delete entry {summary}?"):
            raise InputError("nothing deleted")
    with journey_session(write=True) as (db, journey):
        find_entry(db, journey.id, entry_id)
        delete_entry(db, journey.id, entry_id)
    print(f"Deleted entry #{entry_id}.")
