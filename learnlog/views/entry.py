"""One entry in full (`learnlog show`): plain lines, fed plain data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from learnlog.domain.questions import Resolution
from learnlog.domain.records import EntryRecord
from learnlog.domain.report import AttachmentInfo
from learnlog.views.attachments import origin_text
from learnlog.views.text import day_text, first_line, minutes_text, one_line


def entry_lines(
    record: EntryRecord, *, day: int, files: Sequence[AttachmentInfo], post: EntryRecord | None,
    answer: Resolution | None = None, commits: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """The entry's heading, then each thing it carries on a line of its own (the
    commits it was synced from, as (hash, repository)), then
    its whole note (say shows its line breaks, and escapes every other control),
    then the answer to a question or the fix of a bug, whole too."""
    moment = datetime.fromisoformat(record.timestamp)
    heading = [f"#{record.id}", f"{day_text(record.day)} {record.day.year} {moment:%H:%M}", f"Day {day}"]
    if record.topic:
        heading.append(one_line(record.topic))
    if record.minutes is not None:
        heading.append(minutes_text(record.minutes))
    heading.append(record.kind)
    lines = [" · ".join(heading)]
    if record.tags:
        lines.append("Tags: " + " ".join(f"#{one_line(tag)}" for tag in record.tags))
    if record.link:
        lines.append(f"Link: {one_line(record.link)}")
    if record.confidence:
        lines.append(f"Confidence: {record.confidence}/5")
    for info in files:
        origin = f", {origin_text(info)}" if info.notebook is not None else ""
        lines.append(f"Attachment #{info.id}: {one_line(info.name)} ({info.media_type}, {info.size:,} bytes){origin}")
    if commits:
        repositories = ", ".join(dict.fromkeys(one_line(repository) for _, repository in commits))
        lines.append(f"Synced from {repositories}: " + " ".join(commit_hash[:12] for commit_hash, _ in commits))
    if post is not None:
        title = first_line(post.note) if post.note else one_line(post.link or "")
        lines.append(f"Covered by post #{post.id} on {day_text(post.day)}" + (f": {title}" if title else ""))
    lines.append(f"uid {record.uid}")
    if record.note:
        lines += ["", record.note]
    if answer is not None:
        word = "Fixed" if record.kind == "bug" else "Answered"
        lines += ["", f"{word} {day_text(answer.day)} {answer.day.year}:" + (f" {one_line(answer.link)}" if answer.link else ""),
                  answer.note]
    elif record.kind in ("confusion", "bug"):
        lines += ["", "Still open: learnlog resolve " + str(record.id) + " -m TEXT"]
    return lines
