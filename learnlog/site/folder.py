"""The site's folder: what may be written in it, and writing the site there.

A folder takes the site when it is missing, empty, or holds a site learnlog built
before (its MARKER lists the files it wrote); any other folder only with --force.
Each file is replaced atomically (a reader of the folder never sees half a page),
a file the previous build wrote and this one does not is removed, and nothing else
in the folder is ever touched: a `.git` folder, a `CNAME`, a workflow file stay as
they are. The files follow the umask: they are meant to be served.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from learnlog.errors import InputError
from learnlog.store.files import replacing, system_refusal
from learnlog.store.location import display_path, refuse_overwrite

MARKER = ".learnlog-site"
"""The file that says learnlog built the site in its folder, listing the files it wrote."""
MARKER_HEADER = "# Written by learnlog site build: the files of the site, which the next build replaces or removes.\n"
LISTED_IN_REFUSAL = 3


def listed_name(line: str) -> str | None:
    """A file name the marker lists, or None for a line that names no file of the site
    (a comment, a blank line, or anything naming a path beyond the folder itself)."""
    name = line.strip()
    if not name or name.startswith(("#", ".")) or "/" in name or "\\" in name or "\x00" in name:
        return None
    return name


def written_before(folder: Path) -> set[str] | None:
    """The files the previous build listed in `folder`'s marker; None without a marker."""
    marker = folder / MARKER
    if not marker.is_file():
        return None
    try:
        text = marker.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise system_refusal(error, marker, "read") from None
    return {name for name in map(listed_name, text.splitlines()) if name is not None}


def is_site(path: Path) -> bool:
    """True when `path` is a folder holding a site learnlog built (a member's page
    beside a group's, say): never a file learnlog did not write."""
    return path.is_dir() and (path / MARKER).is_file()


def member_pages(folder: Path, names: Iterable[str], page: str) -> set[str]:
    """Those of `names` (journeys) whose page was built into `folder`/NAME by `site
    build --journey NAME`: a site learnlog built, holding `page` (its index)."""
    return {
        name for name in names
        if listed_name(name) == name and page in (written_before(folder / name) or set())
    }


def _names_text(names: list[str]) -> str:
    shown = ", ".join(names[:LISTED_IN_REFUSAL])
    more = len(names) - LISTED_IN_REFUSAL
    return shown + (f" and {more} more" if more > 0 else "")


def check_folder(folder: Path, names: list[str], *, force: bool) -> set[str]:
    """The files of an earlier build in `folder` (empty when there is none), once the
    folder is known to take a site of `names`; InputError when it is no folder, or is
    a folder learnlog did not build (or where a file of the site would replace one it
    did not write) and not `force`."""
    if os.path.lexists(folder) and not folder.is_dir():
        raise InputError(f"{display_path(folder)} is not a folder: give a folder for the site")
    if not folder.exists():
        return set()
    previous = written_before(folder)
    try:
        # Sites learnlog built inside this one (the members' pages of a group) are its own too.
        held = sorted(name for name in os.listdir(folder) if name in names or not is_site(folder / name))
    except OSError as error:
        raise system_refusal(error, folder, "read") from None
    if previous is None and held and not force:
        raise InputError(
            f"{display_path(folder)} holds files learnlog did not write ({_names_text(held)}):"
            " choose an empty or new folder, or add --force to write the site beside them"
        )
    others = [name for name in names if name in held and name not in (previous or set())]
    if previous is not None and others and not force:
        raise InputError(
            f"{display_path(folder)} holds {_names_text(others)}, which learnlog did not write:"
            " move it away, or add --force to replace it"
        )
    for name in names:
        refuse_overwrite(folder / name, force=True)
    return previous or set()


def _marker_text(names: set[str]) -> str:
    return MARKER_HEADER + "".join(f"{name}\n" for name in sorted(names))


def _write(path: Path, content: bytes) -> None:
    with replacing(path, force=True, binary=True) as file:
        file.write(content)


def write_site(
    folder: Path, files: Mapping[str, bytes], *, force: bool, advance: Callable[[str], None] = lambda name: None,
) -> list[str]:
    """Write `files` (name to bytes) into `folder` and remove what the previous build
    wrote and this one does not; returns the names removed. `advance` is called with
    each file's name once it is written."""
    names = list(files)
    previous = check_folder(folder, names, force=force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise system_refusal(error, folder, "write") from None
    # The marker lists every file of either build until the stale ones are gone, so
    # a build cut short leaves a folder the next build still knows as its own.
    _write(folder / MARKER, _marker_text(previous | set(names)).encode("utf-8"))
    for name, content in files.items():
        _write(folder / name, content)
        advance(name)
    removed = []
    for name in sorted(previous - set(names)):
        path = folder / name
        if path.is_symlink() or path.is_file():
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as error:
                raise system_refusal(error, path, "remove") from None
            removed.append(name)
    _write(folder / MARKER, _marker_text(set(names)).encode("utf-8"))
    return removed
