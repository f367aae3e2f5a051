"""Files attached to entries: the messy graphs, the screenshots of the bug."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from learnlog.cli.common import JsonOption
from learnlog.session import journey_session, print_json

AttachmentArgument = Annotated[int, typer.Argument(metavar="ATTACHMENT", help="The attachment's number (see learnlog attachment list).")]

attachment_app = typer.Typer(
    help="List, save and remove the files attached to entries.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def attach(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="The entry's number (see learnlog entries).")],
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Files to attach (10 MB each at most).")],
) -> None:
    """Attach files to an entry: a plot, a screenshot, a notebook.

    \b
    Example:
      learnlog attach 12 loss-curve.png
    """
    from learnlog.store.attachments import read_attachment_file, store_attachment
    from learnlog.store.queries import entry as find_entry
    from learnlog.views.text import one_line

    contents = [read_attachment_file(path) for path in files]
    with journey_session(write=True) as (db, journey):
        find_entry(db, journey.id, entry_id)
        stored = [store_attachment(db, journey.id, entry_id, name, content) for name, content in contents]
    for info in stored:
        print(f"Attached #{info.id} {one_line(info.name)} ({info.size:,} bytes) to entry #{entry_id}.")


@attachment_app.command("list")
def list_attachments(
    entry_id: Annotated[Optional[int], typer.Argument(metavar="ID", help="Only this entry's attachments.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List attachments, with the entries that carry them.

    \b
    Example:
      learnlog attachment list 12
    """
    from learnlog.store.attachments import attachment_listing
    from learnlog.store.queries import entry as find_entry
    from learnlog.views.text import one_line

    with journey_session() as (db, journey):
        if entry_id is not None:
            find_entry(db, journey.id, entry_id)
        listing = attachment_listing(db, journey.id, entry_id)
    if as_json:
        print_json([{**info.to_json(), "entries": carriers} for info, carriers in listing])
        return
    if not listing:
        print("No attachments.", file=sys.stderr)
    for info, carriers in listing:
        entries = ", ".join(f"#{carrier}" for carrier in carriers)
        print(f"#{info.id}  {one_line(info.name)}  {info.media_type}  {info.size:,} bytes  (entry {entries})")


@attachment_app.command("get")
def get(
    attachment_id: AttachmentArgument,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write it here. [default: its own name, in this folder]")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Save an attachment, byte for byte.

    \b
    Example:
      learnlog attachment get 3 -o plot.png
    """
    from learnlog.store.attachments import attachment, attachment_content
    from learnlog.store.location import display_path
    from learnlog.views.files import write_bytes

    with journey_session() as (db, journey):
        info = attachment(db, journey.id, attachment_id)
        content = attachment_content(db, journey.id, attachment_id)
    target = output if output is not None else Path(Path(info.name).name)
    write_bytes(target, content, force=force)
    print(f"Saved #{info.id} to {display_path(target)} ({len(content):,} bytes).")


@attachment_app.command("remove")
def remove(attachment_id: AttachmentArgument) -> None:
    """Remove an attachment from every entry that carries it.

    \b
    Example:
      learnlog attachment remove 3
    """
    from learnlog.store.attachments import remove_attachment
    from learnlog.views.text import one_line

    with journey_session(write=True) as (db, journey):
        info = remove_attachment(db, journey.id, attachment_id)
    print(f"Removed attachment #{info.id} {one_line(info.name)}.")
