"""Logging sessions, and listing, editing and deleting entries."""

from __future__ import annotations

import sys

from learnlog.cli.declare import (
    CONFIDENCE, DATE, DURATION, ENTRY_ID, JSON, KIND, LINK, NO_IMAGES, NOTE, PATH, SINCE, TAGS, TOPIC_FILTER, UNTIL,
    Argument, Flag, Option, command,
)
from learnlog.cli.notes import EDIT
from learnlog.session import journey_session, print_json
from learnlog.views.text import say

TOPIC = Argument(
    "topic", metavar="TOPIC", required=False,
    help="The topic: a name or a prefix of its words, e.g. numpy, 'lin reg', trees.", complete="topic",
)


@command(
    "log",
    TOPIC, NOTE, EDIT, DURATION, DATE, KIND, TAGS, LINK, CONFIDENCE,
    Flag("--new", help="Create TOPIC as a new topic."),
    Option(
        "--attach", "-a", metavar="FILE", type=PATH, multiple=True,
        help="Attach a file (a plot, a screenshot, a notebook and the images in its outputs); repeat for more.",
    ),
    NO_IMAGES,
    examples=(
        'learnlog log numpy -d 45m -m "broadcasting finally clicked"',
        'learnlog log "lin reg" --kind bug -m "forgot to scale features" --date yesterday',
        "learnlog log --kind post --link https://example.com/day-12",
        'learnlog log matplotlib --kind win -m "first plot that says something" --attach plot.png',
        'learnlog log "lin reg" -d 1h -m "fit by hand, then sklearn" --attach 03-regression.ipynb',
        'learnlog log pandas --kind bug -e',
        'git log -1 --format=%B | learnlog log "kaggle titanic" --kind build -m -',
    ),
)
def log(topic, note, edit, duration, date, kind, tag, link, confidence, new, attach, no_images) -> None:
    """Log a study session (or a build, bug, confusion, win or post)."""
    from learnlog import clock
    from learnlog.domain.dates import day_number, entry_timestamp, parse_moment
    from learnlog.domain.records import check_topic_for_kind, entry_fields
    from learnlog.domain.settings import default_minutes
    from learnlog.domain.cadence import rule_on
    from learnlog.store.facts import day_total, journey_facts
    from learnlog.store.queries import add_entry, resolve_topic, settings
    from learnlog.views.status import logged_line, short_of_minimum_text
    from learnlog.views.text import day_text

    from learnlog.cli.notes import note_from
    from learnlog.domain.records import check_kind

    entry_kind = check_kind(kind) if kind is not None else "study"
    fields = entry_fields(
        note=note_from(note, edit, kind=entry_kind), duration=duration, kind=entry_kind, tags=tag or [],
        link=link, confidence=confidence, clearing=False,
    )
    entry_kind = fields.pop("kind")
    check_topic_for_kind(topic, entry_kind)
    minutes = fields.pop("minutes", None)
    files = []
    if attach:
        # Read before anything is written; the attachments module is imported only
        # for them, as most logs attach nothing (and nbformat only for a notebook).
        from learnlog.store.attachments import read_files_to_attach

        files = read_files_to_attach(attach, images=not no_images)
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
            created=now, note=fields.get("note"), tags=fields["tags"], link=fields.get("link"),
            confidence=fields.get("confidence"),
        )
        if fields.get("confidence") is not None:
            # Only a rated session touches a review card: an unrated one never loads fsrs.
            from learnlog.store.cards import refresh_cards

            refresh_cards(db, journey.id)
        attached = []
        if files:
            from learnlog.store.attachments import attach_files

            attached = attach_files(db, journey.id, entry_id, files)
        facts = journey_facts(db, journey, now.date())
        logged_day = when.date()
        rule = rule_on(facts.rules, logged_day)
        short = rule.minutes_to_go(day_total(db, journey.id, logged_day)) if rule.min_minutes else 0
    say(
        logged_line(
            entry_id=entry_id, day_number=day_number(logged_day, journey.start), topic=topic_name,
            minutes=minutes, kind=entry_kind, facts=facts,
        )
    )
    if short:
        when_text = "today" if logged_day == facts.today else f"on {day_text(logged_day)}"
        say(short_of_minimum_text(rule.min_minutes - short, rule.min_minutes, when_text))
    if attached:
        from learnlog.views.attachments import attached_lines

        for line in attached_lines(entry_id, attached, notebooks_only=True):
            say(line)


