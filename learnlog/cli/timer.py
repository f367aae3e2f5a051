"""The session timer: `start` a session, `stop` it (which logs it), `cancel` it,
or `continue` the last one. The running session is kept in the database."""

from __future__ import annotations

from learnlog.cli.declare import CONFIDENCE, KIND, NOTE, TAGS, Argument, Flag, Option, command
from learnlog.cli.notes import EDIT
from learnlog.session import journey_session
from learnlog.views.text import say

AT = Option(
    "--at", metavar="TIME",
    help="When: 14:05 (today, or yesterday if that is still to come), 'yesterday 21:30', or any DATE of log"
    " with a time. [default: now]",
)


def _start(db, journey, *, topic_id: int, kind: str, note, tags, since, now) -> None:
    """Start the timer, or refuse with what is running (another terminal may have
    started one a moment ago: the database keeps one per journey)."""
    from learnlog.errors import InputError
    from learnlog.store.timer import running_session, start_session
    from learnlog.views.status import running_text

    if not start_session(
        db, journey.id, topic_id=topic_id, kind=kind, note=note, tags=tags, since=since, created=now,
    ):
        running = running_session(db, journey.id)
        raise InputError(
            f"{running_text(running, now)}: learnlog stop, or learnlog start --switch"
        )


@command(
    "start",
    Argument("topic", metavar="TOPIC", help="The topic: a name or a prefix of its words, e.g. numpy, 'lin reg'.",
             complete="topic"),
    NOTE, KIND, TAGS, AT,
    Flag("--switch", help="Stop the running session (logging it) and start this one."),
    examples=(
        "learnlog start numpy",
        'learnlog start "lin reg" --kind build --at 14:05',
        "learnlog start pandas --switch",
    ),
)
def start(topic, note, kind, tag, at, switch) -> None:
    """Start timing a session; learnlog stop logs it, with the time it took."""
    from learnlog import clock
    from learnlog.domain.records import entry_fields
    from learnlog.domain.timer import check_timed_kind, timer_moment
    from learnlog.errors import InputError
    from learnlog.store.queries import resolve_topic
    from learnlog.store.timer import running_session
    from learnlog.views.text import clock_text, one_line

    fields = entry_fields(
        note=note, duration=None, kind=kind if kind is not None else "study", tags=tag or [], link=None,
        confidence=None, clearing=False,
    )
    entry_kind = check_timed_kind(fields["kind"])
    now = clock.now()
    stopped = None
    with journey_session(write=True) as (db, journey):
        since = timer_moment(at, now, journey.start) if at is not None else now
        topic_id, topic_name = resolve_topic(
            db, journey.id, topic, create=False, created=now, unknown_hint="see learnlog topic list",
        )
        if switch and running_session(db, journey.id) is not None:
            stopped = _stop(db, journey, now=now, until=since if at is not None else now)
        elif switch:
            raise InputError("nothing is running to switch from: learnlog start TOPIC")
        _start(db, journey, topic_id=topic_id, kind=entry_kind, note=fields.get("note"), tags=fields["tags"],
               since=since, now=now)
    if stopped:
        say(stopped)
    what = "" if entry_kind == "study" else f" ({entry_kind})"
    say(f"Started {one_line(topic_name)}{what} at {clock_text(since, now)}; learnlog stop logs it.")


