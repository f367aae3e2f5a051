"""Progress of long work (a sync, an import): a Rich progress bar on standard
error once the work has taken over a second, and only when standard error is a
terminal; nothing at all when it is piped, and nothing imported for work that
ends sooner."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

SHOW_AFTER_SECONDS = 1.0


class Steps:
    """`with Steps("Reading repositories", total=3) as steps: ... steps.advance()`.

    `stream` (standard error by default) and `clock` are what the bar is drawn
    on and timed by."""

    def __init__(
        self, label: str, total: int, *, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic,
        after: float = SHOW_AFTER_SECONDS,
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.after = after
        self.done = 0
        self.started = clock()
        self._progress = None
        self._task = None
        try:
            self._terminal = self.stream.isatty()
        except (AttributeError, ValueError):
            self._terminal = False

    def __enter__(self) -> Steps:
        return self

    def advance(self, what: str | None = None) -> None:
        """One step done; `what` (plain text) says what comes next."""
        self.done += 1
        if self._progress is None and self._terminal and self.clock() - self.started >= self.after:
            self._start()
        if self._progress is not None:
            update = {"completed": self.done}
            if what is not None:
                update["description"] = self._description(what)
            self._progress.update(self._task, **update)

    def _description(self, what: str | None) -> str:
        from rich.markup import escape

        from learnlog.views.text import one_line

        return escape(f"{self.label}: {one_line(what)}" if what else self.label)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(file=self.stream, force_terminal=True), transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self._description(None), total=self.total, completed=self.done)

    @property
    def shown(self) -> bool:
        return self._progress is not None

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
