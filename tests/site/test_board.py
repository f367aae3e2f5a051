"""`learnlog site build --board`: the group's page, every journey's row of `learnlog
board`, linking each member's own page built beside it, through the real entry point
on a SQLite file holding several journeys (tests/postgres/test_group.py builds it on
a study group's PostgreSQL database, under row-level security)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_pages import BROKEN_ATTRIBUTE, LOCAL_PATH, parse, site_files

from learnlog.site.folder import MARKER


@pytest.fixture
def circle(ok, sample) -> None:
    """Three journeys in one database: the sample ('demo', on track), 'ana' (overdue
    since her start) and 'bo' (due today)."""
    ok("--journey", "ana", "init", "--start", "2026-11-15", "--every", "3")
    ok("--journey", "ana", "log", "numpy", "-d", "1h", "--date", "2026-11-16")
    ok("--journey", "bo", "init", "--start", "2026-11-22", "--every", "3")


def board_rows(document) -> list[dict[str, str]]:
    """The group page's rows, by column heading."""
    table = document.find("table", "board")
    headings = [cell.text() for cell in table.find("thead").find_all("th")]
    return [
        dict(zip(headings, (cell.text() for cell in row.children if hasattr(cell, "tag"))))
        for row in table.find("tbody").find_all("tr")
    ]


def test_the_group_page_shows_every_journey_as_the_board_does_and_links_the_pages_built_beside_it(
    circle, ok, json_of, tmp_path,
):
    folder = tmp_path / "circle"
    ok("--journey", "ana", "site", "build", str(folder / "ana"))
    out = ok("site", "build", "--board", str(folder)).stdout

    assert out.splitlines() == [
        f"Built the group's page in {folder}: index.html, linking 1 member page.",
        f"Not built yet: bo, demo; each member's page is built with"
        f"  learnlog site build --journey NAME {folder}/NAME",
    ]
    document = parse((folder / "index.html").read_text(encoding="utf-8"))
    board = json_of("board", "--json")
    rows = board_rows(document)
    assert [row["Journey"] for row in rows] == [row["journey"] for row in board] == ["ana", "bo", "demo"]
    assert rows[0] == {
        "Journey": "ana", "Day": "10", "State": "overdue 6d", "Due": "Thu 19 Nov", "Streak": "0", "Best": "1",
        "Last 7 days": "0.0h", "Last check-in": "Mon 16 Nov",
    }
    assert (rows[1]["State"], rows[1]["Last check-in"]) == ("due today", "never")
    assert [row["Day"] for row in rows] == [str(row["day"]) for row in board]
    links = [anchor.attrs["href"] for anchor in document.find("table", "board").find_all("a")]
    assert links == ["ana/index.html"]
    assert (folder / "ana" / "index.html").is_file()
    assert document.find("title").text() == "Learning together"
    assert document.find("h1").text() == "Learning together"


def test_a_board_build_never_touches_the_members_pages_and_takes_a_folder_holding_only_them(circle, ok, tmp_path):
    folder = tmp_path / "circle"
    ok("--journey", "ana", "site", "build", str(folder / "ana"))
    ok("--journey", "bo", "site", "build", str(folder / "bo"))
    members = site_files(folder)

    # The folder holds only members' pages: no --force needed for the group's page.
    ok("site", "build", "--board", str(folder), "--title", "ML circle")
    ok("site", "build", "--board", str(folder), "--title", "ML circle")

    after = site_files(folder)
    assert {name: content for name, content in after.items() if "/" in name} == members
    assert sorted(name for name in after if "/" not in name) == [MARKER, "index.html"]
    assert (folder / MARKER).read_text(encoding="utf-8").splitlines()[1:] == ["index.html"]
    assert parse(after["index.html"].decode()).find("h1").text() == "ML circle"


def test_a_board_builds_the_same_bytes_twice_and_names_no_local_path(circle, ok, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    ok("site", "build", "--board", str(first))
    ok("site", "build", "--board", str(second))
    assert site_files(first) == site_files(second)
    page = (first / "index.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in page and "journey.db" not in page


def test_the_group_page_runs_nothing_and_loads_nothing_from_anywhere(circle, ok, tmp_path):
    folder = tmp_path / "circle"
    ok("--journey", "ana", "site", "build", str(folder / "ana"))
    ok("site", "build", "--board", str(folder))
    document = parse((folder / "index.html").read_text(encoding="utf-8"))

    metas = document.find_all("meta")
    (policy,) = [meta for meta in metas if meta.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert policy.attrs["content"].startswith("default-src 'none';")
    assert "url(" not in document.find("style").text()
    for element in document.iter():
        assert element.tag not in {"script", "img", "iframe", "object", "embed", "link", "form"}, element
        assert not any(name.startswith("on") for name in element.attrs), element
        for name in ("src", "href", "action", "data"):
            value = element.attrs.get(name) or ""
            assert not re.match(r"\s*([a-z]+:)?//", value, re.IGNORECASE), element


def test_a_journeys_name_is_text_on_the_group_page_and_its_link_a_plain_relative_address(ok, sample, tmp_path):
    name = f"{BROKEN_ATTRIBUTE} <b>Ana & Ana's"  # no slash: a name that is one folder
    ok("--journey", name, "init")
    folder = tmp_path / "circle"
    ok("--journey", name, "site", "build", str(folder / name))
    ok("site", "build", "--board", str(folder))

    page = (folder / "index.html").read_text(encoding="utf-8")
    assert BROKEN_ATTRIBUTE not in page and "<b>" not in page
    document = parse(page)
    assert all(element.tag not in {"script", "img"} for element in document.iter())
    (anchor,) = document.find("table", "board").find_all("a")
    assert anchor.text() == name
    assert anchor.attrs["href"].endswith("/index.html") and "<" not in anchor.attrs["href"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--with-notes",), "Error: --board writes the group's page, which shows no notes: leave out --with-notes"),
        (("--base-url", "https://circle.example.org"),
         "Error: --board writes the group's page, which has no feed: leave out --base-url"),
    ],
)
def test_a_board_refuses_what_only_a_journeys_site_has(
    circle, refused, journey_state, monkeypatch, tmp_path, options, message,
):
    monkeypatch.setenv("LEARNLOG_JOURNEY", "ana")
    before = journey_state()
    assert refused("site", "build", "--board", str(tmp_path / "circle"), *options) == message
    assert not (tmp_path / "circle").exists()
    assert journey_state() == before


def test_a_board_is_refused_beside_files_learnlog_did_not_write(circle, refused, tmp_path):
    folder = tmp_path / "circle"
    folder.mkdir()
    (folder / LOCAL_PATH.rsplit("/", 1)[1]).write_text("mine", encoding="utf-8")
    assert refused("site", "build", "--board", str(folder)).startswith(
        f"Error: {folder} holds files learnlog did not write (diary.md)"
    )
    assert sorted(path.name for path in folder.iterdir()) == ["diary.md"]


def test_the_board_option_says_how_to_build_the_members_pages(ok):
    out = ok("site", "build", "--help").stdout
    assert "--board" in out and "site build --journey NAME DIR/NAME" in " ".join(out.split())


def test_a_journey_named_like_no_folder_is_listed_without_a_link(ok, sample, tmp_path: Path):
    ok("--journey", "a/b", "init")
    folder = tmp_path / "circle"
    (folder / "a" / "b").mkdir(parents=True)
    ok("site", "build", "--board", str(folder), "--force")
    document = parse((folder / "index.html").read_text(encoding="utf-8"))
    assert [row["Journey"] for row in board_rows(document)][0] == "a/b"
    assert document.find("table", "board").find_all("a") == []
