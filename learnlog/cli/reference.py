"""The README's command reference, made from the commands' declarations, so that
it cannot drift from them (a test compares it with the README).

    python -m learnlog.cli.reference --write README.md   # after changing a command
"""

from __future__ import annotations

import sys
from pathlib import Path

from learnlog.cli.commands import ROOT, load
from learnlog.cli.declare import TOP, Command, Group
from learnlog.views.text import say

START = "<!-- reference: made by python -m learnlog.cli.reference --write README.md -->"
END = "<!-- reference: end -->"


def _command_lines(command: Command) -> list[str]:
    lines = [f"**`learnlog {command.name}`**: {command.summary}", "", "```text", command.usage()]
    lines += [f"$ {example}" for example in command.examples]
    return [*lines, "```", ""]


def reference() -> str:
    """Every command's usage line and examples, in --help's order, as Markdown."""
    load()
    lines = [START, "", ROOT.summary, "", "```text", "learnlog [--db PATH|URL] [--journey NAME] COMMAND ..."]
    lines += [f"$ {example}" for example in ROOT.examples]
    lines += ["```", ""]
    for name, entry in TOP.items():
        if isinstance(entry, Group):
            lines += [f"**`learnlog {name}`**: {entry.summary}", ""]
            if entry.default is not None:
                lines += _command_lines(entry.default)[2:]
            for command in entry.commands.values():
                lines += _command_lines(command)
        else:
            lines += _command_lines(entry)
    return "\n".join([*lines, END])


def with_reference(readme: str) -> str:
    """`readme` with its reference section replaced by the current one."""
    before, start, rest = readme.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the README has no reference section between {START!r} and {END!r}")
    return before + reference() + after


def main(argv: list[str]) -> int:
    if argv[:1] != ["--write"] or len(argv) != 2:
        say(reference())
        return 0
    path = Path(argv[1])
    path.write_text(with_reference(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
