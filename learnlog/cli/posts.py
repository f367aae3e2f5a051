"""Learning-in-public posts: drafting the next update, and recording it once published."""

from __future__ import annotations

import sys

from learnlog.cli.declare import DATE, DURATION, FORCE, OUTPUT, PATH, TAGS, Argument, Flag, Group, Option
from learnlog.session import journey_session
from learnlog.views.text import say

def _post_formats() -> tuple[str, ...]:
    from learnlog.domain.settings import POST_FORMATS

    return POST_FORMATS


def _web_address(value: str, option: str) -> str:
    """An http(s) address given to `option`, or InputError."""
    import re

    from learnlog.errors import InputError

    address = value.strip()
    if not re.fullmatch(r"https?://[^\s<>\"]+", address, re.IGNORECASE):
        raise InputError(f"{option} takes a web address (https://...), not {value!r}")
    return address


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
    Option(
        "--output", "-o", metavar="FILE|DIR", complete="file",
        help="Write the draft to FILE, or into DIR (a name ending in / or an existing folder) as the platform"
        " serves it: slug.md and slug-assets/ (plain, hashnode, devto), slug/index.md (hugo),"
        " YYYY-MM-DD-slug.md with its images in ../assets/slug/ (jekyll).",
    ),
    Option(
        "--assets", metavar="DIR", type=PATH,
        help="With -o FILE: write attachments here and link them. [default: FILE's name + -assets, beside it]",
    ),
    FORCE.with_help("Overwrite the draft and the files of its attachments."),
    Option(
        "--for", dest="platform", metavar="FORMAT", complete=_post_formats,
        help="The front matter of plain, hashnode, devto, hugo or jekyll. [default: see learnlog config post-format]",
    ),
    TAGS.with_help("A tag for the post, besides its topics; repeat for more."),
    Flag("--publish", help="Mark it to be published, not saved as a draft (hashnode, devto, hugo)."),
    Option("--subtitle", metavar="TEXT", help="Hashnode's subtitle."),
    Option("--cover", metavar="URL", help="A cover image's address (hashnode, devto)."),
    Option("--canonical", metavar="URL", help="dev.to's canonical_url: where the post first appeared."),
    Option(
        "--image-base-url", metavar="URL",
        help="hashnode, devto: where the draft's folder is served (its images are linked from there).",
    ),
    examples=(
        "learnlog post draft",
        "learnlog post draft -o day-12.md",
        "learnlog post draft --for hugo -o content/posts/",
        "learnlog post draft --for jekyll -o _posts/",
        "learnlog post draft --for hashnode --tag machine-learning -o posts/"
        " --image-base-url https://raw.githubusercontent.com/me/blog/main/posts",
    ),
)
def draft(output, assets, force, platform, tag, publish, subtitle, cover, canonical, image_base_url) -> None:
    """Draft the next update (Markdown with front matter) from the entries no post
    covers yet: what you learned, bugs, confusion, wins, links, and what's next.

    --for writes the front matter your platform reads from a Markdown file in a
    git repository (Hashnode's GitHub source, dev.to, Hugo, Jekyll). Entries
    tagged private never appear in a draft; they still count in its totals.
    """
    import os
    from pathlib import Path

    from learnlog import clock
    from learnlog.domain.records import clean_tags
    from learnlog.domain.report import slug
    from learnlog.domain.settings import check_post_format
    from learnlog.errors import InputError
    from learnlog.exporters.platforms import PostOptions, file_layout, front_matter_lines, needs_image_base, post_layout
    from learnlog.exporters.post import post_markdown, summary_line
    from learnlog.store.attachments import attachment_content
    from learnlog.store.files import write_together
    from learnlog.store.location import display_path, refuse_overwrite
    from learnlog.store.queries import settings
    from learnlog.store.reports import post_draft
    from learnlog.views.text import document_output

    chosen = check_post_format(platform) if platform is not None else None
    # As the draft's own tags are: slugs (Linear Algebra -> linear-algebra).
    extra_tags = [slug(value, 30) for value in clean_tags(list(tag or ()))]
    cover_link = _web_address(cover, "--cover") if cover is not None else None
    canonical_link = _web_address(canonical, "--canonical") if canonical is not None else None
    base_url = _web_address(image_base_url, "--image-base-url") if image_base_url is not None else None
    folder = output is not None and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    if folder and assets is not None:
        raise InputError("--assets goes with -o FILE: with -o DIR the platform decides where attachments go")
    with journey_session() as (db, journey):
        data = post_draft(db, journey, clock.today())
        stored = settings(db, journey.id)
        chosen = chosen or stored.get("post-format", "plain")
        header = front_matter_lines(chosen, PostOptions(
            title=data.title, slug=data.slug, description=summary_line(data),
            tags=tuple(dict.fromkeys([*data.tags, *extra_tags])), now=clock.now(), publish=publish,
            subtitle=" ".join(subtitle.split()) if subtitle else None, cover=cover_link, canonical=canonical_link,
        ), stored)
        layout = None
        if folder:
            layout = post_layout(chosen, Path(output), data.slug, data.today, image_base_url=base_url)
        elif output is not None or assets is not None:
            # Without -o the draft goes to standard output, and links from the working folder.
            written_at = Path(output) if output is not None else Path.cwd() / "draft.md"
            layout = file_layout(chosen, written_at, assets, image_base_url=base_url)
        told = [info for infos in data.attachments.values() for info in infos]
        if layout is not None and needs_image_base(chosen) and base_url is None and any(i.is_image for i in told):
            raise InputError(
                f"{chosen} serves no images from a repository: give --image-base-url URL, where the draft's"
                " folder is served (a repository's raw files, say), so that its images can be linked"
            )
        files = {
            info.id: (info, attachment_content(db, journey.id, info.id))
            for info in told if layout is not None and (info.is_image or not needs_image_base(chosen) or base_url)
        }
    if output is not None and not folder:
        refuse_overwrite(Path(layout.post), force=force)
    links: dict[int, str] = {}
    written: list[tuple[Path, bytes]] = []
    for attachment_id, (info, content) in files.items():
        target = Path(layout.assets) / f"{attachment_id}-{Path(info.name).name}"
        written.append((target, content))
        links[attachment_id] = layout.link(target)
    text = post_markdown(data, asset_links=links, header=header)
    if output is None:
        write_together(written, force=force)
        document_output().write(text)
        return
    write_together([*written, (Path(layout.post), text.encode("utf-8"))], force=force)
    say(f"Drafted {display_path(layout.post)} from {len(data.entries)} entries.", file=sys.stderr)


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
