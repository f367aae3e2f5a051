"""`learnlog entries` as plain columns (learnlog.views.columns): no Rich to load for
the everyday listing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from learnlog.domain.records import EntryRecord
from learnlog.views.columns import Column, Styled, draw
from learnlog.views.text import count_text, first_line, minutes_text, one_line, plain

COLUMNS = (
    Column("#", right=True, wraps=False),
    Column("Date", wraps=False),
    Column("Day", right=True, wraps=False),
    Column("Topic"),
    Column("Time", right=True, wraps=False),
    Column("Kind", wraps=False),
    Column("Note", flexible=True),
)


def note_cell(record: EntryRecord, *, full: bool) -> Styled:
    """The note (its first line, or whole with `full`), then the tags, the link, the
    confidence and the attachments, each in a style of its own."""
    note = Styled(plain(record.note or "") if full else first_line(record.note or ""))
    extras = (
        (" ".join(f"#{one_line(tag)}" for tag in record.tags), "cyan"),
        (one_line(record.link or ""), "dim"),
        (f"(confidence {record.confidence}/5)" if record.confidence else "", "dim"),
        (f"[{count_text(record.attachments, 'file')}]" if record.attachments else "", "magenta"),
    )
    for text, style in extras:
        if text:
            # The space before an extra is its own, in its style, as Rich drew it.
            note = note.append(f" {text}" if note.text else text, style)
    return note


def entries_lines(
    records: Sequence[EntryRecord], *, start: date, full: bool = False, width: int, colour: bool,
) -> list[str]:
    """The entries as the lines of a table `width` cells wide, each note by its first
    line, or whole with `full` (its line breaks kept, every other control shown escaped)."""
    rows = [
        (
            str(record.id),
            record.day.isoformat(),
            str((record.day - start).days),
            one_line(record.topic or ""),
            minutes_text(record.minutes) if record.minutes is not None else "",
            record.kind if record.kind != "study" else "",
            note_cell(record, full=full),
        )
        for record in records
    ]
    return draw(COLUMNS, rows, width=width, colour=colour)
