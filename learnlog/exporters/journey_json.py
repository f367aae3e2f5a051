"""The json export: learnlog's journey document, written as a stream so that a
journey of any size is exported in constant memory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from learnlog.domain.document import FORMAT, VERSION, compact_json


def _write_list(out: TextIO, key: str, items: Iterable[str]) -> None:
    """`"key": [` then each item (JSON text) on a line of its own, as it comes."""
    out.write(f"  {compact_json(key)}: [")
    separator = "\n    "
    for item in items:
        out.write(separator + item)
        separator = ",\n    "
    out.write("\n  ]" if separator != "\n    " else "]")


def write_document(out: TextIO, head: dict[str, Any], entries: Iterable[str]) -> None:
    """Write the document: `head` (journey, settings, cadence, excused, topics),
    then the entries (each already JSON text), one a line, as they come."""
    out.write("{\n")
    out.write(f'  "format": {compact_json(FORMAT)},\n  "version": {VERSION},\n')
    for key, value in head.items():
        if isinstance(value, list):
            _write_list(out, key, (compact_json(item) for item in value))
            out.write(",\n")
        else:
            out.write(f"  {compact_json(key)}: {compact_json(value)},\n")
    _write_list(out, "entries", entries)
    out.write("\n}\n")
