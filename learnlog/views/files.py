"""Writing the files users ask for: never over an existing file without --force,
and never half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from learnlog.errors import InputError
from learnlog.store.location import display_path


def refuse_overwrite(path: Path, *, force: bool) -> None:
    """InputError when `path` exists (or is a link) and --force was not given, or is a folder."""
    if path.is_dir():
        raise InputError(f"{display_path(path)} is a folder: give a file name")
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(f"{display_path(path)} exists: use --force to overwrite it")
    if not path.parent.is_dir():
        raise InputError(f"no folder {display_path(path.parent)} to write {path.name} into")


def write_text(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` whole: to a temporary file beside it, then renamed over it."""
    refuse_overwrite(path, force=force)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
