"""What learnlog prints to a terminal shows control and bidi characters as escapes,
never obeys them; what it writes to a pipe or a file keeps the text as typed. The rule
is `learnlog.views.text.plain`; every message goes through `say`, every table cell
through `one_line`, every document on standard output through `document_output`."""

from __future__ import annotations

import ast
import base64
import hashlib
import itertools
import json
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import learnlog
from learnlog.views.text import BIDI_CONTROLS, bidi_closed, one_line, plain

OBEYED = {chr(code) for code in (*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0))} | set(BIDI_CONTROLS)
"""Every character a terminal would obey rather than show: what no output may hold raw
(a line feed may, and a carriage return ending a line)."""


def raw_obeyed(text: str) -> set[str]:
    return set(text.replace("\r\n", "\n")) & OBEYED


# The rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, shown",
    [
        pytest.param("clear\x1b[2J", "clear\\x1b[2J", id="an escape sequence's ESC"),
        pytest.param("\x1b]0;title\x07", "\\x1b]0;title\\x07", id="an OSC title sequence"),
        pytest.param("\x9b31m", "\\u009b31m", id="the one-byte CSI"),
        pytest.param("del\x7f", "del\\u007f", id="DEL"),
        pytest.param("a\tb", "a\\tb", id="a tab"),
        pytest.param("over\rwrite", "over\\rwrite", id="a carriage return that would overwrite the line"),
        pytest.param("row\r\nrow\n", "row\r\nrow\n", id="a carriage return ending a line, and line feeds"),
        pytest.param("abc\u202edef", "abc\\u202edef", id="a right-to-left override"),
        *(pytest.param(char, f"\\u{ord(char):04x}", id=f"U+{ord(char):04X}") for char in BIDI_CONTROLS),
        pytest.param("Привет, 日本語 😀 é", "Привет, 日本語 😀 é", id="printable text as it is"),
    ],
)
def test_what_a_terminal_would_obey_is_shown_as_an_escape(text, shown):
    assert plain(text) == shown


@given(st.text())
def test_the_rule_leaves_nothing_a_terminal_obeys_and_applied_twice_changes_nothing(text):
    assert not raw_obeyed(plain(text))
    assert plain(plain(text)) == plain(text)
    assert not raw_obeyed(one_line(text)) and "\n" not in one_line(text)


@given(st.text(alphabet=st.sampled_from("ab \n\"\\\x1b\x7f\x9b\u0085") | st.sampled_from(BIDI_CONTROLS)))
def test_json_shown_by_the_rule_is_still_json_of_the_same_data(text):
    document = json.dumps({"note": text}, ensure_ascii=False)
    assert json.loads(plain(document)) == {"note": text}


def bidi_depth(text: str) -> list[str]:
    """What is left open at the end of `text` by Unicode's bidi algorithm (rules X1 to X8)."""
    stack: list[str] = []
    for char in text:
        if char in "\u202a\u202b\u202d\u202e":
            stack.append("embedding")
        elif char in "\u2066\u2067\u2068":
            stack.append("isolate")
        elif char == "\u202c" and stack and stack[-1] == "embedding":
            stack.pop()
        elif char == "\u2069" and "isolate" in stack:
            while stack.pop() != "isolate":
                pass
    return stack


@pytest.mark.parametrize(
    "text, closed",
    [
        ("no controls", "no controls"),
        ("\u202eevil", "\u202eevil\u202c"),
        ("\u2067a\u202bb", "\u2067a\u202bb\u202c\u2069"),
        ("\u2066\u202e\u2069 closed by its isolate", "\u2066\u202e\u2069 closed by its isolate"),
        ("\u202c\u2069 stray closers", "\u202c\u2069 stray closers"),
        ("\u200f marks open nothing", "\u200f marks open nothing"),
    ],
)
def test_bidi_controls_are_kept_and_closed(text, closed):
    assert bidi_closed(text) == closed


