"""Getting a journey out (exports, backups) and back in (imports, restores)."""

from __future__ import annotations

import sys

from learnlog.cli.declare import FORCE, OUTPUT, PATH, SINCE, UNTIL, Argument, Flag, Option, command
from learnlog.session import journey_session, options
from learnlog.views.text import say

FORMATS = ("json", "csv", "markdown", "html", "ics")
IMPORT_FORMATS = ("json", "csv", "jrnl")
MAX_FOREIGN_IMPORT_BYTES = 100 * 1024 * 1024
"""csv and jrnl files over this are refused; learnlog's own json, which may carry
attachments, has no cap."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    from learnlog.errors import InputError

    cleaned = value.strip().casefold()
    if cleaned not in allowed:
        raise InputError(f"{option} takes {', '.join(allowed)}, not {value!r}")
    return cleaned


@command(
    "export",
    Option(
        "--format", "-f", metavar="FORMAT", default="json", help="json, csv, markdown, html or ics.", complete=FORMATS,
    ),
    SINCE, UNTIL,
    Option("--topic", metavar="TOPIC", help="Only this topic.", complete="topic"),
    OUTPUT, FORCE,
    Flag("--with-attachments", help="json: carry the attachments' bytes too."),
    Flag("--history", help="ics: past check-ins and deadlines too."),
    examples=(
        'learnlog export --format markdown --since "Nov 1" -o november.md',
        "learnlog export --format json --with-attachments -o journey.json",
        "learnlog export --format ics -o learnlog.ics",
    ),
)
def export(format, since, until, topic, output, force, with_attachments, history) -> None:
    """Export the journey: json (everything, to import elsewhere), csv (a row per
    entry), markdown or html (a progress report), ics (deadlines for a calendar)."""
    from contextlib import nullcontext

    from learnlog import clock
    from learnlog.domain.dates import parse_day
    from learnlog.store.queries import EntryFilter, resolve_topic
    from learnlog.store.location import refuse_overwrite
    from learnlog.store.files import replacing
    from learnlog.views.text import document_output

    chosen = _choice(format, FORMATS, "--format")
    now = clock.now()
    today = now.date()
    where = EntryFilter(
        since=parse_day(since, today) if since else None, until=parse_day(until, today) if until else None
    )
    if output is not None:
        refuse_overwrite(output, force=force)
    binary = chosen == "ics"
    with journey_session() as (db, journey):
        if topic:
            where = EntryFilter(
                since=where.since, until=where.until,
                topic_id=resolve_topic(db, journey.id, topic, create=False, created=now, include_archived=True)[0],
            )
        target = replacing(output, force=force, binary=binary) if output else nullcontext(document_output(binary=binary))
        with target as out:
            _write(chosen, out, db, journey, where, now, with_attachments=with_attachments, history=history)
    if output is not None:
        from learnlog.store.location import display_path

        say(f"Exported {chosen} to {display_path(output)}.", file=sys.stderr)


def _write(chosen, out, db, journey, where, now, *, with_attachments: bool, history: bool) -> None:
    if chosen == "json":
        from learnlog.exporters.journey_json import write_document
        from learnlog.store.transfer import document_entries, document_head

        write_document(out, document_head(db, journey), document_entries(db, journey.id, where, with_attachments=with_attachments))
    elif chosen == "csv":
        from learnlog.exporters.csv_format import write_csv
        from learnlog.store.queries import entries_in_order
        from learnlog.store.questions import with_resolutions

        write_csv(out, with_resolutions(db, entries_in_order(db, journey.id, where)))
    elif chosen == "ics":
        from learnlog.domain.settings import reminder_time
        from learnlog.exporters.ics import deadlines_ics
        from learnlog.store.facts import journey_facts
        from learnlog.store.queries import settings

        facts = journey_facts(db, journey, now.date())
        out.write(
            deadlines_ics(facts, journey=journey.name, alarm=reminder_time(settings(db, journey.id)), history=history, stamp=now)
        )
    else:
        from learnlog.store.reports import report

        data = report(db, journey, now.date(), where)
        if chosen == "markdown":
            from learnlog.exporters.markdown import report_markdown

            out.write(report_markdown(data))
        else:
            from learnlog.exporters.html import report_html
            from learnlog.store.attachments import attachment_content

            images = {
                info.id: attachment_content(db, journey.id, info.id)
                for infos in data.attachments.values() for info in infos if info.is_image
            }
            out.write(report_html(data, images=images))


@command(
    "import",
    Argument("file", metavar="FILE", type=PATH, help="A learnlog json or csv export, or jrnl's JSON export."),
    Option(
        "--format", "-f", metavar="FORMAT", help="json, csv or jrnl. [default: from the file]", complete=IMPORT_FORMATS,
    ),
    Flag("--dry-run", help="Say what would be imported, and import nothing."),
    Flag("--move-start", help="csv/jrnl: move the journey's start back to the earliest entry."),
    examples=("learnlog import journey.json", "jrnl --export json > jrnl.json && learnlog import jrnl.json --format jrnl"),
)
def import_(file, format, dry_run, move_start) -> None:
    """Import entries: all or nothing, skipping what is already there.

    A learnlog json export carries its journey: it needs no init, and goes into the
    journey of the same name. csv and jrnl files go into the current journey.
    """
    import json

    from learnlog import clock
    from learnlog.errors import InputError
    from learnlog.store.location import display_path

    now = clock.now()
    shown = display_path(file)
    if not file.is_file():
        raise InputError(f"cannot import {shown}: not a file")
    chosen = _choice(format, IMPORT_FORMATS, "--format") if format else _guess_format(file)
    if chosen != "json" and file.stat().st_size > MAX_FOREIGN_IMPORT_BYTES:
        raise InputError(f"cannot import {shown}: {chosen} files over 100 MB are refused")
    try:
        # utf-8-sig: spreadsheets save "CSV UTF-8" with a byte order mark in front.
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"cannot import {shown}: not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"cannot read {shown}: {error.strerror or error}") from None
    if chosen in ("json", "jrnl"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"cannot import {shown}: not JSON ({error.msg} at line {error.lineno})") from None
        except (ValueError, RecursionError) as error:
            # Numbers of thousands of digits, or arrays nested thousands deep.
            raise InputError(f"cannot import {shown}: not JSON learnlog can read ({type(error).__name__})") from None
    if chosen == "json":
        if isinstance(data, dict) and "format" not in data and "entries" in data:
            raise InputError(f"{shown} looks like a jrnl export: add --format jrnl")
        result = _import_document(data, now, dry_run=dry_run)
        if not dry_run:
            from learnlog.session import refresh_prompt_state

            # A document is imported without a journey_session, which would have.
            refresh_prompt_state()
    else:
        if chosen == "csv":
            from learnlog.exporters.csv_format import read_csv

            records = read_csv(text, now=now)
        else:
            from learnlog.exporters.jrnl import read_jrnl

            records = read_jrnl(data, now=now)
        result = _import_entries(records, now, dry_run=dry_run, move_start=move_start)
    _report_import(result, dry_run=dry_run)


def _guess_format(file: Path) -> str:
    return "csv" if file.suffix.casefold() == ".csv" else "json"


def _import_document(data, now, *, dry_run: bool):
    from learnlog.domain.document import read_document
    from learnlog.store.location import resolve_location
    from learnlog.store.maintenance import import_document

    from learnlog.views.progress import Steps

    document = read_document(data, now=now)
    with Steps("Importing entries", total=len(document.entries)) as steps:
        return import_document(resolve_location(options.db), document, now=now, dry_run=dry_run, progress=steps.advance)


def _import_entries(records, now, *, dry_run: bool, move_start: bool):
    from learnlog.store.transfer import DryRun, add_entries, check_entries_start
    from learnlog.views.progress import Steps

    try:
        with journey_session(write=True) as (db, journey):
            journey = check_entries_start(db, journey, records, move_start=move_start)
            with Steps("Importing entries", total=len(records)) as steps:
                result = add_entries(db, journey, records, created=now, progress=steps.advance)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return result


def _report_import(result, *, dry_run: bool) -> None:
    from learnlog.views.text import count_text, one_line

    verb = "Would add" if dry_run else "Added"
    where = f"journey {one_line(result.journey)!r}" + (" (new)" if result.created_journey else "")
    parts = [f"{verb} {count_text(result.added, 'entry', 'entries')} to {where}"]
    if result.skipped:
        parts.append(f"skipped {result.skipped} already there")
    if result.topics_created:
        parts.append("new topics: " + ", ".join(one_line(name) for name in result.topics_created))
    if result.attachments_restored:
        parts.append(f"{count_text(result.attachments_restored, 'attachment')} restored")
    if result.attachments_missing:
        parts.append(f"{count_text(result.attachments_missing, 'attachment')} listed without bytes, not restored")
    say("; ".join(parts) + ".")


@command(
    "backup",
    Argument("path", metavar="PATH", type=PATH, required=False, help="Where to write the copy. [default: beside the database, with the time]"),
    FORCE.with_help("Overwrite PATH if it exists."),
    examples=("learnlog backup", "learnlog backup ~/Dropbox/learnlog-backup.db"),
)
def backup(path, force) -> None:
    """Copy the journey's database, consistently even while another learnlog writes.

    On PostgreSQL it writes your journey as a json export with its attachments
    (learnlog import restores it, into a database of either kind); backing up the
    whole server is pg_dump's job.
    """
    from learnlog import clock
    from learnlog.store.location import chosen_journey, resolve_location
    from learnlog.store.maintenance import backup as backup_database

    result = backup_database(
        resolve_location(options.db), path, journey=chosen_journey(options.journey), moment=clock.now(), force=force
    )
    say(result.describe())


@command(
    "restore",
    Argument("path", metavar="PATH", type=PATH, help="A backup (or any learnlog database) to restore."),
    examples=("learnlog restore ~/.local/share/learnlog/learnlog.db.20261124T210000.bak",),
)
def restore(path) -> None:
    """Replace the journey's database with a backup. The current one is checked
    first and copied aside (never deleted), damaged or not; every other learnlog
    sees the old journey or the restored one, never a mix."""
    from learnlog import clock
    from learnlog.errors import Interrupted
    from learnlog.interrupts import deferred_interrupts
    from learnlog.session import refresh_prompt_state
    from learnlog.store.location import display_path, resolve_location
    from learnlog.store.maintenance import restore as restore_database

    location = resolve_location(options.db)
    # Ctrl-C is held back until the restore has rolled back or is done, so that the
    # line printed says which.
    with deferred_interrupts() as interruption:
        aside = restore_database(location, path, moment=clock.now(), interruption=interruption)
        refresh_prompt_state()
        moved = f"; the database it replaced is now {display_path(aside)}" if aside else ""
        said = f"Restored {display_path(path)} to {location}{moved}."
        if interruption.requested:
            raise Interrupted(f"Interrupted once the restore was done: {said}")
        say(said)
