"""Files attached to entries (the messy graphs, the screenshots of the bug), kept
inside the database so that one file holds the whole journey.

Only these functions read attachment bytes; every listing reads names and sizes.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from learnlog.domain.records import MAX_ATTACHMENT_BYTES, check_attachment_name
from learnlog.domain.report import AttachmentInfo
from learnlog.errors import InputError
from learnlog.store.connection import Database
from learnlog.store.location import display_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from learnlog.domain.notebooks import LeftOut, NotebookImage

_INFO_COLUMNS = "a.id, a.name, a.media_type, a.size, a.sha256, a.notebook, a.cell"
_ENTRY_ORDER = "a.notebook IS NOT NULL, a.notebook, a.cell, a.id"
"""An entry's attachments: its files in the order they came, then the images
taken from each notebook in cell order (the same on both databases, which sort
NULLs differently: the first key sets them apart)."""


@dataclass(frozen=True)
class FileToAttach:
    """A file read (or an image taken from a notebook read) for attaching."""

    name: str
    content: bytes
    media_type: str | None = None
    """None: guessed from the name."""
    notebook: str | None = None
    cell: int | None = None


@dataclass(frozen=True)
class Attached:
    """A file attached: its attachment, and whether those bytes were in the journey
    (or on the entry) already."""

    wanted: FileToAttach
    info: AttachmentInfo
    already_there: bool
    already_on_entry: bool = False


def read_attachment_file(path: Path) -> tuple[str, bytes]:
    """(name, bytes) of a file to attach, or InputError when it cannot be attached."""
    shown = _check_attachable(path)
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise InputError(f"cannot attach {shown}: {size / 1024 / 1024:.1f} MB is over the 10 MB limit")
    return path.name, _read_bytes(path)


def _check_attachable(path: Path) -> str:
    """How `path` is shown, once it is known to be a file whose name an attachment may have."""
    shown = display_path(path)
    if not path.is_file():
        raise InputError(f"cannot attach {shown}: not a file")
    try:
        check_attachment_name(path.name)
    except InputError as error:
        raise InputError(f"cannot attach {shown}: {error}") from None
    return shown


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {display_path(path)}: {error.strerror or error}") from None


def read_files_to_attach(paths: Sequence[Path], *, images: bool = True) -> list[FileToAttach | LeftOut]:
    """Everything `paths` give to attach, in order: each file, and after each
    Jupyter notebook (unless not `images`) the images in its outputs, with those
    left out (over the limit, repeated) where they would have come. Every file is
    read and checked here, before anything is written: InputError for the first
    that cannot be attached, a notebook that is not valid among them."""
    from learnlog.domain.notebooks import is_notebook

    found: list[FileToAttach | LeftOut] = []
    for path in paths:
        if is_notebook(path.name):
            found += _read_notebook_file(path, images=images)
        else:
            found.append(FileToAttach(*read_attachment_file(path)))
    return found


def _read_notebook_file(path: Path, *, images: bool) -> list[FileToAttach | LeftOut]:
    """The notebook at `path` and, with `images`, the images in its outputs. A
    notebook over the attachment limit gives its images alone (said in a LeftOut);
    over MAX_NOTEBOOK_BYTES, or without an image to give, it is refused."""
    from learnlog.domain.notebooks import (
        MAX_NOTEBOOK_BYTES, LeftOut, NotebookError, check_notebook, content_megabytes, notebook_images,
        notebook_too_large,
    )

    shown = _check_attachable(path)
    size = path.stat().st_size
    # Checked before reading, so that a huge file is refused without being read.
    if size > MAX_NOTEBOOK_BYTES:
        raise InputError(f"cannot attach {shown}: {notebook_too_large(size)}")
    over_limit = f"{content_megabytes(size)} MB is over the 10 MB limit"
    if not images and size > MAX_ATTACHMENT_BYTES:
        raise InputError(f"cannot attach {shown}: {over_limit}")
    content = _read_bytes(path)
    try:
        if not images:
            check_notebook(content, path.name)
            return [FileToAttach(path.name, content)]
        found = notebook_images(content, path.name)
    except NotebookError as error:
        raise InputError(f"cannot attach {shown}: {error.reason}") from None
    taken: list[FileToAttach | LeftOut] = [
        FileToAttach(image.name, image.content, image.media_type, found.notebook, image.cell)
        for image in found.images
    ]
    if len(content) <= MAX_ATTACHMENT_BYTES:
        return [FileToAttach(path.name, content), *taken, *found.left_out]
    if not taken:
        raise InputError(f"cannot attach {shown}: {over_limit}, and its outputs hold no image to attach instead")
    return [LeftOut(path.name, f"{over_limit} (its images are attached)"), *taken, *found.left_out]


def attach_files(
    db: Database, journey_id: int, entry_id: int, found: Sequence[FileToAttach | LeftOut]
) -> list[Attached | LeftOut]:
    """Attach each file `found` (as read_files_to_attach gives them) to the entry
    (see store_attachment), saying for each whether its bytes were in the journey
    already; what was left out stays in its place."""
    outcome: list[Attached | LeftOut] = []
    for wanted in found:
        if not isinstance(wanted, FileToAttach):
            outcome.append(wanted)
            continue
        known = _attachment_id(db, journey_id, hashlib.sha256(wanted.content).hexdigest())
        on_entry = known is not None and _linked(db, entry_id, known)
        info = store_attachment(
            db, journey_id, entry_id, wanted.name, wanted.content, wanted.media_type,
            notebook=wanted.notebook, cell=wanted.cell,
        )
        outcome.append(Attached(wanted, info, already_there=known is not None, already_on_entry=on_entry))
    return outcome


def _linked(db: Database, entry_id: int, attachment_id: int) -> bool:
    return bool(db.value(
        "SELECT 1 FROM entry_attachment WHERE entry_id = :entry AND attachment_id = :attachment",
        {"entry": entry_id, "attachment": attachment_id},
    ))


def _attachment_id(db: Database, journey_id: int, digest: str) -> int | None:
    return db.value(
        "SELECT id FROM attachment WHERE journey_id = :journey AND sha256 = :sha",
        {"journey": journey_id, "sha": digest},
    )


def media_type(name: str) -> str:
    if name.lower().endswith(".ipynb"):  # which mimetypes does not know
        from learnlog.domain.notebooks import NOTEBOOK_TYPE

        return NOTEBOOK_TYPE
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def store_attachment(
    db: Database, journey_id: int, entry_id: int, name: str, content: bytes, kind: str | None = None, *,
    notebook: str | None = None, cell: int | None = None,
) -> AttachmentInfo:
    """Attach `content` to the entry; the same bytes are stored once per journey.
    `notebook` and `cell` say where an image taken from a notebook came from; bytes
    already there keep the name and origin they were first stored with."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise InputError(f"cannot attach {name}: over the 10 MB limit")
    digest = hashlib.sha256(content).hexdigest()
    attachment_id = _attachment_id(db, journey_id, digest)
    if attachment_id is None:
        attachment_id = db.value(
            "INSERT INTO attachment (journey_id, sha256, name, media_type, size, content, notebook, cell)"
            " VALUES (:journey, :sha, :name, :type, :size, :content, :notebook, :cell) RETURNING id",
            {"journey": journey_id, "sha": digest, "name": name, "type": kind or media_type(name),
             "size": len(content), "content": content, "notebook": notebook, "cell": cell},
        )
    if not _linked(db, entry_id, attachment_id):
        db.execute(
            "INSERT INTO entry_attachment (entry_id, attachment_id) VALUES (:entry, :attachment)",
            {"entry": entry_id, "attachment": attachment_id},
        )
    return attachment(db, journey_id, attachment_id)


