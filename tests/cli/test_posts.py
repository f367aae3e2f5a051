"""`learnlog post draft` and `learnlog post publish`: the next learning-in-public
update, written from the entries no post covers yet, and recorded once published.

Today is Wed 25 Nov 2026, 12:00 (Day 5); the journey started Fri 20 Nov 2026.
The Markdown itself has its own tests (tests/exporters/test_post.py).
"""

import re

import pytest

pytestmark = pytest.mark.both_backends

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-d", "1h", "-m", "broadcasting finally clicked", "-t", "arrays", "--date", "2026-11-21")
    ok("log", "numpy", "-k", "bug", "-m", "shape (3,) vs (3, 1)", "--link", "https://example.com/nb", "--date", "2026-11-22")
    ok("log", "pandas", "-k", "confusion", "-m", "when does groupby copy?", "--date", "2026-11-23")
    ok("log", "pandas", "-k", "win", "-m", "first clean merge", "--date", "2026-11-24")


def front_matter(text: str) -> dict:
    yaml = pytest.importorskip("yaml")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, text
    return yaml.safe_load(match.group(1))


def draft(ok, *args: str, today: str | None = None) -> str:
    return ok("post", "draft", *args, today=today).stdout


# --- draft -----------------------------------------------------------------------------


def test_a_draft_has_front_matter_with_title_slug_date_and_tags(journey, ok):
    assert front_matter(draft(ok)) == {
        "title": "Day 5: NumPy and Pandas",
        "slug": "day-5-numpy-and-pandas",
        "datePublished": "2026-11-25",
        "tags": ["numpy", "pandas", "arrays"],
    }


def test_a_draft_has_a_section_per_topic_with_what_i_learned_bugs_confusion_wins_links_then_still_open_and_whats_next(
    journey, ok
):
    text = draft(ok)

    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "## NumPy", "### What I learned", "### Bugs", "### Links",
        "## Pandas", "### What confused me", "### Wins",
        "## Still open", "## What's next",
    ]
    for fact in ("broadcasting finally clicked", "shape (3,) vs (3, 1)", "<https://example.com/nb>",
                 "when does groupby copy?", "first clean merge", "due by Sat 28 Nov 2026"):
        assert fact in text


def test_whats_next_names_stale_topics(ok):
    ok("init", "--start", "2026-11-01")
    ok("log", "statistics", "-m", "long ago", "--date", "2026-11-02")
    ok("log", "numpy", "-m", "recent")

    whats_next = draft(ok).split("## What's next", 1)[1]

    assert "Statistics" in whats_next
    assert "NumPy" not in whats_next


def test_whats_next_names_the_topics_behind_the_pace_of_their_target(journey, ok):
    ok("topic", "edit", "numpy", "--target-hours", "10", "--by", "2026-12-23")  # 8.5h to go in 4 weeks
    ok("topic", "edit", "pandas", "--target-hours", "1.5", "--by", "2026-12-23")  # 1h lately: on pace
    ok("topic", "edit", "statistics", "--target-hours", "5")  # no date: no pace

    whats_next = draft(ok).split("## What's next", 1)[1]

    assert "- Behind the pace for my targets: NumPy (10h by Wed 23 Dec 2026, 2.1h/week needed)\n" in whats_next
    assert "Pandas" not in whats_next and "Statistics" not in whats_next


@pytest.mark.parametrize(
    "name",
    ['C: "the hard parts"', "C++ --- notes", "a: b\n", "key: [1, 2]", "#hashtag", "'single' quotes", "tab\there"],
)
def test_the_front_matter_stays_valid_yaml_whatever_the_topics_are_called(ok, name):
    ok("init", "--start", "2026-11-20", "--curriculum", "none")
    ok("log", "--new", "-m", "--- \nkey: value\n\"quoted\"", "-t", "odd: tag", "--", name)

    matter = front_matter(draft(ok))

    assert matter["title"] == f"Day 5: {' '.join(name.split())}"
    assert matter["datePublished"] == "2026-11-25"
    assert matter["slug"] and re.fullmatch(r"[a-z0-9-]+", matter["slug"])


def test_a_draft_with_nothing_logged_says_so(ok):
    ok("init", "--start", "2026-11-20")

    text = draft(ok)

    assert front_matter(text)["title"] == "Day 5: an update"
    assert "Nothing logged since I started." in text


def test_a_draft_to_a_file_is_never_written_over_an_existing_one_without_force(journey, ok, refused, tmp_path):
    target = tmp_path / "day-5.md"
    target.write_text("my edited draft")

    assert refused("post", "draft", "-o", str(target)) == f"Error: {target} exists: use --force to overwrite it"
    assert target.read_text() == "my edited draft"

    result = ok("post", "draft", "-o", str(target), "--force")

    assert result.stderr == f"Drafted {target} from 4 entries.\n"
    assert target.read_text() == draft(ok)


