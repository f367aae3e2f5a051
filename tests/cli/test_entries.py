"""`learnlog entries`: listing what was logged, newest first, filtered."""

import uuid

import pytest
from loaded import modules_loaded, packages

pytestmark = pytest.mark.both_backends

ENTRY_KEYS = {"id", "uid", "date", "timestamp", "topic", "minutes", "kind", "note", "tags", "link", "confidence"}


@pytest.fixture
def four_entries(ok):
    """#1 NumPy on 2 Nov, #2 a Pandas bug on 10 Nov, #3 a Linear Regression win on
    20 Nov, #4 a topic-less post on 24 Nov (Day 0 is 1 Nov)."""
    ok("init", "--start", "2026-11-01")
    ok("log", "numpy", "--date", "2026-11-02", "-d", "45m", "-m", "broadcasting rules", "-t", "arrays")
    ok("log", "pandas", "--date", "2026-11-10", "-m", "groupby 100% done", "-t", "Arrays", "-t", "df", "--kind", "bug")
    ok("log", "lin reg", "--date", "2026-11-20", "--link", "https://example.com/under_score", "--kind", "win")
    ok("log", "--kind", "post", "--date", "2026-11-24", "-m", "week 3 update")


def ids(entries):
    return [entry["id"] for entry in entries]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ((), [4, 3, 2, 1]),
        (("--topic", "numpy"), [1]),
        (("--topic", "lin reg"), [3]),
        (("--tag", "arrays"), [2, 1]),
        (("--tag", "#ARRAYS"), [2, 1]),
        (("-t", "df"), [2]),
        (("--since", "2026-11-10"), [4, 3, 2]),
        (("--until", "2026-11-10"), [2, 1]),
        (("--since", "Nov 5", "--until", "Nov 20"), [3, 2]),
        (("--since", "last fri"), [4, 3]),
        (("--kind", "bug"), [2]),
        (("--kind", "post"), [4]),
        (("--search", "GROUPBY"), [2]),
        (("--search", "100%"), [2]),
        (("--search", "_"), [3]),
        (("--search", "example.com"), [3]),
        (("--topic", "pandas", "--kind", "bug"), [2]),
        (("--topic", "numpy", "--kind", "bug"), []),
        (("--tag", "arrays", "--since", "2026-11-03"), [2]),
        (("-n", "2"), [4, 3]),
    ],
    ids=[
        "all", "topic", "topic-prefix", "tag", "tag-hash-and-case", "tag-short", "since", "until",
        "since-and-until", "since-weekday", "kind", "kind-post", "search-ignores-case",
        "search-percent-is-literal", "search-underscore-is-literal", "search-in-link",
        "topic-and-kind", "nothing-matches-both", "tag-and-since", "n",
    ],
)
def test_entries_filters_combine(four_entries, json_of, filters, expected):
    assert ids(json_of("entries", "--json", *filters)) == expected


def test_entries_json_objects_hold_every_documented_key(four_entries, json_of):
    listed = json_of("entries", "--json")

    assert all(ENTRY_KEYS <= entry.keys() for entry in listed)
    numpy, pandas = listed[3], listed[2]
    assert {key: numpy[key] for key in ENTRY_KEYS - {"uid", "timestamp"}} == {
        "id": 1, "date": "2026-11-02", "topic": "NumPy", "minutes": 45, "kind": "study",
        "note": "broadcasting rules", "tags": ["arrays"], "link": None, "confidence": None,
    }
    assert numpy["timestamp"].startswith("2026-11-02T12:00:00")
    assert sorted(pandas["tags"]) == ["Arrays", "df"]
    assert listed[0]["topic"] is None


def test_every_entry_has_its_own_uuid(four_entries, json_of):
    uids = [entry["uid"] for entry in json_of("entries", "--json")]

    assert len(set(uids)) == 4
    assert all(str(uuid.UUID(uid)) == uid for uid in uids)


def test_entries_are_newest_first_within_a_day_too(ok, json_of):
    ok("init", "--start", "2026-11-20")
    for moment in ("today 09:00", "today 11:00", "today 10:00"):
        ok("log", "numpy", "--date", moment)

    assert [e["timestamp"][11:16] for e in json_of("entries", "--json")] == ["11:00", "10:00", "09:00"]


def test_entries_shows_20_by_default_n_of_them_with_n_and_every_one_with_all(ok, json_of):
    ok("init", "--start", "2026-10-01")
    for days_ago in range(25):
        ok("log", "numpy", "--date", f"{days_ago} days ago")

    assert len(json_of("entries", "--json")) == 20
    assert len(json_of("entries", "--json", "-n", "5")) == 5
    assert ids(json_of("entries", "--json", "--all")) == list(range(1, 26))  # logged from today backwards
    assert len(ok("entries").stdout.splitlines()) == 1 + 20
    assert len(ok("entries", "--all").stdout.splitlines()) == 1 + 25


