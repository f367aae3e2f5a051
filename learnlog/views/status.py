"""The cadence in words: the reply to `log`, `status`, and `remind`'s sentence.
Plain strings from the standard library, so these commands stay fast."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from learnlog.domain.cadence import CadenceFacts, Streak
from learnlog.domain.dates import relative_days
from learnlog.views.text import clock_text, count_text, day_text, minutes_text, one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from learnlog.domain.questions import OpenSummary
    from learnlog.domain.skips import SkipBudget
    from learnlog.domain.timer import RunningSession


def deadline_text(facts: CadenceFacts) -> str:
    """'next update due Thu 27 Nov (in 2 days)', 'update due today', 'overdue by 2 days (was due Mon 23 Nov)'."""
    if facts.state == "overdue":
        return f"overdue by {count_text(facts.overdue_days, 'day')} (was due {day_text(facts.due)})"
    if facts.state == "due_today":
        return f"update due today ({day_text(facts.due)})"
    return f"next update due {day_text(facts.due)} ({relative_days(facts.due, facts.today)})"


def board_state_text(facts: CadenceFacts) -> str:
    """The state in a board's few words: 'overdue 3d', 'due today', 'on track'."""
    if facts.state == "overdue":
        return f"overdue {facts.overdue_days}d"
    return "due today" if facts.state == "due_today" else "on track"


def streak_text(streak: Streak) -> str:
    if not streak.checkins:
        return "none"
    return (
        f"{count_text(streak.checkins, 'check-in')} over {count_text(streak.days, 'day')}"
        f" (since {day_text(streak.since)})"
    )


def rule_text(every: int, counts: str, min_minutes: int = 0) -> str:
    """'an update every 3 days, any entry counts', '..., at least 30m a day (or a post) counts',
    '..., only posts count'."""
    if counts == "post":
        what = "only posts count"
    elif min_minutes:
        what = f"at least {minutes_text(min_minutes)} a day (or a post) counts"
    else:
        what = "any entry counts"
    return f"an update every {count_text(every, 'day')}, {what}"


def running_text(session: RunningSession, now: datetime) -> str:
    """'NumPy has been running since 14:05 (42m)'."""
    return f"{one_line(session.topic)} has been running since {clock_text(session.since, now)} ({minutes_text(session.minutes(now))})"


def running_status_text(session: RunningSession, now: datetime) -> str:
    """'Running: NumPy for 42m, since 14:05' (with its kind when not study)."""
    kind = "" if session.kind == "study" else f" ({session.kind})"
    return f"Running: {one_line(session.topic)}{kind} for {minutes_text(session.minutes(now))}, since {clock_text(session.since, now)}"


def percent_text(share: float) -> str:
    """A share from 0 to 1 as a whole percentage, rounded half up: 0.865 -> '87%'."""
    # round(..., 6) first, so that 0.865 (stored as 0.86499999...) rounds up as written.
    return f"{int(round(share * 100, 6) + 0.5)}%"


def short_of_minimum_text(total: int, minimum: int, when: str) -> str:
    """'22m of 30m today: not a check-in yet'."""
    return f"{minutes_text(total)} of {minutes_text(minimum)} {when}: not a check-in yet"


def logged_line(
    *, entry_id: int, day_number: int, topic: str | None, minutes: int | None, kind: str,
    facts: CadenceFacts,
) -> str:
    """The one-line reply to `learnlog log`."""
    parts = [f"Logged #{entry_id}", f"Day {day_number}"]
    if topic is not None:
        parts.append(one_line(topic))
    if minutes is not None:
        parts.append(minutes_text(minutes))
    if kind != "study":
        parts.append(kind)
    return " · ".join(parts) + f" · {deadline_text(facts)}"


def open_text(open_items: OpenSummary, today: date) -> str | None:
    """'Open: 3 questions (oldest 12 days, Linear Algebra), 1 bug': the oldest open
    one's age and topic beside its kind; None when nothing is open."""
    if not open_items.total:
        return None
    age = (today - open_items.oldest_day).days
    topic = [one_line(open_items.oldest_topic)] if open_items.oldest_topic else []
    parts = []
    for kind, count, noun in (("confusion", open_items.questions, "question"), ("bug", open_items.bugs, "bug")):
        if not count:
            continue
        part = count_text(count, noun)
        if kind == open_items.oldest_kind:
            # "oldest" only among several: a lone question is simply that old.
            since = "today" if age == 0 else count_text(age, "day")
            part += f" ({', '.join([f'oldest {since}' if count > 1 else since, *topic])})"
        parts.append(part)
    return "Open: " + ", ".join(parts)