@given(st.text(alphabet=st.sampled_from(BIDI_CONTROLS + "ab")))
def test_closed_text_starts_as_typed_and_leaves_nothing_open(text):
    closed = bidi_closed(text)
    assert closed.startswith(text)
    assert bidi_depth(closed) == []


def test_every_print_goes_through_say():
    # prompt.py prints only numbers and fixed words, on a path that must stay this lean.
    package = Path(learnlog.__file__).parent
    printing = [
        f"{path.relative_to(package)}:{node.lineno}"
        for path in package.rglob("*.py") if path.name != "prompt.py" and path != package / "views" / "text.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
    ]
    assert printing == []


# Through the commands ------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HOSTILE = "clear\x1b[2J title\x1b]0;pwned\x07 \u202eevil\u202a csi\x9b31m \u2067open"


def terminal(monkeypatch, answer: bool = True) -> None:
    """Make standard output say it is a terminal (or not), without the colours Rich
    would add. Called in the test itself, once capsys holds standard output."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: answer, raising=False)


def document_with_attachment(path: Path, name: str, content: bytes, note: str = "imported") -> Path:
    """A learnlog journey document of one entry on 2026-11-21 carrying one attachment."""
    path.write_text(json.dumps({
        "format": "learnlog-journey", "version": 1, "journey": {"name": "main", "start": "2026-11-20"},
        "settings": {}, "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}], "excused": [],
        "topics": [{"name": "NumPy", "area": None, "target_hours": None, "archived": False, "curriculum": None}],
        "entries": [{
            "uid": str(uuid.uuid4()), "date": "2026-11-21", "timestamp": "2026-11-21T10:00:00+00:00",
            "topic": "NumPy", "minutes": 30, "kind": "study", "note": note, "tags": [], "link": None,
            "confidence": None,
            "attachments": [{
                "name": name, "media_type": "image/png", "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(), "content": base64.b64encode(content).decode(),
            }],
        }],
    }))
    return path


def test_the_reply_to_attachment_get_shows_an_imported_name_escaped(ok, tmp_path, monkeypatch):
    ok("init", "--start", "2026-11-20", "--curriculum", "none")
    ok("import", str(document_with_attachment(tmp_path / "in.json", "x\x1b[2J\x1b]0;pwned\x07.png", PNG)))
    monkeypatch.chdir(tmp_path)

    reply = ok("attachment", "get", "1")

    assert reply.stdout == "Saved #1 to x\\x1b[2J\\x1b]0;pwned\\x07.png (24 bytes).\n"
    assert (tmp_path / "x\x1b[2J\x1b]0;pwned\x07.png").read_bytes() == PNG


@pytest.fixture
def hostile_journey(ok):
    ok("init", "--start", "2026-11-20", "--curriculum", "none")
    ok("log", "numpy", "--new", "-m", HOSTILE, "--date", "2026-11-21")


@pytest.mark.parametrize("format", ["csv", "markdown", "html", "json"])
def test_an_export_to_a_terminal_shows_escapes_and_to_a_pipe_keeps_the_text(hostile_journey, ok, format, monkeypatch):
    terminal(monkeypatch)
    shown = ok("export", "--format", format).stdout
    terminal(monkeypatch, False)
    piped = ok("export", "--format", format).stdout

    assert not raw_obeyed(shown)
    assert "\\u202eevil" in shown
    assert plain(piped) == shown
    if format == "csv":
        assert HOSTILE in piped


def test_json_to_a_terminal_is_valid_json_of_the_same_data(hostile_journey, ok, monkeypatch):
    terminal(monkeypatch)
    shown = ok("entries", "--json").stdout
    terminal(monkeypatch, False)

    assert not raw_obeyed(shown)
    assert json.loads(shown) == json.loads(ok("entries", "--json").stdout)
    assert json.loads(shown)[0]["note"] == HOSTILE


def test_a_bidi_override_in_a_note_is_shown_escaped_in_entries(hostile_journey, ok):
    shown = ok("entries").stdout
    assert "\\u202eevil\\u202a" in shown
    assert not raw_obeyed(shown)


@pytest.mark.parametrize("command", [("export", "--format", "markdown"), ("export", "--format", "html"), ("post", "draft")], ids=" ".join)
def test_a_bidi_override_in_a_note_reorders_nothing_after_it_in_a_file(hostile_journey, ok, tmp_path, command):
    target = tmp_path / "out"
    ok(*command, "-o", str(target))
    written = target.read_text(encoding="utf-8")

    (line,) = [line for line in written.splitlines() if "evil" in line]
    assert "\u202eevil\u202a" in line  # the text as typed
    assert bidi_depth(line) == []  # and closed before anything learnlog writes after it
    assert bidi_depth(written) == []


# Every command that prints user text, for any text --------------------------------------------

def file_name(text: str) -> str:
    name = text.replace("/", "").replace("\x00", "").encode("utf-8")[:200].decode("utf-8", "ignore")
    return name if name not in ("", ".", "..") else "x"


# A NUL and lone surrogates are refused in every text learnlog keeps (or will be, for an
# import): they never come back to be printed.
SOME_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8)
HOSTILE_TEXT = st.tuples(SOME_TEXT, st.sampled_from(sorted(OBEYED - {"\x00"})), SOME_TEXT).map("".join)
SHOWING = [
    ("log", "numpy", "-d", "5m"), ("entries",), ("entries", "--all"), ("topic", "list"), ("skip", "--list"),
    ("cadence",), ("status",), ("remind", "--always"), ("dashboard",), ("attachment", "list"), ("list",),
    ("board",), ("config",), ("doctor",), ("questions", "--all"),
]
DOCUMENTS = [
    ("entries", "--json"), ("skip", "--list", "--json"), ("attachment", "list", "--json"), ("status", "--json"),
    ("questions", "--all", "--json"),
    ("post", "draft"), *(("export", "--format", format) for format in ("json", "csv", "markdown", "html", "ics")),
]
runs = itertools.count()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(note=HOSTILE_TEXT, reason=HOSTILE_TEXT, name=HOSTILE_TEXT)
@example(note=HOSTILE, reason="flu\x1b[2J\u202e", name="x\x1b]0;t\x07\u2066.png")
def test_no_command_prints_what_a_terminal_would_obey(learnlog, ok, tmp_path, monkeypatch, note, reason, name):
    folder = tmp_path / str(next(runs))
    folder.mkdir()
    monkeypatch.setenv("LEARNLOG_DB", str(folder / "journey.db"))
    monkeypatch.chdir(folder)
    terminal(monkeypatch, False)
    ok("init", "--start", "2026-11-20", "--curriculum", "none")
    ok("import", str(document_with_attachment(folder / "in.json", name, PNG, note=note)))
    ok("log", "numpy", "-m", note, "--date", "2026-11-22")
    ok("log", "numpy", "-k", "confusion", "-m", note, "--date", "2026-11-23")
    ok("log", "numpy", "-k", "bug", "-m", reason, "--date", "2026-11-23")
    ok("skip", "tomorrow", "--reason", reason)
    attached = folder / file_name(name)
    attached.write_bytes(b"other bytes")
    printed = [learnlog("attach", "2", str(attached)), learnlog("attachment", "get", "1", "-o", "got")]
    printed += [learnlog("resolve", "3", "-m", f"answer {note}"), learnlog("resolve", "3", "-m", f"again {reason}")]
    printed += [learnlog(*command) for command in SHOWING]
    for result in printed:
        assert not raw_obeyed(result.stdout + result.stderr), result
    terminal(monkeypatch)
    for command in DOCUMENTS:
        result = ok(*command)
        assert not raw_obeyed(result.stdout + result.stderr), (command, result)


def test_a_usage_error_shows_what_was_typed_escaped(learnlog):
    result = learnlog("log", "numpy", "--\x1b]0;owned\x07\x1b[2J")

    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "No such option: --\\x1b]0;owned\\x07\\x1b[2J" in result.stderr
