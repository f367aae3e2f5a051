"""`learnlog site build` through the real entry point: the sample journey's facts
read back from the page's DOM, the Atom feed and the SVGs parsed back, builds
byte-identical, privacy, user text as text, and what the site's folder takes."""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from site_pages import (
    BIDI, LOCAL_PATH, PRIVATE_NOTE, PRIVATE_POST, PUBLIC_NOTE, SCRIPT, parse, site_files,
)

from learnlog.site.folder import MARKER

pytestmark = pytest.mark.both_backends

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
BASE_URL = "https://alice.example.com/learning/"
SAMPLE_POSTS = 10
RFC_3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)")


def page_of(folder: Path):
    return parse((folder / "index.html").read_text(encoding="utf-8"))


# The sample journey -----------------------------------------------------------


def test_the_page_shows_the_day_the_promise_its_record_and_the_streaks(sample, build, json_of):
    dashboard = json_of("dashboard", "--json")
    closed = [deadline for deadline in dashboard["deadlines"] if deadline["kept"] is not None]
    kept = sum(1 for deadline in closed if deadline["kept"])
    document = page_of(build())

    assert document.by_id("day").text() == "Day 72"
    assert document.by_id("promise").text() == "An update every 4 days, any entry counts."
    assert document.by_id("record").text() == f"kept {kept} of {len(closed)} deadlines" == "kept 34 of 37 deadlines"
    assert document.by_id("streak").text() == "10 check-ins over 14 days (since Wed 11 Nov)"
    assert document.by_id("longest-streak").text() == "15 check-ins over 22 days (since Wed 16 Sep)"
    assert document.by_id("hours").text() == f"{dashboard['minutes'] / 60:.1f}h in {dashboard['sessions']} sessions"
    assert document.find("title").text() == "Learning in public: Day 72"


def test_the_page_lists_every_post_newest_first_with_its_day_title_and_link(sample, build, json_of):
    posts = [entry for entry in json_of("entries", "--json", "--all") if entry["kind"] == "post"]
    items = page_of(build()).find("ol", "posts").find_all("li")

    assert len(items) == len(posts) == SAMPLE_POSTS
    newest = sorted(posts, key=lambda post: post["date"], reverse=True)
    for item, post in zip(items, newest):
        anchor = item.find("a", "post-title")
        assert (anchor.text(), anchor.attrs["href"]) == (post["note"], post["link"])
        assert item.find("span", "when").text().startswith("Day ")
    assert items[0].find("span", "when").text() == "Day 71 · Tue 24 Nov 2026"


def test_hours_per_topic_show_progress_to_their_targets(sample, build, json_of):
    topics = {topic["name"]: topic for topic in json_of("topic", "list", "--all", "--json")}
    items = page_of(build()).find("ol", "topics").find_all("li")
    shown = {item.find("span", "topic-name").children[0].strip(): item for item in items}

    numpy = shown["NumPy"]
    assert numpy.find("span", "topic-hours").text() == (
        f"{topics['NumPy']['minutes'] / 60:.1f}h of a 25h target (53%)"
    )
    assert numpy.find("progress").attrs["value"] == f"{100 * topics['NumPy']['minutes'] / (25 * 60):.1f}"
    minutes = [topics[name]["minutes"] for name in shown]
    assert minutes == sorted(minutes, reverse=True)


def test_the_calendar_has_a_text_alternative_and_a_mark_for_every_day(sample, build):
    document = page_of(build())
    svg = document.find("svg", "heatmap")
    days = svg.find_all("g", "day")

    assert svg.find("title").text()
    assert all(day.find("title").text() == day.attrs["aria-label"] for day in days)
    by_title = {day.find("title").text(): day for day in days}
    assert "Wed 25 Nov 2026: quiet" in by_title
    assert "Fri 27 Nov 2026: excused" in by_title
    missed = [day for day in days if "mark-missed" in day.attrs["class"]]
    assert missed and all(day.find("text").text() == "✗" and ": missed" in day.find("title").text() for day in missed)
    checkins = [day for day in days if "mark-checkin" in day.attrs["class"]]
    assert all(day.find("text").text() == "✓" for day in checkins)
    legend = document.find("ul", "legend").text()
    for words in ("✓ check-in", "✗ missed", "~ excused"):
        assert words in legend


