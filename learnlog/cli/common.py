"""What the Typer commands share beyond the session: option types and the console."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def console(*, record: bool = False) -> Console:
    """A console that never reads user text as markup; colour only on a terminal
    and never with NO_COLOR (Rich honours both). `record` keeps what was printed,
    for saving as SVG or HTML."""
    from rich.console import Console

    return Console(markup=False, highlight=False, emoji=False, record=record)
