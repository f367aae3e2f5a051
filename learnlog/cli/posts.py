"""Learning-in-public posts: drafting the next update, and recording it once published."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from learnlog.session import journey_session

post_app = typer.Typer(
    help="Draft your next learning-in-public update, and record it once published.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@post_app.command("draft")
def draft(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the draft to FILE.")] = None,
    assets: Annotated[
        Optional[Path],
        typer.Option("--assets", metavar="DIR", help="Write attachments here and link them. [default with -o: FILE's name + -assets, beside it]"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE and files in DIR.")] = False,
) -> None:
    """Draft the next update (Markdown with front matter) from the entries no post
    covers yet: what you learned, bugs, confusion, wins, links, and what's next.

    \b
    Example:
      learnlog post draft -o day-12.md
    """
    import os

    from learnlog import clock
    from learnlog.exporters.post import post_markdown
    from learnlog.store.attachments import attachment_content
    from learnlog.store.location import display_path
    from learnlog.store.reports import post_draft
    from learnlog.store.location import refuse_overwrite
    from learnlog.views.files import write_bytes, write_text

    if output is not None:
        refuse_overwrite(output, force=force)
        if assets is None:
            assets = output.with_name(output.stem + "-assets")
    with journey_session() as (db, journey):
        data = post_draft(db, journey, clock.today())
        files = {
            info.id: (info, attachment_content(db, journey.id, info.id))
            for infos in data.attachments.values() for info in infos
        } if assets is not None else {}
    links: dict[int, str] = {}
    if files:
        try:
            assets.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            from learnlog.errors import InputError

            raise InputError(f"cannot make the folder {display_path(assets)}: {error.strerror or error}") from None
        base = output.parent if output is not None else Path.cwd()
        for attachment_id, (info, content) in files.items():
            target = assets / f"{attachment_id}-{Path(info.name).name}"
            write_bytes(target, content, force=force)
            links[attachment_id] = Path(os.path.relpath(target, base)).as_posix()
    text = post_markdown(data, asset_links=links)
    if output is None:
        sys.stdout.write(text)
        return
    write_text(output, text, force=force)
    print(f"Drafted {display_path(output)} from {len(data.entries)} entries.", file=sys.stderr)


@post_app.command("publish")
def publish(
    url: Annotated[str, typer.Argument(metavar="URL", help="Where the update was published.")],
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The post's title.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="When it was published. [default: now]")] = None,
    duration: Annotated[Optional[str], typer.Option("--duration", "-d", metavar="DURATION", help="Time spent writing it.")] = None,
) -> None:
    """Record a published update: a post entry (a check-in under either counting
    rule) that covers every entry since the previous post.

    \b
    Example:
      learnlog post publish https://dev.to/me/day-12 --title "Day 12: NumPy and Pandas"
    """
    from learnlog import clock
    from learnlog.domain.dates import entry_timestamp, parse_duration, parse_moment
    from learnlog.domain.records import clean_link, clean_note
    from learnlog.store.facts import journey_facts
    from learnlog.store.reports import publish_post
    from learnlog.views.status import deadline_text
    from learnlog.views.text import count_text

    link = clean_link(url)
    if link is None:
        from learnlog.errors import InputError

        raise InputError("give the address where the update was published")
    note = clean_note(title) if title is not None else None
    minutes = parse_duration(duration) if duration is not None else None
    now = clock.now()
    moment = parse_moment(date, now.date()) if date is not None else None
    with journey_session(write=True) as (db, journey):
        when = entry_timestamp(moment, now, journey.start) if moment else now
        post_id, covered = publish_post(
            db, journey, url=link, title=note, moment=when, minutes=minutes, created=now
        )
        facts = journey_facts(db, journey, now.date())
    print(f"Published #{post_id}, covering {count_text(covered, 'entry', 'entries')}; {deadline_text(facts)}.")
