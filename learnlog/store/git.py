"""Reading git repositories through the `git` command: never a shell, the
repository's path always an argument of its own, and an output format that
neither the user's configuration nor the locale can change.

Only this module runs git; learnlog.domain.commits decides what its output means.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from learnlog.errors import InputError

GIT_TIMEOUT_SECONDS = 120
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


class RepositoryUnreadable(InputError):
    """A registered repository that git cannot read any more (moved, vanished, not readable)."""


_ELSEWHERE = frozenset({
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
})
"""What would point git at another repository than the one named (a git hook sets
some of these), or inject configuration from the environment."""


def _environment() -> dict[str, str]:
    """The user's environment (their git configuration included: user.email is
    the author's), without what would make git read another repository or print
    another language, format or pager."""
    keep = {
        name: value for name, value in os.environ.items()
        if name not in _ELSEWHERE and not name.startswith("GIT_CONFIG_KEY_") and not name.startswith("GIT_CONFIG_VALUE_")
    }
    return {**keep, "LC_ALL": "C", "LANGUAGE": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


def _git(path: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    """Run `git -C PATH ARGS...` and return what it did; OSError when git cannot run."""
    command = [
        "git", "-C", str(path), "-c", "core.quotePath=false", "-c", "log.showSignature=false",
        "-c", "color.ui=never", "-c", "i18n.logOutputEncoding=UTF-8", *args,
    ]
    try:
        return subprocess.run(
            command, capture_output=True, env=_environment(), timeout=GIT_TIMEOUT_SECONDS, check=False,
            text=not binary, **({} if binary else {"encoding": "utf-8", "errors": "replace"}),
        )
    except FileNotFoundError:
        raise InputError("git is not installed (learnlog reads repositories with the git command)") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"git took over {GIT_TIMEOUT_SECONDS} s reading {path}") from None


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def work_tree(path: Path) -> Path:
    """The top of the git work tree at `path` (resolved), or InputError saying why it is not one."""
    shown = str(path)
    if not path.exists():
        raise InputError(f"no such folder: {shown}")
    if not path.is_dir():
        raise InputError(f"{shown} is not a folder (give the folder of a git repository)")
    inside = _git(path, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        bare = _git(path, "rev-parse", "--is-bare-repository")
        if bare.returncode == 0 and bare.stdout.strip() == "true":
            raise InputError(f"{shown} is a bare repository: register the folder of a clone of it, its work tree")
        raise InputError(f"{shown} is not a git repository (no work tree here: git init, or give another folder)")
    top = _git(path, "rev-parse", "--show-toplevel")
    toplevel = Path(top.stdout.strip()).resolve()
    if toplevel != path.resolve():
        raise InputError(f"{shown} is inside the repository {toplevel}: give its top folder")
    return toplevel


def configured_email(path: Path) -> str | None:
    """The user.email git uses in the repository, or None."""
    result = _git(path, "config", "--get", "user.email")
    email = result.stdout.strip() if result.returncode == 0 else ""
    return email or None


def origin_url(path: Path) -> str | None:
    """The address of the repository's `origin` remote, or None."""
    result = _git(path, "remote", "get-url", "origin")
    return result.stdout.strip() or None if result.returncode == 0 else None


def _readable(path: Path, name: str) -> None:
    if not path.is_dir():
        raise RepositoryUnreadable(f"repository {name}: {path} is gone (moved or deleted?): learnlog repo remove {name}, then add it where it is now")
    if not os.access(path, os.R_OK | os.X_OK):
        raise RepositoryUnreadable(f"repository {name}: {path} is not readable")


def commit_log(path: Path, name: str) -> str:
    """What `git log` prints for every commit on the repository's local and
    remote-tracking branches, merges left out, in learnlog's format
    (learnlog.domain.commits.GIT_LOG_FORMAT, with the files each changed)."""
    from learnlog.domain.commits import GIT_LOG_FORMAT

    _readable(path, name)
    inside = _git(path, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise RepositoryUnreadable(f"repository {name}: {path} is no longer a git work tree")
    branches = _git(path, "for-each-ref", "--count=1", "--format=%(refname)", "refs/heads", "refs/remotes")
    if branches.returncode == 0 and not branches.stdout.strip():
        return ""  # no commit yet: git log would fail on the empty history
    result = _git(
        path, "log", "--branches", "--remotes", "--no-merges", f"--format={GIT_LOG_FORMAT}", "--name-only",
        "--no-renames", "--",
    )
    if result.returncode != 0:
        reason = _first_line(result.stderr) or f"git log exited {result.returncode}"
        raise RepositoryUnreadable(f"repository {name}: git cannot read {path}: {reason}")
    return result.stdout


def file_at(path: Path, commit_hash: str, file: str) -> bytes | None:
    """The bytes of `file` as commit `commit_hash` left it (git show), or None when
    that commit has no such file (deleted by it) or it is over the notebook limit."""
    size = _git(path, "cat-file", "-s", f"{commit_hash}:{file}")
    if size.returncode != 0 or not size.stdout.strip().isdigit() or int(size.stdout) > MAX_NOTEBOOK_BYTES:
        return None
    shown = _git(path, "show", f"{commit_hash}:{file}", binary=True)
    return shown.stdout if shown.returncode == 0 else None
