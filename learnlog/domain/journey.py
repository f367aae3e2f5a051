"""A journey: what every command starts from."""

from __future__ import annotations

from collections import namedtuple


class JourneyRecord(namedtuple("JourneyRecord", "id name start owner", defaults=(None,))):
    """A journey's id, name, Day 0 (`start`), and the role that owns it on
    PostgreSQL. A named tuple, like the cadence's types, to stay cheap to import
    for the shell-prompt segment."""

    __slots__ = ()
