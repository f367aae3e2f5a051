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
AREA = Option("--area", metavar="AREA", help="A group such as Basics, Math or Algorithms.")
TARGET = Option("--target-hours", metavar="HOURS", type=float, help="Hours you aim to spend on it (0 clears).")


def _clean_area(area: str) -> str | None:
    from learnlog.domain.topics import clean_name

    return clean_name(area, "area") if area.strip() else None


def _target(target_hours: float | None) -> float | None:
    from learnlog.domain.records import check_target_hours

    return check_target_hours(target_hours) if target_hours is not None else None


def _existing(db, journey_id: int, name: str):
    """The topic `name` means, archived ones included, matched as `log` matches."""
    from learnlog import clock
    from learnlog.store.queries import find_topic, resolve_topic

    _, matched = resolve_topic(
        db, journey_id, name, create=False, created=clock.now(), include_archived=True,
        unknown_hint="see learnlog topic list --all",
    )
    return find_topic(db, journey_id, matched)


@topic.command("add", NAME, AREA, TARGET, examples=('learnlog topic add "Gradient Boosting" --area Algorithms --target-hours 20',))
def add(name, area, target_hours) -> None:
    """Add a topic."""
    from learnlog import clock
    from learnlog.domain.topics import clean_name
    from learnlog.store.queries import add_topic
    from learnlog.views.text import one_line

    cleaned = clean_name(name)
    cleaned_area = _clean_area(area) if area is not None else None
    with journey_session(write=True) as (db, journey):
        add_topic(
            db, journey.id, name=cleaned, area=cleaned_area, target_hours=_target(target_hours),
            created=clock.now(),
        )
    say(f"Added topic {one_line(cleaned)}.")


@topic.command(
    "list", Flag("--all", dest="show_all", help="Include archived topics."), JSON,
    examples=("learnlog topic list --all",),
)
def list_topics(show_all, as_json) -> None:
    """List topics with their sessions, hours and last session."""
    from learnlog.store.queries import topics

    with journey_session() as (db, journey):
        records = topics(db, journey.id, include_archived=show_all)
    if as_json:
        print_json([record.to_json() for record in records])
        return
    from learnlog.views.console import console
    from learnlog.views.tables import topics_table

    console().print(topics_table(records))


@topic.command("edit", NAME, AREA, TARGET, examples=("learnlog topic edit numpy --target-hours 30",))
def edit(name, area, target_hours) -> None:
    """Change a topic's area or target hours (an empty --area clears it)."""
    from learnlog.errors import InputError
    from learnlog.store.queries import update_topic
    from learnlog.views.text import one_line

    changes: dict[str, object] = {}
    if area is not None:
        changes["area"] = _clean_area(area)
    if target_hours is not None:
        changes["target_hours"] = _target(target_hours)
    if not changes:
        raise InputError("nothing to change: give --area or --target-hours")
    with journey_session(write=True) as (db, journey):
        topic = _existing(db, journey.id, name)
        update_topic(db, topic.id, **changes)
    say(f"Updated topic {one_line(topic.name)}.")


@topic.command(
    "rename",
    Argument("old", metavar="OLD", help="The current name."),
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


@topic.command("archive", NAME, examples=('learnlog topic archive matplotlib',))
def archive(name) -> None:
    """Hide a topic from lists and matching, keeping its entries."""
    _set_archived(name, True)


@topic.command("unarchive", NAME, examples=('learnlog topic unarchive matplotlib',))
def unarchive(name) -> None:
    """Bring an archived topic back."""
    _set_archived(name, False)


@topic.command("remove", NAME, examples=('learnlog topic remove "Gradient Boosting"',))
def remove(name) -> None:
    """Remove a topic that has no entries (archive one that has)."""
    from learnlog.store.queries import remove_topic
    from learnlog.views.text import one_line

    with journey_session(write=True) as (db, journey):
        topic = _existing(db, journey.id, name)
        remove_topic(db, topic)
    say(f"Removed topic {one_line(topic.name)}.")