def attachment(db: Database, journey_id: int, attachment_id: int) -> AttachmentInfo:
    row = db.one(
        f"SELECT {_INFO_COLUMNS} FROM attachment a WHERE a.journey_id = :journey AND a.id = :id",
        {"journey": journey_id, "id": attachment_id},
    )
    if row is None:
        raise InputError(f"no attachment #{attachment_id} (see learnlog attachment list)")
    return AttachmentInfo(*row)


def attachments_by_entry(db: Database, entry_ids: Iterable[int]) -> dict[int, tuple[AttachmentInfo, ...]]:
    """The attachments of each of `entry_ids` that has any."""
    ids = list(entry_ids)
    found: dict[int, list[AttachmentInfo]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":id{index}" for index in range(len(chunk)))
        for entry_id, *info in db.rows(
            f"SELECT ea.entry_id, {_INFO_COLUMNS} FROM entry_attachment ea"
            f" JOIN attachment a ON a.id = ea.attachment_id WHERE ea.entry_id IN ({marks})"
            f" ORDER BY {_ENTRY_ORDER}",
            {f"id{index}": entry_id for index, entry_id in enumerate(chunk)},
        ):
            found.setdefault(entry_id, []).append(AttachmentInfo(*info))
    return {entry_id: tuple(infos) for entry_id, infos in found.items()}


