"""Entries as CSV, one row each: for spreadsheets, pandas, and back into learnlog."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from learnlog.domain.document import read_entry
from learnlog.domain.records import EntryRecord
from learnlog.errors import InputError

COLUMNS = ("uid", "date", "timestamp", "topic", "minutes", "kind", "note", "tags", "link", "confidence")
REQUIRED = ("date", "topic")
FORMULA_STARTS = ("=", "+", "-", "@")
"""A cell starting with one of these is a formula to a spreadsheet: it gets a
leading apostrophe on the way out, taken off again on the way in. Text that
already starts with apostrophes before one of these gets one more, so that
taking one off gives it back as it was."""
TAG_SEPARATOR = ";"
_CSV_NAMESPACE = uuid.UUID("5b0d3c52-96a7-4f4e-9e38-0f0c3a2c5e11")


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS) else text


def write_csv(out: TextIO, records: Iterable[EntryRecord]) -> None:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(
            (
                record.uid, record.day.isoformat(), record.timestamp, _cell(record.topic),
                "" if record.minutes is None else record.minutes, record.kind, _cell(record.note),
                _cell(TAG_SEPARATOR.join(record.tags)), _cell(record.link),
                "" if record.confidence is None else record.confidence,
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


def read_csv(text: str) -> list[EntryRecord]:
    """The entries in a CSV file with at least `date` and `topic` columns (the
    other COLUMNS are optional), or InputError naming the first bad row."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    records = []
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
            cells = {key: _uncell(value or "") for key, value in row.items()}
            day = cells["date"].strip()
            stamp = cells.get("timestamp", "").strip() or f"{day}T12:00:00"
            try:
                moment = datetime.fromisoformat(stamp)
            except ValueError:
                raise InputError(f"row {number}: 'timestamp' is not an ISO date-time: {stamp!r}") from None
            if moment.tzinfo is None:
                moment = moment.astimezone()
            note = cells.get("note") or None
            record = {
                "uid": cells.get("uid", "").strip()
                or str(uuid.uuid5(_CSV_NAMESPACE, f"{moment.isoformat()}\n{cells['topic']}\n{note}")),
                "date": day,
                "timestamp": moment.isoformat(),
                "topic": cells["topic"].strip() or None,
                "minutes": _number(cells.get("minutes", ""), "minutes", number),
                "kind": cells.get("kind", "").strip() or "study",
                "note": note,
                "tags": [tag for tag in (cells.get("tags") or "").split(TAG_SEPARATOR) if tag.strip()],
                "link": cells.get("link", "").strip() or None,
                "confidence": _number(cells.get("confidence", ""), "confidence", number),
            }
            records.append(read_entry(record, f"row {number}"))
    except csv.Error as error:
        raise InputError(f"not a readable CSV file: {error}") from None
    return records
