"""`post draft --for PLATFORM`: the front matter each platform reads, its
settings, its refusals, and entries tagged private, which no draft shows."""

import re

import pytest
import yaml

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-d", "1h", "-m", "broadcasting finally clicked", "-t", "arrays", "--date", "2026-11-21")
    ok("log", "pandas", "-k", "win", "-m", "first clean merge", "--date", "2026-11-24")


def front_matter(text: str) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, text
    return yaml.safe_load(match.group(1))


def test_for_devto_writes_devtos_fields_with_the_drafts_summary_as_description(journey, ok):
    text = ok("post", "draft", "--for", "devto", "--tag", "Machine Learning", "--canonical", "https://me.hashnode.dev/day-5").stdout
    found = front_matter(text)
    assert found == {
        "title": "Day 5: NumPy and Pandas", "published": False,
        "description": "2 sessions and 1h30m over 2 topics since I started.",
        "tags": ["numpy", "pandas", "arrays", "machinelearning"], "canonical_url": "https://me.hashnode.dev/day-5",
    }
    assert "\n2 sessions and 1h30m over 2 topics since I started.\n" in text


def test_the_default_format_is_the_journeys_post_format_setting(journey, ok, json_of):
    assert json_of("config", "post-format", "--json") == {"post-format": "plain"}
    ok("config", "post-format", "Hugo")
    assert json_of("config", "post-format", "--json") == {"post-format": "hugo"}
    found = front_matter(ok("post", "draft", "--publish").stdout)
    assert (found["draft"], found["date"]) == (False, "2026-11-25T12:00:00+00:00")
    assert "datePublished" in front_matter(ok("post", "draft", "--for", "plain").stdout)


def test_hashnode_needs_a_domain_and_a_tag_and_takes_its_series(journey, ok, refused, journey_state):
    before = journey_state()
    assert refused("post", "draft", "--for", "hashnode") == (
        "Error: Hashnode needs your blog's domain: learnlog config hashnode-domain YOURNAME.hashnode.dev"
    )
    assert journey_state() == before
    ok("config", "hashnode-domain", "https://Me.Hashnode.dev/")
    ok("config", "hashnode-series", "ml-journey")
    found = front_matter(ok("post", "draft", "--for", "hashnode", "--subtitle", "views, copies & masks").stdout)
    assert found == {
        "title": "Day 5: NumPy and Pandas", "slug": "day-5-numpy-and-pandas", "tags": "numpy, pandas, arrays",
        "domain": "me.hashnode.dev", "subtitle": "views, copies & masks", "seriesSlug": "ml-journey", "saveAsDraft": True,
    }


def test_a_hashnode_draft_without_any_tag_is_refused_with_the_hint(ok, refused):
    ok("init", "--start", "2026-11-20")
    ok("config", "hashnode-domain", "me.hashnode.dev")
    assert refused("post", "draft", "--for", "hashnode") == (
        "Error: Hashnode needs at least one tag: add one with --tag (post draft --for hashnode --tag numpy)"
    )
    assert "tags: \"machine-learning\"" in ok("post", "draft", "--for", "hashnode", "--tag", "Machine learning").stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("post", "draft", "--for", "medium"), "not a post format: 'medium' (use one of plain, hashnode, devto, hugo, jekyll)"),
        (("config", "post-format", "wordpress"), "not a post format: 'wordpress' (use one of plain, hashnode, devto, hugo, jekyll)"),
        (("config", "hashnode-domain", "not a domain"), "not a blog's domain: 'not a domain' (like me.hashnode.dev or blog.example.com)"),
        (("post", "draft", "--cover", "javascript:alert(1)"), "--cover takes a web address (https://...), not 'javascript:alert(1)'"),
        (("post", "draft", "--canonical", "me.dev/x"), "--canonical takes a web address (https://...), not 'me.dev/x'"),
    ],
)
def test_bad_formats_settings_and_addresses_are_refused(journey, refused, journey_state, args, message):
    before = journey_state()
    assert refused(*args) == f"Error: {message}"
    assert journey_state() == before


