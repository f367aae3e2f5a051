"""What `learnlog sync` and `learnlog repo` print: plain text, fed plain data."""

from __future__ import annotations

from learnlog.domain.commits import ProposedEntry, RepositoryPlan
from learnlog.views.text import count_text, full_day_text, minutes_text, one_line


def proposed_lines(plan: RepositoryPlan, topic: str) -> list[str]:
    """One repository's proposed entries: a heading, then per entry its day, time,
    duration and topic, and the subject lines of its commits, indented."""
    if not plan.entries:
        return []
    commits = sum(len(entry.commits) for entry in plan.entries)
    lines = [
        f"{one_line(plan.repository)}: {count_text(len(plan.entries), 'new entry', 'new entries')}"
        f" from {count_text(commits, 'commit')}"
    ]
    for entry in plan.entries:
        lines.append(f"  {entry_heading(entry, topic)}")
        lines += [f"    {one_line(line)}" for line in entry.note.splitlines()]
    return lines


def entry_heading(entry: ProposedEntry, topic: str) -> str:
    """'Mon 23 Nov 2026 19:05  build  1h10m (estimated)  Titanic'."""
    duration = f"{minutes_text(entry.minutes)} (estimated)" if entry.minutes is not None else "duration unknown"
    return f"{full_day_text(entry.day)} {entry.moment:%H:%M}  build  {duration}  {one_line(topic)}"


def left_out_text(plan: RepositoryPlan) -> str | None:
    """'titanic: left out 2 commits dated before the journey's start and 1 dated in the future.'"""
    parts = []
    if plan.before_start:
        parts.append(f"{count_text(plan.before_start, 'commit')} dated before the journey's start")
    if plan.future:
        parts.append(f"{count_text(plan.future, 'commit')} dated in the future")
    if not parts:
        return None
    return f"{one_line(plan.repository)}: left out {' and '.join(parts)}."


def recorded_text(entry_ids: list[int], commits: int) -> str:
    """'Recorded 3 entries (#41, #42, #43) from 7 commits.'"""
    listed = ", ".join(f"#{entry_id}" for entry_id in entry_ids)
    return f"Recorded {count_text(len(entry_ids), 'entry', 'entries')} ({listed}) from {count_text(commits, 'commit')}."


def repository_line(name: str, path: str, topic: str, authors: tuple[str, ...]) -> str:
    """'titanic  /home/me/code/titanic  -> Titanic  (me@example.com)'."""
    return f"{one_line(name)}  {one_line(path)}  -> {one_line(topic)}  ({', '.join(map(one_line, authors))})"




def attached_images_text(path: str, entry_id: int, count: int) -> str:
    """'Attached 2 images from notebooks/03-regression.ipynb to entry #12.'"""
    return f"Attached {count_text(count, 'image')} from {one_line(path)} to entry #{entry_id}."
