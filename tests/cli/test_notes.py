"""Notes that take a paragraph: `-e/--edit` opens the user's editor on a template
for the entry's kind, and `-m -` reads the note from standard input. The editor
is a real program: a shell script standing in for vi, nano or `code --wait`."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pytest

from learnlog.domain.notes import edited_note, template

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")


@pytest.fixture
def editor(tmp_path: Path, monkeypatch):
    """An editor that notes what it was opened on, then writes `editor.text` (or
    exits with `editor.status`)."""

    class Editor:
        seen = tmp_path / "seen.txt"
        mode = tmp_path / "mode.txt"
        path = tmp_path / "path.txt"
        reply = tmp_path / "reply.txt"
        script = tmp_path / "fake editor"

        def write(self, text: str, status: int = 0) -> None:
            self.reply.write_text(text, encoding="utf-8")
            self.script.write_text(
                "#!/bin/sh\n"
                f"cat \"$1\" > '{self.seen}'\n"
                f"stat -c %a \"$1\" > '{self.mode}'\n"
                f"printf %s \"$1\" > '{self.path}'\n"
                f"cat '{self.reply}' > \"$1\"\n"
                f"exit {status}\n",
                encoding="utf-8",
            )
            self.script.chmod(0o755)

    found = Editor()
    found.write("")
    monkeypatch.delenv("VISUAL", raising=False)
    # Quoted, as a shell would split it: the path has a space in it.
    monkeypatch.setenv("EDITOR", f"'{found.script}'")
    return found


def note_of(json_of, entry_id: int) -> str | None:
    return next(entry["note"] for entry in json_of("entries", "--json", "--all") if entry["id"] == entry_id)


@pytest.mark.parametrize(
    ("kind", "prompts"),
    [
        pytest.param("bug", ["What I tried:", "What I expected:", "What happened:", "The fix:"], id="bug"),
        pytest.param("confusion", ["What I don't get:", "What I tried:", "What would help:"], id="confusion"),
        pytest.param("win", ["What I made:", "What made it work:"], id="win"),
        pytest.param("build", ["What I made:", "What made it work:"], id="build"),
        pytest.param("study", ["What I learned:", "What is still unclear:"], id="study"),
    ],
)
def test_each_kind_has_its_template(kind, prompts):
    lines = template(kind).splitlines()
    assert [line[2:] for line in lines if line.startswith("# What") or line.startswith("# The")] == prompts
    assert edited_note(template(kind)) == ""


@pytest.mark.parametrize(
    ("text", "note"),
    [
        pytest.param("tried X\n# What I tried:\n\nit works\n", "tried X\n\nit works", id="comment lines go"),
        pytest.param("\n\n  first  \n\n", "first", id="blank ends trimmed"),
        pytest.param("#only\n# comments\n", "", id="nothing left"),
        pytest.param("a # not a comment\n", "a # not a comment", id="a # inside a line stays"),
    ],
)
def test_edited_note(text, note):
    assert edited_note(text) == note


def test_log_e_opens_the_editor_on_the_kinds_template_and_logs_what_is_left(journey, ok, json_of, editor):
    editor.write("Forgot to scale the features.\n\n# The fix:\nStandardScaler first.\n")
    assert ok("log", "pandas", "--kind", "bug", "-e").stdout.startswith("Logged #1 ")
    assert "# What I expected:" in editor.seen.read_text()
    assert editor.mode.read_text().strip() == "600"
    assert not Path(editor.path.read_text()).exists()
    assert note_of(json_of, 1) == "Forgot to scale the features.\n\nStandardScaler first."


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        pytest.param("# nothing but comments\n", 0, "Error: the note is empty: nothing was logged", id="empty"),
        pytest.param("half a thought", 1, "Error: the editor exited with status 1: nothing was logged", id="editor failed"),
    ],
)
def test_an_empty_note_or_a_failed_editor_logs_nothing(journey, refused, journey_state, editor, text, status, message):
    editor.write(text, status)
    before = journey_state()
    assert refused("log", "numpy", "-e") == message
    assert journey_state() == before


def test_visual_comes_before_editor_and_words_are_split_as_a_shell_would(journey, ok, json_of, editor, monkeypatch, tmp_path):
    editor.write("from the visual editor")
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.setenv("VISUAL", f"sh '{editor.script}'")
    ok("log", "numpy", "-e")
    assert note_of(json_of, 1) == "from the visual editor"


def test_no_editor_anywhere_says_to_set_editor(journey, refused, journey_state, monkeypatch, tmp_path):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    before = journey_state()
    assert refused("log", "numpy", "-e") == "Error: no editor found: set EDITOR (e.g. export EDITOR=nano)"
    monkeypatch.setenv("PATH", os.defpath)
    assert journey_state() == before


def test_an_editor_that_cannot_be_found_is_named(journey, refused, monkeypatch):
    monkeypatch.setenv("EDITOR", "nano-that-is-not-there --wait")
    assert refused("log", "numpy", "-e") == (
        "Error: $EDITOR names 'nano-that-is-not-there', which cannot be found: set EDITOR to your editor"
    )


def test_edit_e_prefills_the_current_note(journey, ok, json_of, editor):
    ok("log", "numpy", "-m", "broadcasting, roughly")
    editor.write("broadcasting: shapes align from the right")
    ok("edit", "1", "-e")
    assert editor.seen.read_text().startswith("broadcasting, roughly\n")
    assert note_of(json_of, 1) == "broadcasting: shapes align from the right"


def test_stop_e_writes_the_timed_sessions_note(journey, ok, json_of, editor):
    ok("start", "pandas", "--kind", "bug", today="2026-11-25T10:00")
    editor.write("merge on the wrong key")
    ok("stop", "-e", today="2026-11-25T10:30")
    assert "# What I tried:" in editor.seen.read_text()
    assert note_of(json_of, 1) == "merge on the wrong key"


def test_m_and_e_together_are_refused(journey, refused, journey_state, editor):
    before = journey_state()
    assert refused("log", "numpy", "-m", "x", "-e") == "Error: give the note with -m or with -e, not both"
    assert journey_state() == before


def test_m_dash_reads_the_note_from_standard_input(journey, ok, json_of, refused, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Titanic: a first model\n\nfeatures: sex, class\n"))
    ok("log", "numpy", "--kind", "build", "-m", "-")
    assert note_of(json_of, 1) == "Titanic: a first model\n\nfeatures: sex, class"
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert refused("log", "numpy", "-m", "-") == (
        "Error: the note read from standard input is empty: nothing was logged"
    )


def test_resolve_e_writes_the_answer_from_a_template_for_the_fix(journey, ok, json_of, editor):
    ok("log", "pandas", "--kind", "bug", "-m", "SettingWithCopyWarning")
    editor.write("use .loc on the original frame\n# Why it happened:\n")
    ok("resolve", "1", "-e")
    assert "# The fix:" in editor.seen.read_text()
    (bug,) = json_of("questions", "--resolved", "--json")
    assert bug["resolution"]["note"] == "use .loc on the original frame"
