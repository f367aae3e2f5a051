"""What the CLI tests share: each drives the real entry point through the
`learnlog` fixture (tests/conftest.py), with "today" fixed to Wed 25 Nov 2026."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

import pytest


@pytest.fixture
def ok(learnlog) -> Callable:
    """Run learnlog and insist that it succeeded; returns its result."""

    def run(*args: str, today: str | None = None):
        result = learnlog(*args, today=today)
        assert result.exit_code == 0, f"learnlog {' '.join(args)} exited {result.exit_code}: {result.stderr}"
        return result

    return run


@pytest.fixture
def json_of(ok) -> Callable:
    """Run a learnlog command that prints JSON and return what it printed, parsed."""

    def run(*args: str, today: str | None = None):
        return json.loads(ok(*args, today=today).stdout)

    return run


@pytest.fixture
def refused(learnlog) -> Callable:
    """Run learnlog and insist that it refused the way learnlog refuses bad input:
    exit 1, nothing on stdout, exactly one line on stderr, no traceback. Returns that line."""

    def run(*args: str, today: str | None = None) -> str:
        result = learnlog(*args, today=today)
        assert result.exit_code == 1, f"learnlog {' '.join(args)} exited {result.exit_code}: {result.stdout}"
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert lines[0].startswith("Error: ")
        return lines[0]

    return run


@pytest.fixture
def journey_state(json_of) -> Callable:
    """Everything a journey holds, as its reading commands show it, to compare
    before and after a command that must change nothing."""

    def read() -> dict:
        return {
            "entries": json_of("entries", "--json", "--all"),
            "topics": json_of("topic", "list", "--all", "--json"),
            "settings": json_of("config", "--json"),
            "excused": json_of("skip", "--list", "--json"),
            "cadence": json_of("cadence", "--json"),
            "questions": json_of("questions", "--all", "--json"),
        }

    return read


@pytest.fixture
def berlin():
    """Run in Europe/Berlin (UTC+01:00 in November), so stored offsets are not +00:00
    by accident; the previous time zone comes back afterwards."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()
