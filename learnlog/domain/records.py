"""The plain records that flow from the store to the views: journeys, topics, entries."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from learnlog.domain.pace import Pace, pace_json
from learnlog.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.questions import Resolution

KINDS = ("study", "build", "bug", "confusion", "win", "post")

MAX_TAG_LENGTH = 60
MAX_NOTE_LENGTH = 20_000
MAX_ATTACHMENT_NAME = 255
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_LINK = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True)
class TopicRecord:
    id: int
    name: str
    area: str | None
    target_hours: float | None
    archived: bool
    curriculum: str | None
    sessions: int = 0
    minutes: int = 0
    last_day: date | None = None
    confidence: int | None = None
    """The confidence of the latest entry that gave one."""
    target_by: date | None = None
    """The day `target_hours` should be reached by, or None for a target without a date."""
    pace: Pace | None = None
    """Where the dated target stands today, when the store was asked for it."""

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "area": self.area,
            "target_hours": self.target_hours,
            "archived": self.archived,
            "curriculum": self.curriculum,
            "sessions": self.sessions,
            "minutes": self.minutes,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "confidence": self.confidence,
            "target_by": self.target_by.isoformat() if self.target_by else None,
            **pace_json(self.pace),
        }


@dataclass(frozen=True)
class EntryRecord:
    id: int
    uid: str
    day: date
    timestamp: str
    topic: str | None
    minutes: int | None
    kind: str
    note: str | None
    tags: tuple[str, ...]
    link: str | None
    confidence: int | None
    attachments: int = 0
    """How many files are attached to the entry."""
    earlier_uid: str | None = field(default=None, compare=False, repr=False)
    """For an entry read from a file: the uid an earlier learnlog gave the same
    record, so that an import it made is not added again."""
    resolution: Resolution | None = field(default=None, compare=False, repr=False)
    """For a question or bug read from a file: its resolution, stored with it when
    the entry is imported."""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "uid": self.uid,
            "date": self.day.isoformat(),
            "timestamp": self.timestamp,
            "topic": self.topic,
            "minutes": self.minutes,
            "kind": self.kind,
            "note": self.note,
            "tags": list(self.tags),
            "link": self.link,
            "confidence": self.confidence,
            "attachments": self.attachments,
        }


def entry_fields(
    *, note: str | None, duration: str | None, kind: str | None, tags: list[str] | None, link: str | None,
    confidence: str | None, clearing: bool,
) -> dict[str, object]:
    """An entry's fields as typed for `log` or `edit`, cleaned: only those given
    (not None), under their stored names (`minutes` for the duration). An empty
    note, link or confidence clears it; with `clearing` (edit) an empty duration
    clears it too and empty tags clear the tags, where `log` refuses them."""
    from learnlog.domain.dates import parse_duration

    fields: dict[str, object] = {}
    if kind is not None:
        fields["kind"] = check_kind(kind)
    if note is not None:
        fields["note"] = clean_note(note)
    if duration is not None:
        fields["minutes"] = None if clearing and not duration.strip() else parse_duration(duration)
    if tags is not None:
        fields["tags"] = clean_tags([tag for tag in tags if tag.strip()] if clearing else tags)
    if link is not None:
        fields["link"] = clean_link(link)
    if confidence is not None:
        fields["confidence"] = parse_confidence(confidence)
    return fields


def check_text(text: str, what: str) -> str:
    """`text` when both databases can store it: UTF-8 text, so no lone surrogate
    (what JSON's "\\ud800" or an argument or file name that is not UTF-8 decodes
    to), and no NUL character (PostgreSQL cannot store one)."""
    if "\x00" in text:
        raise InputError(f"{what} contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"{what} is not UTF-8 text (character {error.start + 1} is a lone surrogate)") from None
    return text


def check_attachment_name(name: str, what: str = "an attachment name") -> str:
    """The name an attachment is stored under: UTF-8 text of 1 to MAX_ATTACHMENT_NAME
    characters; `what` names it in complaints."""
    check_text(name, what)
    if not name:
        raise InputError(f"{what} cannot be empty")
    if len(name) > MAX_ATTACHMENT_NAME:
        raise InputError(f"{what} is longer than {MAX_ATTACHMENT_NAME} characters")
    return name


def check_kind(kind: str) -> str:
    cleaned = kind.strip().casefold()
    if cleaned not in KINDS:
        raise InputError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return cleaned


def check_confidence(confidence: int) -> int:
    if not 1 <= confidence <= 5:
        raise InputError(f"confidence must be from 1 to 5, not {confidence}")
    return confidence


def parse_confidence(text: str) -> int | None:
    """A confidence typed as text: a digit from 1 to 5, or None for an empty value."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise InputError(f"confidence must be a whole number from 1 to 5, not {text[:20]!r}")
    if len(cleaned) > 2:
        raise InputError(f"confidence must be from 1 to 5, not a number of {len(cleaned)} digits")
    return check_confidence(int(cleaned))