def test_attachments_are_written_beside_the_draft_and_linked(journey, ok, tmp_path):
    plot = tmp_path / "loss curve.png"
    plot.write_bytes(PNG)
    notes = tmp_path / "notes.txt"
    notes.write_text("scratch")
    ok("attach", "1", str(plot), str(notes))
    posts = tmp_path / "posts"
    posts.mkdir()

    ok("post", "draft", "-o", str(posts / "day-5.md"))

    assets = posts / "day-5-assets"
    assert (assets / "1-loss curve.png").read_bytes() == PNG
    assert (assets / "2-notes.txt").read_text() == "scratch"
    text = (posts / "day-5.md").read_text()
    assert "![loss curve.png](day-5-assets/1-loss%20curve.png)" in text
    assert "[notes.txt](day-5-assets/2-notes.txt)" in text


def test_assets_go_where_assets_says(journey, ok, tmp_path, monkeypatch):
    plot = tmp_path / "plot.png"
    plot.write_bytes(PNG)
    ok("attach", "1", str(plot))
    monkeypatch.chdir(tmp_path)

    text = draft(ok, "--assets", "images")

    assert (tmp_path / "images" / "1-plot.png").read_bytes() == PNG
    assert "![plot.png](images/1-plot.png)" in text


def test_without_a_place_for_assets_a_draft_on_stdout_names_attachments_without_writing_them(journey, ok, tmp_path, monkeypatch):
    plot = tmp_path / "plot.png"
    plot.write_bytes(PNG)
    ok("attach", "1", str(plot))
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())

    assert "Attached: plot.png" in draft(ok)
    assert sorted(tmp_path.iterdir()) == before


def test_an_asset_already_there_is_not_overwritten_without_force(journey, ok, refused, tmp_path):
    plot = tmp_path / "plot.png"
    plot.write_bytes(PNG)
    ok("attach", "1", str(plot))
    assets = tmp_path / "day-5-assets"
    assets.mkdir()
    (assets / "1-plot.png").write_text("mine")

    assert "exists: use --force" in refused("post", "draft", "-o", str(tmp_path / "day-5.md"))
    assert (assets / "1-plot.png").read_text() == "mine"
    assert not (tmp_path / "day-5.md").exists()


# --- publish ---------------------------------------------------------------------------


def newest(json_of) -> dict:
    return json_of("entries", "--json", "-n", "1")[0]


def test_publishing_records_a_topicless_post_with_no_minutes(journey, ok, json_of):
    said = ok("post", "publish", "https://dev.to/me/day-5", "--title", "Day 5: NumPy and Pandas").stdout

    assert said == "Published #5, covering 4 entries; next update due Sat 28 Nov (in 3 days).\n"
    post = newest(json_of)
    assert (post["kind"], post["topic"], post["minutes"]) == ("post", None, None)
    assert (post["link"], post["note"], post["date"]) == ("https://dev.to/me/day-5", "Day 5: NumPy and Pandas", "2026-11-25")


def test_publishing_with_a_duration_records_the_minutes(journey, ok, json_of):
    ok("post", "publish", "https://dev.to/me/day-5", "-d", "40m")

    assert newest(json_of)["minutes"] == 40


def test_publishing_covers_every_entry_since_the_previous_post_so_the_next_draft_is_empty(journey, ok):
    ok("post", "publish", "https://dev.to/me/day-5")

    text = draft(ok)

    assert "Nothing logged since my last update (Wed 25 Nov 2026)." in text
    assert "## NumPy" not in text and "## Pandas" not in text


def test_the_next_draft_holds_only_what_came_after_the_previous_post(journey, ok):
    ok("post", "publish", "https://dev.to/me/day-5")
    ok("log", "statistics", "-m", "p-values, at last", today="2026-11-26")

    text = draft(ok, today="2026-11-26")
    said = ok("post", "publish", "https://dev.to/me/day-6", today="2026-11-26").stdout

    assert front_matter(text)["title"] == "Day 6: Statistics"
    assert "p-values, at last" in text and "broadcasting" not in text
    assert "covering 1 entry;" in said


def test_a_post_published_yesterday_covers_entries_up_to_yesterday(journey, ok):
    ok("log", "python", "-m", "logged today")

    said = ok("post", "publish", "https://dev.to/me/day-4", "--date", "yesterday").stdout

    assert "covering 4 entries;" in said
    text = draft(ok)
    assert "logged today" in text and "first clean merge" not in text


def test_a_published_post_is_a_checkin_when_only_posts_count(journey, ok, json_of):
    ok("cadence", "set", "3", "--counts", "post")
    ok("log", "python", "-m", "not a check-in any more")
    before = json_of("status", "--json")

    ok("post", "publish", "https://dev.to/me/day-5")

    after = json_of("status", "--json")
    assert (before["last_checkin"], before["due"]) == ("2026-11-24", "2026-11-27")
    assert (after["counts"], after["last_checkin"], after["due"]) == ("post", "2026-11-25", "2026-11-28")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("post", "publish", "dev.to/me/day-5"), "not a link"),
        (("post", "publish", " "), "give the address where the update was published"),
        (("post", "publish", "https://dev.to/x", "-d", "0"), "out of range"),
        (("post", "publish", "https://dev.to/x", "--date", "tomorrow"), "in the future"),
        (("post", "publish", "https://dev.to/x", "--date", "2026-11-01"), "before the journey started"),
    ],
    ids=["no-scheme", "blank", "zero-minutes", "future", "before-start"],
)
def test_a_bad_publish_is_refused_and_records_nothing(journey, refused, journey_state, args, message):
    before = journey_state()

    assert message in refused(*args)
    assert journey_state() == before


