"""The next learning-in-public update as Markdown with YAML front matter, the way
blog platforms (Hashnode, dev.to, Jekyll, Hugo) take a post."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from urllib.parse import quote

from learnlog.domain.questions import Question
from learnlog.domain.records import EntryRecord, TopicRecord
from learnlog.domain.report import AttachmentInfo, PostDraft
from learnlog.exporters.markdown import (
    bullet, link_markdown, literal_lines, literal_text, open_item_lines, resolution_lines,
)
from learnlog.views.questions import open_for_text
from learnlog.views.text import count_text, full_day_text, minutes_text

# Escaped in a double-quoted scalar: the quote and the backslash; the C0 and C1 controls
# (line breaks among them, and YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029);
# and what YAML does not allow as text: surrogates, U+FFFE, U+FFFF. The byte order mark
# is printable, but invisible and stripped by some readers, so it is escaped too.
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')
_NAMED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}

NO_ASSETS: Mapping[int, str] = MappingProxyType({})

# Each part of a topic's section: the kinds of entry it holds, and its heading.
TOPIC_PARTS = (
    (("study", "build"), "What I learned"),
    (("bug",), "Bugs"),
    (("confusion",), "What confused me"),
    (("win",), "Wins"),
)
# The parts that tell what was resolved, after "What I learned": the searched-for ones.
RESOLVED_PARTS = (("confusion", "Questions I answered"), ("bug", "Bugs I fixed"))


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar on one line, which YAML 1.1 and 1.2 parsers
    read back as exactly `text`, whatever characters it holds."""
    escaped = _NEEDS_ESCAPE.sub(lambda match: _yaml_escape(match.group()), text)
    return f'"{escaped}"'


def _yaml_escape(char: str) -> str:
    return _NAMED_ESCAPES.get(char, f"\\u{ord(char):04x}")


def front_matter(*, title: str, slug: str, published: date, tags: Sequence[str]) -> list[str]:
    """The YAML front matter block, `---` to `---`, every string double-quoted."""
    tag_lines = [f"  - {yaml_string(tag)}" for tag in tags]
    return [
        "---",
        f"title: {yaml_string(title)}",
        f"slug: {yaml_string(slug)}",
        f"datePublished: {yaml_string(published.isoformat())}",
        *(["tags:", *tag_lines] if tags else ["tags: []"]),
        "---",
    ]


