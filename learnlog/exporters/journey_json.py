"""The json export: learnlog's journey document, written as a stream so that a
journey of any size is exported in constant memory."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from learnlog.domain.document import FORMAT, VERSION


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _write_list(out: TextIO, key: str, items: Iterable[Any]) -> None:
    """`"key": [` then each item on a line of its own, as it comes."""
    out.write(f"  {_dumps(key)}: [")
    separator = "\n    "
    for item in items:
        out.write(separator + _dumps(item))
        separator = ",\n    "
    out.write("\n  ]" if separator != "\n    " else "]")


def write_document(out: TextIO, head: dict[str, Any], entries: Iterable[dict[str, Any]]) -> None:
    """Write the document: `head` (journey, settings, cadence, excused, topics),
    then the entries, one object a line, as they come."""
    out.write("{\n")
    out.write(f'  "format": {_dumps(FORMAT)},\n  "version": {VERSION},\n')
    for key, value in head.items():
        if isinstance(value, list):
            _write_list(out, key, value)
            out.write(",\n")
        else:
            out.write(f"  {_dumps(key)}: {_dumps(value)},\n")
    _write_list(out, "entries", entries)
    out.write("\n}\n")
