"""Generate a learnlog journey of any size, the same one for the same arguments,
written through learnlog's own store (the queries every command uses).

The journey ends on --today, with entries of every kind spread over its days
(notes, tags, links, some confidences), excused days in runs (illness, travel),
and a cadence that changes every two years or so, once to posts only.

Example:
  python benchmarks/make_journey.py /tmp/big.db --entries 100000 --topics 60 --years 10 --seed 1

Only writing needs learnlog: planning is standard library, so the benchmark
runner can seed other tools with the same entries without importing learnlog.
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

DEFAULT_TODAY = date(2026, 11, 25)
JOURNEY_NAME = "main"
KIND_WEIGHTS = {"study": 60, "build": 15, "bug": 8, "confusion": 7, "win": 6, "post": 4}
"""How often each kind of entry is logged; a test keeps the kinds equal to learnlog's."""

TOPIC_AREAS = {
    "Basics": ("NumPy", "Pandas", "Matplotlib", "Python", "Git", "Bash", "SQL", "Regex"),
    "Math": ("Linear Algebra", "Statistics", "Probability", "Calculus", "Optimization"),
    "Algorithms": (
        "Linear Regression", "Logistic Regression", "Decision Trees", "Random Forests",
        "Gradient Boosting", "Clustering", "PCA", "Neural Networks", "Transformers",
    ),
    "Systems": ("Docker", "Networking", "Databases", "Operating Systems", "Compilers", "HTTP"),
    "Web": ("HTML", "CSS", "JavaScript", "TypeScript", "React"),
}
TAGS = ("arrays", "plots", "exercises", "book", "video", "project", "kaggle", "interview-prep", "reading", "pairing")
VERBS = ("finally understood", "worked through", "got stuck on", "reviewed", "practised", "re-read", "debugged")
SUBJECTS = (
    "broadcasting", "groupby", "the chain rule", "eigenvectors", "joins", "overfitting", "recursion",
    "the exercises of chapter 3", "a Kaggle notebook", "last week's notes", "type hints", "caching",
)
EXCUSE_REASONS = ("flu", "travel", "exams", "family", "conference", "moving house")

DAYS_PER_EXCUSED_RUN = 90
"""About one run of excused days per this many days of journey."""
DAYS_PER_CADENCE_CHANGE = 730
FIRST_SESSION_MINUTE = 6 * 60
LAST_SESSION_MINUTE = 23 * 60
NOON = 12 * 60
"""LEARNLOG_TODAY=YYYY-MM-DD means 12:00, so today's entries are logged before noon."""
LEARNER_ZONE = timezone(timedelta(hours=1))


@dataclass(frozen=True)
class PlannedTopic:
    name: str
    area: str
    target_hours: float | None


@dataclass(frozen=True)
class PlannedRule:
    effective: date
    every: int
    counts: str


@dataclass(frozen=True)
class PlannedExcuse:
    day: date
    reason: str
    late: bool


@dataclass(frozen=True)
class PlannedEntry:
    uid: str
    topic: str | None
    moment: datetime
    minutes: int | None
    kind: str
    note: str | None
    tags: tuple[str, ...]
    link: str | None
    confidence: int | None


@dataclass(frozen=True)
class JourneyPlan:
    """Everything a generated journey holds except its entries, which `planned_entries`
    produces one at a time so that any number of them fits in memory."""

    seed: int
    entry_count: int
    start: date
    today: date
    topics: tuple[PlannedTopic, ...]
    rules: tuple[PlannedRule, ...]
    excuses: tuple[PlannedExcuse, ...]


def topic_names(count: int) -> list[PlannedTopic]:
    """`count` distinct topics, NumPy first (the benchmark logs to it); past the
    list's end, names repeat with a part number ('Statistics 2')."""
    base = [(name, area) for area, names in TOPIC_AREAS.items() for name in names]
    chosen = []
    for index in range(count):
        name, area = base[index % len(base)]
        part = index // len(base) + 1
        target = float(10 + 5 * (index % 6)) if index % 3 == 0 else None
        chosen.append(PlannedTopic(name if part == 1 else f"{name} {part}", area, target))
    return chosen


