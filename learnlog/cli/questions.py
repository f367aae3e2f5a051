"""Open questions and bugs: listing them, resolving them, and reopening them."""

from __future__ import annotations

import sys

from learnlog.cli.declare import DATE, ENTRY_ID, JSON, LINK, TOPIC_FILTER, Argument, Flag, Option, command
from learnlog.cli.notes import EDIT
from learnlog.session import journey_session, print_json
from learnlog.views.text import say


@command(
    "questions",
    TOPIC_FILTER,
    Option("--kind", "-k", metavar="KIND", help="Only questions (confusion) or only bugs (bug).", complete=("confusion", "bug")),
    Flag("--resolved", help="The resolved ones instead, newest answer first, with their answers."),
    Flag("--all", dest="everything", help="The open ones, then the resolved ones."),
    JSON,
    examples=(
        "learnlog questions",
        "learnlog questions --kind bug --topic pandas",
        "learnlog questions --resolved --json",
    ),
)
def questions(topic, kind, resolved, everything, as_json) -> None:
    """List the open questions and bugs, oldest first, each with how long it has been open.

    Every entry of kind confusion is a question, and every bug a bug, open until
    `learnlog resolve` records what you understood or how you fixed it.
    """
    from learnlog import clock
    from learnlog.domain.questions import check_question_kind, question_state
    from learnlog.store.queries import resolve_topic
    from learnlog.store.questions import questions as find_questions
    from learnlog.views.questions import listing, nothing_listed

    state = question_state(resolved=resolved, everything=everything)
    chosen_kind = check_question_kind(kind) if kind is not None else None
    today = clock.today()
    with journey_session() as (db, journey):
        topic_id = (
            resolve_topic(db, journey.id, topic, create=False, created=clock.now(), include_archived=True)[0]
            if topic
            else None
        )
        found = find_questions(db, journey.id, state=state, topic_id=topic_id, kind=chosen_kind)
    if as_json:
        print_json([item.to_json(today) for item in found])
    elif found:
        say(listing(found, today))
    else:
        say(nothing_listed(state, filtered=bool(topic or kind)), file=sys.stderr)


@command(
    "resolve",
    Argument(
        "entry_ids", metavar="ID", type=int, many=True, required=False, complete="entry",
        help="The question's or bug's number (see learnlog questions); several take the same answer.",
    ),
    Option("--note", "-m", metavar="TEXT", help="What you understood, or how you fixed it (-m or -e is required)."),
    EDIT,
    LINK.with_help("A link to the answer: a post, a notebook, a commit."),
    DATE.with_help(
        "When it was resolved, as log's --date: 2026-11-20, yesterday, 'fri 21:30'...; not before the entry."
        " [default: now]"
    ),
    Option("--before", metavar="DATE", help="Resolve every open question and bug dated before this day, instead of IDs."),
    examples=(
        'learnlog resolve 5 -m "a confidence interval is the range a test would not reject"',
        'learnlog resolve 2 -m "use .loc on the original frame" --link https://example.com/fix --date yesterday',
        'learnlog resolve --before 2026-11-01 -m "sorted out before I kept track"',
        "learnlog resolve 5 -e",
    ),
)
def resolve(entry_ids, note, edit, link, date, before) -> None:
    """Record the answer to a question or the fix of a bug, which closes it.

    Resolving a resolved one replaces its answer. A resolution is not an entry: it
    makes no check-in. --before resolves every open one dated before DATE with the
    same answer (every question and bug logged before learnlog kept answers starts
    open).
    """
    from datetime import datetime

    from learnlog import clock
    from learnlog.domain.dates import entry_timestamp, parse_day, parse_moment
    from learnlog.domain.questions import Resolution, check_resolution_moment, check_resolvable
    from learnlog.domain.records import clean_link, clean_note
    from learnlog.errors import InputError
    from learnlog.store.questions import open_before, question, resolve as store_resolution
    from learnlog.views.questions import resolved_before_line, resolved_line

    if before is not None and entry_ids:
        raise InputError("give entry IDs or --before DATE, not both")
    if before is None and not entry_ids:
        raise InputError("name what to resolve: entry IDs (see learnlog questions), or --before DATE")
    if edit or note == "-":
        from learnlog.cli.notes import note_from

        kind = "confusion"
        if len(entry_ids) == 1 and edit:
            # Read first, and edit outside any transaction: an editor can stay open for long.
            with journey_session() as (db, journey):
                kind = question(db, journey.id, entry_ids[0]).kind
        note = note_from(note, edit, kind=kind, answer=True)
    answer = clean_note(note) if note is not None else None
    if answer is None:
        raise InputError("say what you understood or how you fixed it: -m TEXT")
    answer_link = clean_link(link) if link is not None else None
    now = clock.now()
    moment = parse_moment(date, now.date()) if date is not None else None
    before_day = parse_day(before, now.date()) if before is not None else None
    with journey_session(write=True) as (db, journey):
        when = entry_timestamp(moment, now, journey.start) if moment else now
        if before_day is not None:
            chosen = open_before(db, journey.id, before_day)
        else:
            chosen = [question(db, journey.id, entry_id) for entry_id in dict.fromkeys(entry_ids)]
        # A refusal of any one rolls the whole command back: all resolve, or none.
        for found in chosen:
            check_resolvable(found.id, found.kind)
            check_resolution_moment(found.id, datetime.fromisoformat(found.timestamp), when)
            store_resolution(db, found.id, moment=when, note=answer, link=answer_link, created=now)
    if before_day is not None:
        say(resolved_before_line(chosen, before_day))
        return
    resolution = Resolution(when.date(), when.isoformat(timespec="seconds"), answer, answer_link)
    for found in chosen:
        say(resolved_line(found, resolution, found.resolution))


@command("reopen", ENTRY_ID, examples=("learnlog reopen 5",))
def reopen(entry_id) -> None:
    """Make a resolved question or bug open again, removing its answer.

    It also removes an answer from an entry that is neither (which only another
    program can put there, and learnlog doctor finds)."""
    from learnlog import clock
    from learnlog.domain.questions import RESOLVABLE, check_resolvable
    from learnlog.errors import InputError
    from learnlog.store.questions import question, reopen as remove_resolution
    from learnlog.views.questions import reopened_line

    with journey_session(write=True) as (db, journey):
        found = question(db, journey.id, entry_id)
        if found.resolution is None:
            check_resolvable(found.id, found.kind)
            raise InputError(f"{found.word} #{entry_id} is open already (learnlog resolve {entry_id} -m TEXT resolves it)")
        remove_resolution(db, entry_id)
    if found.kind in RESOLVABLE:
        say(reopened_line(found, found.resolution, clock.today()))
    else:
        # Only another program writes one there (learnlog doctor finds it).
        say(f"Removed the answer entry #{entry_id} carried: a {found.kind} entry is neither a question nor a bug.")
