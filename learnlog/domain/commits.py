"""Evidence from git: which commits `learnlog sync` turns into entries, and how.

Pure: the text `git log` printed in GIT_LOG_FORMAT in, the entries to propose
out. learnlog.store.git runs git; this module decides.

The rules, as `learnlog sync` applies them to one repository:
- only commits by the author count (their e-mail, compared ignoring case), merge
  commits left out (git does that: --no-merges);
- a commit already seen for the journey is skipped, whatever its date, so a branch
  fetched later or a rebase onto old author dates loses nothing;
- commits dated after now or before the journey's start are left out and counted;
- the rest are grouped by the local day of their author date (in that commit's
  own UTC offset), one build entry a day: its moment is the day's first commit,
  its note the subject lines (the first ten, then "and N more"), its duration the
  span from the first to the last commit plus 30 minutes, at most 4 hours (unless
  estimates are off), its link the first commit's web page when the repository's
  origin is on a known forge, its tags `git` (and `estimated` with a duration).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

FIELD = "\x1f"
RECORD = "\x1e"
GIT_LOG_FORMAT = f"{RECORD}%H{FIELD}%ae{FIELD}%aI{FIELD}%s"
"""`git log --format` for parse_log: a record separator, then hash, author e-mail,
author date (strict ISO 8601 with its offset) and subject; --name-only then lists
the files each commit changed, one a line, after a blank line."""

SUBJECTS_SHOWN = 10
PADDING_MINUTES = 30
MAX_ESTIMATE_MINUTES = 4 * 60
SYNC_TAGS = ("git",)
ESTIMATED_TAG = "estimated"
_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True)
class Commit:
    """One commit as git log gave it."""

    hash: str
    author: str
    authored: datetime
    """The author date, with the offset it was made in."""
    subject: str
    files: tuple[str, ...] = ()
    """The paths it changed, relative to the top of the work tree."""

    @property
    def day(self) -> date:
        """The local day it was made on, in its own offset."""
        return self.authored.date()


def parse_log(text: str) -> list[Commit]:
    """The commits in `text`, as `git log --format=GIT_LOG_FORMAT --name-only`
    printed them (newest first, as git lists them). ValueError on anything else."""
    commits = []
    for record in text.split(RECORD)[1:]:
        header, _, changed = record.partition("\n")
        parts = header.split(FIELD)
        if len(parts) != 4 or not _HASH.fullmatch(parts[0]):
            raise ValueError(f"not a commit record of git log: {header[:80]!r}")
        commit_hash, author, authored, subject = parts
        moment = datetime.fromisoformat(authored)
        if moment.tzinfo is None:
            raise ValueError(f"an author date without its offset: {authored!r}")
        files = tuple(line for line in changed.splitlines() if line)
        commits.append(Commit(commit_hash, author, moment, subject.strip(), files))
    return commits


@dataclass(frozen=True)
class ProposedEntry:
    """The build entry one day of one repository's commits makes."""

    repository: str
    moment: datetime
    minutes: int | None
    note: str
    link: str | None
    tags: tuple[str, ...]
    commits: tuple[Commit, ...]
    """The day's commits, oldest first."""

    @property
    def day(self) -> date:
        return self.moment.date()

    @property
    def hashes(self) -> tuple[str, ...]:
        return tuple(commit.hash for commit in self.commits)


@dataclass(frozen=True)
class RepositoryPlan:
    """What one repository brings: its entries, oldest first, and the commits by
    the author left out because they are dated in the future or before the start."""

    repository: str
    entries: tuple[ProposedEntry, ...] = ()
    future: int = 0
    before_start: int = 0
    already_seen: int = 0
    hashes: frozenset[str] = field(default_factory=frozenset)
    """Every new commit's hash: those the entries hold."""


def plan_repository(
    repository: str, commits: list[Commit], *, authors: frozenset[str], seen: frozenset[str] | set[str],
    start: date, now: datetime, since: date | None = None, estimate: bool = True, web: str | None = None,
) -> RepositoryPlan:
    """What syncing `commits` (of the repository named `repository`) proposes.
    `authors` are the e-mail addresses whose commits count (lower case); `seen`
    the hashes the journey has seen; `since` (no earlier than `start`) narrows the
    days considered; `web` the repository's web address on its forge (web_address)."""
    by_author = [commit for commit in commits if commit.author.casefold() in authors]
    first_day = max(start, since) if since else start
    future = before = seen_count = 0
    kept: dict[date, list[Commit]] = {}
    for commit in by_author:
        if commit.hash in seen:
            seen_count += 1
        elif commit.authored > now:
            future += 1
        elif commit.day < start:
            before += 1
        elif commit.day >= first_day:
            kept.setdefault(commit.day, []).append(commit)
    entries = tuple(
        day_entry(repository, day_commits, estimate=estimate, web=web)
        for _, day_commits in sorted(kept.items())
    )
    return RepositoryPlan(
        repository, entries, future=future, before_start=before, already_seen=seen_count,
        hashes=frozenset(commit.hash for entry in entries for commit in entry.commits),
    )