def post_markdown(
    draft: PostDraft, *, asset_links: Mapping[int, str] = NO_ASSETS, header: Sequence[str] | None = None,
) -> str:
    """The update as Markdown: front matter (title, slug, datePublished, tags), a line on
    the period, a section per topic (what I learned, questions answered and bugs fixed,
    bugs, confusion, wins, links), the questions and bugs still open, and what comes
    next. `asset_links` maps an attachment's id to the relative path its file was
    written to (not URL-encoded); attachments without one are named, not linked.
    `header` is the front matter for a platform (learnlog.exporters.platforms)."""
    if header is None:
        header = front_matter(title=draft.title, slug=draft.slug, published=draft.today, tags=draft.tags)
    sections = [
        list(header),
        [summary_line(draft)],
        *(
            _topic_section(topic, entries, resolved, draft.attachments, asset_links)
            for topic, entries, resolved in draft.told()
        ),
        *([_still_open(draft)] if draft.still_open else []),
        _whats_next(draft),
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def summary_line(draft: PostDraft) -> str:
    """The draft's opening line: 'N sessions and Xh over K topics since my last update (DAY).'"""
    if draft.since is None:
        since = "since I started"
    else:
        since = f"since my last update ({full_day_text(draft.since)})"
    if not draft.entries:
        return f"Nothing logged {since}."
    topics = len({entry.topic for entry in draft.entries})
    return f"{_sessions_text(draft.entries)} over {count_text(topics, 'topic')} {since}."


def _sessions_text(entries: Sequence[EntryRecord]) -> str:
    """'3 sessions and 1h35m'; just '3 sessions' when no duration is known (as after a jrnl import)."""
    sessions = count_text(len(entries), "session")
    if all(entry.minutes is None for entry in entries):
        return sessions
    return f"{sessions} and {minutes_text(sum(entry.minutes or 0 for entry in entries))}"


def _topic_section(
    topic: str | None, entries: list[EntryRecord], resolved: list[Question],
    attachments: Mapping[int, tuple[AttachmentInfo, ...]], asset_links: Mapping[int, str],
) -> list[str]:
    lines = [f"## {literal_text(topic) if topic else 'Without a topic'}"]
    if entries:
        lines += ["", f"{_sessions_text(entries)}."]
    # A resolved question or bug is told with its answer, and only there.
    answered = {found.id for found in resolved}
    unresolved = [entry for entry in entries if entry.id not in answered]
    learned, *others = TOPIC_PARTS
    lines += _entries_part(unresolved, *learned, attachments, asset_links)
    for kind, heading in RESOLVED_PARTS:
        told = [resolution_lines(found) for found in resolved if found.kind == kind]
        lines += _part(heading, [line for item in told for line in bullet(item)])
    for kinds, heading in others:
        lines += _entries_part(unresolved, kinds, heading, attachments, asset_links)
    links = dict.fromkeys(entry.link for entry in entries if entry.link)
    lines += _part("Links", [f"- {link_markdown(link)}" for link in links])
    return lines


def _entries_part(
    entries: list[EntryRecord], kinds: tuple[str, ...], heading: str,
    attachments: Mapping[int, tuple[AttachmentInfo, ...]], asset_links: Mapping[int, str],
) -> list[str]:
    items = [
        _item_lines(entry, attachments.get(entry.id, ()), asset_links) for entry in entries if entry.kind in kinds
    ]
    return _part(heading, [line for item in items if item for line in bullet(item)])


def _part(heading: str, lines: list[str]) -> list[str]:
    """A subsection, or nothing when it would be empty."""
    return ["", f"### {heading}", "", *lines] if lines else []


def _item_lines(
    entry: EntryRecord, attachments: tuple[AttachmentInfo, ...], asset_links: Mapping[int, str],
) -> list[str]:
    """The entry's note, then its attachments, one to a line; empty when it has neither."""
    note_lines = literal_lines(entry.note) if entry.note else []
    return [*note_lines, *(_attachment_markdown(item, asset_links.get(item.id)) for item in attachments)]


def _attachment_markdown(attachment: AttachmentInfo, path: str | None) -> str:
    name = literal_text(attachment.name)
    if path is None:
        return f"Attached: {name}"
    # An absolute address (--image-base-url) comes encoded; a path is encoded here.
    target = path if re.match(r"https?://", path) else quote(path, safe="/")
    return f"![{name}]({target})" if attachment.is_image else f"[{name}]({target})"


def _behind_text(topic: TopicRecord) -> str:
    """'NumPy (30h by Sun 31 Jan 2027, 2.3h/week needed)'."""
    return (
        f"{literal_text(topic.name)} ({topic.target_hours:g}h by {full_day_text(topic.target_by)},"
        f" {topic.pace.needed_hours_per_week:.1f}h/week needed)"
    )


def _still_open(draft: PostDraft) -> list[str]:
    """Every question and bug still open, oldest first, with how long it has been."""
    lines = ["## Still open", ""]
    for found in draft.still_open:
        lines += bullet(open_item_lines(found, age=open_for_text(found.open_days(draft.today)), with_day=False))
    return lines


def _whats_next(draft: PostDraft) -> list[str]:
    lines = ["## What's next", ""]
    if draft.stale:
        lines.append("- Topics to pick up again: " + ", ".join(literal_text(name) for name in draft.stale))
    if draft.behind:
        lines.append("- Behind the pace for my targets: " + ", ".join(map(_behind_text, draft.behind)))
    if draft.reviews_due:
        lines.append("- Topics due for review: " + ", ".join(literal_text(name) for name in draft.reviews_due))
    back = "Back on track: the" if draft.facts.state == "overdue" else "The"
    lines.append(f"- {back} next update is due by {full_day_text(draft.next_due)}.")
    return lines
