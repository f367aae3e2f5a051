"""The Typer application: global options and the command list."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from learnlog import __version__
from learnlog.cli import attachments, cadence, dashboard, database, doctor, entries, journey, posts, topics, transfer
from learnlog.session import options

app = typer.Typer(
    name="learnlog",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        print(f"learnlog {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: Annotated[
        Optional[str],
        typer.Option("--db", metavar="PATH|URL", help="The journey's database: a file, or postgresql+psycopg://USER@HOST[:PORT]/DBNAME (or set LEARNLOG_DB). Accepted after the command too."),
    ] = None,
    journey_name: Annotated[
        Optional[str],
        typer.Option("--journey", metavar="NAME", help="Which journey, when a database holds several (or set LEARNLOG_JOURNEY)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Log what you learn, keep your cadence, and share your progress.

    Dates are your local calendar days; LEARNLOG_TODAY=YYYY-MM-DD fixes "today"
    for reproducible demos and tests.
    """
    options.db = db
    options.journey = journey_name


app.command()(journey.init)
app.command()(journey.journeys)
app.command()(journey.board)
app.command()(entries.log)
app.command()(cadence.status)
app.command()(dashboard.dashboard)
app.command()(cadence.remind)
app.command()(entries.entries)
app.command()(entries.edit)
app.command()(entries.delete)
app.command()(attachments.attach)
app.add_typer(attachments.attachment_app, name="attachment")
app.command()(cadence.skip)
app.add_typer(cadence.cadence_app, name="cadence")
app.add_typer(topics.topic_app, name="topic")
app.command(context_settings={"ignore_unknown_options": True})(journey.config)
app.command()(transfer.export)
app.command("import")(transfer.import_)
app.add_typer(posts.post_app, name="post")
app.command()(transfer.backup)
app.command()(transfer.restore)
app.command()(doctor.doctor)
app.add_typer(database.database_app, name="db")
app.command()(dashboard.demo)