def test_a_json_round_trip_keeps_which_entries_a_post_covered(journey, ok, tmp_path):
    ok("post", "publish", "https://dev.to/me/day-5")
    ok("log", "python", "-m", "after the post")
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    other = str(tmp_path / "new.db")

    ok("--db", other, "import", str(exported))

    assert ok("--db", other, "post", "draft").stdout == draft(ok)
    assert ok("--db", other, "export").stdout == exported.read_text()


def test_assets_that_name_a_file_are_refused_in_one_line(journey, ok, refused, tmp_path):
    plot = tmp_path / "plot.png"
    plot.write_bytes(PNG)
    ok("attach", "1", str(plot))
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder")

    assert refused("post", "draft", "--assets", str(taken)) == f"Error: cannot make the folder {taken}: File exists"
    assert taken.read_text() == "a file, not a folder"


# A draft and its assets appear together or not at all ----------------------------------

@pytest.fixture
def attached(journey, ok, tmp_path):
    """Entry 1 carries plot.png and notes.txt (attachments #1 and #2)."""
    (tmp_path / "plot.png").write_bytes(PNG)
    (tmp_path / "notes.txt").write_text("scratch")
    ok("attach", "1", str(tmp_path / "plot.png"), str(tmp_path / "notes.txt"))


def test_an_asset_that_cannot_be_written_leaves_no_asset_and_no_draft(attached, refused, ok, tmp_path):
    assets = tmp_path / "day-5-assets"
    assets.mkdir()
    (assets / "2-notes.txt").mkdir()  # in the way of the second asset only

    assert refused("post", "draft", "-o", str(tmp_path / "day-5.md")).endswith("is a folder: give a file name")
    assert [path.name for path in assets.iterdir()] == ["2-notes.txt"]
    assert not (tmp_path / "day-5.md").exists()
    (assets / "2-notes.txt").rmdir()
    ok("post", "draft", "-o", str(tmp_path / "day-5.md"))  # the retry needs no --force
    assert (assets / "1-plot.png").read_bytes() == PNG


@pytest.mark.sqlite_only
def test_a_disk_that_fills_while_drafting_leaves_no_assets_folder_and_no_draft(attached, learnlog, tmp_path, monkeypatch):
    import os

    import learnlog.store.files as files

    written = []

    def fill_up(descriptor_or_path, mode, *rest, **options):
        written.append(descriptor_or_path)
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        return real_chmod(descriptor_or_path, mode, *rest, **options)

    real_chmod = os.chmod
    monkeypatch.setattr(files.os, "chmod", fill_up)
    before = sorted(tmp_path.iterdir())

    assert learnlog("post", "draft", "-o", str(tmp_path / "day-5.md")).exit_code == 1
    assert sorted(tmp_path.iterdir()) == before


def test_a_draft_over_an_existing_one_with_force_replaces_it_and_its_assets_and_keeps_other_files(attached, ok, tmp_path):
    ok("post", "draft", "-o", str(tmp_path / "day-5.md"))
    assets = tmp_path / "day-5-assets"
    (assets / "1-plot.png").write_text("an older plot")
    (assets / "mine.txt").write_text("put here by hand")
    (tmp_path / "day-5.md").write_text("an older draft")

    ok("post", "draft", "-o", str(tmp_path / "day-5.md"), "--force")

    assert (assets / "1-plot.png").read_bytes() == PNG
    assert (assets / "mine.txt").read_text() == "put here by hand"
    assert (tmp_path / "day-5.md").read_text().startswith("---\n")
    assert not [path for path in tmp_path.rglob(".*") if path.is_file()]  # no temporary file left


@pytest.mark.sqlite_only
@pytest.mark.parametrize("umask, folder, file", [(0o022, 0o755, 0o644), (0o002, 0o775, 0o664), (0o077, 0o700, 0o600)], ids=["022", "002", "077"])
def test_what_is_drafted_or_exported_to_share_follows_the_umask(attached, ok, tmp_path, umask, folder, file):
    import os
    import stat

    previous = os.umask(umask)
    try:
        ok("post", "draft", "-o", str(tmp_path / "day-5.md"))
        ok("export", "--format", "markdown", "-o", str(tmp_path / "report.md"))
        ok("attachment", "get", "1", "-o", str(tmp_path / "got.png"))
    finally:
        os.umask(previous)

    def mode(path):
        return stat.S_IMODE(path.stat().st_mode)

    assets = tmp_path / "day-5-assets"
    assert mode(assets) == folder
    assert {mode(path) for path in [*assets.iterdir(), tmp_path / "day-5.md", tmp_path / "report.md", tmp_path / "got.png"]} == {file}
