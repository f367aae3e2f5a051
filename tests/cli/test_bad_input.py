"""Bad input gets one clear line on stderr and exit 1, never a traceback, and writes
nothing; usage errors keep Click's short plain form and exit 2; user text is shown
as typed, never read as markup or obeyed as a terminal escape."""

import pytest

BOX_DRAWING = "─│┌┐└┘├┤╭╮╰╯━┃"

BAD_DATES = {"2026-02-30": "not a real date", "someday": "not a date", "12/11": "ambiguous"}
BAD_DURATIONS = {"-5m": "not a duration", "abc": "not a duration", "0": "out of range", "25h": "out of range"}
BAD_CONFIDENCES = {"0": "confidence must be from 1 to 5", "6": "confidence must be from 1 to 5"}
EMPTY_NAMES = ["", "   "]
EMPTY = "a topic name cannot be empty"

BAD_INPUT = [
    *[(("log", "numpy", "--date", date), why) for date, why in BAD_DATES.items()],
    *[(("edit", "1", "--date", date), why) for date, why in BAD_DATES.items()],
    *[(("skip", date), why) for date, why in BAD_DATES.items()],
    *[(("skip", "--until", date), why) for date, why in BAD_DATES.items()],
    *[(("entries", "--since", date), why) for date, why in BAD_DATES.items()],
    *[(("log", "numpy", "-d", duration), why) for duration, why in BAD_DURATIONS.items()],
    *[(("edit", "1", "-d", duration), why) for duration, why in BAD_DURATIONS.items()],
    # `--` so that Click takes "-5m" for the VALUE argument, not for an option.
    *[(("config", "default-duration", "--", duration), why) for duration, why in BAD_DURATIONS.items()],
    *[(("config", "default-duration", duration), why) for duration, why in BAD_DURATIONS.items()],
    *[(("log", "numpy", "-c", confidence), why) for confidence, why in BAD_CONFIDENCES.items()],
    *[(("edit", "1", "-c", confidence), why) for confidence, why in BAD_CONFIDENCES.items()],
    *[(("log", name), EMPTY) for name in EMPTY_NAMES],
    *[(("log", name, "--new"), EMPTY) for name in EMPTY_NAMES],
    *[(("log", name, "--kind", "post"), EMPTY) for name in EMPTY_NAMES],
    *[(("topic", "add", name), EMPTY) for name in EMPTY_NAMES],
    *[(("topic", "rename", "numpy", name), EMPTY) for name in EMPTY_NAMES],
    *[(("topic", "archive", name), "a topic name cannot be empty") for name in EMPTY_NAMES],
    (("entries", "-n", "0"), "-n takes a number of entries from 1 up"),
    (("edit", "99999999999999999999", "-m", "x"), "too large"),
    (("topic", "add", "Y", "--target-hours", "inf"), "target hours must be from 0 to 100000"),
    (("topic", "add", "Y", "--target-hours", "-1"), "target hours must be from 0 to 100000"),
    (("topic", "add", "Y", "--target-hours", "nan"), "target hours must be from 0 to 100000"),
    (("log", "numpy", "-c", "３"), "confidence must be a whole number"),
    (("log", "numpy", "-c", "+3"), "confidence must be a whole number"),
    (("init", "--journey", "   ", "--every", "3"), "a journey name cannot be empty"),
]


def case_id(args: tuple[str, ...]) -> str:
    return " ".join(arg if arg.strip() else repr(arg) for arg in args)


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-d", "45m", "-m", "arrays", "-c", "3")


@pytest.mark.parametrize(("args", "reason"), BAD_INPUT, ids=[case_id(args) for args, _ in BAD_INPUT])
def test_bad_input_is_one_line_on_stderr_exit_1_and_writes_nothing(journey, refused, journey_state, args, reason):
    before = journey_state()  # entries --json --all, topics, settings, excused days, cadence

    assert reason in refused(*args)

    assert journey_state() == before


