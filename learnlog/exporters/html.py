"""A progress report as one self-contained HTML page: styles inline, no scripts, nothing
loaded from the network, printable, readable on a phone. Made from the page templates
(`learnlog.pages`, templates/report.html) that the public site is made from too:
autoescaped, so a note holding markup shows as text, with a Content-Security-Policy
that forbids scripts and outside resources as a second line of defence.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from learnlog.domain.cadence import Gap
from learnlog.domain.questions import ANSWER_WORDS
from learnlog.domain.report import AttachmentInfo, Report
from learnlog.pages import WEEKDAY_LABELS, calendar_weeks, day_title, legend, month_labels, render
from learnlog.views.questions import NO_NOTE, open_at_end_text, taken_text
from learnlog.views.status import deadline_text, rule_text
from learnlog.views.text import bidi_closed, count_text, day_text

STATE_WORDS = {"on_track": "On track", "due_today": "Due today", "overdue": "Overdue"}
KIND_SECTIONS = (("win", "Wins"), ("bug", "Bugs"), ("confusion", "Confusion"))
RESOLVED_SECTIONS = (("confusion", "Questions answered"), ("bug", "Bugs fixed"))


def report_html(report: Report, *, images: Mapping[int, bytes] = {}) -> str:
    """The progress report as a complete HTML5 document. `images` maps an attachment id
    to its bytes; image attachments found there are embedded as data: URIs, every other
    attachment is listed by name and size."""
    facts = report.facts
    weeks = calendar_weeks(report.calendar)
    embedded: dict[int, list[tuple[AttachmentInfo, str]]] = {}
    listed: dict[int, list[AttachmentInfo]] = {}
    for entry_id, attachments in report.attachments.items():
        for info in attachments:
            if info.is_image and info.id in images:
                data = base64.b64encode(images[info.id]).decode("ascii")
                embedded.setdefault(entry_id, []).append((info, data))
            else:
                listed.setdefault(entry_id, []).append(info)
    return render(
        "report.html",
        report=report,
        facts=facts,
        title=report_title(report),
        promise=rule_text(facts.every, facts.counts, facts.min_minutes),
        period_days=(report.until - report.since).days + 1,
        state=STATE_WORDS[facts.state],
        deadline=deadline_text(facts),
        gaps=gaps_text(gaps_in_period(facts.gaps, report.since, report.until)),
        weeks=weeks,
        months=month_labels(weeks),
        weekdays=WEEKDAY_LABELS,
        day_title=day_title,
        legend=legend(),
        most_minutes=max((topic.minutes for topic in report.topics), default=0),
        kinds=KIND_SECTIONS,
        resolved_kinds=RESOLVED_SECTIONS,
        no_note=NO_NOTE,
        answer_words=ANSWER_WORDS,
        taken=taken_text,
        open_at_end=open_at_end_text,
        embedded=embedded,
        listed=listed,
    )


def report_title(report: Report) -> str:
    """'Python for data: progress report, 2026-11-01 to 2026-11-25' (unescaped)."""
    return f"{bidi_closed(report.journey)}: progress report, {report.since.isoformat()} to {report.until.isoformat()}"


def gaps_in_period(gaps: Iterable[Gap], since: date, until: date) -> list[Gap]:
    """The gaps with at least one day from `since` to `until`."""
    return [gap for gap in gaps if gap.end >= since and gap.start <= until]


def gaps_text(gaps: Sequence[Gap]) -> str:
    """'none', or each gap's days: 'Tue 3 Nov to Thu 5 Nov (3 days, still open)'."""
    if not gaps:
        return "none"
    return "; ".join(
        f"{day_text(gap.start)} to {day_text(gap.end)}"
        f" ({count_text(gap.days, 'day')}{', still open' if gap.open else ''})"
        for gap in gaps
    )
