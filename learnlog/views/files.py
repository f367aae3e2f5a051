"""Writing the files users ask for: never over an existing file without --force,
and never half a file (`learnlog.store.files.replacing` writes each)."""

from __future__ import annotations

from pathlib import Path

from learnlog.store.files import replacing


def write_bytes(path: Path, content: bytes, *, force: bool) -> None:
    with replacing(path, force=force, binary=True) as file:
        file.write(content)


def write_text(path: Path, text: str, *, force: bool) -> None:
    with replacing(path, force=force) as file:
        file.write(text)