def plan_journey(*, entries: int, topics: int, days: int, seed: int, today: date = DEFAULT_TODAY) -> JourneyPlan:
    """The journey that `seed` gives: `days` days long (Day 0 is `days` before
    `today`), with `topics` topics and room for `entries` entries."""
    if entries < 1 or topics < 1 or days < 0:
        raise ValueError("a journey needs at least one entry and one topic, and cannot end before it starts")
    rng = random.Random(f"journey-{seed}")
    start = today - timedelta(days=days)
    return JourneyPlan(
        seed=seed,
        entry_count=entries,
        start=start,
        today=today,
        topics=tuple(topic_names(topics)),
        rules=tuple(_plan_rules(rng, start, days)),
        excuses=tuple(_plan_excuses(rng, start, days)),
    )


def _plan_rules(rng: random.Random, start: date, days: int) -> list[PlannedRule]:
    """The first rule, then a change about every two years, evenly spaced give or
    take a few weeks; with three or more changes the middle one counts posts only,
    so the journey ends under a rule that counts any entry."""
    changes = days // DAYS_PER_CADENCE_CHANGE
    spacing = days // (changes + 1)
    rules = [PlannedRule(start, 3, "any")]
    for number in range(1, changes + 1):
        jitter = rng.randint(-spacing // 4, spacing // 4)
        counts = "post" if changes >= 3 and number == changes // 2 else "any"
        every = rng.choice((7, 10)) if counts == "post" else rng.choice((2, 3, 4, 5))
        rules.append(PlannedRule(start + timedelta(days=number * spacing + jitter), every, counts))
    return rules


def _plan_excuses(rng: random.Random, start: date, days: int) -> list[PlannedExcuse]:
    """Runs of one to seven excused days, never today (the journey ends on a day
    that counts)."""
    excused: dict[date, PlannedExcuse] = {}
    for _ in range(days // DAYS_PER_EXCUSED_RUN):
        first = start + timedelta(days=rng.randrange(1, days))
        reason = rng.choice(EXCUSE_REASONS)
        late = rng.random() < 0.3
        for offset in range(rng.randint(1, 7)):
            day = first + timedelta(days=offset)
            if day < start + timedelta(days=days):
                excused.setdefault(day, PlannedExcuse(day, reason, late))
    return sorted(excused.values(), key=lambda excuse: excuse.day)


def _active_days(plan: JourneyPlan) -> list[date]:
    excused = {excuse.day for excuse in plan.excuses}
    span = (plan.today - plan.start).days
    return [day for day in (plan.start + timedelta(days=n) for n in range(span + 1)) if day not in excused]


def planned_entries(plan: JourneyPlan) -> Iterator[PlannedEntry]:
    """The plan's entries, oldest first: spread at random over the days that are not
    excused, one of them today, each day's sessions at rising times."""
    rng = random.Random(f"entries-{plan.seed}")
    days = _active_days(plan)
    per_day = [0] * len(days)
    per_day[-1] = 1
    for _ in range(plan.entry_count - 1):
        per_day[rng.randrange(len(days))] += 1
    kinds, weights = zip(*KIND_WEIGHTS.items())
    for day, count in zip(days, per_day):
        last_minute = NOON if day == plan.today else LAST_SESSION_MINUTE
        minutes_of_day = sorted(rng.randrange(FIRST_SESSION_MINUTE, last_minute) for _ in range(count))
        for minute_of_day in minutes_of_day:
            kind = rng.choices(kinds, weights)[0]
            yield _entry(rng, plan, day, minute_of_day, kind)


def _entry(rng: random.Random, plan: JourneyPlan, day: date, minute_of_day: int, kind: str) -> PlannedEntry:
    moment = datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60), LEARNER_ZONE)
    uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == "post":
        topic = rng.choice(plan.topics).name if rng.random() < 0.5 else None
        day_number = (day - plan.start).days
        return PlannedEntry(
            uid, topic, moment, None, kind, f"Day {day_number} update", (),
            f"https://example.com/day-{day_number}", None,
        )
    note = f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}" if rng.random() < 0.8 else None
    return PlannedEntry(
        uid=uid,
        topic=rng.choice(plan.topics).name,
        moment=moment,
        minutes=rng.randrange(15, 181, 5),
        kind=kind,
        note=note,
        tags=tuple(rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3)))),
        link=f"https://example.com/notes/{rng.randrange(10_000)}" if rng.random() < 0.1 else None,
        confidence=rng.randint(1, 5) if rng.random() < 0.25 else None,
    )