def check_topic_for_kind(topic: object | None, kind: str) -> None:
    """Only a post (a published update, which covers several topics) may have no topic."""
    if topic is None and kind != "post":
        raise InputError("name a topic (only a post may have none)")


def check_target_hours(hours: float) -> float | None:
    """Target hours for a topic: a finite number of hours, 0 clearing the target."""
    if not math.isfinite(hours) or hours < 0 or hours > 100_000:
        raise InputError(f"target hours must be from 0 to 100000, not {hours:g}")
    return hours or None


def target_fields(
    *, hours: float | None, by: str | None, current_hours: float | None, today: date,
) -> dict[str, object]:
    """A topic's target as `topic add` and `topic edit` take it (`--target-hours`,
    `--by`; None when not given), cleaned: only the fields given, under their stored
    names. 0 hours clears the target and its date with it; an empty `by` clears the
    date; a date needs a target, given with it or already the topic's
    (`current_hours`), and is today or later (parse_day_ahead)."""
    from learnlog.domain.dates import parse_day_ahead

    fields: dict[str, object] = {}
    if hours is not None:
        fields["target_hours"] = check_target_hours(hours)
        if fields["target_hours"] is None:
            fields["target_by"] = None
    if by is not None and by.strip():
        if fields.get("target_hours", current_hours) is None:
            if "target_hours" in fields:
                raise InputError("--by needs a target, and --target-hours 0 clears it: give more than 0 hours")
            raise InputError("--by needs a target: add --target-hours")
        fields["target_by"] = parse_day_ahead(by, today)
    elif by is not None:
        fields["target_by"] = None
    return fields


def check_tag_filter(tag: str) -> str:
    """A tag to filter by, cleaned the way tags are when logged."""
    return clean_tags([tag])[0]


def clean_tags(tags: list[str]) -> tuple[str, ...]:
    """Tags as typed, without a leading '#', each once (ignoring case)."""
    cleaned: list[str] = []
    for tag in tags:
        text = check_text(tag, "a tag").strip().lstrip("#").strip()
        if not text:
            raise InputError("a tag cannot be empty")
        if len(text) > MAX_TAG_LENGTH or any(not char.isprintable() for char in text):
            raise InputError(f"not a tag: {tag!r} (at most {MAX_TAG_LENGTH} printable characters)")
        if text.casefold() not in (seen.casefold() for seen in cleaned):
            cleaned.append(text)
    return tuple(cleaned)


def clean_link(link: str) -> str | None:
    """A web address, or None for an empty value (which clears a link)."""
    text = check_text(link, "a link").strip()
    if not text:
        return None
    if not _LINK.fullmatch(text):
        raise InputError(f"not a link: {link!r} (use a full http:// or https:// address)")
    return text


def clean_note(note: str) -> str | None:
    """The note as typed, or None for an empty one (which clears a note). Views
    make control characters visible, so they are kept as the user gave them."""
    text = check_text(note, "a note").strip()
    if not text:
        return None
    if len(text) > MAX_NOTE_LENGTH:
        raise InputError(f"a note is at most {MAX_NOTE_LENGTH} characters")
    return text
