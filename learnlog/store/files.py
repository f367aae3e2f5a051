"""Writing the files users ask for (exports, drafts, backups): never over an existing
file without --force, and never half a file. What the user writes to share (exports,
posts and their assets) follows their umask; a backup is theirs alone (0600). And
what to say when the system refuses to read or write a file, in this one place for
every file learnlog touches."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from learnlog.errors import InputError, LearnlogError
from learnlog.store.location import display_path, refuse_overwrite


@contextmanager
def replacing(path: Path, *, force: bool, binary: bool = False, private: bool = False) -> Iterator[IO]:
    """A file to write `path` through: a temporary file beside it, renamed over
    `path` when the block ends well (a link at `path` is replaced, never followed)
    and removed when it does not, so `path` never holds half a file. It is 0600
    when `private`, and as the umask makes a new file otherwise."""
    refuse_overwrite(path, force=force)
    try:
        descriptor, temporary = temporary_beside(path)
    except OSError as error:
        raise system_refusal(error, path, "write") from None
    try:
        with os.fdopen(descriptor, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as file:
            try:
                yield file
                file.flush()
            except OSError as error:
                raise system_refusal(error, path, "write") from None
        os.chmod(temporary, 0o600 if private else _shared_mode())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise system_refusal(error, path, "write") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def temporary_beside(path: Path, suffix: str = ".tmp") -> tuple[int, str]:
    """A new hidden file in `path`'s folder to write `path` through (mkstemp's
    descriptor and name). Its name starts with as much of `path`'s as leaves room
    for the rest, so a name of 255 bytes, the most a file system takes, still fits."""
    room = 255 - len(f"..{suffix}") - 8  # mkstemp's 8 random characters
    stem = os.fsencode(path.name)[:room].decode("utf-8", "ignore")
    return tempfile.mkstemp(dir=path.parent, prefix=f".{stem}.", suffix=suffix)


def system_refusal(error: OSError, path: os.PathLike, doing: str) -> LearnlogError:
    """What to tell the user when the system refused to `doing` ("read", "write")
    the file at `path`: one line that names `path`, the user's file (never a
    temporary one learnlog went through), says what happened and what to do."""
    import errno

    shown = display_path(path)
    number = error.errno
    if number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return no_room(path, doing, file_size_limit=number == errno.EFBIG)
    if number == errno.ENAMETOOLONG:
        reason = "its name is longer than the file system takes (255 bytes); choose a shorter one"
    elif number == errno.EROFS:
        reason = "the file system holding it is read-only; choose a place you can write to"
    elif number in (errno.EACCES, errno.EPERM):
        reason = _denied(Path(path), doing)
    elif number == errno.EIO:
        reason = "the disk reported an input/output error; check the disk, then restore a backup if need be"
    else:
        reason = error.strerror or str(error)
    return LearnlogError(f"cannot {doing} {shown}: {reason}")


def _denied(path: Path, doing: str) -> str:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folder where learnlog would have made the missing ones
    if not os.access(folder, os.X_OK) or (doing != "read" and not path.exists() and not os.access(folder, os.W_OK)):
        return f"you may not {'write in' if doing != 'read' else 'open'} the folder {display_path(folder)}; choose another or change its permissions"
    needed = "r" if doing == "read" else "w"
    return f"you may not {doing} it; change its permissions (chmod u+{needed} {display_path(path)})"


def no_room(path: os.PathLike, doing: str, *, file_size_limit: bool | None = None) -> LearnlogError:
    """The message for a write that found no room: a full disk (or quota), or the
    file-size limit of `ulimit -f`. SQLite reports both as "database or disk is
    full", so where `file_size_limit` is not known, a limit in force names it."""
    import resource

    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if file_size_limit is None:
        file_size_limit = limit != resource.RLIM_INFINITY
    if file_size_limit and limit != resource.RLIM_INFINITY:
        reason = (f"it would outgrow the file-size limit of {limit:,} bytes (ulimit -f);"
                  " raise the limit and try again")
    elif file_size_limit:
        reason = "it would outgrow the file-size limit (ulimit -f); raise the limit and try again"
    else:
        reason = "the disk holding it is full; free some space and try again"
    return LearnlogError(f"cannot {doing} {display_path(path)}: {reason}")


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
    current = None
    try:
        for path, content in files:
            current = path
            _make_folder(path.parent, made)
            descriptor, temporary = temporary_beside(path)
            staged.append((temporary, path))
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
            os.chmod(temporary, _shared_mode())
        for temporary, path in staged:
            current = path
            existed = path.exists() or path.is_symlink()
            os.replace(temporary, path)
            if not existed:
                placed.append(path)
    except BaseException as error:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        for path in placed:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        if isinstance(error, OSError) and current is not None:
            raise system_refusal(error, current, "write") from None
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
