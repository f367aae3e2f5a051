"""The site's pure parts, as tables of cases: the deadline record, the badge, what
is private, which links a page may make, the base URL, the marker's names, and how
a template prints user text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnlog.domain.cadence import Deadline, DayActivity, Rule, journey_facts
from learnlog.domain.records import EntryRecord, TopicRecord
from learnlog.errors import InputError
from learnlog.site.folder import listed_name
from learnlog.site.page import (
    badge_text, check_base_url, deadline_record, is_private, public_posts, topic_hours, web_address,
)
from learnlog.pages import shown

D = date(2026, 11, 1)


def deadline(kept: bool | None) -> Deadline:
    return Deadline(set_by=D, due=D, met_on=D if kept is not None else None, kept=kept)


@pytest.mark.parametrize(
    ("kept", "expected", "text"),
    [
        pytest.param([], (0, 0), "no deadline has passed yet", id="none"),
        pytest.param([None], (0, 0), "no deadline has passed yet", id="only the open one"),
        pytest.param([True, None], (1, 1), "kept 1 of 1 deadline", id="one kept, the open one not counted"),
        pytest.param([False, None], (0, 1), "kept 0 of 1 deadline", id="one missed"),
        pytest.param([True] * 14 + [False, None], (14, 15), "kept 14 of 15 deadlines", id="the issue's example"),
        pytest.param([True, False, True, False], (2, 4), "kept 2 of 4 deadlines", id="missed and overdue"),
    ],
)
def test_the_record_counts_closed_deadlines_never_the_open_one(kept, expected, text):
    record = deadline_record(deadline(value) for value in kept)

    assert (record.kept, record.closed) == expected
    assert record.text() == text


def facts_on(today: date, checkin_days: list[int]):
    return journey_facts(
        start=D, today=today, rules=[Rule(D, 3, "any")],
        activity=[DayActivity(date.fromordinal(D.toordinal() + offset), 1, 0, 30) for offset in checkin_days],
        excused=[],
    )


@pytest.mark.parametrize(
    ("today", "checkins", "message"),
    [
        pytest.param(date(2026, 11, 1), [], "Day 0 · streak 0", id="first day, nothing yet"),
        pytest.param(date(2026, 11, 1), [0], "Day 0 · streak 1", id="first check-in"),
        pytest.param(date(2026, 11, 22), [15, 17, 20, 21], "Day 21 · streak 4", id="the issue's example"),
        pytest.param(date(2026, 11, 22), [0, 3, 6, 10], "Day 21 · streak 0", id="overdue: no current streak"),
    ],
)
def test_the_badge_says_the_day_and_the_current_streak_in_checkins(today, checkins, message):
    assert badge_text(facts_on(today, checkins)) == ("learning in public", message)


@pytest.mark.parametrize(
    ("tags", "private"),
    [((), False), (("private",), True), (("Private",), True), (("PRIVATE", "ml"), True), (("privately",), False),
     (("not-private",), False)],
)
def test_an_entry_is_private_when_tagged_private_in_any_case(tags, private):
    assert is_private(tags) is private


@pytest.mark.parametrize(
    ("link", "href"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("javascript:alert(1)", None),
        ("file:///home/alice/notes.md", None),
        ("/home/alice/notes.md", None),
        ("https://example.com/ space", None),
        ("https://example.com/\u202eevil", "https://example.com/%E2%80%AEevil"),
        (None, None),
        ("", None),
    ],
)
def test_only_web_addresses_become_links_with_their_bidi_controls_encoded(link, href):
    assert web_address(link) == href


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://you.github.io/learning/", "https://you.github.io/learning"),
        ("https://you.github.io", "https://you.github.io"),
        ("http://localhost:8000/", "http://localhost:8000"),
        ("  https://a.example/b  ", "https://a.example/b"),
    ],
)
def test_a_base_url_loses_its_trailing_slash(url, expected):
    assert check_base_url(url) == expected


@pytest.mark.parametrize(
    "url", ["you.github.io", "ftp://a.example", "https://", "https://a.example/?q", "https://a.example/#top",
            "https://user@a.example/", "https://a.example/a b"],
)
def test_a_base_url_that_is_no_plain_web_address_is_refused(url):
    with pytest.raises(InputError, match="--base-url"):
        check_base_url(url)


@pytest.mark.parametrize(
    ("line", "name"),
    [("index.html", "index.html"), ("  card.svg \n", "card.svg"), ("# a comment", None), ("", None),
     ("../precious.txt", None), ("/etc/passwd", None), ("a/b.html", None), (".git", None), (".learnlog-site", None),
     ("..\\up", None)],
)
def test_the_marker_names_only_files_in_the_sites_own_folder(line, name):
    assert listed_name(line) == name


def entry(uid: int, *, kind: str = "post", tags: tuple[str, ...] = (), note: str | None = "A post", day: int = 5):
    return EntryRecord(
        id=uid, uid=f"uid-{uid}", day=date.fromordinal(D.toordinal() + day), timestamp=f"2026-11-0{day}T20:00:00+00:00",
        topic=None, minutes=None, kind=kind, note=note, tags=tags, link="https://example.com/post", confidence=None,
    )


def test_posts_leave_out_private_ones_and_number_the_rest_oldest_first():
    posts = public_posts(
        [entry(1, day=1), entry(2, tags=("private",), day=2), entry(3, note="Second\nmore lines", day=3),
         entry(4, kind="win", day=4), entry(5, note=None, day=6)],
        D, with_notes=False,
    )

    assert [(post.number, post.title, post.day_number) for post in posts] == [
        (3, "Update of Day 6", 6), (2, "Second", 3), (1, "A post", 1),
    ]


def test_post_tags_show_only_with_notes():
    tagged = entry(1, tags=("learninpublic",))

    assert public_posts([tagged], D, with_notes=False)[0].tags == ()
    assert public_posts([tagged], D, with_notes=True)[0].tags == ("learninpublic",)


def test_topics_with_time_or_an_active_target_are_shown_most_minutes_first():
    def topic(name, minutes, target=None, archived=False):
        return TopicRecord(0, name, None, target, archived, None, minutes=minutes)

    shown_topics = topic_hours([
        topic("b", 30), topic("a", 90, 10), topic("idle", 0), topic("goal", 0, 5), topic("old goal", 0, 5, True),
        topic("old", 60, None, True),
    ])

    assert [(item.name, item.share) for item in shown_topics] == [
        ("a", 0.15), ("old", None), ("b", None), ("goal", 0.0),
    ]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("plain", "plain"),
        ("\u202eevil", "\u202eevil\u202c"),
        ("\u2067isolated", "\u2067isolated\u2069"),
        ("bell\x07 and escape\x1b[31m", "bell\\x07 and escape\\x1b[31m"),
        ("lines\nkept\ttoo", "lines\nkept\ttoo"),
        ("not XML \ufffe", "not XML \\ufffe"),
    ],
)
def test_templates_print_text_with_bidi_closed_and_controls_visible(text, printed):
    assert shown(text) == printed


@given(st.text())
def test_whatever_the_text_what_a_template_prints_is_xml_text(text):
    """Every character printed is one XML 1.0 allows."""
    printed = shown(text)
    assert all(
        char in "\t\n\r" or "\x20" <= char <= "\ud7ff" or "\ue000" <= char <= "\ufffd" or char > "\uffff"
        for char in printed
    )
