"""Entries as CSV, one row each: for spreadsheets, pandas, and back into learnlog."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TextIO

from learnlog.domain.document import compact_json, read_entry
from learnlog.domain.now import local_moment
from learnlog.domain.records import EntryRecord
from learnlog.errors import InputError

COLUMNS = (
    "uid", "date", "timestamp", "topic", "minutes", "kind", "note", "tags", "link", "confidence", "resolved_on",
    "resolution",
)
"""`resolved_on` is when a question or bug was resolved (ISO 8601, as `timestamp`),
`resolution` its answer; both empty while it is open. A resolution's link is the
json export's alone."""
REQUIRED = ("date", "topic")
FORMULA_STARTS = ("=", "+", "-", "@")
"""A cell starting with one of these is a formula to a spreadsheet: it gets a
leading apostrophe on the way out, taken off again on the way in. Text that
already starts with apostrophes before one of these gets one more, so that
taking one off gives it back as it was."""
TAG_SEPARATOR = ";"
_CSV_NAMESPACE = uuid.UUID("5b0d3c52-96a7-4f4e-9e38-0f0c3a2c5e11")
_NO_UID = str(uuid.UUID(int=0))
"""Stands for the uid of a row without one until its fields are read."""


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS) else text


def write_csv(out: TextIO, records: Iterable[EntryRecord]) -> None:
    """A header, then a row per record, with its resolution when it carries one."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for record in records:
        resolution = record.resolution
        writer.writerow(
            (
                record.uid, record.day.isoformat(), record.timestamp, _cell(record.topic),
                "" if record.minutes is None else record.minutes, record.kind, _cell(record.note),
                _cell(TAG_SEPARATOR.join(record.tags)), _cell(record.link),
                "" if record.confidence is None else record.confidence,
                resolution.timestamp if resolution else "", _cell(resolution.note) if resolution else "",
            )
        )


def _number(text: str, column: str, row: int) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise InputError(f"row {row}: {column!r} must be a whole number, not {text[:40]!r}")
    if len(text) > 9:
        raise InputError(f"row {row}: {column!r} is out of range ({len(text)} digits)")
    return int(text)


def read_csv(text: str, *, now: datetime) -> list[EntryRecord]:
    """The entries in a CSV file with at least `date` and `topic` columns (the
    other COLUMNS are optional), held to the rules of `log` as of `now` (the
    journey's start is left to the importer), or InputError naming the first bad row.

    A row without a uid gets one made from all its fields and its occurrence among
    identical rows, so that rows differing in any field, and rows repeated (two
    sessions alike on one day), are each an entry, and the same file read again
    gives the same uids. The timestamp enters as written, so in any time zone.

    The first row of each (timestamp, topic, note) also carries, as `earlier_uid`,
    the uid learnlog 0.1 gave it (made from those three alone), so that a file that
    version imported does not add its rows again; the rows it took for that one
    are added now."""
    # strict: a file cut off inside a quoted cell is refused, not read to its end as that cell.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    records = []
    seen: Counter[str] = Counter()
    earlier: set[str] = set()
    number = 1
    try:
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED if column not in header]
        if missing:
            raise InputError(
                f"not a learnlog CSV file: no {', '.join(missing)} column (columns: {', '.join(COLUMNS)})"
            )
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise InputError(f"row {number}: more cells than columns")
            records.append(_read_row(row, f"row {number}", number, seen, earlier, now))
    except csv.Error as error:
        raise InputError(f"row {number + 1}: not readable as CSV ({error})") from None
    return records


def _read_row(
    row: dict[str, str | None], where: str, number: int, seen: Counter[str], earlier: set[str], now: datetime,
) -> EntryRecord:
    cells = {key: _uncell(value or "") for key, value in row.items()}
    day = cells["date"].strip()
    written, moment = _moment(cells.get("timestamp", "").strip() or f"{day}T12:00:00", "timestamp", where)
    given_uid = cells.get("uid", "").strip()
    record = {
        "uid": given_uid or _NO_UID,
        "date": day,
        "timestamp": moment.isoformat(),
        "topic": cells["topic"].strip() or None,
        "minutes": _number(cells.get("minutes", ""), "minutes", number),
        "kind": cells.get("kind", "").strip() or "study",
        "note": cells.get("note") or None,
        "tags": [tag for tag in (cells.get("tags") or "").split(TAG_SEPARATOR) if tag.strip()],
        "link": cells.get("link", "").strip() or None,
        "confidence": _number(cells.get("confidence", ""), "confidence", number),
    }
    resolved_on, answer = cells.get("resolved_on", "").strip(), cells.get("resolution") or ""
    if resolved_on or answer.strip():
        if not resolved_on:
            raise InputError(f"{where}: a 'resolution' needs its 'resolved_on'")
        # A day alone means noon, as it does for a session's date.
        resolved = _moment(resolved_on if "T" in resolved_on else f"{resolved_on}T12:00:00", "resolved_on", where)[1]
        record["resolution"] = {
            "date": resolved.date().isoformat(), "timestamp": resolved.isoformat(), "note": answer,
        }
    entry = read_entry(record, where, now=now, start=None)
    if given_uid:
        return entry
    fields = compact_json([
        written.isoformat(), entry.topic, entry.minutes, entry.kind, entry.note, entry.tags, entry.link,
        entry.confidence,
    ])
    seen[fields] += 1
    uid = str(uuid.uuid5(_CSV_NAMESPACE, f"{fields}\n{seen[fields]}"))
    earlier_uid = _earlier_uid(written, cells)
    if earlier_uid is None or earlier_uid in earlier:
        return replace(entry, uid=uid)
    earlier.add(earlier_uid)
    return replace(entry, uid=uid, earlier_uid=earlier_uid)


def _moment(stamp: str, column: str, where: str) -> tuple[datetime, datetime]:
    """A cell's ISO date-time as written, and as an aware moment: one without a UTC
    offset is local time."""
    try:
        written = datetime.fromisoformat(stamp)
    except ValueError:
        raise InputError(f"{where}: {column!r} is not an ISO date-time: {stamp!r}") from None
    try:
        return written, written if written.tzinfo else local_moment(written.date(), written.time())
    except InputError as error:
        raise InputError(f"{where}: {error}") from None


def _earlier_uid(written: datetime, cells: dict[str, str]) -> str | None:
    """The uid learnlog 0.1 gave a row without one (from its timestamp, topic and note
    alone), or None where that version could not have read the row."""
    try:
        moment = written if written.tzinfo else written.astimezone()
    except (OverflowError, ValueError, OSError):
        return None
    note = cells.get("note") or None
    return str(uuid.uuid5(_CSV_NAMESPACE, f"{moment.isoformat()}\n{cells['topic']}\n{note}"))