def test_the_page_has_ordered_headings_landmarks_and_a_dark_variant(sample, build):
    page = (build() / "index.html").read_text(encoding="utf-8")
    document = parse(page)
    levels = [int(element.tag[1]) for element in document.iter() if re.fullmatch(r"h[1-6]", element.tag)]

    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:]))
    for landmark in ("header", "main", "footer"):
        assert len(document.find_all(landmark)) == 1
    assert document.find("html").attrs["lang"] == "en"
    assert "@media (prefers-color-scheme: dark)" in page
    assert document.find("meta", None) and 'name="viewport"' in page


def test_no_page_loads_anything_and_only_posts_link_to_other_sites(sample, build):
    folder = build("--base-url", BASE_URL)
    document = page_of(folder)
    policy = [meta for meta in document.find_all("meta") if meta.attrs.get("http-equiv") == "Content-Security-Policy"]

    assert len(policy) == 1 and policy[0].attrs["content"].startswith("default-src 'none';")
    assert not document.find_all("script") and not document.find_all("img") and not document.find_all("iframe")
    style = document.find("style").text()
    assert "url(" not in style and "@import" not in style
    for element in document.iter():
        assert not any(name.startswith("on") for name in element.attrs), element
        for name in ("src", "href", "action", "data", "srcset", "poster"):
            value = element.attrs.get(name) or ""
            if re.match(r"\s*(https?:)?//", value):
                assert element.tag == "a" and name == "href", element
    outside = {anchor.attrs["href"] for anchor in document.find_all("a") if anchor.attrs["href"].startswith("http")}
    assert outside == {anchor.attrs["href"] for anchor in document.find("ol", "posts").find_all("a")}
    for name in ("badge.svg", "card.svg"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "http" not in text.replace("http://www.w3.org/2000/svg", "")


def test_the_feed_is_atom_with_stable_ids_and_absolute_links(sample, build, tmp_path: Path):
    first = build("--base-url", BASE_URL)
    again = build("--base-url", BASE_URL, folder=tmp_path / "again")
    feed = ET.parse(first / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")

    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": "https://alice.example.com/learning/feed.xml", "alternate": "https://alice.example.com/learning/",
    }
    assert len(entries) == SAMPLE_POSTS
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        assert entry.find(f"{ATOM}link").get("href").startswith("https://")
        assert RFC_3339.fullmatch(entry.find(f"{ATOM}updated").text)
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    rebuilt = ET.parse(again / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert ids == [entry.find(f"{ATOM}id").text for entry in rebuilt]
    assert feed.find(f"{ATOM}updated").text == max(entry.find(f"{ATOM}updated").text for entry in entries)


def test_a_feed_reader_reads_the_feed_without_a_complaint(sample, build, json_of):
    feed = feedparser.parse((build("--base-url", BASE_URL) / "feed.xml").read_bytes())
    posts = sorted(
        (entry for entry in json_of("entries", "--json", "--all") if entry["kind"] == "post"),
        key=lambda post: post["date"], reverse=True,
    )

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.link == BASE_URL
    assert [(entry.title, entry.link) for entry in feed.entries] == [(post["note"], post["link"]) for post in posts]
    assert all(entry.updated_parsed for entry in feed.entries)


def test_a_feed_reader_shows_the_hostile_journeys_post_titles_as_text(hostile, build):
    feed = feedparser.parse((build("--base-url", BASE_URL) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = feed.entries  # the private post stays out
    assert SCRIPT in entry.title and PRIVATE_POST not in str(feed)


def test_without_a_base_url_the_feed_is_left_out_and_the_build_says_why(sample, ok, tmp_path: Path):
    result = ok("site", "build", str(tmp_path / "site"))

    assert not (tmp_path / "site" / "feed.xml").exists()
    assert "No feed.xml" in result.stdout and "--base-url" in result.stdout
    assert "feed.xml" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "url", ["example.com", "ftp://example.com", "https://", "https://a.example/?q=1", "javascript:alert(1)"],
)
def test_a_base_url_that_is_no_web_address_is_refused(sample, refused, tmp_path: Path, url):
    assert "--base-url" in refused("site", "build", str(tmp_path / "site"), "--base-url", url)
    assert not (tmp_path / "site").exists()


def test_the_badge_and_the_card_are_standalone_svgs_with_titles(sample, build):
    folder = build()
    badge = ET.parse(folder / "badge.svg").getroot()
    card = ET.parse(folder / "card.svg").getroot()

    assert badge.tag == card.tag == f"{SVG}svg"
    assert badge.find(f"{SVG}title").text == "learning in public: Day 72 · streak 10"
    assert "".join(badge.itertext()).count("Day 72 · streak 10") == 2
    assert card.find(f"{SVG}title").text == "Learning in public: Day 72"
    description = card.find(f"{SVG}desc").text
    assert "Current streak: 10 check-ins. Longest streak: 15 check-ins. 69.3h logged." in description
    assert len(card.findall(f".//{SVG}g[@class]")) >= 7 * 11


def test_two_builds_of_the_same_journey_on_the_same_day_are_byte_identical(sample, build, tmp_path: Path):
    first = site_files(build("--base-url", BASE_URL, "--with-notes"))
    second = site_files(build("--base-url", BASE_URL, "--with-notes", folder=tmp_path / "other"))

    assert first == second
    assert set(first) == {MARKER, "index.html", "feed.xml", "badge.svg", "card.svg"}


def test_the_sites_files_follow_the_umask(sample, build):
    previous = os.umask(0o027)
    try:
        folder = build()
    finally:
        os.umask(previous)
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o640, path


def test_the_title_is_the_one_given_and_never_the_journeys_name(sample, build, tmp_path: Path):
    assert page_of(build("--title", "  Learning   ML  ")).find("h1").text() == "Learning ML"
    folder = build(folder=tmp_path / "untitled")
    assert page_of(folder).find("h1").text() == "Learning in public"
    assert "demo" not in all_text(folder)


# Privacy and hostile text ------------------------------------------------------


def all_text(folder: Path) -> str:
    return "\n".join(content.decode("utf-8") for content in site_files(folder).values())


def test_without_notes_the_site_shows_aggregates_and_posts_only(hostile, build, database):
    folder = build("--base-url", BASE_URL)
    text = all_text(folder)

    for absent in (
        "PUBLIC-NOTE", "RECENT-NOTE", "FIXED-NOTE", "learninpublic", "tag&lt;script", "alert(2)", ".txt",
        PRIVATE_NOTE, PRIVATE_POST, "PRIVATE-QUESTION", "PRIVATE-ANSWER", "secret/diary", database,
        os.path.dirname(database), "journey_id", "file://",
    ):
        assert absent not in text, absent
    assert "POST-TITLE" in text
    # The private entries still count: 60 + 30 + 90 + 45 + 20 minutes, the 90 and 45 private.
    assert page_of(folder).by_id("hours").text() == "4.1h in 7 sessions"


def test_with_notes_the_site_shows_notes_answers_and_files_but_never_private_entries(hostile, build, database):
    folder = build("--with-notes", "--base-url", BASE_URL)
    text = all_text(folder)
    document = page_of(folder)

    for present in ("RECENT-NOTE", "FIXED-NOTE", "#learninpublic", "&lt;script&gt;alert(1)&lt;script&gt;.txt"):
        assert present in text, present
    for absent in (PRIVATE_NOTE, PRIVATE_POST, "PRIVATE-QUESTION", "PRIVATE-ANSWER", database):
        assert absent not in text, absent
    assert [note.text() for note in document.find_all("p", "note") if note.text().startswith("PUBLIC-NOTE")] == [
        PUBLIC_NOTE + "\u2069\u202c"
    ]
    assert LOCAL_PATH in text  # the user's own words, shown because they asked for notes


def test_user_text_is_always_text_never_markup(hostile, build):
    folder = build("--with-notes", "--base-url", BASE_URL, "--title", f"{SCRIPT} & \"Co\" {BIDI}")
    page = (folder / "index.html").read_text(encoding="utf-8")
    document = parse(page)

    assert page.count("<script") == 0 and "<img" not in page
    for element in document.iter():
        assert element.tag not in {"script", "img", "iframe", "object", "embed", "base", "form", "link"} or (
            element.tag == "link" and element.attrs["href"] == "feed.xml"
        ), element
        assert not any(name.startswith("on") for name in element.attrs), element
    assert document.find("h1").text() == f"{SCRIPT} & \"Co\" {BIDI}\u2069\u202c"
    # The bidi controls are closed: they reorder the title only, never the text after it.
    link = [anchor for anchor in document.find_all("a") if "alert(2)" in anchor.attrs.get("href", "")]
    assert [anchor.attrs["href"] for anchor in link] == ['https://example.com/"><script>alert(2)</script>']
    post = document.find("a", "post-title")
    assert post.attrs["href"] == "https://blog.example.com/day-4?a=1&b=2"
    assert post.text().startswith("POST-TITLE <script>")
    for name in ("feed.xml", "badge.svg", "card.svg"):
        root = ET.parse(folder / name).getroot()  # well-formed, whatever the text held
        assert SCRIPT not in ET.tostring(root, encoding="unicode")
    feed_titles = [title.text for title in ET.parse(folder / "feed.xml").getroot().iter(f"{ATOM}title")]
    assert any(title.startswith("POST-TITLE <script>alert(1)</script>") for title in feed_titles)


# The site's folder ------------------------------------------------------------


def test_a_folder_with_files_learnlog_did_not_write_is_refused_and_left_as_it_was(
    sample, refused, journey_state, tmp_path: Path,
):
    folder = tmp_path / "site"
    (folder / ".git").mkdir(parents=True)
    (folder / "CNAME").write_text("alice.example.com\n", encoding="utf-8")
    (folder / "index.html").write_text("my own page", encoding="utf-8")
    before, state = site_files(folder), journey_state()

    line = refused("site", "build", str(folder))

    assert "learnlog did not write" in line and "--force" in line
    assert site_files(folder) == before and journey_state() == state
    assert sorted(os.listdir(folder)) == [".git", "CNAME", "index.html"]


def test_a_file_where_the_folder_should_be_is_refused(sample, refused, tmp_path: Path):
    (tmp_path / "site").write_text("a file", encoding="utf-8")

    assert "not a folder" in refused("site", "build", str(tmp_path / "site"))
    assert (tmp_path / "site").read_text(encoding="utf-8") == "a file"


def test_with_force_the_site_is_written_beside_what_the_folder_holds(sample, build, tmp_path: Path):
    folder = tmp_path / "site"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (folder / "CNAME").write_text("alice.example.com\n", encoding="utf-8")

    build("--force", folder=folder)
    build(folder=folder)  # now a site learnlog built: no --force needed

    assert (folder / "CNAME").read_text(encoding="utf-8") == "alice.example.com\n"
    assert (folder / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (folder / "index.html").exists()


def test_a_rebuild_removes_what_it_no_longer_writes_and_touches_nothing_else(sample, build, tmp_path: Path):
    folder = build("--base-url", BASE_URL)
    (folder / "CNAME").write_text("alice.example.com\n", encoding="utf-8")
    (folder / ".github" / "workflows").mkdir(parents=True)
    (folder / ".github" / "workflows" / "pages.yml").write_text("on: push\n", encoding="utf-8")
    (folder / ".git").mkdir()

    build(folder=folder)  # without --base-url: no feed

    assert not (folder / "feed.xml").exists()
    assert (folder / "CNAME").read_text(encoding="utf-8") == "alice.example.com\n"
    assert (folder / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8") == "on: push\n"
    assert (folder / ".git").is_dir()
    assert (folder / MARKER).read_text(encoding="utf-8").splitlines()[1:] == ["badge.svg", "card.svg", "index.html"]
    assert not [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_a_marker_never_makes_learnlog_remove_anything_beyond_its_folder(sample, build, tmp_path: Path):
    folder = tmp_path / "site"
    folder.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    (folder / "CNAME").write_text("alice.example.com\n", encoding="utf-8")
    (folder / MARKER).write_text(f"../precious.txt\n{outside}\n.git\nCNAME/..\n", encoding="utf-8")

    build(folder=folder)

    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (folder / "CNAME").exists()


def test_a_file_of_the_site_that_learnlog_did_not_write_is_not_replaced_without_force(
    sample, build, refused, tmp_path: Path,
):
    folder = build()
    (folder / "feed.xml").write_text("my own feed", encoding="utf-8")

    assert "feed.xml" in refused("site", "build", str(folder), "--base-url", BASE_URL)
    assert (folder / "feed.xml").read_text(encoding="utf-8") == "my own feed"
    build("--base-url", BASE_URL, "--force", folder=folder)
    assert (folder / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")
