"""Each platform's front matter (post draft --for), read back with a real YAML
parser whatever the title and tags hold, and held to that platform's rules."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from learnlog.errors import InputError
from learnlog.exporters.platforms import FORMATS, PostOptions, devto_tag, front_matter_lines, tag_slug

NOW = datetime(2026, 11, 25, 20, 5, 7, tzinfo=timezone(timedelta(hours=1)))
SETTINGS = {"hashnode-domain": "me.hashnode.dev", "hashnode-series": "ml-journey", "devto-series": "ML journey"}


def options(**fields) -> PostOptions:
    return PostOptions(**{
        "title": "Day 12: NumPy", "slug": "day-12-numpy", "description": "3 sessions and 1h30m over 2 topics.",
        "tags": ("numpy", "linear-algebra"), "now": NOW, **fields,
    })


def read(fmt: str, post: PostOptions, settings=SETTINGS) -> dict:
    lines = front_matter_lines(fmt, post, settings)
    assert lines[0] == lines[-1] == "---"
    return yaml.safe_load("\n".join(lines[1:-1]))


def test_each_format_writes_the_fields_its_platform_reads():
    assert read("plain", options()) == {
        "title": "Day 12: NumPy", "slug": "day-12-numpy", "datePublished": "2026-11-25", "tags": ["numpy", "linear-algebra"],
    }
    assert read("hashnode", options()) == {
        "title": "Day 12: NumPy", "slug": "day-12-numpy", "tags": "numpy, linear-algebra", "domain": "me.hashnode.dev",
        "seriesSlug": "ml-journey", "saveAsDraft": True,
    }
    assert read("devto", options(canonical="https://me.hashnode.dev/day-12")) == {
        "title": "Day 12: NumPy", "published": False, "description": "3 sessions and 1h30m over 2 topics.",
        "tags": ["numpy", "linearalgebra"], "canonical_url": "https://me.hashnode.dev/day-12", "series": "ML journey",
    }
    assert read("hugo", options()) == {
        "title": "Day 12: NumPy", "date": "2026-11-25T20:05:07+01:00", "draft": True,
        "tags": ["numpy", "linear-algebra"], "slug": "day-12-numpy",
    }
    assert read("jekyll", options()) == {
        "layout": "post", "title": "Day 12: NumPy", "date": "2026-11-25 20:05:07 +0100", "tags": ["numpy", "linear-algebra"],
    }


@pytest.mark.parametrize(
    "fmt, key, drafted, published",
    [("hashnode", "saveAsDraft", True, None), ("devto", "published", False, True), ("hugo", "draft", True, False)],
)
def test_publish_turns_a_draft_into_a_post_to_publish(fmt, key, drafted, published):
    assert read(fmt, options())[key] is drafted
    assert read(fmt, options(publish=True)).get(key) is published


def test_hashnode_takes_a_subtitle_and_a_cover_and_leaves_out_a_series_not_set():
    found = read("hashnode", options(subtitle="Arrays: views & copies", cover="https://x.example/c.png"),
                 {"hashnode-domain": "me.hashnode.dev", "hashnode-series": "none"})
    assert (found["subtitle"], found["cover"]) == ("Arrays: views & copies", "https://x.example/c.png")
    assert "seriesSlug" not in found


@pytest.mark.parametrize(
    "post, settings, message",
    [
        (options(tags=()), SETTINGS, "Hashnode needs at least one tag: add one with --tag"),
        (options(tags=("???", "日本")), SETTINGS, "Hashnode needs at least one tag"),
        (options(), {"hashnode-domain": "none"}, "learnlog config hashnode-domain YOURNAME.hashnode.dev"),
        (options(), {}, "learnlog config hashnode-domain"),
    ],
)
def test_hashnode_refuses_a_draft_it_would_refuse(post, settings, message):
    with pytest.raises(InputError, match=re.escape(message)):
        front_matter_lines("hashnode", post, settings)


@pytest.mark.parametrize(
    "tag, hashnode, devto",
    [
        ("numpy", "numpy", "numpy"), ("Linear Algebra", "linear-algebra", "linearalgebra"),
        ("C++", "c", "c"), ("scikit_learn", "scikit-learn", "scikitlearn"), ("Café", "cafe", "cafe"),
        ("日本語", "", ""), ("#100DaysOfCode", "100daysofcode", "100daysofcode"),
    ],
)
def test_tags_become_what_each_platform_accepts(tag, hashnode, devto):
    assert (tag_slug(tag), devto_tag(tag)) == (hashnode, devto)


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
tag_lists = st.lists(texts, max_size=8)


@pytest.mark.parametrize("fmt", FORMATS)
@given(title=texts, tags=tag_lists, description=texts)
def test_any_title_and_tags_give_front_matter_valid_for_the_platform(fmt, title, tags, description):
    post = options(title=title, tags=("numpy", *tags), description=description, subtitle=title)
    found = read(fmt, post)
    assert found["title"] == title
    if fmt == "hashnode":
        slugs = found["tags"].split(", ")
        assert slugs and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", tag) for tag in slugs)
        assert found["domain"] == "me.hashnode.dev" and found["subtitle"] == title
    elif fmt == "devto":
        assert 1 <= len(found["tags"]) <= 4 and all(re.fullmatch(r"[a-z0-9]+", tag) for tag in found["tags"])
        assert found["description"] == description and found["published"] is False
    elif fmt == "hugo":
        assert datetime.fromisoformat(found["date"]) == NOW and found["draft"] is True
        assert found["tags"] == list(dict.fromkeys(["numpy", *tags]))
    elif fmt == "jekyll":
        assert found["layout"] == "post" and datetime.strptime(found["date"], "%Y-%m-%d %H:%M:%S %z") == NOW
    else:
        assert found["datePublished"] == "2026-11-25"
