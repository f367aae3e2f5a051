"""The cadence: where the journey stands, reminders, excused days, and changing the rule."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from learnlog.cli.common import JsonOption
from learnlog.session import journey_session, print_json

def _option(command: str, name: str):
    from learnlog.fast import flag

    return typer.Option(name, help=flag(command, name).help)


def status(as_json: Annotated[bool, _option("status", "--json")] = False) -> None:
    """Where the journey stands: Day N, the next deadline, streaks, excused days.

    \b
    Example:
      learnlog status --json
    """
    from learnlog.fast import run_status

    raise typer.Exit(run_status(as_json=as_json))


def remind(
    always: Annotated[bool, _option("remind", "--always")] = False,
    notify: Annotated[bool, _option("remind", "--notify")] = False,
    prompt: Annotated[bool, _option("remind", "--prompt")] = False,
) -> None:
    """Remind you when an update is due or overdue; silent when on track.

    Exit status: 0 on track, 3 due today, 4 overdue, 1 an error, 2 a usage error
    (--prompt always exits 0).

    \b
    Example:
      learnlog remind --notify
    """
    if prompt:
        from learnlog.prompt import prompt_main
        from learnlog.session import options

        raise typer.Exit(prompt_main(db=options.db, journey=options.journey))
    from learnlog.fast import run_remind

    raise typer.Exit(run_remind(always=always, notify=notify))


def skip(
    day: Annotated[Optional[str], typer.Argument(metavar="DATE", help="The day to excuse. [default: today]")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Excuse every day from DATE through this one.")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", "-r", metavar="TEXT", help="Why: illness, travel, exams...")] = None,
    late: Annotated[bool, typer.Option("--late", help="Allow excusing past days (marked late wherever shown).")] = False,
    list_days: Annotated[bool, typer.Option("--list", help="List excused days.")] = False,
    remove: Annotated[Optional[str], typer.Option("--remove", metavar="DATE", help="Take back an excuse for today or a day ahead.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Excuse days from the cadence (illness, travel, exams): each pushes the deadline a day.

    \b
    Examples:
      learnlog skip tomorrow --until "in 5 days" --reason "conference"
      learnlog skip yesterday --late --reason "flu"
      learnlog skip --list
    """
    from learnlog import clock
    from learnlog.domain.cadence import check_removable_excuse, plan_excuses
    from learnlog.domain.dates import parse_day
    from learnlog.domain.records import clean_note
    from learnlog.errors import InputError
    from learnlog.store.facts import excused_days, journey_facts
    from learnlog.store.queries import excuse_days, unexcuse_day
    from learnlog.views.status import deadline_text
    from learnlog.views.text import count_text, day_text, one_line

    now = clock.now()
    today = now.date()
    if list_days:
        with journey_session() as (db, journey):
            excused = excused_days(db, journey.id)
        if as_json:
            print_json([excuse.to_json() for excuse in excused])
        elif not excused:
            print("No excused days.")
        for excuse in [] if as_json else excused:
            details = [one_line(excuse.reason)] if excuse.reason else []
            if excuse.late:
                details.append("excused late")
            print(f"{excuse.day.isoformat()} {day_text(excuse.day)}" + (f"  ({'; '.join(details)})" if details else ""))
        return
    if remove is not None:
        removed_day = parse_day(remove, today)
        check_removable_excuse(removed_day, today)
        with journey_session(write=True) as (db, journey):
            if not unexcuse_day(db, journey.id, removed_day):
                raise InputError(f"{removed_day.isoformat()} is not excused")
            facts = journey_facts(db, journey, today)
        print(f"{day_text(removed_day)} is no longer excused; {deadline_text(facts)}.")
        return
    first = parse_day(day, today) if day else today
    last = parse_day(until, today) if until else first
    cleaned_reason = clean_note(reason) if reason is not None else None
    with journey_session(write=True) as (db, journey):
        days = plan_excuses(first=first, last=last, today=today, start=journey.start, late=late)
        added = excuse_days(db, journey.id, days, reason=cleaned_reason, created=now)
        facts = journey_facts(db, journey, today)
    span = day_text(first) if first == last else f"{day_text(first)} to {day_text(last)}"
    again = len(days) - added
    already = f" ({count_text(again, 'day')} already excused)" if again else ""
    print(f"Excused {span}{already}; {deadline_text(facts)}.")


cadence_app = typer.Typer(
    help="Show the cadence rule's history, or change the rule.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@cadence_app.callback()
def cadence(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the cadence rules over time, a pending change included.

    \b
    Example:
      learnlog cadence
    """
    if ctx.invoked_subcommand is not None:
        return
    from learnlog import clock
    from learnlog.store.facts import cadence_rules
    from learnlog.views.status import rule_text
    from learnlog.views.text import full_day_text

    today = clock.today()
    with journey_session() as (db, journey):
        rules = cadence_rules(db, journey.id)
    if as_json:
        print_json([rule.to_json() for rule in rules])
        return
    for index, rule in enumerate(rules):
        later = rules[index + 1].effective if index + 1 < len(rules) else None
        if rule.effective > today:
            label = "pending"
        elif later is None or later > today:
            label = "in force"
        else:
            label = "past"
        print(f"from {full_day_text(rule.effective)}: {rule_text(rule.every, rule.counts)}  [{label}]")


@cadence_app.command("set")
def cadence_set(
    every: Annotated[int, typer.Argument(metavar="N", help="Share an update every N days (1 to 365).")],
    counts: Annotated[
        Optional[str], typer.Option("--counts", metavar="any|post", help="What counts as a check-in: any (entry) or post. [default: unchanged]")
    ] = None,
) -> None:
    """Change the cadence. A tighter rule applies today; a looser one only after the
    current deadline, so loosening never rescues a streak about to break.

    \b
    Example:
      learnlog cadence set 2 --counts post
    """
    from learnlog import clock
    from learnlog.domain.cadence import check_counts, plan_cadence_change
    from learnlog.store.facts import journey_facts
    from learnlog.store.queries import replace_cadence_rules
    from learnlog.views.status import rule_text
    from learnlog.views.text import full_day_text

    counting = check_counts(counts) if counts is not None else None
    today = clock.today()
    with journey_session(write=True) as (db, journey):
        facts = journey_facts(db, journey, today)
        change = plan_cadence_change(
            rules=facts.rules, today=today, deadline=facts.due, every=every, counts=counting
        )
        replace_cadence_rules(db, journey.id, change.rules)
    rule = rule_text(change.rule.every, change.rule.counts)
    if change.effective == today:
        print(f"From today: {rule}.")
    else:
        print(f"From {full_day_text(change.effective)}: {rule}.")
        print(f"A looser rule starts after the current deadline, {full_day_text(facts.due)}.")
