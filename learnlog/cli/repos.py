"""Evidence from git: the repositories a journey syncs from, and `sync`, which
proposes an entry for each day of new commits and records them with consent."""

from __future__ import annotations

import sys

from learnlog.cli.declare import JSON, PATH, SINCE, Argument, Flag, Group, Option, command
from learnlog.session import journey_session, print_json
from learnlog.views.text import say

repo = Group(
    "repo",
    summary="Register the git repositories whose commits sync brings in as build entries.",
    examples=(
        "learnlog repo add ~/code/titanic",
        'learnlog repo add ~/code/numpy-drills --topic numpy --author me@example.com',
        "learnlog repo list",
        "learnlog repo remove titanic",
    ),
)


@repo.command(
    "add",
    Argument("path", metavar="PATH", type=PATH, help="The repository's folder: the top of its work tree."),
    Option(
        "--topic", metavar="TOPIC", complete="topic",
        help="The topic its work counts for. [default: a new topic named after the repository, in the area Projects]",
    ),
    Option(
        "--author", metavar="EMAIL", multiple=True,
        help="Count the commits of this address; repeat for more. [default: the user.email git uses there]",
    ),
    examples=("learnlog repo add ~/code/titanic", "learnlog repo add . --topic pandas --author me@work.example"),
)
def add(path, topic, author) -> None:
    """Register a git repository on this computer, so that sync brings in its commits.

    Only the author's commits count: those of the user.email git uses in the
    repository, or of the --author addresses instead.
    """
    from learnlog import clock
    from learnlog.domain.commits import check_author
    from learnlog.domain.topics import clean_name
    from learnlog.errors import InputError
    from learnlog.store.git import configured_email, work_tree
    from learnlog.store.queries import add_topic, find_topic, resolve_topic
    from learnlog.store.repositories import add_repository, this_host
    from learnlog.views.text import one_line

    top = work_tree(path.expanduser())
    authors = tuple(dict.fromkeys(check_author(address) for address in author or ()))
    if not authors:
        email = configured_email(top)
        if email is None:
            raise InputError(
                f"git has no user.email in {top}: set it (git -C {_quoted(str(top))} config user.email"
                " you@example.com) or give --author EMAIL"
            )
        authors = (check_author(email),)
    name = clean_name(top.name, "repository name")
    now = clock.now()
    created_topic = None
    with journey_session(write=True) as (db, journey):
        if topic is not None:
            topic_id, topic_name = resolve_topic(db, journey.id, topic, create=False, created=now)
        else:
            existing = find_topic(db, journey.id, name)
            if existing is not None:
                if existing.archived:
                    raise InputError(
                        f"topic {existing.name!r} is archived: unarchive it (learnlog topic unarchive"
                        f" {existing.name!r}) or give --topic"
                    )
                topic_id, topic_name = existing.id, existing.name
            else:
                topic_id = add_topic(db, journey.id, name=name, area="Projects", target_hours=None, created=now)
                topic_name = created_topic = name
        add_repository(
            db, journey.id, host=this_host(), name=name, path=str(top), topic_id=topic_id, authors=authors,
            created=now,
        )
    from learnlog.store.location import display_path

    made = " (a new topic in the area Projects)" if created_topic else ""
    say(
        f"Registered {one_line(name)} ({one_line(display_path(top))}): commits by {', '.join(authors)}"
        f" count for {one_line(topic_name)}{made}. Run learnlog sync to bring them in."
    )


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


@repo.command("list", JSON, examples=("learnlog repo list --json",))
def list_repositories(as_json) -> None:
    """List the repositories registered on this computer, with their topics and authors."""
    from learnlog.store.location import display_path
    from learnlog.store.repositories import repositories, this_host
    from learnlog.views.sync import repository_line

    with journey_session() as (db, journey):
        found = repositories(db, journey.id, this_host())
    if as_json:
        print_json([record.to_json() for record in found])
    elif not found:
        say("No repositories on this computer (learnlog repo add PATH registers one).", file=sys.stderr)
    for record in found if not as_json else ():
        say(repository_line(record.name, display_path(record.path), record.topic, record.authors))


@repo.command(
    "remove",
    Argument("name", metavar="NAME", help="The repository's name (see learnlog repo list)."),
    examples=("learnlog repo remove titanic",),
)
def remove(name) -> None:
    """Stop syncing a repository on this computer; the entries it brought stay."""
    from learnlog.store.repositories import remove_repository, this_host
    from learnlog.views.text import one_line

    with journey_session(write=True) as (db, journey):
        record = remove_repository(db, journey.id, this_host(), name)
    say(f"Removed {one_line(record.name)}; the entries it brought stay.")