def test_an_entry_tagged_private_never_appears_in_a_draft_but_counts_in_its_totals(journey, ok):
    ok("log", "statistics", "-d", "2h", "-m", "my therapist says hi", "-t", "private", "-t", "secret-tag", "--date", "2026-11-24")
    text = ok("post", "draft", "--for", "devto").stdout
    assert "therapist" not in text and "Statistics" not in text and "secret" not in text and "private" not in text
    assert "3 sessions and 3h30m over 3 topics since I started." in text


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture
def with_plot(journey, ok, tmp_path):
    plot = tmp_path / "loss curve.png"
    plot.write_bytes(PNG)
    ok("attach", "1", str(plot))
    return plot


@pytest.mark.parametrize(
    "fmt, folder, post, image, link",
    [
        ("plain", "posts/", "posts/day-5-numpy-and-pandas.md", "posts/day-5-numpy-and-pandas-assets/1-loss curve.png",
         "day-5-numpy-and-pandas-assets/1-loss%20curve.png"),
        ("hugo", "content/posts/", "content/posts/day-5-numpy-and-pandas/index.md",
         "content/posts/day-5-numpy-and-pandas/1-loss curve.png", "1-loss%20curve.png"),
        ("jekyll", "site/_posts/", "site/_posts/2026-11-25-day-5-numpy-and-pandas.md",
         "site/assets/day-5-numpy-and-pandas/1-loss curve.png", "/assets/day-5-numpy-and-pandas/1-loss%20curve.png"),
    ],
)
def test_into_a_folder_the_post_and_its_images_are_written_as_the_platform_serves_them(
    with_plot, ok, tmp_path, fmt, folder, post, image, link,
):
    (tmp_path / folder).mkdir(parents=True)
    ok("post", "draft", "--for", fmt, "-o", str(tmp_path / folder))
    assert (tmp_path / image).read_bytes() == PNG
    assert f"![loss curve.png]({link})" in (tmp_path / post).read_text()


def test_a_name_ending_in_a_slash_is_a_folder_made_for_the_draft(with_plot, ok, tmp_path):
    ok("post", "draft", "--for", "hugo", "-o", f"{tmp_path}/new/")
    assert (tmp_path / "new" / "day-5-numpy-and-pandas" / "index.md").is_file()


def test_hashnode_and_devto_link_images_from_the_image_base_url_and_refuse_without_it(
    with_plot, ok, refused, journey_state, tmp_path,
):
    before = journey_state()
    assert refused("post", "draft", "--for", "devto", "-o", f"{tmp_path}/posts/") == (
        "Error: devto serves no images from a repository: give --image-base-url URL, where the draft's folder is"
        " served (a repository's raw files, say), so that its images can be linked"
    )
    assert journey_state() == before and not (tmp_path / "posts").exists()
    ok(
        "post", "draft", "--for", "devto", "-o", f"{tmp_path}/posts/",
        "--image-base-url", "https://raw.githubusercontent.com/me/blog/main/posts/",
    )
    text = (tmp_path / "posts" / "day-5-numpy-and-pandas.md").read_text()
    assert (
        "![loss curve.png](https://raw.githubusercontent.com/me/blog/main/posts/day-5-numpy-and-pandas-assets/1-loss%20curve.png)"
    ) in text
    assert (tmp_path / "posts" / "day-5-numpy-and-pandas-assets" / "1-loss curve.png").read_bytes() == PNG


def test_a_draft_into_a_folder_never_overwrites_without_force(with_plot, ok, refused, tmp_path):
    ok("post", "draft", "-o", f"{tmp_path}/posts/")
    assert "exists" in refused("post", "draft", "-o", f"{tmp_path}/posts/")
    ok("post", "draft", "-o", f"{tmp_path}/posts/", "--force")
