"""The journey's settings (`learnlog config`): their defaults and what each accepts."""

from __future__ import annotations

from learnlog.domain.dates import parse_duration

DEFAULTS = {"default-duration": "30m"}


def check_setting(name: str, value: str) -> str:
    """The value in its stored form, or InputError when `name` cannot take it."""
    if name == "default-duration":
        return f"{parse_duration(value)}m"
    raise AssertionError(f"unchecked setting {name!r}")


def default_minutes(stored: dict[str, str]) -> int:
    """The duration of a session logged without -d."""
    return parse_duration(stored.get("default-duration", DEFAULTS["default-duration"]))
