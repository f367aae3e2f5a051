"""`learnlog topic ...`: the things being learned."""

from __future__ import annotations

from learnlog.cli.declare import JSON, Argument, Flag, Group, Option
from learnlog.session import journey_session, print_json
from learnlog.views.text import say

topic = Group(
    "topic",
    summary="Add, list, rename and archive the topics you study.",
    examples=(
        "learnlog topic list",
        'learnlog topic add "Gradient Boosting" --area Algorithms --target-hours 20',
        "learnlog topic archive matplotlib",
    ),
)

NAME = Argument("name", metavar="NAME", help="The topic's name (case and separators don't matter).")
EXISTING = Argument(
    "name", metavar="NAME", help="The topic's name (case and separators don't matter).", complete="topic",
)
AREA = Option("--area", metavar="AREA", help="A group such as Basics, Math or Algorithms.")
TARGET = Option("--target-hours", metavar="HOURS", type=float, help="Hours you aim to spend on it (0 clears).")
BY = Option(
    "--by", metavar="DATE",
    help="The day to reach the target by, today or later: 2027-03-01, fri, 'Mar 1', 'in 90 days' ('' clears it).",
)


def _clean_area(area: str) -> str | None:
    from learnlog.domain.topics import clean_name

    return clean_name(area, "area") if area.strip() else None


def _target(target_hours: float | None, by: str | None, current_hours: float | None = None) -> dict[str, object]:
    from learnlog import clock
    from learnlog.domain.records import target_fields

    return target_fields(hours=target_hours, by=by, current_hours=current_hours, today=clock.today())


def _dated(name: str, fields: dict[str, object], hours: float | None) -> str:
    """`name`, with the target and the day it is due by when `fields` set that day."""
    from learnlog.views.text import full_day_text, one_line

    by = fields.get("target_by")
    return f"{one_line(name)} ({hours:g}h by {full_day_text(by)})" if by else one_line(name)


def _existing(db, journey_id: int, name: str):
    """The topic `name` means, archived ones included, matched as `log` matches."""
    from learnlog import clock
    from learnlog.store.queries import find_topic, resolve_topic

    _, matched = resolve_topic(
        db, journey_id, name, create=False, created=clock.now(), include_archived=True,
        unknown_hint="see learnlog topic list --all",
    )
    return find_topic(db, journey_id, matched)


@topic.command(
    "add", NAME, AREA, TARGET, BY,
    examples=(
        'learnlog topic add "Gradient Boosting" --area Algorithms --target-hours 20',
        'learnlog topic add PyTorch --target-hours 40 --by "Mar 1"',
    ),
)
def add(name, area, target_hours, by) -> None:
    """Add a topic, optionally with a target of hours and the day to reach it by."""
    from learnlog import clock
    from learnlog.domain.topics import clean_name
    from learnlog.store.queries import add_topic

    cleaned = clean_name(name)
    cleaned_area = _clean_area(area) if area is not None else None
    target = _target(target_hours, by)
    with journey_session(write=True) as (db, journey):
        add_topic(
            db, journey.id, name=cleaned, area=cleaned_area, target_hours=target.get("target_hours"),
            target_by=target.get("target_by"), created=clock.now(),
        )
    say(f"Added topic {_dated(cleaned, target, target_hours)}.")


@topic.command(
    "list", Flag("--all", dest="show_all", help="Include archived topics."), JSON,
    examples=("learnlog topic list --all",),
)
def list_topics(show_all, as_json) -> None:
    """List topics with their sessions, hours and last session, and for a target with
    a date, whether you are on pace to reach it."""
    from learnlog import clock
    from learnlog.store.queries import topics

    today = clock.today()
    with journey_session() as (db, journey):
        records = topics(db, journey.id, include_archived=show_all, today=today)
    if as_json:
        print_json([record.to_json() for record in records])
        return
    from learnlog.views.console import console
    from learnlog.views.tables import pace_table, topics_table

    shown = console()
    shown.print(topics_table(records))
    if any(record.pace for record in records):
        shown.print()
        shown.print(pace_table(records, today=today))


@topic.command(
    "edit", EXISTING, AREA, TARGET, BY,
    examples=("learnlog topic edit numpy --target-hours 30", "learnlog topic edit numpy --by 2027-01-31"),
)
def edit(name, area, target_hours, by) -> None:
    """Change a topic's area, target hours or target date (an empty --area or --by
    clears it; --target-hours 0 clears the target and its date)."""
    from learnlog.errors import InputError
    from learnlog.store.queries import update_topic

    if area is None and target_hours is None and by is None:
        raise InputError("nothing to change: give --area, --target-hours or --by")
    changes: dict[str, object] = {}
    if area is not None:
        changes["area"] = _clean_area(area)
    with journey_session(write=True) as (db, journey):
        topic = _existing(db, journey.id, name)
        target = _target(target_hours, by, topic.target_hours)
        update_topic(db, topic.id, **changes, **target)
    say(f"Updated topic {_dated(topic.name, target, target.get('target_hours', topic.target_hours))}.")


@topic.command(
    "rename",
    Argument("old", metavar="OLD", help="The current name.", complete="topic"),
    Argument("new", metavar="NEW", help="The new name (a change of case alone is fine)."),
    examples=('learnlog topic rename "lin alg" "Linear Algebra I"',),
)
def rename(old, new) -> None:
    """Rename a topic; its entries follow it."""
    from learnlog.domain.topics import clean_name
    from learnlog.errors import InputError
    from learnlog.store.queries import find_topic, update_topic
    from learnlog.views.text import one_line

    cleaned = clean_name(new)
    with journey_session(write=True) as (db, journey):
        topic = _existing(db, journey.id, old)
        clash = find_topic(db, journey.id, cleaned)
        if clash is not None and clash.id != topic.id:
            raise InputError(f"a topic named {clash.name!r} already exists")
        if topic.name == cleaned:
            raise InputError(f"topic {topic.name!r} already has that name")
        update_topic(db, topic.id, name=cleaned)
    say(f"Renamed {one_line(topic.name)} to {one_line(cleaned)}.")


def _set_archived(name: str, archived: bool) -> None:
    from learnlog.store.queries import update_topic
    from learnlog.views.text import one_line

    with journey_session(write=True) as (db, journey):
        topic = _existing(db, journey.id, name)
        update_topic(db, topic.id, archived=archived)
    state = "Archived" if archived else "Unarchived"
    say(f"{state} topic {one_line(topic.name)}.")


@topic.command("archive", EXISTING, examples=('learnlog topic archive matplotlib',))
def archive(name) -> None:
    """Hide a topic from lists and matching, keeping its entries."""
    _set_archived(name, True)


@topic.command(
    "unarchive",
    Argument(
        "name", metavar="NAME", help="The topic's name (case and separators don't matter).", complete="archived-topic",
    ), examples=('learnlog topic unarchive matplotlib',))
def unarchive(name) -> None:
    """Bring an archived topic back."""
    _set_archived(name, False)


@topic.command("remove", EXISTING, examples=('learnlog topic remove "Gradient Boosting"',))
def remove(name) -> None:
    """Remove a topic that has no entries (archive one that has)."""
    from learnlog.store.queries import remove_topic
    from learnlog.views.text import one_line

    with journey_session(write=True) as (db, journey):
        topic = _existing(db, journey.id, name)
        remove_topic(db, topic)
    say(f"Removed topic {one_line(topic.name)}.")
