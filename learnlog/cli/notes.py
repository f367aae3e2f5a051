"""Where a note comes from when it is not typed as one argument: `-m -` reads it
from standard input, `-e/--edit` from the user's editor."""

from __future__ import annotations

import os
import sys

from learnlog.cli.declare import Flag

EDIT = Flag("--edit", "-e", help="Write the note in your editor ($VISUAL, else $EDITOR, else vi), from a template.")

STDIN = "-"
"""`-m -`: the note is read from standard input."""


def note_from(
    note: str | None, edit: bool, *, kind: str, current: str | None = None, answer: bool = False,
) -> str | None:
    """The note as given: `-m TEXT` as typed, `-m -` from standard input, `-e` from
    the editor (prefilled with `current`). Raises InputError when both are given, or
    when the editor fails or leaves the note empty: nothing is then logged."""
    from learnlog.errors import InputError

    if edit and note is not None:
        raise InputError("give the note with -m or with -e, not both")
    if note == STDIN:
        text = sys.stdin.read()
        if not text.strip():
            raise InputError("the note read from standard input is empty: nothing was logged")
        return text
    if not edit:
        return note
    from learnlog.domain.notes import edited_note, template

    written = edited_note(run_editor(template(kind, current, answer=answer)))
    if not written:
        raise InputError("the note is empty: nothing was logged")
    return written


def _editor() -> list[str]:
    """The editor as a shell would split $VISUAL or $EDITOR (so `code --wait`
    works, as git does), else vi; InputError when none can be found."""
    import shlex
    import shutil

    from learnlog.errors import InputError

    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                raise InputError(f"${variable} cannot be read as a command: {value!r}") from None
            if words and shutil.which(words[0]):
                return words
            raise InputError(f"${variable} names {words[0]!r}, which cannot be found: set EDITOR to your editor")
    if shutil.which("vi"):
        return ["vi"]
    raise InputError("no editor found: set EDITOR (e.g. export EDITOR=nano)")


def run_editor(text: str) -> str:
    """`text` as the user left it in their editor, from a private temporary file
    (0600, removed afterwards). Raises InputError when the editor fails."""
    import subprocess
    import tempfile

    from learnlog.errors import InputError

    command = _editor()
    descriptor, path = tempfile.mkstemp(prefix="learnlog-note-", suffix=".md")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            done = subprocess.run([*command, path], check=False)
        except OSError as error:
            raise InputError(f"cannot run the editor {command[0]!r}: {error.strerror}") from None
        if done.returncode != 0:
            raise InputError(f"the editor exited with status {done.returncode}: nothing was logged")
        try:
            with open(path, encoding="utf-8") as file:
                return file.read()
        except UnicodeDecodeError:
            raise InputError("the note the editor left is not UTF-8 text: nothing was logged") from None
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
