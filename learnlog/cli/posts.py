"""Learning-in-public posts: drafting the next update, and recording it once published."""

from __future__ import annotations

import sys

from learnlog.cli.declare import DATE, DURATION, FORCE, OUTPUT, PATH, Argument, Group, Option
from learnlog.session import journey_session
from learnlog.views.text import say

post = Group(
    "post",
    summary="Draft your next learning-in-public update, and record it once published.",
    examples=(
        "learnlog post draft -o day-12.md",
        'learnlog post publish https://dev.to/me/day-12 --title "Day 12: NumPy and Pandas"',
    ),
)


@post.command(
    "draft",
    OUTPUT.with_help("Write the draft to FILE."),
    Option(
        "--assets", metavar="DIR", type=PATH,
        help="Write attachments here and link them. [default with -o: FILE's name + -assets, beside it]",
    ),
    FORCE.with_help("Overwrite FILE and files in DIR."),
    examples=("learnlog post draft", "learnlog post draft -o day-12.md"),
)
def draft(output, assets, force) -> None:
    """Draft the next update (Markdown with front matter) from the entries no post
    covers yet: what you learned, bugs, confusion, wins, links, and what's next."""
    import os
    from pathlib import Path

    from learnlog import clock
    from learnlog.exporters.post import post_markdown
    from learnlog.store.attachments import attachment_content
    from learnlog.store.files import write_together
    from learnlog.store.location import display_path, refuse_overwrite
    from learnlog.store.reports import post_draft
    from learnlog.views.text import document_output

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
    written: list[tuple[Path, bytes]] = []
    base = output.parent if output is not None else Path.cwd()
    for attachment_id, (info, content) in files.items():
        target = assets / f"{attachment_id}-{Path(info.name).name}"
        written.append((target, content))
        links[attachment_id] = Path(os.path.relpath(target, base)).as_posix()
    text = post_markdown(data, asset_links=links)
    if output is None:
        write_together(written, force=force)
        document_output().write(text)
        return
    write_together([*written, (output, text.encode("utf-8"))], force=force)
    say(f"Drafted {display_path(output)} from {len(data.entries)} entries.", file=sys.stderr)


@post.command(
    "publish",
    Argument("url", metavar="URL", help="Where the update was published."),
    Option("--title", metavar="TEXT", help="The post's title."),
    DATE.with_help("When it was published. [default: now]"),
    DURATION.with_help("Time spent writing it."),
    examples=('learnlog post publish https://dev.to/me/day-12 --title "Day 12: NumPy and Pandas"',),
)
def publish(url, title, date, duration) -> None:
    """Record a published update: a post entry (a check-in under either counting
    rule) that covers every entry since the previous post."""
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
    say(f"Published #{post_id}, covering {count_text(covered, 'entry', 'entries')}; {deadline_text(facts)}.")