def test_entries_as_a_table_show_day_numbers_kinds_notes_tags_and_links(four_entries, ok):
    rows = [line.split() for line in ok("entries").stdout.splitlines()]

    assert rows == [
        ["#", "Date", "Day", "Topic", "Time", "Kind", "Note"],
        ["4", "2026-11-24", "23", "post", "week", "3", "update"],
        ["3", "2026-11-20", "19", "Linear", "Regression", "30m", "win", "https://example.com/under_score"],
        ["2", "2026-11-10", "9", "Pandas", "30m", "bug", "groupby", "100%", "done", "#Arrays", "#df"],
        ["1", "2026-11-02", "1", "NumPy", "45m", "broadcasting", "rules", "#arrays"],
    ]


def test_entries_on_an_empty_journey_say_so_on_stderr(ok):
    ok("init")

    listed = ok("entries")

    assert (listed.stdout, listed.stderr) == ("", "No entries yet.\n")
    assert ok("entries", "--json").stdout == "[]\n"


def test_entries_that_match_nothing_say_so_on_stderr(four_entries, ok):
    listed = ok("entries", "--kind", "confusion")

    assert (listed.stdout, listed.stderr) == ("", "No entries match.\n")


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (("--topic", "lin"), "Error: topic 'lin' is ambiguous: it could be Linear Algebra, Linear Regression"),
        (("--kind", "lecture"), "Error: unknown kind 'lecture': use one of study, build, bug, confusion, win, post"),
        (("--since", "12/11"), "Error: not a date: '12/11' (numeric forms like 12/11 are ambiguous;"
                               " use YYYY-MM-DD, 'Nov 12' or '12 Nov')"),
        (("--until", "yesterday 10:00"), "Error: a time is not accepted here: 'yesterday 10:00'"
                                         " (give just a day, e.g. yesterday or 2026-11-20)"),
    ],
    ids=["ambiguous-topic", "unknown-kind", "numeric-date", "date-with-time"],
)
def test_entries_refuses_bad_filters(four_entries, refused, filters, message):
    assert refused("entries", *filters) == message


def test_tag_and_search_filters_fold_case_beyond_ascii(ok, json_of):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-m", "Über Numpy: Straße", "-t", "Ärger")
    ok("log", "pandas", "-m", "plain ascii")

    for args in (("--tag", "Ärger"), ("--tag", "ärger"), ("--search", "über"), ("--search", "ÜBER")):
        assert [entry["note"] for entry in json_of("entries", "--json", *args)] == ["Über Numpy: Straße"], args


def test_tag_filter_cleans_the_tag_as_logging_does(ok, json_of):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-t", "# groupby")
    assert len(json_of("entries", "--json", "--tag", "# groupby")) == 1
    assert len(json_of("entries", "--json", "--tag", "#groupby")) == 1


@pytest.mark.sqlite_only
@pytest.mark.parametrize("columns", [60, 100])
def test_entries_fit_the_terminals_width_and_wrap_the_notes(four_entries, ok, monkeypatch, columns):
    note = "a long note about broadcasting, strides and views that needs more than one line"
    ok("log", "numpy", "-m", note)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = ok("entries").stdout.splitlines()
    assert all(len(line) <= columns for line in lines), lines
    start = lines[0].index("Note")
    first = [index for index, line in enumerate(lines) if line.startswith("5 ")][0]
    after = [index for index in range(first + 1, len(lines)) if lines[index][:start].strip()][0]
    assert after > first + 1  # wrapped
    assert " ".join(line[start:] for line in lines[first:after]).split() == note.split()


@pytest.mark.sqlite_only
def test_entries_in_colour_draw_a_bold_header_and_styled_tags_links_and_nothing_else(four_entries, ok, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    lines = ok("entries").stdout.splitlines()
    assert lines[0].startswith("\x1b[1m") and lines[0].endswith("\x1b[0m")
    (numpy,) = [line for line in lines if "broadcasting rules" in line]
    assert numpy.endswith("broadcasting rules\x1b[36m #arrays\x1b[0m")
    (win,) = [line for line in lines if "under_score" in line]
    assert "\x1b[2mhttps://example.com/under_score\x1b[0m" in win
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in ok("entries").stdout


@pytest.mark.sqlite_only
def test_entries_load_no_rich(four_entries, database):
    environment = {"LEARNLOG_DB": database, "LEARNLOG_TODAY": "2026-11-25", "PATH": "/usr/bin:/bin"}
    loaded, printed = modules_loaded(["entries"], environment)
    assert printed[0].split() == ["#", "Date", "Day", "Topic", "Time", "Kind", "Note"]
    assert packages(loaded) & {"rich", "typer", "sqlalchemy", "typing"} == set()
