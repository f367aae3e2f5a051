"""Tests for learnlog.exporters.post: the learning-in-public update, its front matter read
back by a small reader of our double-quoted scalars (always) and by PyYAML (when present)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnlog.domain.cadence import DayActivity, Excuse, Rule, journey_facts
from learnlog.domain.pace import target_pace
from learnlog.domain.records import EntryRecord, TopicRecord
from learnlog.domain.report import AttachmentInfo, PostDraft, build_post_draft
from learnlog.exporters.post import post_markdown, yaml_string

START = date(2026, 11, 2)  # a Monday, so day 9 is Wednesday 11 November


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def entry(entry_id: int, offset: int, topic: str | None = "NumPy", minutes: int | None = 30,
          kind: str = "study", **fields) -> EntryRecord:
    """An entry on day `offset`; note, tags, link and confidence default to none."""
    details = {"note": None, "tags": (), "link": None, "confidence": None} | fields
    return EntryRecord(
        entry_id, f"uid-{entry_id}", day(offset), f"{day(offset).isoformat()}T10:00:00+00:00",
        topic, minutes, kind, **details,
    )


def facts_on(today: int, *, studied=(), posted=(), counts: str = "any", excused=()):
    """The cadence on day `today` of a journey asking for an update every 3 days."""
    return journey_facts(
        start=START, today=day(today), rules=[Rule(START, 3, counts)],
        activity=[*(DayActivity(day(n), 1, 0) for n in studied), *(DayActivity(day(n), 1, 1) for n in posted)],
        excused=[Excuse(day(n)) for n in excused],
    )


SPENDING = AttachmentInfo(11, "spending.png", "image/png", 4096, "ab" * 32)
NOTEBOOK = AttachmentInfo(12, "clean up (v2).ipynb", "application/x-ipynb+json", 900, "cd" * 32)

# The last post was on day 6; these are the entries since.
SINCE_LAST_POST = [
    entry(1, 7, "NumPy", 60, note="Broadcasting rules",
          link="https://numpy.org/doc/stable/user/basics.broadcasting.html"),
    entry(2, 7, "NumPy", 20, "bug", note="Shape mismatch (3,) vs (3,1)"),
    entry(3, 8, "Pandas", 45, "build", note="Cleaned my bank CSV"),
    entry(4, 9, "Pandas", 30, "confusion", note="When does groupby return a copy?"),
    entry(5, 9, "NumPy", 15, "win", note="Vectorised my loop: 40x faster"),
    entry(6, 9, "Pandas", 10),
]


def draft_of(entries=SINCE_LAST_POST, *, previous_post: int | None = 6, stale=("Linear Algebra",),
             attachments=None, facts=None, topics=()) -> PostDraft:
    days = Counter(item.day for item in entries)
    facts = facts or journey_facts(
        start=START, today=day(9), rules=[Rule(START, 3, "any")],
        activity=[
            DayActivity(day(6), 1, 1), *(DayActivity(logged, count, 0) for logged, count in days.items()),
        ],
        excused=[],
    )
    return build_post_draft(
        facts=facts, entries=entries, previous_post=None if previous_post is None else day(previous_post),
        stale=stale, attachments=attachments, topics=topics,
    )


def test_the_draft_is_front_matter_then_a_section_per_topic_then_whats_next():
    draft = draft_of(attachments={3: (SPENDING,)})
    assert post_markdown(draft, asset_links={11: "assets/spending.png"}) == """\
---
title: "Day 9: NumPy and Pandas"
slug: "day-9-numpy-and-pandas"
datePublished: "2026-11-11"
tags:
  - "numpy"
  - "pandas"
---

6 sessions and 3h over 2 topics since my last update (Sun 8 Nov 2026).

## NumPy

3 sessions and 1h35m.

### What I learned

- Broadcasting rules

### Bugs

- Shape mismatch (3,) vs (3,1)

### Wins

- Vectorised my loop: 40x faster

### Links

- <https://numpy.org/doc/stable/user/basics.broadcasting.html>

## Pandas

3 sessions and 1h25m.

### What I learned

- Cleaned my bank CSV
  ![spending.png](assets/spending.png)

### What confused me

- When does groupby return a copy?

## What's next

