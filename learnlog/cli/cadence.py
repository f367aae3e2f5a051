"""The cadence: where the journey stands, reminders, excused days, and changing the rule."""

from __future__ import annotations

import sys

from learnlog.cli.declare import JSON, Argument, Flag, Group, Option, command
from learnlog.session import journey_session, options, print_json
from learnlog.views.text import say

STATE_EXIT_CODES = {"on_track": 0, "due_today": 3, "overdue": 4}


@command("status", JSON, examples=("learnlog status", "learnlog status --json"))
def status(as_json) -> None:
    """Where the journey stands: Day N, the next deadline, streaks, open questions, excused days."""
    from learnlog import clock
    from learnlog.domain.cadence import consistency
    from learnlog.store.cards import due_topics
    from learnlog.store.facts import journey_facts
    from learnlog.store.questions import open_summary
    from learnlog.store.skips import month_budget
    from learnlog.store.timer import running_session

    now = clock.now()
    today = now.date()
    with journey_session() as (db, journey):
        facts = journey_facts(db, journey, today)
        skips = month_budget(db, journey.id, today)
        running = running_session(db, journey.id)
        reviews_due = due_topics(db, journey.id, today)
        open_items = open_summary(db, journey.id)
    score = consistency(facts)
    if as_json:
        print_json({
            **facts.to_json(), "consistency": score, "skip_budget": skips.to_json() if skips else None,
            "running": running.to_json(now) if running else None,
            "reviews_due": len(reviews_due),
            **open_items.to_json(),
        })
    else:
        from learnlog.views.status import status_lines

        say("\n".join(status_lines(
            facts, consistency=score, skips=skips, open_items=open_items, reviews_due=reviews_due,
            running=running, now=now,
        )))


@command(
    "remind",
    Flag("--always", help="Say where you stand even when on track."),
    Flag("--notify", help="Send a desktop notification (notify-send)."),
    Flag("--prompt", help="Print a short segment for a shell prompt: '2d left', 'due today', 'overdue 1d'."),
    examples=("learnlog remind --notify", "learnlog remind --prompt"),
)
def remind(always, notify, prompt) -> int:
    """Remind you when an update is due or overdue; silent when on track.

    Exit status: 0 on track, 3 due today, 4 overdue, 1 an error, 2 a usage error
    (--prompt always exits 0).
    """
    if prompt:
        from learnlog.prompt import print_segment

        return print_segment(db=options.db, journey=options.journey)
    from learnlog import clock
    from learnlog.store.facts import journey_facts
    from learnlog.store.queries import last_checkin_topic
    from learnlog.views.status import reminder_sentence

    with journey_session() as (db, journey):
        facts = journey_facts(db, journey, clock.today())
        topic = last_checkin_topic(db, journey.id, facts)
    sentence = reminder_sentence(facts, topic)
    code = STATE_EXIT_CODES[facts.state]
    if code == 0 and not always:
        return 0
    if not notify:
        say(sentence)
        return code
    import shutil
    import subprocess

    sender = shutil.which("notify-send")
    if sender is None:
        say(sentence)
        say("Error: notify-send is missing (install libnotify-bin); printed instead", file=sys.stderr)
        return 1
    urgency = "critical" if facts.state == "overdue" else "normal"
    sent = subprocess.run(
        [sender, "--urgency", urgency, "--app-name", "learnlog", "learnlog", sentence],
        check=False, capture_output=True, text=True,
    )
    if sent.returncode != 0:
        # From cron, a missing session bus is the usual cause: never lose the reminder.
        say(sentence)
        reason = " ".join(sent.stderr.split()) or f"exit status {sent.returncode}"
        say(f"Error: notify-send failed ({reason}); printed instead", file=sys.stderr)
        return 1
    return code


