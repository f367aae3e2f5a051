"""`learnlog edit` and `learnlog delete`: changing and removing an entry."""

import io
import sys

import pytest

pytestmark = pytest.mark.both_backends


@pytest.fixture
def entry(ok, json_of, berlin):
    """Entry #1 as logged yesterday at 21:30 with every field set (Day 0 is 1 Jun 2026,
    in summer time); returns its JSON object."""
    ok("init", "--start", "2026-06-01")
    ok(
        "log", "numpy", "--date", "yesterday 21:30", "-d", "1h", "-m", "broadcasting", "-t", "arrays",
        "-t", "vectors", "--link", "https://example.com/a", "-c", "3", "--kind", "build",
    )
    return only_entry(json_of)


def only_entry(json_of):
    [entry] = json_of("entries", "--json", "--all")
    return entry


class Terminal(io.StringIO):
    """Standard input that is a terminal, with the user's answers already typed."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        (("--topic", "pandas"), {"topic": "Pandas"}),
        (("--topic", "lin reg"), {"topic": "Linear Regression"}),
        (("-m", "views versus copies"), {"note": "views versus copies"}),
        (("-d", "1h30m"), {"minutes": 90}),
        (("--kind", "win"), {"kind": "win"}),
        (("--link", "https://example.com/b"), {"link": "https://example.com/b"}),
        (("-c", "5"), {"confidence": 5}),
        (("--tag", "strides"), {"tags": ["strides"]}),
        (
            ("--date", "2026-11-20"),
            {"date": "2026-11-20", "timestamp": "2026-11-20T21:30:00+01:00"},
        ),
        (
            ("--date", "fri 08:00"),
            {"date": "2026-11-20", "timestamp": "2026-11-20T08:00:00+01:00"},
        ),
        (
            ("--date", "2026-07-01"),
            {"date": "2026-07-01", "timestamp": "2026-07-01T21:30:00+02:00"},
        ),
        (("-m", "x", "-c", "1", "--kind", "bug"), {"note": "x", "confidence": 1, "kind": "bug"}),
    ],
    ids=[
        "topic", "topic-by-prefix", "note", "duration", "kind", "link", "confidence", "tag",
        "date-keeps-time-of-day", "date-with-time", "date-keeps-wall-clock-across-dst", "several",
    ],
)
def test_edit_changes_the_fields_given_and_nothing_else(entry, ok, json_of, change, fields):
    assert ok("edit", "1", *change).stdout == "Updated entry #1.\n"

    assert only_entry(json_of) == {**entry, **fields}


def test_edit_moving_an_entry_to_today_before_its_time_of_day_takes_the_current_time(entry, ok, json_of):
    ok("edit", "1", "--date", "today")

    assert only_entry(json_of)["timestamp"] == "2026-11-25T12:00:00+01:00"


def test_edit_tag_replaces_the_whole_tag_list(entry, ok, json_of):
    ok("edit", "1", "--tag", "strides", "-t", "#views")

    assert sorted(only_entry(json_of)["tags"]) == ["strides", "views"]


@pytest.mark.parametrize(
    ("option", "field", "cleared"),
    [
        ("-m", "note", None),
        ("--link", "link", None),
        ("-c", "confidence", None),
        ("-d", "minutes", None),
        ("--tag", "tags", []),
    ],
    ids=["note", "link", "confidence", "duration", "tags"],
)
def test_edit_with_an_empty_value_clears_the_field(entry, ok, json_of, option, field, cleared):
    ok("edit", "1", option, "")

    assert only_entry(json_of) == {**entry, field: cleared}


def test_edit_with_an_empty_topic_clears_the_topic_of_a_post(entry, ok, json_of):
    ok("edit", "1", "--kind", "post", "--topic", "")

    assert only_entry(json_of) == {**entry, "kind": "post", "topic": None}


def test_edit_moves_the_check_in_with_the_entry(entry, ok, json_of):
    assert json_of("status", "--json")["last_checkin"] == "2026-11-24"

    ok("edit", "1", "--date", "2026-11-20")

    assert json_of("status", "--json")["last_checkin"] == "2026-11-20"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((), "Error: nothing to change: give at least one option (see learnlog edit --help)"),
        (("--topic", ""), "Error: name a topic (only a post may have none)"),
        (("--topic", "lin"), "Error: topic 'lin' is ambiguous: it could be Linear Algebra, Linear Regression"),
        (("--kind", "lecture"), "Error: unknown kind 'lecture': use one of study, build, bug, confusion, win, post"),
        (("--kind", ""), "Error: unknown kind '': use one of study, build, bug, confusion, win, post"),
        (("--date", "tomorrow"), "Error: 2026-11-26 is in the future (today is 2026-11-25)"),
        (("--date", "2026-05-31"), "Error: 2026-05-31 is before the journey started (2026-06-01)"),
        (("--date", "someday"), "Error: not a date: 'someday' (use YYYY-MM-DD, today, yesterday, fri, last fri,"
                                " 3 days ago, -3d, in 2 days, +2d, Nov 3 or 3 Nov)"),
        (("-d", "25h"), "Error: duration out of range: '25h' (from 1m to 24h)"),
        (("-c", "6"), "Error: confidence must be from 1 to 5, not 6"),
        (("--link", "example.com"), "Error: not a link: 'example.com' (use a full http:// or https:// address)"),
    ],
    ids=[
        "nothing", "no-topic-for-a-build", "ambiguous-topic", "unknown-kind", "empty-kind", "future-date",
        "before-start", "bad-date", "bad-duration", "bad-confidence", "bad-link",
    ],
)
def test_edit_refusals_change_nothing(entry, refused, journey_state, change, message):
    before = journey_state()

    assert refused("edit", "1", *change) == message
    assert journey_state() == before


def test_edit_of_an_unknown_entry_is_refused(entry, refused):
    assert refused("edit", "9", "-m", "x") == "Error: no entry #9"


@pytest.mark.parametrize("yes", ["--yes", "-y"])
def test_delete_with_yes_deletes_without_asking(entry, ok, json_of, yes):
    assert ok("delete", "1", yes).stdout == "Deleted entry #1.\n"

    assert json_of("entries", "--json", "--all") == []


def test_delete_without_a_terminal_and_without_yes_is_refused(entry, refused, json_of):
    assert refused("delete", "1") == "Error: not deleting entry #1 without --yes (no terminal to ask)"

    assert json_of("entries", "--json", "--all") == [entry]


def test_delete_asks_on_a_terminal_and_deletes_on_yes(entry, learnlog, json_of, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))

    deleted = learnlog("delete", "1")

    assert deleted.exit_code == 0
    assert deleted.stdout == "Delete entry #1 2026-11-24 NumPy 1h? [y/N]: Deleted entry #1.\n"
    assert json_of("entries", "--json", "--all") == []


@pytest.mark.parametrize("answer", ["n\n", "\n"], ids=["no", "enter"])
def test_delete_asks_on_a_terminal_and_keeps_the_entry_otherwise(entry, learnlog, json_of, monkeypatch, answer):
    monkeypatch.setattr(sys, "stdin", Terminal(answer))

    kept = learnlog("delete", "1")

    assert (kept.exit_code, kept.stderr) == (1, "Error: nothing deleted\n")
    assert json_of("entries", "--json", "--all") == [entry]


def test_delete_of_an_unknown_entry_is_refused(entry, refused):
    assert refused("delete", "9", "--yes") == "Error: no entry #9"
