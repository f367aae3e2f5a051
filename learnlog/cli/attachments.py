"""Files attached to entries: the messy graphs, the screenshots of the bug."""

from __future__ import annotations

import sys

from learnlog.cli.declare import ENTRY_ID, FORCE, JSON, NO_IMAGES, PATH, Argument, Group, Option, command
from learnlog.session import journey_session, print_json
from learnlog.views.text import say

ATTACHMENT = Argument(
    "attachment_id", metavar="ATTACHMENT", type=int, help="The attachment's number (see learnlog attachment list).",
)


@command(
    "attach",
    ENTRY_ID,
    Argument(
        "files", metavar="FILE...", type=PATH, many=True,
        help="Files to attach: 10 MB each at most (a Jupyter notebook up to 50 MB gives its images).",
    ),
    NO_IMAGES,
    examples=(
        "learnlog attach 12 loss-curve.png",
        "learnlog attach 12 03-regression.ipynb",
        "learnlog attach 12 03-regression.ipynb --no-images",
    ),
)
def attach(entry_id, files, no_images) -> None:
    """Attach files to an entry: a plot, a screenshot, a notebook. A Jupyter
    notebook brings the images in its outputs as attachments of their own
    (03-regression-cell12-1.png is the first image of cell 12)."""
    from learnlog.store.attachments import attach_files, read_files_to_attach
    from learnlog.store.queries import entry as find_entry
    from learnlog.views.attachments import attached_lines

    found = read_files_to_attach(files, images=not no_images)
    with journey_session(write=True) as (db, journey):
        find_entry(db, journey.id, entry_id)
        outcome = attach_files(db, journey.id, entry_id, found)
    for line in attached_lines(entry_id, outcome):
        say(line)


attachment = Group(
    "attachment",
    summary="List, save and remove the files attached to entries.",
    examples=("learnlog attachment list", "learnlog attachment get 3 -o plot.png", "learnlog attachment remove 3"),
)


@attachment.command(
    "list",
    Argument(
        "entry_id", metavar="ID", type=int, required=False, help="Only this entry's attachments.", complete="entry",
    ),
    JSON,
    examples=("learnlog attachment list 12",),
)
def list_attachments(entry_id, as_json) -> None:
    """List attachments, with the entries that carry them."""
    from learnlog.store.attachments import attachment_listing
    from learnlog.store.queries import entry as find_entry
    from learnlog.views.attachments import origin_text
    from learnlog.views.text import one_line

    with journey_session() as (db, journey):
        if entry_id is not None:
            find_entry(db, journey.id, entry_id)
        listing = attachment_listing(db, journey.id, entry_id)
    if as_json:
        print_json([{**info.to_json(), "entries": carriers} for info, carriers in listing])
        return
    if not listing:
        say("No attachments.", file=sys.stderr)
    for info, carriers in listing:
        entries = ", ".join(f"#{carrier}" for carrier in carriers)
        origin = f"  {origin_text(info)}" if info.notebook is not None else ""
        say(f"#{info.id}  {one_line(info.name)}  {info.media_type}  {info.size:,} bytes  (entry {entries}){origin}")


@attachment.command(
    "get",
    ATTACHMENT,
    Option("--output", "-o", metavar="FILE", type=PATH, help="Write it here. [default: its own name, in this folder]"),
    FORCE,
    examples=("learnlog attachment get 3 -o plot.png",),
)
def get(attachment_id, output, force) -> None:
    """Save an attachment, byte for byte."""
    from pathlib import Path

    from learnlog.store.attachments import attachment, attachment_content
    from learnlog.store.location import display_path
    from learnlog.views.files import write_bytes

    with journey_session() as (db, journey):
        info = attachment(db, journey.id, attachment_id)
        content = attachment_content(db, journey.id, attachment_id)
    target = output if output is not None else Path(Path(info.name).name)
    write_bytes(target, content, force=force)
    say(f"Saved #{info.id} to {display_path(target)} ({len(content):,} bytes).")


@attachment.command("remove", ATTACHMENT, examples=("learnlog attachment remove 3",))
def remove(attachment_id) -> None:
    """Remove an attachment from every entry that carries it."""
    from learnlog.store.attachments import remove_attachment
    from learnlog.views.text import one_line

    with journey_session(write=True) as (db, journey):
        info = remove_attachment(db, journey.id, attachment_id)
    say(f"Removed attachment #{info.id} {one_line(info.name)}.")
