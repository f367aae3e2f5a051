"""Progress of long work: drawn on a terminal once the work has taken a second,
never on a pipe, and cleared when the work ends."""

from __future__ import annotations

import io
import sys

import pytest

from learnlog.views.progress import Steps


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "stream, elapsed, shown",
    [
        pytest.param(Terminal(), 0.5, False, id="quick work on a terminal: nothing"),
        pytest.param(Terminal(), 1.5, True, id="long work on a terminal: a bar"),
        pytest.param(io.StringIO(), 30.0, False, id="long work into a pipe: nothing"),
    ],
)
def test_a_bar_is_drawn_only_for_long_work_on_a_terminal(stream, elapsed, shown):
    clock = Clock()
    with Steps("Reading repositories", total=3, stream=stream, clock=clock) as steps:
        steps.advance("titanic")
        clock.now = elapsed
        steps.advance("[red]drills[/red]")
        assert steps.shown is shown
    written = stream.getvalue()
    assert bool(written) is shown
    if shown:
        assert "Reading repositories: [red]drills[/red]" in written and "2/3" in written


def test_quick_work_imports_nothing_of_rich():
    import subprocess

    program = (
        "import io, sys\n"
        "from learnlog.views.progress import Steps\n"
        "class Terminal(io.StringIO):\n"
        "    def isatty(self): return True\n"
        "with Steps('Reading', total=2, stream=Terminal()) as steps:\n"
        "    steps.advance(); steps.advance()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
