"""Commands that create a journey and change its settings."""

from __future__ import annotations

from learnlog.cli.declare import JSON, Argument, Flag, Option, command
from learnlog.session import options, print_json
from learnlog.views.text import say

MAIN_JOURNEY = "main"


def _curricula() -> tuple[str, ...]:
    from learnlog.store.curricula import curriculum_names

    return (*curriculum_names(), "none")


def _setting_names() -> tuple[str, ...]:
    from learnlog.domain.settings import DEFAULTS

    return tuple(DEFAULTS)


@command(
    "init",
    Option("--start", metavar="DATE", help="Day 0 of the journey, e.g. 2026-11-01 or '3 days ago'. [default: today]"),
    Option("--every", metavar="N", type=int, default=3, help="Share an update every N days (1 to 365)."),
    Option(
        "--curriculum", metavar="NAME", default="ml-foundations",
        help="Topics to start with: a shipped curriculum, or none.", complete=_curricula,
    ),
    Flag("--list-curricula", help="Name the curricula that ship, and stop."),
    examples=("learnlog init --start 2026-11-01 --every 3 --curriculum ml-foundations", "learnlog init --list-curricula"),
)
def init(start, every, curriculum, list_curricula) -> None:
    """Start a journey: its first day, its cadence and its topics."""
    from learnlog import clock
    from learnlog.domain.cadence import Rule
    from learnlog.domain.dates import check_journey_start, parse_day
    from learnlog.domain.topics import clean_name
    from learnlog.store.curricula import curriculum_names, load_curriculum
    from learnlog.store.database import open_database
    from learnlog.store.location import chosen_journey, resolve_location
    from learnlog.store.queries import check_new_journey, create_journey
    from learnlog.views.text import full_day_text, one_line

    if list_curricula:
        for name in curriculum_names():
            chosen = load_curriculum(name)
            topic_list = ", ".join(topic for topic, _ in chosen.topics)
            say(f"{name}: {chosen.title} ({topic_list})")
        return
    now = clock.now()
    start_day = check_journey_start(parse_day(start, now.date()), now.date()) if start else now.date()
    Rule(start_day, every, "any")  # refuses an impossible cadence before anything is written
    topics = []
    if curriculum.strip().casefold() != "none":
        chosen = load_curriculum(curriculum.strip())
        topics = [(name, area, chosen.name) for name, area in chosen.topics]
    named = chosen_journey(options.journey)
    named = clean_name(named, "journey name") if named else None
    location = resolve_location(options.db)
    db = open_database(location, create=True)
    try:
        with db.transaction():
            # On PostgreSQL each member's own journey is named after their role.
            name = named or (db.role if db.is_server else MAIN_JOURNEY)
            check_new_journey(db, name)
            create_journey(db, name=name, start=start_day, every=every, topics=topics, created=now)
    finally:
        db.close()
    from learnlog.session import refresh_prompt_state

    refresh_prompt_state()
    topic_note = f"{len(topics)} topics from {curriculum}" if topics else "no topics yet"
    say(
        f"Started journey {one_line(name)!r} at {one_line(str(location))}: Day 0 is {full_day_text(start_day)},"
        f" an update every {every} days, {topic_note}."
    )
    say('Log your first session:  learnlog log numpy -d 45m -m "what I learned"')


@command("journeys", JSON, examples=("learnlog journeys", "learnlog journeys --json"))
def journeys(as_json) -> None:
    """List the journeys in the database: name, owner, Day 0 and entries."""
    from learnlog.session import database_session
    from learnlog.store.queries import journey_summaries

    with database_session() as db:
        summaries = journey_summaries(db)
    if as_json:
        print_json([
            {"name": journey.name, "owner": journey.owner, "start": journey.start.isoformat(), "entries": entries}
            for journey, entries in summaries
        ])
        return
    if not summaries:
        say("No journeys yet: start one with  learnlog init")
        return
    from learnlog.views.console import console
    from learnlog.views.tables import journeys_table

    console().print(journeys_table(summaries))


@command("board", JSON, examples=("learnlog --db postgresql+psycopg://me@db.example.org/circle board",))
def board(as_json) -> None:
    """The group view: where every journey in the database stands, one row each.

    Overdue journeys first, then by due date; every state is judged on your
    today. Streaks count check-ins; "7 days" is the hours logged this past week.
    """
    from learnlog import clock
    from learnlog.session import database_session
    from learnlog.store.queries import board as board_rows

    with database_session() as db:
        rows = board_rows(db, clock.today())
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    if not rows:
        say("No journeys yet: start one with  learnlog init")
        return
    from learnlog.views.console import console
    from learnlog.views.board import board_table

    console().print(board_table(rows))


@command(
    "config",
    Argument("key", metavar="KEY", required=False, help="The setting to show or change.", complete=_setting_names),
    Argument("value", metavar="VALUE", required=False, help="Its new value."),
    JSON,
    examples=(
        "learnlog config", "learnlog config default-duration 45m", "learnlog config skip-budget 2",
        "learnlog config review-retention 0.85",
    ),
    loose=True,
)
def config(key, value, as_json) -> None:
    """Show or change the journey's settings (kept in the journey's database).

    \b
    Settings:
      default-duration   the duration of a session logged without -d [30m]
      reminder-time      when the ics export's calendar reminds you [09:00]
      skip-budget        days a calendar month skip may excuse, 0 to 31, or off [off]
      review-retention   the chance of recall at which a topic is due for
                         review, 0.70 to 0.97 (setting it reschedules every
                         topic) [0.9]
      sync-estimate      on: sync estimates a synced day's duration from its
                         commits; off: leaves it unknown [on]
      post-format        the front matter post draft writes: plain, hashnode,
                         devto, hugo or jekyll [plain]
      hashnode-domain    your Hashnode blog's domain (me.hashnode.dev) [none]
      hashnode-series    the slug of a Hashnode series for your updates [none]
      devto-series       the name of a dev.to series for your updates [none]
    """
    from learnlog.domain.settings import DEFAULTS, check_setting
    from learnlog.errors import InputError
    from learnlog.session import journey_session
    from learnlog.store.queries import set_setting, settings

    if key is not None:
        key = key.strip().casefold()
        if key not in DEFAULTS:
            raise InputError(f"no setting {key!r}: settings are {', '.join(DEFAULTS)}")
    if value is not None:
        cleaned = check_setting(key, value)
        with journey_session(write=True) as (db, journey):
            set_setting(db, journey.id, key, cleaned)
            if key == "review-retention":
                from learnlog.store.cards import recompute_cards

                recompute_cards(db, journey.id)
        say(f"{key} = {cleaned}")
        return
    with journey_session() as (db, journey):
        stored = settings(db, journey.id)
    current = {name: stored.get(name, default) for name, default in DEFAULTS.items()}
    if key is not None:
        current = {key: current[key]}
    if as_json:
        print_json(current)
        return
    for name, shown in current.items():
        marker = "" if name in stored else "  (default)"
        say(f"{name} = {shown}{marker}")
