"""What `attach`, `log --attach`, `attachment list` and `show` say about attachments."""

from __future__ import annotations

from collections.abc import Sequence

from learnlog.domain.report import AttachmentInfo
from learnlog.views.text import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.notebooks import LeftOut
    from learnlog.store.attachments import Attached


def origin_text(info: AttachmentInfo) -> str:
    """'from 03-regression.ipynb, cell 12' for an image taken from a notebook; '' otherwise."""
    if info.notebook is None:
        return ""
    return f"from {one_line(info.notebook)}" + (f", cell {info.cell}" if info.cell is not None else "")


def attached_lines(entry_id: int, outcome: Sequence[Attached | LeftOut], *, notebooks_only: bool = False) -> list[str]:
    """A line per file attached or left out, in order. An image whose bytes were in
    the journey already says so, and which attachment it is. With
    `notebooks_only` (the reply of `log`, which names no plain file) only what
    came from notebooks: their images and what was left out."""
    from learnlog.domain.notebooks import LeftOut

    lines = []
    for item in outcome:
        if isinstance(item, LeftOut):
            lines.append(f"Left out {one_line(item.name)}: {one_line(item.reason)}.")
            continue
        if notebooks_only and item.wanted.notebook is None:
            continue
        info = item.info
        if item.already_there:
            known = f"#{info.id} {one_line(info.name)}"
            if info.name != item.wanted.name:
                known = f"{one_line(item.wanted.name)} is {known}"
            lines.append(
                f"Already on entry #{entry_id}: {known}." if item.already_on_entry
                else f"Already in the journey: {known}; attached it to entry #{entry_id}."
            )
            continue
        origin = f", {origin_text(info)}" if info.notebook is not None else ""
        lines.append(f"Attached #{info.id} {one_line(info.name)} ({info.size:,} bytes) to entry #{entry_id}{origin}.")
    return lines