def attachment_listing(db: Database, journey_id: int, entry_id: int | None) -> list[tuple[AttachmentInfo, list[int]]]:
    """Each attachment (of one entry, or of the journey) with the entries that carry it."""
    where = "a.journey_id = :journey"
    params: dict[str, object] = {"journey": journey_id}
    if entry_id is not None:
        where += " AND a.id IN (SELECT attachment_id FROM entry_attachment WHERE entry_id = :entry)"
        params["entry"] = entry_id
    listing: dict[int, tuple[AttachmentInfo, list[int]]] = {}
    for *info, carrier in db.rows(
        f"SELECT {_INFO_COLUMNS}, ea.entry_id FROM attachment a"
        f" JOIN entry_attachment ea ON ea.attachment_id = a.id WHERE {where} ORDER BY a.id, ea.entry_id",
        params,
    ):
        record = AttachmentInfo(*info)
        listing.setdefault(record.id, (record, []))[1].append(carrier)
    return list(listing.values())


def attachment_content(db: Database, journey_id: int, attachment_id: int) -> bytes:
    content = db.value(
        "SELECT content FROM attachment WHERE journey_id = :journey AND id = :id",
        {"journey": journey_id, "id": attachment_id},
    )
    if content is None:
        raise InputError(f"no attachment #{attachment_id} (see learnlog attachment list)")
    return bytes(content)


def remove_attachment(db: Database, journey_id: int, attachment_id: int) -> AttachmentInfo:
    """Detach the attachment from every entry and delete it."""
    info = attachment(db, journey_id, attachment_id)
    db.execute("DELETE FROM entry_attachment WHERE attachment_id = :id", {"id": attachment_id})
    db.execute("DELETE FROM attachment WHERE id = :id", {"id": attachment_id})
    return info


def remove_unused_attachments(db: Database, journey_id: int) -> None:
    """Delete the attachments no entry carries any more."""
    db.execute(
        "DELETE FROM attachment WHERE journey_id = :journey AND NOT EXISTS"
        " (SELECT 1 FROM entry_attachment ea WHERE ea.attachment_id = attachment.id)",
        {"journey": journey_id},
    )


def attach_new_images(
    db: Database, journey_id: int, entry_id: int, notebook: str, images: Sequence[NotebookImage],
) -> list[AttachmentInfo]:
    """Attach to the entry those of a notebook's `images` whose bytes are not in the
    journey yet (a synced notebook brings only what is new), each with its cell."""
    stored = []
    for image in images:
        if _attachment_id(db, journey_id, hashlib.sha256(image.content).hexdigest()) is None:
            stored.append(store_attachment(
                db, journey_id, entry_id, image.name, image.content, image.media_type, notebook=notebook, cell=image.cell,
            ))
    return stored
