"""The public progress site: static pages, a feed and a badge to publish anywhere."""

from __future__ import annotations

from learnlog.cli.declare import FORCE, PATH, Argument, Flag, Group, Option
from learnlog.views.text import count_text, say

site = Group(
    "site",
    summary="Build a static public progress site: a page, a feed, a badge and a card.",
    examples=("learnlog site build ~/site", "learnlog site build ~/site --base-url https://you.github.io/learning"),
)


@site.command(
    "build",
    Argument("folder", metavar="DIR", type=PATH, help="The site's folder: missing, empty, or a site learnlog built."),
    Option(
        "--title", metavar="TEXT",
        help="The site's title. [default: Learning in public; with --board, Learning together]",
    ),
    Option(
        "--base-url", metavar="URL",
        help="The address the site is served at, for the Atom feed's absolute links (no feed without it).",
    ),
    Flag(
        "--with-notes",
        help="Also show the last 30 days' notes, tags, links and attachments, and the answers and fixes.",
    ),
    Flag(
        "--board",
        help="Write the group's page instead: every journey's row of `learnlog board`, each linking to the"
        " member's page built in DIR/NAME with `site build --journey NAME DIR/NAME`.",
    ),
    FORCE.with_help("Build in a folder that holds files learnlog did not write (it still touches only its own)."),
    examples=(
        "learnlog site build ~/site",
        "learnlog site build ~/site --title 'Learning ML' --base-url https://you.github.io/learning --with-notes",
        "learnlog site build --journey ana ~/circle/ana && learnlog site build --board ~/circle",
    ),
)
def build(folder, title, base_url, with_notes, board, force) -> None:
    """Write the public progress site into DIR: index.html, feed.xml, badge.svg and card.svg.

    The page shows the day, the promise and how it was kept, the streaks, the last
    year's calendar, the hours per topic and the posts; no script, and nothing loaded
    from anywhere. Notes, tags, links, attachments and questions appear only with
    --with-notes, and an entry tagged `private` never does (it still counts in the
    totals). The same journey on the same day builds the same bytes. learnlog
    replaces its own files in DIR, removes those it wrote before and no longer
    writes, and leaves everything else (.git, CNAME) alone.

    With --board, DIR gets the group's page instead: every journey of the database
    (a study group's PostgreSQL database, say) as `learnlog board` shows it, each
    linking to that member's own page when it is built into DIR/NAME first. The
    members' pages are sites of their own: a board build never touches them.
    """
    from learnlog import clock
    from learnlog.site.folder import write_site
    from learnlog.site.page import DEFAULT_TITLE, check_base_url, check_title
    from learnlog.site.render import FEED_NAME, render_site
    from learnlog.site.source import site_of
    from learnlog.session import journey_session
    from learnlog.store.location import display_path
    from learnlog.views.progress import Steps

    # Checked before the journey is read: a typo costs nothing.
    chosen_title = check_title(title) if title is not None else None
    chosen_url = check_base_url(base_url) if base_url is not None else None
    today = clock.today()
    if board:
        _build_board(folder, chosen_title, today, with_notes=with_notes, base_url=chosen_url, force=force)
        return
    # Reading, rendering, then each file: index.html, badge.svg, card.svg, and feed.xml with a base URL.
    with Steps("Building the site", total=5 + (chosen_url is not None)) as steps:
        with journey_session() as (db, journey):
            data = site_of(
                db, journey, today, title=chosen_title or DEFAULT_TITLE, base_url=chosen_url, with_notes=with_notes,
            )
        steps.advance("rendering")
        files = render_site(data)
        steps.advance("writing")
        removed = write_site(folder, files, force=force, advance=steps.advance)
    shown = display_path(folder)
    say(f"Built the site in {shown}: {', '.join(files)}.")
    _tell_removed(removed)
    if chosen_url is None:
        say(f"No {FEED_NAME}: a feed needs absolute links; give --base-url, the address the site is served at.")


def _tell_removed(removed: list[str]) -> None:
    if removed:
        say(f"Removed what the previous build wrote and this one does not: {', '.join(removed)}.")


def _build_board(folder, title, today, *, with_notes, base_url, force) -> None:
    from learnlog.errors import InputError
    from learnlog.session import database_session
    from learnlog.site.folder import member_pages, write_site
    from learnlog.site.page import BOARD_TITLE, build_board
    from learnlog.site.render import INDEX_NAME, render_board
    from learnlog.store.location import display_path
    from learnlog.store.queries import board as board_rows

    if with_notes:
        raise InputError("--board writes the group's page, which shows no notes: leave out --with-notes")
    if base_url is not None:
        raise InputError("--board writes the group's page, which has no feed: leave out --base-url")
    with database_session() as db:
        rows = board_rows(db, today)
    if not rows:
        raise InputError("no journeys yet: start one with  learnlog init")
    built = member_pages(folder, [row.journey for row in rows], INDEX_NAME)
    files = render_board(build_board(title=title or BOARD_TITLE, today=today, rows=rows, built=built))
    removed = write_site(folder, files, force=force)
    linked = f", linking {count_text(len(built), 'member page')}" if built else ""
    say(f"Built the group's page in {display_path(folder)}: {', '.join(files)}{linked}.")
    _tell_removed(removed)
    unbuilt = [row.journey for row in rows if row.journey not in built]
    if unbuilt:
        say(
            f"Not built yet: {', '.join(unbuilt)}; each member's page is built with"
            f"  learnlog site build --journey NAME {display_path(folder)}/NAME"
        )
