"""The journey's settings (`learnlog config`): their defaults and what each accepts."""

from __future__ import annotations

import re
from datetime import time

from learnlog.domain import skips
from learnlog.domain.dates import parse_duration
from learnlog.errors import InputError

DEFAULTS = {
    "default-duration": "30m", "reminder-time": "09:00", "skip-budget": skips.OFF,
    "review-retention": "0.9", "sync-estimate": "on", "post-format": "plain", "hashnode-domain": "none",
    "hashnode-series": "none", "devto-series": "none",
}
DESCRIPTIONS = {
    "default-duration": "the duration of a session logged without -d",
    "reminder-time": "when the calendar (export --format ics) reminds you on a deadline day",
    "skip-budget": "how many days a calendar month skip may excuse (0 to 31), or off for no limit",
    "review-retention": "the chance of recall a topic is due for review at (0.70 to 0.97)",
    "sync-estimate": "whether sync estimates a synced day's duration from its commits (on), or leaves it unknown (off)",
    "post-format": "the front matter post draft writes: plain, hashnode, devto, hugo or jekyll",
    "hashnode-domain": "your Hashnode blog's domain (me.hashnode.dev), which --for hashnode needs",
    "hashnode-series": "the slug of the Hashnode series your updates belong to, or none",
    "devto-series": "the name of the dev.to series your updates belong to, or none",
}
POST_FORMATS = ("plain", "hashnode", "devto", "hugo", "jekyll")
_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.ASCII)
_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)", re.ASCII)


def check_setting(name: str, value: str) -> str:
    """The value in its stored form, or InputError when `name` cannot take it."""
    if name == "default-duration":
        return f"{parse_duration(value)}m"
    if name == "reminder-time":
        match = _CLOCK.fullmatch(value.strip())
        if not match:
            raise InputError(f"not a time of day: {value!r} (use HH:MM, 24-hour)")
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    if name == "skip-budget":
        return skips.check_budget(value)
    if name == "review-retention":
        # Imported here: `status` reads the settings on every run, and needs no review rules.
        from learnlog.domain.reviews import check_retention

        return check_retention(value)
    if name == "post-format":
        return check_post_format(value)
    if name == "hashnode-domain":
        domain = value.strip().casefold().removeprefix("https://").rstrip("/")
        if domain in ("", "none"):
            return "none"
        if not _DOMAIN.fullmatch(domain):
            raise InputError(f"not a blog's domain: {value!r} (like me.hashnode.dev or blog.example.com)")
        return domain
    if name in ("hashnode-series", "devto-series"):
        series = " ".join(value.split())
        if not series or series.casefold() == "none":
            return "none"
        if len(series) > 100 or not series.isprintable():
            raise InputError(f"not a series name: {value!r} (printable, at most 100 characters)")
        return series
    if name == "sync-estimate":
        choice = value.strip().casefold()
        if choice not in ("on", "off"):
            raise InputError(f"sync-estimate is on or off, not {value!r}")
        return choice
    raise AssertionError(f"unchecked setting {name!r}")


def default_minutes(stored: dict[str, str]) -> int:
    """The duration of a session logged without -d."""
    return parse_duration(stored.get("default-duration", DEFAULTS["default-duration"]))


def reminder_time(stored: dict[str, str]) -> time:
    """When a calendar reminds the user on a deadline day."""
    return time.fromisoformat(stored.get("reminder-time", DEFAULTS["reminder-time"]))


def review_retention(stored: dict[str, str]) -> float:
    """The desired retention topics are scheduled for review with."""
    return float(stored.get("review-retention", DEFAULTS["review-retention"]))


def sync_estimate(stored: dict[str, str]) -> bool:
    """Whether `sync` estimates the duration of a synced day."""
    return stored.get("sync-estimate", DEFAULTS["sync-estimate"]) == "on"


def check_post_format(value: str) -> str:
    """A post format, as `config post-format` and `post draft --for` take it."""
    chosen = value.strip().casefold()
    if chosen not in POST_FORMATS:
        raise InputError(f"not a post format: {value!r} (use one of {', '.join(POST_FORMATS)})")
    return chosen
