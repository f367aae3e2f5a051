"""Writing the files users ask for (exports, backups): never over an existing file
without --force, and never half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from learnlog.store.location import refuse_overwrite


@contextmanager
def replacing(path: Path, *, force: bool, binary: bool = False) -> Iterator[IO]:
    """A file to write `path` through: a temporary file beside it, renamed over
    `path` when the block ends well (a link at `path` is replaced, never followed)
    and removed when it does not, so `path` never holds half a file."""
    refuse_overwrite(path, force=force)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as file:
            yield file
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