def day_entry(repository: str, commits: list[Commit], *, estimate: bool = True, web: str | None = None) -> ProposedEntry:
    """The entry for one day's commits (any order; at least one)."""
    ordered = tuple(sorted(commits, key=lambda commit: (commit.authored, commit.hash)))
    first, last = ordered[0], ordered[-1]
    minutes = None
    if estimate:
        span = int((last.authored - first.authored).total_seconds() // 60)
        minutes = min(span + PADDING_MINUTES, MAX_ESTIMATE_MINUTES)
    return ProposedEntry(
        repository=repository, moment=first.authored, minutes=minutes, note=commit_note(ordered),
        link=commit_link(web, first.hash) if web else None,
        tags=SYNC_TAGS + ((ESTIMATED_TAG,) if minutes is not None else ()), commits=ordered,
    )


def commit_note(commits: tuple[Commit, ...]) -> str:
    """The subject lines, one a line: the first ten, then "and N more"."""
    subjects = [commit.subject or "(no subject)" for commit in commits[:SUBJECTS_SHOWN]]
    rest = len(commits) - SUBJECTS_SHOWN
    if rest > 0:
        subjects.append(f"and {rest} more")
    return "\n".join(subjects)


# Forges ------------------------------------------------------------------------------

FORGES = {"github.com": "/commit/", "gitlab.com": "/-/commit/", "codeberg.org": "/commit/"}
"""The forges whose commit pages learnlog links to, with each one's path to a commit."""
_SCP_LIKE = re.compile(r"(?:[^@/\s]+@)?(?P<host>[^:/\s]+):(?!//)(?P<path>[^\s]+)")
_URL = re.compile(
    r"(?P<scheme>https?|ssh|git)://(?:[^@/\s]*@)?(?P<host>[^:/\s]+)(?::\d+)?/(?P<path>[^\s?#]+)", re.IGNORECASE,
)


def web_address(remote: str | None) -> str | None:
    """The repository's web page for an `origin` on GitHub, GitLab or Codeberg, in
    https or ssh form (`https://github.com/me/titanic`), with any user name,
    password or token in the remote dropped: the address ends up in public posts.
    None for any other remote."""
    if not remote:
        return None
    remote = remote.strip()
    match = _URL.fullmatch(remote) or _SCP_LIKE.fullmatch(remote)
    if match is None:
        return None
    host = match.group("host").casefold()
    if host.startswith("www."):
        host = host[len("www."):]
    if host not in FORGES:
        return None
    path = match.group("path").strip("/")
    if path.endswith(".git"):
        path = path[: -len(".git")]
    parts = path.split("/")
    if len(parts) < 2 or any(not part or part in (".", "..") for part in parts):
        return None
    if not all(re.fullmatch(r"[A-Za-z0-9_.-]+", part) for part in parts):
        return None
    return f"https://{host}/{path}"


def commit_link(web: str, commit_hash: str) -> str:
    """The commit's page on the forge of `web` (an address web_address gave)."""
    host = web.split("/")[2]
    return f"{web}{FORGES[host]}{commit_hash}"


def changed_notebooks(entry: ProposedEntry) -> list[tuple[str, str]]:
    """Each notebook (.ipynb) the day's commits changed, with the last of those
    commits that changed it: (path, hash), in the order of the paths' first change."""
    latest: dict[str, str] = {}
    for commit in entry.commits:
        for path in commit.files:
            if path.casefold().endswith(".ipynb"):
                latest[path] = commit.hash
    return list(latest.items())


def check_author(address: str) -> str:
    """An author's e-mail address as compared (lower case), or InputError: git
    records whatever user.email says, so only the shape is checked."""
    from learnlog.errors import InputError

    cleaned = address.strip()
    if not re.fullmatch(r"[^\s@<>]+@[^\s@<>]+", cleaned) or not cleaned.isprintable():
        raise InputError(f"not an e-mail address: {address!r} (--author takes the address git records, me@example.com)")
    return cleaned.casefold()
