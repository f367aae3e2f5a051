"""The commands people run many times a day, reached without Typer or Rich.

`learnlog status` and `learnlog remind` (with no option but their own flags) go
straight here from the entry point; anything else about them (--help, an unknown
option) goes to the Typer app, which declares the same flags from FLAGS and runs
the same functions, so both ways in behave alike.
"""

from __future__ import annotations

import sys
from collections import namedtuple

Flag = namedtuple("Flag", "name help")

FLAGS = {
    "status": (Flag("--json", "Print JSON instead of text."),),
    "remind": (
        Flag("--always", "Say where you stand even when on track."),
        Flag("--notify", "Send a desktop notification (notify-send)."),
        Flag("--prompt", "Print a short segment for a shell prompt: '2d left', 'due today', 'overdue 1d'."),
    ),
}
"""Each fast command's flags, the one declaration both ways in use. (The entry
point sends `remind --prompt` to learnlog.prompt before it looks here.)"""

STATE_EXIT_CODES = {"on_track": 0, "due_today": 3, "overdue": 4}


def flag(command: str, name: str) -> Flag:
    return next(declared for declared in FLAGS[command] if declared.name == name)


def fast_command(args: list[str]) -> tuple[str, set[str]] | None:
    """(command, flags) when `args` is a fast command with nothing but its own flags
    (each at most once); None sends them to the Typer app."""
    if not args or args[0] not in FLAGS:
        return None
    given = args[1:]
    known = {declared.name for declared in FLAGS[args[0]]}
    if len(set(given)) != len(given) or not set(given) <= known:
        return None
    return args[0], set(given)


def run_status(*, as_json: bool) -> int:
    """Where the journey stands: Day N, the next deadline, streaks, excused days."""
    from learnlog import clock
    from learnlog.session import journey_session, print_json
    from learnlog.store.facts import journey_facts

    with journey_session() as (db, journey):
        facts = journey_facts(db, journey, clock.today())
    if as_json:
        print_json(facts.to_json())
    else:
        from learnlog.views.status import status_lines

        print("\n".join(status_lines(facts)))
    return 0


def run_remind(*, always: bool, notify: bool) -> int:
    """Say what needs doing, if anything; the exit status says the state."""
    from learnlog import clock
    from learnlog.session import journey_session
    from learnlog.store.facts import journey_facts
    from learnlog.store.queries import last_checkin_topic
    from learnlog.views.status import reminder_sentence

    today = clock.today()
    with journey_session() as (db, journey):
        facts = journey_facts(db, journey, today)
        topic = last_checkin_topic(db, journey.id, facts)
    sentence = reminder_sentence(facts, topic)
    code = STATE_EXIT_CODES[facts.state]
    if code == 0 and not always:
        return 0
    if not notify:
        print(sentence)
        return code
    import shutil
    import subprocess

    sender = shutil.which("notify-send")
    if sender is None:
        print(sentence)
        print("Error: notify-send is missing (install libnotify-bin); printed instead", file=sys.stderr)
        return 1
    urgency = "critical" if facts.state == "overdue" else "normal"
    sent = subprocess.run(
        [sender, "--urgency", urgency, "--app-name", "learnlog", "learnlog", sentence],
        check=False, capture_output=True, text=True,
    )
    if sent.returncode != 0:
        # From cron, a missing session bus is the usual cause: never lose the reminder.
        print(sentence)
        reason = " ".join(sent.stderr.split()) or f"exit status {sent.returncode}"
        print(f"Error: notify-send failed ({reason}); printed instead", file=sys.stderr)
        return 1
    return code


def run(command: str, flags: set[str], *, db: str | None, journey: str | None) -> int:
    """Run a fast command; its exit status."""
    from learnlog.session import options

    options.db, options.journey = db, journey
    if command == "status":
        return run_status(as_json="--json" in flags)
    return run_remind(always="--always" in flags, notify="--notify" in flags)
