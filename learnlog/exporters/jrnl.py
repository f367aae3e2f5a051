"""Reading jrnl's JSON export (`jrnl --export json`), so jrnl users can switch."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from learnlog.domain.document import read_entry
from learnlog.domain.now import local_moment
from learnlog.domain.records import KINDS, EntryRecord, check_text
from learnlog.domain.topics import clean_name
from learnlog.errors import InputError

JOURNAL_TOPIC = "Journal"
_JRNL_NAMESPACE = uuid.UUID("0c6f7f8e-2f5b-4b8e-8a53-6e2f1d3c9a47")
_TAG_MARK = re.compile(r"^[@#]+")


def _bare(tag: str) -> str:
    return _TAG_MARK.sub("", tag.strip())


def topic_name_from_tag(tag: str) -> str:
    """'@linear-algebra' -> 'Linear Algebra'; a tag with capitals keeps them ('@NumPy' -> 'NumPy')."""
    words = re.split(r"[-_\s]+", _bare(tag))
    name = " ".join(word.capitalize() if word.islower() else word for word in words if word)
    return clean_name(name)


def read_jrnl(data: Any, *, now: datetime) -> list[EntryRecord]:
    """The entries of a jrnl JSON export, one learnlog entry per jrnl entry, held
    to the rules of `log` as of `now` (the journey's start is left to the
    importer), or InputError naming the first bad one.

    Kind tags (@bug, @win, @confusion, @build, @post) set the kind and starred
    entries are wins; the first other tag is the topic (Journal when there is
    none), the rest stay tags. jrnl has no durations, so minutes are unknown.
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError("not a jrnl JSON export: it has no 'entries' list")
    records = []
    for number, item in enumerate(data["entries"], start=1):
        where = f"jrnl entry {number}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object")
        if "date" not in item:
            raise InputError(f"{where}: missing 'date'")
        for key in ("date", "time", "title", "body"):
            if item.get(key) is not None and not isinstance(item[key], str):
                raise InputError(f"{where}: {key!r} must be a string, not {item[key]!r}")
            try:
                check_text(item.get(key) or "", repr(key))
            except InputError as error:
                raise InputError(f"{where}: {error}") from None
        tags = item.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise InputError(f"{where}: 'tags' must be a list of strings, not {tags!r}")
        day, clock = item["date"], item.get("time") or "12:00"
        title, body = (item.get("title") or "").strip(), (item.get("body") or "").strip()
        try:
            written = datetime.fromisoformat(f"{day}T{clock}")
        except ValueError:
            raise InputError(f"{where}: not a date and time: {day} {clock}") from None
        try:
            moment = written if written.tzinfo else local_moment(written.date(), written.time())
        except InputError as error:
            raise InputError(f"{where}: {error}") from None
        note = "\n\n".join(part for part in (title, body) if part) or None
        kind_tags = [_bare(tag).casefold() for tag in tags if _bare(tag).casefold() in KINDS]
        others = [tag for tag in tags if _bare(tag).casefold() not in KINDS and _bare(tag)]
        kind = kind_tags[0] if kind_tags else ("win" if item.get("starred") else "study")
        try:
            topic = topic_name_from_tag(others[0]) if others else JOURNAL_TOPIC
        except InputError as error:
            raise InputError(f"{where}: {error}") from None
        record = {
            # The same jrnl entry (date and time as written, text) always gets the same
            # uid, so a second import of the same file adds nothing, in any time zone.
            "uid": str(uuid.uuid5(_JRNL_NAMESPACE, f"{written.isoformat()}\n{note}")),
            "date": moment.date().isoformat(),
            "timestamp": moment.isoformat(timespec="seconds"),
            "topic": topic,
            "minutes": None,
            "kind": kind,
            "note": note,
            "tags": [_bare(tag) for tag in others[1:]],
            "link": None,
            "confidence": None,
        }
        records.append(read_entry(record, where, now=now, start=None))
    return records
