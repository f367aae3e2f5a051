"""Notes that take a paragraph: the template `-e/--edit` opens for each kind of
entry, and what is left of the edited text once its comment lines are removed.

Pure: text in, text out.
"""

from __future__ import annotations

COMMENT = "#"

_PROMPTS = {
    "bug": ("What I tried:", "What I expected:", "What happened:", "The fix:"),
    "confusion": ("What I don't get:", "What I tried:", "What would help:"),
    "win": ("What I made:", "What made it work:"),
    "build": ("What I made:", "What made it work:"),
    "study": ("What I learned:", "What is still unclear:"),
}


_ANSWERS = {
    "bug": ("The fix:", "Why it happened:"),
    "confusion": ("What I understand now:", "What made it click:"),
}


def template(kind: str, current: str | None = None, *, answer: bool = False) -> str:
    """The text the editor opens with: the current note (for `edit -e`), or the
    prompts of the entry's kind as comment lines (with `answer`, the prompts of
    `resolve -e`: the fix of a bug, the answer to a question), then how the file is
    read."""
    prompts = (_ANSWERS if answer else _PROMPTS).get(kind, ())
    what = "answer" if answer else f"{kind} note"
    lines = [current or "", ""]
    lines += [f"{COMMENT} {prompt}" for prompt in prompts]
    lines += [
        f"{COMMENT}",
        f"{COMMENT} Write the {what} above. Lines starting with '{COMMENT}' are ignored;",
        f"{COMMENT} an empty note logs nothing.",
    ]
    return "\n".join(lines) + "\n"


def edited_note(text: str) -> str:
    """The note in the editor's `text`: every line that starts with '#' removed (as
    in a git commit message), blank lines at either end trimmed, an empty string
    when nothing is left."""
    kept = [line.rstrip() for line in text.splitlines() if not line.startswith(COMMENT)]
    return "\n".join(kept).strip("\n").strip()
