"""Open questions and bugs in words: `learnlog questions`, and the replies to
`resolve` and `reopen`. Plain strings from the standard library: these commands
draw no table, so they never load Rich."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from learnlog.domain.questions import ANSWER_WORDS, DONE_WORDS, Question, Resolution
from learnlog.views.text import count_text, day_text, full_day_text, one_line

NO_NOTE = "(no note)"


def open_for_text(days: int) -> str:
    """'open since today', 'open 1 day', 'open 12 days'."""
    return "open since today" if days == 0 else f"open {count_text(days, 'day')}"


def open_at_end_text(days: int) -> str:
    """How long a question had been open at a report's end, which may be long past:
    'open 0 days', 'open 4 days'."""
    return f"open {count_text(days, 'day')}"


def taken_text(days: int) -> str:
    """How long an answer took: 'the same day', 'after 1 day', 'after 7 days'."""
    return "the same day" if days == 0 else f"after {count_text(days, 'day')}"


def first_line(text: str | None) -> str:
    """The first non-blank line of a note, on one line (or NO_NOTE)."""
    line = next((line for line in (text or "").splitlines() if line.strip()), "")
    return one_line(line) if line else NO_NOTE


def label(found: Question) -> str:
    """'question #5 (Statistics)', 'bug #2 (Pandas)'."""
    return f"{found.word} #{found.id}" + (f" ({one_line(found.topic)})" if found.topic else "")


def question_lines(found: Question, today: date) -> list[str]:
    """One question or bug as `learnlog questions` lists it: a line of facts, then
    its note, and once resolved its answer (or fix) and that answer's link."""
    if found.resolution is None:
        state = open_for_text(found.open_days(today))
    else:
        state = f"{DONE_WORDS[found.kind]} {found.resolution.day.isoformat()}, {taken_text(found.days_taken())}"
    facts = [one_line(found.topic)] if found.topic else []
    facts += [found.word, state]
    lines = [f"#{found.id}  {found.day.isoformat()}  {' · '.join(facts)}", f"    {one_line(found.note or NO_NOTE)}"]
    if found.resolution is not None:
        lines.append(f"    {ANSWER_WORDS[found.kind].capitalize()}: {one_line(found.resolution.note)}")
        if found.resolution.link:
            lines.append(f"    {one_line(found.resolution.link)}")
    return lines


def listing(found: Sequence[Question], today: date) -> str:
    """The questions and bugs, one after another."""
    return "\n".join(line for item in found for line in question_lines(item, today))


def nothing_listed(state: str, *, filtered: bool) -> str:
    """What `learnlog questions` says when it has nothing to list."""
    if filtered:
        return "No question or bug matches."
    if state == "resolved":
        return "Nothing resolved yet: learnlog resolve ID -m TEXT records an answer or a fix."
    if state == "open":
        return "Nothing open: every question and bug has its answer."
    return "No questions or bugs yet: log one with --kind confusion or --kind bug."


def resolved_line(found: Question, resolution: Resolution, replaced: Resolution | None) -> str:
    """'Answered question #5 (Statistics) after 2 days.', saying when it replaced
    an earlier answer."""
    days = (resolution.day - found.day).days
    line = f"{DONE_WORDS[found.kind].capitalize()} {label(found)} {taken_text(days)}"
    if replaced is not None:
        line += f", replacing its {ANSWER_WORDS[found.kind]} of {day_text(replaced.day)}"
    return line + "."


def resolved_before_line(resolved: Sequence[Question], before: date) -> str:
    """The reply to `resolve --before`: how many it resolved, of each kind."""
    if not resolved:
        return f"Nothing to resolve: no question or bug dated before {full_day_text(before)} is open."
    questions = sum(1 for found in resolved if found.kind == "confusion")
    parts = [count_text(count, noun) for count, noun in ((questions, "question"), (len(resolved) - questions, "bug")) if count]
    return f"Resolved {' and '.join(parts)} dated before {full_day_text(before)}."


def reopened_line(found: Question, removed: Resolution, today: date) -> str:
    """'Reopened question #5 (Statistics), open 16 days; its answer of Wed 11 Nov is removed.'"""
    return (
        f"Reopened {label(found)}, {open_for_text((today - found.day).days)};"
        f" its {ANSWER_WORDS[found.kind]} of {day_text(removed.day)} is removed."
    )