- Topics to pick up again: Linear Algebra
- The next update is due by Sat 14 Nov 2026.
"""


def test_the_first_update_counts_from_the_start():
    assert "6 sessions and 3h over 2 topics since I started." in post_markdown(draft_of(previous_post=None))


def test_an_update_with_nothing_logged_still_says_what_is_next():
    text = post_markdown(draft_of([], stale=()))
    assert "tags: []" in text
    assert text.endswith(
        "Nothing logged since my last update (Sun 8 Nov 2026).\n\n"
        "## What's next\n\n- The next update is due by Sat 14 Nov 2026.\n"
    )


def test_attachments_link_to_their_assets_images_as_images():
    draft = draft_of([entry(1, 9, note="Graphs", kind="build")], attachments={1: (SPENDING, NOTEBOOK)})
    text = post_markdown(draft, asset_links={11: "assets/spending.png", 12: "assets/clean up (v2).ipynb"})
    assert (
        "- Graphs\n"
        "  ![spending.png](assets/spending.png)\n"
        "  [clean up (v2).ipynb](assets/clean%20up%20%28v2%29.ipynb)\n"
    ) in text


def test_an_attachment_without_an_asset_is_named_not_linked():
    draft = draft_of([entry(1, 9)], attachments={1: (SPENDING,)})
    assert "### What I learned\n\n- Attached: spending.png\n" in post_markdown(draft)


def test_an_entry_of_unknown_duration_counts_as_a_session_without_time():
    text = post_markdown(draft_of([entry(1, 9, "Journal", None, note="From jrnl")]))
    assert "1 session over 1 topic since my last update (Sun 8 Nov 2026)." in text
    assert "## Journal\n\n1 session.\n" in text


def test_entries_without_a_note_or_attachment_only_count_as_sessions():
    text = post_markdown(draft_of([entry(1, 9, "Pandas", 10)]))
    assert "1 session and 10m." in text
    assert "### What I learned" not in text


def test_notes_stay_literal_markdown_in_the_body():
    draft = draft_of([entry(1, 9, kind="bug", note="<script>alert(1)</script>\n---\n# not a heading")])
    assert "- \\<script>alert(1)\\</script>\n  \\---\n  \\# not a heading\n" in post_markdown(draft)


def test_a_note_of_several_paragraphs_keeps_its_paragraphs_and_attachments_follow_it():
    note = "What I tried: np.dot(a, b)\nWhat I expected: (3,)\n\n\nThe fix: a.T"
    draft = draft_of([entry(1, 9, kind="bug", note=note)], attachments={1: (SPENDING,)})
    assert (
        "- What I tried: np.dot(a, b)\n  What I expected: (3,)\n\n  The fix: a.T\n  ![spending.png](assets/spending.png)\n"
    ) in post_markdown(draft, asset_links={11: "assets/spending.png"})


@pytest.mark.parametrize(
    "facts, line",
    [
        pytest.param(facts_on(9, studied=[7, 9]), "The next update is due by Sat 14 Nov 2026.",
                     id="today already checked in: the deadline stands"),
        pytest.param(facts_on(9, studied=[7, 8]), "The next update is due by Sat 14 Nov 2026.",
                     id="a quiet day: publishing today moves the deadline"),
        pytest.param(facts_on(9, studied=[2]), "Back on track: the next update is due by Sat 14 Nov 2026.",
                     id="overdue: publishing today closes the gap"),
        pytest.param(facts_on(9, studied=[9], posted=[6], counts="post"),
                     "The next update is due by Sat 14 Nov 2026.",
                     id="posts-only rule: today's study did not count, the post does"),
        pytest.param(facts_on(9, studied=[9], excused=[10]), "The next update is due by Sun 15 Nov 2026.",
                     id="an excused day ahead pushes the deadline"),
    ],
)
def test_whats_next_gives_the_deadline_once_this_update_is_published(facts, line):
    assert post_markdown(draft_of(facts=facts)).endswith(f"- {line}\n")


def paced_topic(name: str, hours: float, by: int, minutes: int, recent: int) -> TopicRecord:
    """A topic with `hours` to reach by day `by`, `minutes` logged, `recent` of them lately."""
    pace = target_pace(target_hours=hours, target_by=day(by), minutes=minutes, recent_minutes=recent, today=day(9))
    return TopicRecord(1, name, None, hours, False, None, 1, minutes, day(9), target_by=day(by), pace=pace)


def test_whats_next_names_the_topics_behind_the_pace_of_their_target():
    topics = [
        paced_topic("NumPy", 20, 37, 600, 300),  # 10h to go in 4 weeks: 2.5h/week needed, 1.25h/week lately
        paced_topic("Pandas", 10, 37, 300, 600),  # on pace
        paced_topic("Statistics", 2, 37, 180, 180),  # met
        paced_topic("Matplotlib", 10, 8, 60, 60),  # missed yesterday: past helping this update
        paced_topic("Linear *Algebra*", 5, 10, 0, 0),  # 5h in a day: 35h/week
    ]

    text = post_markdown(draft_of(topics=topics))

    assert text.endswith(
        "## What's next\n\n"
        "- Topics to pick up again: Linear Algebra\n"
        "- Behind the pace for my targets: NumPy (20h by Wed 9 Dec 2026, 2.5h/week needed),"
        " Linear \\*Algebra\\* (5h by Thu 12 Nov 2026, 35.0h/week needed)\n"
        "- The next update is due by Sat 14 Nov 2026.\n"
    )


def test_whats_next_says_nothing_of_targets_when_none_is_behind():
    assert "Behind the pace" not in post_markdown(draft_of(topics=[paced_topic("Pandas", 10, 37, 300, 600)]))


# The front matter stays valid YAML ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, scalar",
    [
        ("Day 9: NumPy", '"Day 9: NumPy"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("C:\\path", '"C:\\\\path"'),
        ("two\nlines", '"two\\nlines"'),
        ("tab\there", '"tab\\there"'),
        ("carriage\rreturn", '"carriage\\rreturn"'),
        ("nul\x00 bell\x07 escape\x1b delete\x7f", '"nul\\u0000 bell\\u0007 escape\\u001b delete\\u007f"'),
        ("next line\x85 line\u2028 paragraph\u2029", '"next line\\u0085 line\\u2028 paragraph\\u2029"'),
        ("\ufeffbom and \ufffe", '"\\ufeffbom and \\ufffe"'),
        ("lone \ud800 surrogate", '"lone \\ud800 surrogate"'),
        ("café ✓ 🦀 日本語", '"café ✓ 🦀 日本語"'),
        ("---", '"---"'),
        ("- @ * & ! % ` # | > { } [ ] ,", '"- @ * & ! % ` # | > { } [ ] ,"'),
        ("", '""'),
    ],
)
def test_yaml_string_escapes_only_what_a_double_quoted_scalar_cannot_hold(text, scalar):
    assert yaml_string(text) == scalar


_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
# What YAML lets stand unescaped on one line, leaving out the line breaks of YAML 1.1 and the BOM.
_RAW = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def read_double_quoted(scalar: str) -> str:
    """A double-quoted YAML scalar on one line, read as YAML reads one, accepting only the
    escapes yaml_string writes and only characters YAML allows unescaped."""
    assert len(scalar) >= 2 and scalar[0] == scalar[-1] == '"', scalar
    body, text, at = scalar[1:-1], [], 0
    while at < len(body):
        char = body[at]
        if char == "\\":
            code = body[at + 1]
            if code == "u":
                text.append(chr(int(body[at + 2:at + 6], 16)))
                at += 6
                continue
            text.append(_ESCAPES[code])
            at += 2
            continue
        assert char != '"', f"an unescaped quote in {scalar!r}"
        assert _RAW.fullmatch(char), f"{char!r} must be escaped"
        text.append(char)
        at += 1
    return "".join(text)


def read_front_matter(document: str) -> dict[str, str | list[str]]:
    """The front matter as written: `key: "value"`, `key: []`, or `key:` then `  - "item"` lines."""
    lines = document.split("\n")
    assert lines[0] == "---"
    fields: dict[str, str | list[str]] = {}
    for line in lines[1:lines.index("---", 1)]:
        if item := re.fullmatch(r'  - (".*")', line):
            fields[list(fields)[-1]].append(read_double_quoted(item.group(1)))
        elif pair := re.fullmatch(r'(\w+): (".*")', line):
            fields[pair.group(1)] = read_double_quoted(pair.group(2))
        elif listed := re.fullmatch(r"(\w+):( \[\])?", line):
            fields[listed.group(1)] = []
        else:
            raise AssertionError(f"not a front matter line: {line!r}")
    return fields


def expected_front_matter(draft: PostDraft) -> dict[str, str | list[str]]:
    return {"title": draft.title, "slug": draft.slug, "datePublished": "2026-11-11", "tags": list(draft.tags)}


def draft_with(title: str, tags: list[str], note: str) -> PostDraft:
    return replace(draft_of([entry(1, 9, note=note)]), title=title, tags=tuple(tags))


@pytest.mark.parametrize(
    "text", ['"quoted" and \'single\'', "key: value # comment", "---\n...\n---", "- leading dash"],
)
def test_the_reader_of_double_quoted_scalars_reads_back_what_yaml_string_wrote(text):
    assert read_double_quoted(yaml_string(text)) == text


# Any text, with the characters that mean something to YAML or Markdown made common
# (joined from a list: st.text would fold the two alphabets into one and make them rare).
ANY_TEXT = st.lists(
    st.characters() | st.sampled_from("\"\\'\n\r\t:#-{}[],&*!|>%@`?\x85\u2028\ufeff")
).map("".join)


@given(title=ANY_TEXT, tags=st.lists(ANY_TEXT, max_size=4), note=ANY_TEXT)
def test_any_title_tags_and_notes_leave_front_matter_that_reads_back_exactly(title, tags, note):
    draft = draft_with(title, tags, note)
    assert read_front_matter(post_markdown(draft)) == expected_front_matter(draft)


def test_front_matter_reads_back_exactly_with_pyyaml():
    yaml = pytest.importorskip("yaml")

    def front_matter_as_yaml(document: str):
        lines = document.split("\n")
        return yaml.safe_load("\n".join(lines[1:lines.index("---", 1)]))

    @given(title=ANY_TEXT, tags=st.lists(ANY_TEXT, max_size=4), note=ANY_TEXT)
    def reads_back(title, tags, note):
        draft = draft_with(title, tags, note)
        assert front_matter_as_yaml(post_markdown(draft)) == expected_front_matter(draft)

    reads_back()
    hostile = draft_with('Day 1: "C#" & @you *-- !x %y `z`\n---\nkey: value', ["- a", "b: c", "#d"], "---")
    assert front_matter_as_yaml(post_markdown(hostile)) == expected_front_matter(hostile)