def write_journey(path: Path, plan: JourneyPlan) -> None:
    """Write `plan` as a new learnlog database at `path`, in one transaction: a
    journey is written whole or not at all (no file is left behind on failure)."""
    from learnlog.domain.cadence import Excuse, Rule
    from learnlog.store import queries
    from learnlog.store.cards import refresh_cards
    from learnlog.store.database import open_database
    from learnlog.store.location import Location

    created = datetime.combine(plan.start, time(9), LEARNER_ZONE)
    db = open_database(Location(path), create=True)
    try:
        with db.transaction():
            journey = queries.create_journey(
                db, name=JOURNEY_NAME, start=plan.start, every=plan.rules[0].every,
                topics=[(topic.name, topic.area, None) for topic in plan.topics], created=created,
            )
            topic_ids = {topic.name: topic.id for topic in queries.topics(db, journey.id)}
            for topic in plan.topics:
                if topic.target_hours is not None:
                    queries.update_topic(db, topic_ids[topic.name], target_hours=topic.target_hours)
            queries.replace_cadence_rules(
                db, journey.id, [Rule(rule.effective, rule.every, rule.counts) for rule in plan.rules]
            )
            queries.excuse_days(
                db, journey.id, [Excuse(excuse.day, excuse.reason, excuse.late) for excuse in plan.excuses],
                reason=None, created=created, keep_reasons=True,
            )
            for entry in planned_entries(plan):
                queries.add_entry(
                    db, journey.id, topic_id=topic_ids[entry.topic] if entry.topic else None,
                    moment=entry.moment, minutes=entry.minutes, kind=entry.kind, note=entry.note,
                    tags=entry.tags, link=entry.link, confidence=entry.confidence,
                    created=entry.moment, uid=entry.uid,
                )
            # As learnlog's own writers do: the topics' review cards are current at commit.
            refresh_cards(db, journey.id)
    except BaseException:
        db.close()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a deterministic learnlog journey (the same seed gives the same rows).",
        epilog="Example: python benchmarks/make_journey.py /tmp/big.db --entries 100000 --topics 60 --years 10 --seed 1",
    )
    parser.add_argument("path", type=Path, help="the database file to create (never overwritten)")
    parser.add_argument("--entries", type=int, default=1000, help="how many entries (default 1000)")
    parser.add_argument("--topics", type=int, default=20, help="how many topics (default 20)")
    span = parser.add_mutually_exclusive_group()
    span.add_argument("--years", type=int, help="how many years the journey spans (default 1)")
    span.add_argument("--days", type=int, help="how many days the journey spans, for short journeys")
    parser.add_argument("--seed", type=int, default=1, help="the seed: the same seed gives the same journey (default 1)")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=DEFAULT_TODAY,
        help=f"the journey's last day, YYYY-MM-DD (default {DEFAULT_TODAY.isoformat()})",
    )
    args = parser.parse_args(argv)
    if args.path.exists():
        parser.error(f"{args.path} exists: choose a new path (a journey is never overwritten)")
    days = args.days if args.days is not None else 365 * (args.years if args.years is not None else 1)
    try:
        plan = plan_journey(entries=args.entries, topics=args.topics, days=days, seed=args.seed, today=args.today)
    except ValueError as error:
        parser.error(str(error))
    write_journey(args.path, plan)
    print(
        f"Wrote {args.entries} entries, {args.topics} topics, {len(plan.excuses)} excused days and"
        f" {len(plan.rules)} cadence rules over {days} days to {args.path}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
