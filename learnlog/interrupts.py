"""Holding Ctrl-C back while a command makes a change that must happen whole, so
that the command itself decides where it stops and can say what it changed."""

from __future__ import annotations

import signal


class deferred_interrupts:
    """`with deferred_interrupts() as interruption:` inside the block, Ctrl-C
    (SIGINT) only sets `interruption.requested`; the block looks at it where
    stopping is safe. Outside the main thread, where Python cannot take signals,
    it holds nothing back. A class rather than contextlib's decorator, which every
    command would pay for."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def _request(self, number, frame) -> None:
        self.requested = True

    def __enter__(self) -> deferred_interrupts:
        try:
            self._previous = signal.signal(signal.SIGINT, self._request)
        except ValueError:
            self._previous = None
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


NEVER_INTERRUPTED = deferred_interrupts()
"""An interruption never requested, for callers with nothing to hold back."""
