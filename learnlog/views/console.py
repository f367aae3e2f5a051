"""The Rich console every command prints its tables and pictures through."""

from __future__ import annotations

from rich.console import Console


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit 1 on its own; learnlog's entry point ends every command
        # whose reader went away the same way.
        self.quiet = True
        raise BrokenPipeError


def console(*, record: bool = False) -> Console:
    """A console that never reads user text as markup; colour only on a terminal
    and never with NO_COLOR (Rich honours both). `record` keeps what was printed,
    for saving as SVG or HTML."""
    return _Console(markup=False, highlight=False, emoji=False, record=record)