@command(
    "skip",
    Argument("day", metavar="DATE", required=False, help="The day to excuse. [default: today]"),
    Option("--until", metavar="DATE", help="Excuse every day from DATE through this one."),
    Option("--reason", "-r", metavar="TEXT", help="Why: illness, travel, exams..."),
    Flag("--late", help="Allow excusing past days (marked late wherever shown)."),
    Flag("--list", dest="list_days", help="List excused days."),
    Option("--remove", metavar="DATE", help="Take back an excuse for today or a day ahead."),
    JSON,
    examples=(
        'learnlog skip tomorrow --until "in 5 days" --reason "conference"',
        'learnlog skip yesterday --late --reason "flu"',
        "learnlog skip --list",
    ),
)
def skip(day, until, reason, late, list_days, remove, as_json) -> None:
    """Excuse days from the cadence (illness, travel, exams): each pushes the deadline a day.

    With a skip budget (learnlog config skip-budget N), a calendar month holds at
    most N excused days, and a skip that would go over it is refused.
    """
    from learnlog import clock
    from learnlog.domain.cadence import check_removable_excuse, plan_excuses
    from learnlog.domain.dates import parse_day
    from learnlog.domain.records import clean_note
    from learnlog.errors import InputError
    from learnlog.store.facts import excused_days, journey_facts
    from learnlog.store.queries import excuse_days, unexcuse_day
    from learnlog.store.skips import check_skip_budget
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
            say("No excused days.")
        for excuse in [] if as_json else excused:
            details = [one_line(excuse.reason)] if excuse.reason else []
            if excuse.late:
                details.append("excused late")
            say(f"{excuse.day.isoformat()} {day_text(excuse.day)}" + (f"  ({'; '.join(details)})" if details else ""))
        return
    if remove is not None:
        removed_day = parse_day(remove, today)
        check_removable_excuse(removed_day, today)
        with journey_session(write=True) as (db, journey):
            if not unexcuse_day(db, journey.id, removed_day):
                raise InputError(f"{removed_day.isoformat()} is not excused")
            facts = journey_facts(db, journey, today)
        say(f"{day_text(removed_day)} is no longer excused; {deadline_text(facts)}.")
        return
    first = parse_day(day, today) if day else today
    last = parse_day(until, today) if until else first
    cleaned_reason = clean_note(reason) if reason is not None else None
    with journey_session(write=True) as (db, journey):
        days = plan_excuses(first=first, last=last, today=today, start=journey.start, late=late)
        check_skip_budget(db, journey.id, [excuse.day for excuse in days])
        added = excuse_days(db, journey.id, days, reason=cleaned_reason, created=now)
        facts = journey_facts(db, journey, today)
    span = day_text(first) if first == last else f"{day_text(first)} to {day_text(last)}"
    again = len(days) - added
    already = f" ({count_text(again, 'day')} already excused)" if again else ""
    say(f"Excused {span}{already}; {deadline_text(facts)}.")


def _counting_rules() -> tuple[str, ...]:
    from learnlog.domain.cadence import COUNTS

    return COUNTS


cadence = Group(
    "cadence",
    summary="Show the cadence rule's history, or change the rule.",
    examples=("learnlog cadence", "learnlog cadence --json", "learnlog cadence set 2 --counts post"),
)


@cadence.default_command(JSON, examples=("learnlog cadence",))
def show_cadence(as_json) -> None:
    """Show the cadence rules over time, a pending change included."""
    from learnlog import clock
    from learnlog.store.facts import cadence_rules
    from learnlog.views.status import rule_text
    from learnlog.views.text import full_day_text, minutes_text

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
        kept = (
            f"; a {minutes_text(rule.min_minutes)} minimum is kept for when entries count"
            if rule.counts == "post" and rule.min_minutes
            else ""
        )
        say(f"from {full_day_text(rule.effective)}: {rule_text(rule.every, rule.counts, rule.min_minutes)}{kept}  [{label}]")


@cadence.command(
    "set",
    Argument("every", metavar="N", type=int, help="Share an update every N days (1 to 365)."),
    Option(
        "--counts", metavar="any|post", help="What counts as a check-in: any (entry) or post. [default: unchanged]",
        complete=_counting_rules,
    ),
    Option(
        "--min", dest="minimum", metavar="DURATION",
        help="Under any counting, a day's entries must total this much to count (a post always counts);"
        " 0 removes it. [default: unchanged]",
    ),
    examples=("learnlog cadence set 2 --counts post", "learnlog cadence set 3 --min 30m"),
)
def set_cadence(every, counts, minimum) -> None:
    """Change the cadence. A tighter rule applies today; a looser one only after the
    current deadline, so loosening never rescues a streak about to break. A change
    that loosens anything (more days, any entry instead of posts, a lower minimum)
    is looser."""
    from learnlog import clock
    from learnlog.domain.cadence import check_counts, plan_cadence_change
    from learnlog.domain.dates import parse_minimum
    from learnlog.store.facts import day_total, journey_facts
    from learnlog.store.queries import replace_cadence_rules
    from learnlog.views.status import rule_text
    from learnlog.views.text import full_day_text, minutes_text

    counting = check_counts(counts) if counts is not None else None
    min_minutes = parse_minimum(minimum) if minimum is not None else None
    today = clock.today()
    with journey_session(write=True) as (db, journey):
        facts = journey_facts(db, journey, today)
        change = plan_cadence_change(
            rules=facts.rules, today=today, deadline=facts.due, every=every, counts=counting,
            min_minutes=min_minutes,
        )
        replace_cadence_rules(db, journey.id, change.rules)
        activity = day_total(db, journey.id, today) if change.effective == today else None
    rule = rule_text(change.rule.every, change.rule.counts, change.rule.min_minutes)
    if change.effective == today:
        say(f"From today: {rule}.")
    else:
        say(f"From {full_day_text(change.effective)}: {rule}.")
        say(f"A looser rule starts after the current deadline, {full_day_text(facts.due)}.")
    if activity is not None and today in facts.checkins and not change.rule.counts_day(activity):
        # A tighter rule takes effect today, so it can un-count what today held.
        to_go = change.rule.minutes_to_go(activity)
        if to_go:
            say(f"Today's {minutes_text(activity.minutes)} no longer counts: {minutes_text(to_go)} to go.")
        else:
            say("Today's entries no longer count: only a post does.")
