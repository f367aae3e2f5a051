"""Journeys and reports built as the store builds them, for the exporters' tests."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from learnlog.domain.cadence import DayActivity, Excuse, Rule, journey_facts
from learnlog.domain.progress import calendar
from learnlog.domain.questions import Question, Resolution
from learnlog.domain.records import EntryRecord
from learnlog.domain.report import Report, topic_summaries

START = date(2026, 11, 2)  # a Monday, so day 0 heads the heatmap's first column
GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def matches_golden(name: str, text: str) -> bool:
    """Compare with tests/golden/NAME; LEARNLOG_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("LEARNLOG_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    return text == path.read_text(encoding="utf-8")


def day(offset: int) -> date:
    """The date `offset` days after the journey's start."""
    return START + timedelta(days=offset)


def entry(entry_id: int, offset: int, topic: str | None = "Python", minutes: int | None = 30,
          kind: str = "study", **fields) -> EntryRecord:
    """An entry on day `offset`; note, tags, link and confidence default to none."""
    details = {"note": None, "tags": (), "link": None, "confidence": None} | fields
    return EntryRecord(
        entry_id, f"uid-{entry_id}", day(offset), f"{day(offset).isoformat()}T10:00:00+00:00",
        topic, minutes, kind, **details,
    )


def question(logged: EntryRecord, resolved: int | None = None, note: str = "", link: str | None = None) -> Question:
    """`logged` (a confusion or bug entry) as a question, resolved on day `resolved`
    at 18:00 with `note` and `link`, or open when `resolved` is None."""
    resolution = (
        Resolution(day(resolved), f"{day(resolved).isoformat()}T18:00:00+00:00", note, link)
        if resolved is not None
        else None
    )
    return Question(
        logged.id, logged.uid, logged.day, logged.timestamp, logged.topic, logged.kind, logged.note, logged.link,
        resolution,
    )


def build_report(
    entries: list[EntryRecord], *, journey: str = "Python for data", today: int = 15, since: int = 0,
    until: int | None = None, excused: tuple[int, ...] = (), attachments=None, questions: tuple[Question, ...] = (),
) -> Report:
    """A report built the way the store builds one: cadence facts from every entry (an
    update every 3 days, any entry counts), the rest from the entries in the period;
    of `questions`, those resolved in the period and those open at its end."""
    until = today if until is None else until
    per_day = Counter(item.day for item in entries)
    facts = journey_facts(
        start=START, today=day(today), rules=[Rule(START, 3, "any")],
        activity=[DayActivity(logged, count, 0) for logged, count in per_day.items()],
        excused=[Excuse(day(offset)) for offset in excused],
    )
    in_period = [item for item in entries if day(since) <= item.day <= day(until)]
    minutes_by_day: Counter[date] = Counter()
    for item in in_period:
        minutes_by_day[item.day] += item.minutes or 0
    days = calendar(facts, minutes_by_day, {item.day for item in in_period}, day(since), day(until))
    return Report(
        journey=journey, start=START, since=day(since), until=day(until), facts=facts,
        entries=tuple(in_period), topics=topic_summaries(in_period, []), calendar=tuple(days),
        attachments=attachments or {},
        resolved=tuple(sorted(
            (found for found in questions if found.resolution and day(since) <= found.resolution.day <= day(until)),
            key=lambda found: found.resolution.day,
        )),
        still_open=tuple(
            found._replace(resolution=None) for found in questions
            if found.day <= day(until) and (found.resolution is None or found.resolution.day > day(until))
        ),
    )