def _stop(db, journey, *, now, until, note=None, tags=(), confidence=None) -> str:
    """Log the running session as an entry (or discard it when it ran under a
    minute) and end it; returns the reply. Raises InputError when nothing runs."""
    from learnlog.domain.dates import day_number
    from learnlog.domain.timer import check_stop, joined_note, joined_tags
    from learnlog.errors import InputError
    from learnlog.store.facts import journey_facts
    from learnlog.store.queries import add_entry, find_topic
    from learnlog.store.timer import remove_session, running_session
    from learnlog.views.status import logged_line

    running = running_session(db, journey.id)
    if running is None:
        raise InputError("no session is running: start one with learnlog start TOPIC")
    minutes = check_stop(running.since, until, now=now, start=journey.start)
    remove_session(db, journey.id)
    if minutes is None:
        seconds = int((until - running.since).total_seconds())
        return f"Discarded {running.topic}: it ran {seconds}s, under a minute, so nothing was logged."
    topic = find_topic(db, journey.id, running.topic)
    entry_id = add_entry(
        db, journey.id, topic_id=topic.id, moment=running.since, minutes=minutes, kind=running.kind,
        note=joined_note(running.note, note), tags=joined_tags(running.tags, list(tags)), link=None,
        confidence=confidence, created=now,
    )
    if confidence is not None:
        from learnlog.store.cards import refresh_cards

        # A rated session is a review of its topic: its card is replayed before commit.
        refresh_cards(db, journey.id)
    facts = journey_facts(db, journey, now.date())
    return logged_line(
        entry_id=entry_id, day_number=day_number(running.since.date(), journey.start), topic=topic.name,
        minutes=minutes, kind=running.kind, facts=facts,
    )


@command(
    "stop",
    NOTE, AT, CONFIDENCE, TAGS, EDIT,
    examples=(
        "learnlog stop",
        'learnlog stop -m "einsum is just named axes" --confidence 4',
        'learnlog stop --at "yesterday 23:40"',
        "learnlog stop -e",
    ),
)
def stop(note, at, confidence, tag, edit) -> None:
    """Stop the running session and log it: from its start, for the whole minutes it ran."""
    from learnlog import clock
    from learnlog.domain.records import entry_fields
    from learnlog.domain.timer import timer_moment

    if edit or note == "-":
        from learnlog.cli.notes import note_from
        from learnlog.store.timer import running_session

        with journey_session() as (db, journey):
            running = running_session(db, journey.id)
        note = note_from(note, edit, kind=running.kind if running else "study")
    fields = entry_fields(
        note=note, duration=None, kind=None, tags=tag or [], link=None, confidence=confidence, clearing=False,
    )
    now = clock.now()
    with journey_session(write=True) as (db, journey):
        until = timer_moment(at, now, journey.start) if at is not None else now
        reply = _stop(
            db, journey, now=now, until=until, note=fields.get("note"), tags=fields["tags"],
            confidence=fields.get("confidence"),
        )
    say(reply)


@command("cancel", examples=("learnlog cancel",))
def cancel() -> None:
    """Discard the running session without logging it."""
    from learnlog import clock
    from learnlog.errors import InputError
    from learnlog.store.timer import remove_session, running_session
    from learnlog.views.text import minutes_text, one_line

    now = clock.now()
    with journey_session(write=True) as (db, journey):
        running = running_session(db, journey.id)
        if running is None:
            raise InputError("no session is running: nothing to cancel")
        remove_session(db, journey.id)
    say(f"Cancelled {one_line(running.topic)} ({minutes_text(running.minutes(now))}): nothing was logged.")


@command(
    "continue",
    Argument("entry_id", metavar="ID", type=int, required=False, complete="entry",
             help="The entry to continue. [default: the latest entry with a topic]"),
    examples=("learnlog continue", "learnlog continue 42"),
)
def continue_(entry_id) -> None:
    """Start again the topic, kind and tags of the latest entry (or of entry ID)."""
    from learnlog import clock
    from learnlog.domain.timer import check_timed_kind
    from learnlog.errors import InputError
    from learnlog.store.queries import entry, find_topic, latest_topic_entry
    from learnlog.views.text import clock_text, one_line

    now = clock.now()
    with journey_session(write=True) as (db, journey):
        if entry_id is not None:
            picked = entry(db, journey.id, entry_id)
            if picked.topic is None:
                raise InputError(f"entry #{entry_id} has no topic to continue")
        else:
            picked = latest_topic_entry(db, journey.id)
            if picked is None:
                raise InputError("no entry with a topic to continue: learnlog start TOPIC")
        kind = check_timed_kind(picked.kind)
        topic = find_topic(db, journey.id, picked.topic)
        _start(db, journey, topic_id=topic.id, kind=kind, note=None, tags=list(picked.tags), since=now, now=now)
    what = "" if kind == "study" else f" ({kind})"
    say(f"Started {one_line(picked.topic)}{what} again at {clock_text(now, now)}; learnlog stop logs it.")