@command(
    "sync",
    SINCE.with_help("Only commits from this day on. [default: the journey's start]"),
    Flag("--dry-run", help="Only show what would be recorded."),
    Flag("--yes", "-y", help="Record without asking (for cron)."),
    examples=("learnlog sync", "learnlog sync --dry-run", "learnlog sync --since 'last mon' --yes"),
)
def sync(since, dry_run, yes) -> int | None:
    """Propose a build entry for each day of new commits in the registered repositories, and record them if you agree.

    Each commit is brought in once, ever, by its hash: however often sync runs,
    whatever --since says, and on whichever computer. A day's entry lists its
    commits' subjects, links to the first commit when the repository is on GitHub,
    GitLab or Codeberg, and is tagged git; its duration is estimated from the
    commits (tagged estimated) unless `learnlog config sync-estimate off`.
    """
    from pathlib import Path

    from learnlog import clock
    from learnlog.domain.commits import parse_log, plan_repository, web_address
    from learnlog.domain.dates import parse_day
    from learnlog.domain.settings import sync_estimate
    from learnlog.errors import InputError
    from learnlog.store.git import RepositoryUnreadable, commit_log, origin_url
    from learnlog.store.queries import settings
    from learnlog.store.repositories import record_entries, repositories, seen_hashes, this_host
    from learnlog.views.progress import Steps
    from learnlog.views.sync import attached_images_text, left_out_text, proposed_lines, recorded_text

    now = clock.now()
    first = parse_day(since, now.date()) if since else None
    with journey_session() as (db, journey):
        registered = repositories(db, journey.id, this_host())
        seen = seen_hashes(db, journey.id)
        estimate = sync_estimate(settings(db, journey.id))
    if not registered:
        raise InputError("no repositories on this computer to sync: learnlog repo add PATH registers one")
    def read(record):
        """The repository's plan and web address, or the one line saying why it cannot be read."""
        try:
            log = commit_log(Path(record.path), record.name)
            web = web_address(origin_url(Path(record.path)))
        except RepositoryUnreadable as error:
            return f"Error: {error}"
        try:
            commits = parse_log(log)
        except ValueError as error:
            return f"Error: repository {record.name}: git's output could not be read ({error})"
        plan = plan_repository(
            record.name, commits, authors=frozenset(record.authors), seen=seen, start=journey.start, now=now,
            since=first, estimate=estimate, web=web,
        )
        return record, plan, web

    failed = False
    plans = []
    problems = []
    with Steps("Reading repositories", total=len(registered)) as steps:
        for record in registered:
            found = read(record)
            (problems if isinstance(found, str) else plans).append(found)
            steps.advance(record.name)
    for problem in problems:
        say(problem, file=sys.stderr)
        failed = True
    for _, plan, _ in plans:
        notice = left_out_text(plan)
        if notice:
            say(notice, file=sys.stderr)
    proposed = [(record, plan, web) for record, plan, web in plans if plan.entries]
    if not proposed:
        say("Nothing new to sync.", file=sys.stderr)
        return 1 if failed else None
    for record, plan, _ in proposed:
        say("\n".join(proposed_lines(plan, record.topic)))
    count = sum(len(plan.entries) for _, plan, _ in proposed)
    if dry_run:
        say("Dry run: nothing recorded.", file=sys.stderr)
        return 1 if failed else None
    if not yes:
        if not sys.stdin.isatty():
            say(
                "Nothing recorded: without a terminal to ask, learnlog sync --yes records them.", file=sys.stderr,
            )
            return 1
        from learnlog.session import confirm

        noun = "this entry" if count == 1 else f"these {count} entries"
        if not confirm(f"Record {noun}?"):
            say("Nothing recorded.", file=sys.stderr)
            return 1
    pictures = _notebook_pictures(proposed)
    recorded = []
    attached = []
    with journey_session(write=True) as (db, journey):
        for record, plan, web in proposed:
            recorded += record_entries(
                db, journey.id, record.topic_id, list(plan.entries), created=now, estimate=estimate, web=web,
            )
        if pictures:
            from learnlog.store.attachments import attach_new_images

            for item in recorded:
                claimed = set(item.entry.hashes)
                for path, commit_hash, found in pictures.get(id(item.proposed), ()):
                    if commit_hash in claimed:
                        stored = attach_new_images(db, journey.id, item.entry_id, found.notebook, found.images)
                        if stored:
                            attached.append((path, item.entry_id, len(stored)))
    if recorded:
        say(recorded_text([item.entry_id for item in recorded], sum(len(item.entry.commits) for item in recorded)))
        for path, entry_id, count in attached:
            say(attached_images_text(path, entry_id, count))
    else:
        say("Nothing recorded: another sync brought these commits in meanwhile.", file=sys.stderr)
    return 1 if failed else None


def _notebook_pictures(proposed) -> dict[int, list]:
    """For each proposed entry (by id()), the images of each notebook its commits
    changed, read at the last of those commits through git show: (path, commit
    hash, NotebookImages). A notebook that cannot be read is named and skipped;
    the entry is recorded all the same."""
    from pathlib import Path, PurePosixPath

    from learnlog.domain.commits import changed_notebooks
    from learnlog.store.git import file_at
    from learnlog.views.progress import Steps
    from learnlog.views.text import one_line

    wanted = [
        (record, entry, path, commit_hash)
        for record, plan, _ in proposed for entry in plan.entries for path, commit_hash in changed_notebooks(entry)
    ]
    pictures: dict[int, list] = {}
    if not wanted:
        return pictures
    from learnlog.domain.notebooks import notebook_images
    from learnlog.errors import InputError

    with Steps("Reading notebooks", total=len(wanted)) as steps:
        for record, entry, path, commit_hash in wanted:
            content = file_at(Path(record.path), commit_hash, path)
            steps.advance(path)
            if content is None:
                continue  # the commit deleted it, or it is over the notebook limit
            try:
                found = notebook_images(content, PurePosixPath(path).name)
            except InputError as error:
                say(
                    f"{one_line(record.name)}: left out the images of {one_line(path)} at {commit_hash[:12]}: {error}",
                    file=sys.stderr,
                )
                continue
            if found.images:
                pictures.setdefault(id(entry), []).append((path, commit_hash, found))
    return pictures
