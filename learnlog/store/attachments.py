"""Files attached to entries (the messy graphs, the screenshots of the bug), kept
inside the database so that one file holds the whole journey.

Only these functions read attachment bytes; every listing reads names and sizes.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable
from pathlib import Path

from learnlog.domain.records import MAX_ATTACHMENT_BYTES, check_attachment_name
from learnlog.domain.report import AttachmentInfo
from learnlog.errors import InputError
from learnlog.store.connection import Database
from learnlog.store.location import display_path

_INFO_COLUMNS = "a.id, a.name, a.media_type, a.size, a.sha256"


def read_attachment_file(path: Path) -> tuple[str, bytes]:
    """(name, bytes) of a file to attach, or InputError when it cannot be attached."""
    shown = display_path(path)
    if not path.is_file():
        raise InputError(f"cannot attach {shown}: not a file")
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise InputError(f"cannot attach {shown}: {size / 1024 / 1024:.1f} MB is over the 10 MB limit")
    try:
        check_attachment_name(path.name)
    except InputError as error:
        raise InputError(f"cannot attach {shown}: {error}") from None
    try:
        return path.name, path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {shown}: {error.strerror or error}") from None


def media_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def store_attachment(
    db: Database, journey_id: int, entry_id: int, name: str, content: bytes, kind: str | None = None
) -> AttachmentInfo:
    """Attach `content` to the entry; the same bytes are stored once per journey."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise InputError(f"cannot attach {name}: over the 10 MB limit")
    digest = hashlib.sha256(content).hexdigest()
    attachment_id = db.value(
        "SELECT id FROM attachment WHERE journey_id = :journey AND sha256 = :sha",
        {"journey": journey_id, "sha": digest},
    )
    if attachment_id is None:
        attachment_id = db.value(
            "INSERT INTO attachment (journey_id, sha256, name, media_type, size, content)"
            " VALUES (:journey, :sha, :name, :type, :size, :content) RETURNING id",
            {"journey": journey_id, "sha": digest, "name": name, "type": kind or media_type(name),
             "size": len(content), "content": content},
        )
    linked = db.value(
        "SELECT 1 FROM entry_attachment WHERE entry_id = :entry AND attachment_id = :attachment",
        {"entry": entry_id, "attachment": attachment_id},
    )
    if not linked:
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
            " ORDER BY a.id",
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