USAGE_ERRORS = [
    (("status", "--bogus"), "No such option: --bogus"),
    (("log", "numpy", "--date"), "Option '--date' requires an argument."),
    (("log", "numpy", "--confidence"), "Option '--confidence' requires an argument."),
    (("edit",), "Missing argument 'ID'."),
    (("edit", "one", "-m", "x"), "Invalid value for 'ID'"),
    (("delete",), "Missing argument 'ID'."),
    (("topic", "add"), "Missing argument"),
    (("topic", "rename", "numpy"), "Missing argument"),
    (("cadence", "set"), "Missing argument 'N'."),
    (("frobnicate",), "No such command 'frobnicate'."),
]


@pytest.mark.parametrize(
    ("args", "error"), USAGE_ERRORS, ids=[" ".join(args) for args, _ in USAGE_ERRORS]
)
def test_usage_errors_exit_2_in_clicks_short_plain_form(journey, learnlog, journey_state, args, error):
    before = journey_state()

    result = learnlog(*args)

    assert result.exit_code == 2
    assert result.stdout == ""
    # Click prints "Usage: ..." and "Try 'learnlog ... -h' for help." above the error
    # when it knows the command, and the error line alone otherwise.
    *usage, error_line = result.stderr.splitlines()
    assert error_line.startswith(f"Error: {error}")
    assert usage == [] or (
        usage[0].startswith("Usage: learnlog ") and usage[1].startswith("Try 'learnlog ") and usage[2:] == [""]
    )
    assert not set(result.stderr) & set(BOX_DRAWING)
    assert "Traceback" not in result.stderr
    assert journey_state() == before


NOTE = "[red]alarm[/red] [/bold] \x1b[31mred"
NOTE_SHOWN = r"[red]alarm[/red] [/bold] \x1b[31mred"


@pytest.fixture
def marked_up(ok, monkeypatch):
    """A journey whose user text is full of Rich markup and terminal escapes, shown
    on a terminal wide enough that no table cell wraps."""
    monkeypatch.setenv("COLUMNS", "200")
    ok("init", "--start", "2026-11-20", "--curriculum", "none")
    ok("topic", "add", "[bold]Rust[/bold]", "--area", "[red]Systems")
    ok("log", "[bold]Rust[/bold]", "-m", NOTE, "-t", "[red]", "-t", "[/bold]")
    ok("skip", "tomorrow", "--reason", "[red]flu\x1b[2J")


def test_notes_and_tags_print_as_typed_with_escapes_made_visible(marked_up, ok):
    shown = ok("entries").stdout

    assert NOTE_SHOWN in shown
    assert "#[red]" in shown and "#[/bold]" in shown
    assert "\x1b" not in shown


def test_topic_names_and_areas_print_as_typed(marked_up, ok):
    listed = ok("topic", "list").stdout

    assert "[bold]Rust[/bold]" in listed
    assert "[red]Systems" in listed
    assert ok("log", "[bold]rust[/bold]").stdout.startswith("Logged #2 · Day 5 · [bold]Rust[/bold] · 30m")
    assert "[bold]Rust[/bold]" in ok("entries").stdout


def test_reasons_for_excused_days_print_with_escapes_made_visible(marked_up, ok):
    for shown in (ok("skip", "--list").stdout, ok("status").stdout):
        assert r"[red]flu\x1b[2J" in shown
        assert "\x1b" not in shown


def test_json_keeps_user_text_exactly_and_escapes_control_characters(marked_up, ok, json_of):
    [entry] = json_of("entries", "--json")

    assert entry["note"] == NOTE
    assert sorted(entry["tags"]) == ["[/bold]", "[red]"]
    assert "\x1b" not in ok("entries", "--json").stdout


def test_error_messages_show_user_text_with_escapes_made_visible(marked_up, refused):
    message = refused("log", "[red]go\x1b[31m")

    assert message.startswith(r"Error: no topic '[red]go\x1b[31m'")
    assert "\x1b" not in message


def test_a_topic_name_with_control_characters_is_refused(marked_up, refused):
    assert refused("topic", "add", "Go\x1b[31m") == (
        r"Error: a topic name cannot contain control characters: 'Go\x1b[31m'"
    )