def reviews_due_text(names: Sequence[str], shown: int = 3) -> str:
    """'2 topics (NumPy, Pandas)', '5 topics (NumPy, Pandas, Python and 2 more)'."""
    listed = ", ".join(one_line(name) for name in names[:shown])
    more = len(names) - shown
    return f"{count_text(len(names), 'topic')} ({listed}{f' and {more} more' if more > 0 else ''})"


def status_lines(
    facts: CadenceFacts, *, consistency: float, skips: SkipBudget | None, open_items: OpenSummary | None = None,
    reviews_due: Sequence[str] = (), running: RunningSession | None = None, now: datetime | None = None,
) -> list[str]:
    """`learnlog status` as lines of text; `consistency` is the journey's score today,
    `skips` this month against the skip budget, while one is set, `open_items` the
    questions and bugs still open, `reviews_due` the topics due for review (the
    longest due first), and `running` the session the timer is running as of `now`."""
    lines = [f"Day {facts.day} · {'on track · ' if facts.state == 'on_track' else ''}{deadline_text(facts)}"]
    if running is not None:
        lines.append(running_status_text(running, now))
    lines += [
        f"Current streak: {streak_text(facts.streak)}",
        f"Longest streak: {streak_text(facts.longest_streak)}",
        f"Consistency: {percent_text(consistency)}",
    ]
    if facts.last_checkin is None:
        lines.append("Last check-in: none yet")
    else:
        lines.append(
            f"Last check-in: {day_text(facts.last_checkin)} ({relative_days(facts.last_checkin, facts.today)})"
        )
    if facts.gaps:
        last = facts.gaps[-1]
        ongoing = ", still open" if last.open else ""
        lines.append(
            f"Gaps: {len(facts.gaps)}, the last {day_text(last.start)} to {day_text(last.end)}"
            f" ({count_text(last.days, 'day')}{ongoing})"
        )
    shown = open_text(open_items, facts.today) if open_items is not None else None
    if shown:
        lines.append(shown)
    if reviews_due:
        lines.append(f"Reviews due: {reviews_due_text(reviews_due)}")
    if skips is not None:
        lines.append(f"Skips left in {skips.month:%B}: {skips.left} of {skips.per_month}")
    lines.append(f"Cadence: {rule_text(facts.every, facts.counts, facts.min_minutes)}")
    ahead = facts.excused_ahead()
    if ahead:
        listed = ", ".join(
            day_text(excuse.day) + (f" ({one_line(excuse.reason)})" if excuse.reason else "")
            for excuse in ahead
        )
        lines.append(f"Excused ahead: {listed}")
    late = [excuse for excuse in facts.excused if excuse.late]
    if late:
        lines.append(f"Excused late: {', '.join(day_text(excuse.day) for excuse in late)}")
    return lines


def reminder_sentence(facts: CadenceFacts, last_topic: str | None) -> str:
    """One sentence fit for a terminal or a notification."""
    if facts.last_checkin is None:
        since = "no check-in yet"
    else:
        ago = (facts.today - facts.last_checkin).days
        since = "last check-in today" if ago == 0 else f"last check-in {count_text(ago, 'day')} ago"
        if last_topic:
            since += f" ({one_line(last_topic)})"
    if facts.state == "overdue":
        overdue = f"Overdue by {count_text(facts.overdue_days, 'day')}"
        if not facts.streaks:
            return f"{overdue}: {since}. Log a session to start your first streak."
        ended = facts.streaks[-1].checkins
        return f"{overdue}: your {ended}-check-in streak has ended. Log a session to start a new one."
    if facts.state == "due_today":
        return f"Update due today: Day {facts.day}, {since}."
    return f"On track: next update due {day_text(facts.due)} ({relative_days(facts.due, facts.today)}), {since}."
