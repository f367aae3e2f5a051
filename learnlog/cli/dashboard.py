"""The dashboard, and a demo journey to see it full at once."""

from __future__ import annotations

from learnlog.cli.declare import FORCE, JSON, PATH, Option, command
from learnlog.session import journey_session, print_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

PICTURES = (
    JSON,
    Option("--svg", metavar="FILE", type=PATH, help="Also save the dashboard as an SVG picture."),
    Option("--html", metavar="FILE", type=PATH, help="Also save the dashboard as an HTML page."),
    FORCE.with_help("Overwrite the --svg/--html file if it exists."),
)


def show(data, *, as_json: bool, svg: Path | None, html: Path | None, force: bool) -> None:
    """Print the dashboard (or its facts as JSON) and save the pictures asked for."""
    if as_json:
        print_json(data.to_json())
        return
    from learnlog.store.location import refuse_overwrite

    for target in (svg, html):
        if target is not None:
            refuse_overwrite(target, force=force)
    from learnlog.views.console import console
    from learnlog.views.dashboard import render

    screen = console(record=svg is not None or html is not None)
    screen.print(render(data, screen))
    if svg is not None:
        from learnlog.views.files import write_text

        write_text(svg, screen.export_svg(title=f"learnlog · {data.journey}", clear=False), force=force)
    if html is not None:
        from learnlog.views.files import write_text

        write_text(html, screen.export_html(inline_styles=True, clear=False), force=force)


@command("dashboard", *PICTURES, examples=("learnlog dashboard", "learnlog dashboard --svg progress.svg"))
def dashboard(as_json, svg, html, force) -> None:
    """The whole journey on one screen: cadence, calendar, topics, recent entries.

    A bare `learnlog` shows it too.
    """
    from learnlog import clock
    from learnlog.store.queries import dashboard as dashboard_data

    with journey_session() as (db, journey):
        data = dashboard_data(db, journey, clock.now())
    show(data, as_json=as_json, svg=svg, html=html, force=force)


@command("demo", *PICTURES, examples=("learnlog demo", "learnlog demo --svg demo.svg"))
def demo(as_json, svg, html, force) -> None:
    """Show the dashboard of a sample journey (ten weeks of machine learning), kept
    in a temporary database: your own journey is never touched."""
    import json
    import tempfile
    from datetime import date, timedelta
    from importlib.resources import files
    from pathlib import Path

    from learnlog import clock
    from learnlog.domain.document import read_document
    from learnlog.store.database import open_database
    from learnlog.store.location import Location
    from learnlog.store.queries import dashboard as dashboard_data
    from learnlog.store.transfer import create_journey_from_document

    raw = json.loads((files("learnlog.data") / "samples" / "ml-journey.json").read_text(encoding="utf-8"))
    now = clock.now()
    # The sample ends on its own "today", as of which it is read; move it so that
    # it ends on the user's.
    shift = (now.date() - date.fromisoformat(raw["demo_today"])).days
    document = read_document(raw, now=now - timedelta(days=shift)).shifted(shift)
    with tempfile.TemporaryDirectory(prefix="learnlog-demo-") as folder:
        db = open_database(Location(Path(folder) / "demo.db"), create=True)
        try:
            with db.transaction():
                journey = create_journey_from_document(db, document, created=now)
                data = dashboard_data(db, journey, now)
        finally:
            db.close()
    show(data, as_json=as_json, svg=svg, html=html, force=force)