@command(
    "entries",
    TOPIC_FILTER,
    Option("--tag", "-t", metavar="TAG", help="Only entries with this tag."),
    SINCE, UNTIL,
    KIND.with_help("Only this kind."),
    Option("--search", "-s", metavar="TEXT", help="Only entries whose note or link contains this text."),
    Option("-n", metavar="N", type=int, default=20, dest="limit", help="Show at most N entries."),
    Flag("--all", dest="show_all", help="Show every matching entry."),
    Flag("--full", help="Show each note whole, line breaks and all (else its first line, then ' …')."),
    JSON,
    examples=(
        'learnlog entries --topic numpy --since "last mon"',
        "learnlog entries --kind bug --full",
        "learnlog entries --kind bug --json",
    ),
)
def entries(topic, tag, since, until, kind, search, limit, show_all, full, as_json) -> None:
    """List entries, newest first."""
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
    if not records:
        say("No entries match." if any(where.values()) or topic else "No entries yet.", file=sys.stderr)
        return
    from learnlog.views.columns import colour_wanted, print_lines, terminal_width
    from learnlog.views.entries import entries_lines

    print_lines(entries_lines(
        records, start=journey.start, full=full, width=terminal_width(), colour=colour_wanted(),
    ))


@command("show", ENTRY_ID, JSON, examples=("learnlog show 12", "learnlog show 12 --json"))
def show(entry_id, as_json) -> None:
    """One entry with everything it has: its whole note, tags, link, confidence,
    attachments, the commits it was synced from, its answer or fix, and the post that covered it."""
    from learnlog.domain.dates import day_number
    from learnlog.store.attachments import attachments_by_entry
    from learnlog.store.queries import covering_post, entry as find_entry
    from learnlog.store.questions import question
    from learnlog.store.repositories import synced_commits
    from learnlog.views.entry import entry_lines

    with journey_session() as (db, journey):
        record = find_entry(db, journey.id, entry_id)
        files = attachments_by_entry(db, [entry_id]).get(entry_id, ())
        post = covering_post(db, journey.id, entry_id)
        answer = question(db, journey.id, entry_id).resolution if record.kind in ("confusion", "bug") else None
        commits = synced_commits(db, entry_id) if record.kind == "build" else []
    if as_json:
        print_json({
            **record.to_json(),
            "attachments": [info.to_json() for info in files],
            "post": post.to_json() if post else None,
            "resolution": answer.to_json() if answer else None,
            "commits": [{"hash": commit_hash, "repository": repository} for commit_hash, repository in commits],
        })
        return
    say("\n".join(entry_lines(
        record, day=day_number(record.day, journey.start), files=files, post=post, answer=answer, commits=commits,
    )))


@command(
    "edit",
    ENTRY_ID,
    Option("--topic", metavar="TOPIC", help="Move it to another topic.", complete="topic"),
    NOTE, EDIT, DURATION, DATE, KIND, TAGS, LINK, CONFIDENCE,
    examples=(
        "learnlog edit 12 --topic pandas -d 1h --tag groupby --tag bug",
        "learnlog edit 12 --link ''",
        "learnlog edit 12 -e",
    ),
)
def edit(entry_id, topic, note, edit, duration, date, kind, tag, link, confidence) -> None:
    """Change an entry. --tag replaces its tags; an empty value (--link '') clears a field."""
    from datetime import datetime

    from learnlog import clock
    from learnlog.domain.dates import entry_timestamp, moved_moment, parse_moment
    from learnlog.domain.records import check_topic_for_kind, entry_fields
    from learnlog.errors import InputError
    from learnlog.store.queries import entry as find_entry, resolve_topic, set_tags, update_entry

    if edit or note == "-":
        from learnlog.cli.notes import note_from
        from learnlog.domain.records import check_kind

        before = None
        if edit:
            # Read first, and edit outside any transaction: an editor can stay open for long.
            with journey_session() as (db, journey):
                before = find_entry(db, journey.id, entry_id)
        note = note_from(
            note, edit, kind=check_kind(kind) if kind is not None else (before.kind if before else "study"),
            current=before.note if before else None,
        )
    changes = entry_fields(
        note=note, duration=duration, kind=kind, tags=tag, link=link, confidence=confidence, clearing=True,
    )
    tags = changes.pop("tags", None)
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
        if changes.get("kind", current.kind) != current.kind:
            from learnlog.domain.questions import check_kind_change
            from learnlog.store.questions import is_resolved

            check_kind_change(entry_id, current.kind, changes["kind"], resolved=is_resolved(db, entry_id))
        if changes:
            update_entry(db, entry_id, updated=now, **changes)
        if tags is not None:
            set_tags(db, entry_id, tags)
        if current.confidence is not None or changes.get("confidence") is not None:
            from learnlog.store.cards import refresh_cards

            refresh_cards(db, journey.id)
    say(f"Updated entry #{entry_id}.")


@command(
    "delete",
    ENTRY_ID,
    Flag("--yes", "-y", help="Don't ask for confirmation."),
    examples=("learnlog delete 12 --yes",),
)
def delete(entry_id, yes) -> None:
    """Delete an entry (asks first, unless --yes)."""
    from learnlog.errors import InputError
    from learnlog.session import confirm
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
        if not confirm(f"Delete entry {summary}?"):
            raise InputError("nothing deleted")
    with journey_session(write=True) as (db, journey):
        rated = find_entry(db, journey.id, entry_id).confidence is not None
        delete_entry(db, journey.id, entry_id)
        if rated:
            from learnlog.store.cards import refresh_cards

            refresh_cards(db, journey.id)
    say(f"Deleted entry #{entry_id}.")
