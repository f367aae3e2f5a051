"""Writing the files users ask for (exports, drafts, backups): never over an existing
file without --force, and never half a file. What the user writes to share (exports,
posts and their assets) follows their umask; a backup is theirs alone (0600)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from learnlog.errors import InputError
from learnlog.store.location import display_path, refuse_overwrite


@contextmanager
def replacing(path: Path, *, force: bool, binary: bool = False, private: bool = False) -> Iterator[IO]:
    """A file to write `path` through: a temporary file beside it, renamed over
    `path` when the block ends well (a link at `path` is replaced, never followed)
    and removed when it does not, so `path` never holds half a file. It is 0600
    when `private`, and as the umask makes a new file otherwise."""
    refuse_overwrite(path, force=force)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as file:
            yield file
        os.chmod(temporary, 0o600 if private else _shared_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_together(files: Sequence[tuple[Path, bytes]], *, force: bool) -> None:
    """Write each (path, content) or none of them, the last one last: a post appears
    only with every asset it links, and a failure (a full disk, a name the file system
    refuses) leaves no file and no folder that was not there before. Each is written
    to a temporary file beside its path first, and renamed into place once all are.
    Missing folders are made as the umask makes them; with --force an existing file
    is replaced, and other files in an existing folder are left alone."""
    for path, _ in files:
        if path.parent.is_dir():  # a folder still to make holds nothing to overwrite
            refuse_overwrite(path, force=force)
    made: list[Path] = []
    staged: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for path, content in files:
            _make_folder(path.parent, made)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".learnlog-", suffix=".tmp")
            staged.append((temporary, path))
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
            os.chmod(temporary, _shared_mode())
        for temporary, path in staged:
            existed = path.exists() or path.is_symlink()
            os.replace(temporary, path)
            if not existed:
                placed.append(path)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        for path in placed:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise


def _make_folder(folder: Path, made: list[Path]) -> None:
    """Make `folder` and its missing parents, adding each to `made` as it is made."""
    try:
        for missing in [parent for parent in (folder, *folder.parents) if not parent.exists()][::-1]:
            missing.mkdir()
            made.append(missing)
        folder.mkdir(exist_ok=True)  # a file in its place is refused as mkdir refuses it
    except OSError as error:
        raise InputError(f"cannot make the folder {display_path(folder)}: {error.strerror or error}") from None


def _shared_mode() -> int:
    """The mode the umask gives a new file, as open() would make it."""
    return 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
