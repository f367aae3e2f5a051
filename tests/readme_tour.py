"""The README's tour is real: every `$ learnlog ...` line in the console blocks
after the heading "## Tour" runs against one fresh journey, and must print what
the README shows under it.

An HTML comment `<!-- tour: NAME=VALUE -->` (invisible on the page) sets an
environment variable for the commands after it, e.g. to move LEARNLOG_TODAY (or
GIT_COMMITTER_DATE, so that the tour's commits, and their hashes, are the same
every time). `$ git ...` lines run git, to make the repositories `sync` reads.
After changing what a command prints, rewrite the outputs with:

    python tests/readme_tour.py --update
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
TOUR_HEADING = "## Tour"
_DIRECTIVE = re.compile(r"<!-- tour: (\w+)=(\S*) -->")
_FENCE = re.compile(r"^```(\w*)\s*$")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def without_uuids(text: str) -> str:
    """Entries get random UUIDs: the tour compares everything else."""
    return _UUID.sub("<uuid>", text)


def run_command(line: str) -> str:
    """Run one `learnlog ...` line in this process, or a `git ...` line as git
    itself (no shell: the tour's repositories are made in its fresh home); its
    stdout then stderr."""
    from learnlog.__main__ import main

    # As a shell would: split the words and expand a leading ~ to the home folder.
    args = [os.path.expanduser(arg) for arg in shlex.split(line)]
    if args[0] == "git":
        done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"})
        assert done.returncode == 0, f"{line}: {done.stderr}"
        return "\n".join(row.rstrip() for row in (done.stdout + done.stderr).splitlines())
    assert args[0] == "learnlog", f"the tour only runs learnlog and git: {line}"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args[1:])
        except SystemExit:
            pass
    text = out.getvalue() + err.getvalue()
    return "\n".join(row.rstrip() for row in text.splitlines())


def replay(text: str) -> str:
    """The README with every tour command's output replaced by what it prints now."""
    head, heading, tour = text.partition(TOUR_HEADING)
    assert heading, f"README has no {TOUR_HEADING!r} section"
    lines = tour.split("\n")
    result: list[str] = []
    saved = dict(os.environ)
    saved_folder = os.getcwd()
    os.chdir(README.parent)  # the tour attaches a file of the repository
    with tempfile.TemporaryDirectory() as folder:
        # A fresh home, so the journey lands where a newcomer's would.
        os.environ.update(HOME=folder, COLUMNS="80", NO_COLOR="1", TZ="UTC")
        for name in ("LEARNLOG_DB", "LEARNLOG_JOURNEY", "XDG_DATA_HOME", "FORCE_COLOR"):
            os.environ.pop(name, None)
        time.tzset()
        try:
            in_console = False
            for line in lines:
                directive = _DIRECTIVE.fullmatch(line.strip())
                if directive:
                    os.environ[directive.group(1)] = directive.group(2)
                fence = _FENCE.match(line)
                if fence and not in_console and fence.group(1) == "console":
                    in_console = True
                    result.append(line)
                    continue
                if in_console:
                    if fence:
                        in_console = False
                        result.append(line)
                    elif line.startswith("$ "):
                        result.append(line)
                        output = run_command(line[2:])
                        if output:
                            result.extend(output.split("\n"))
                    continue
                result.append(line)
        finally:
            os.environ.clear()
            os.environ.update(saved)
            time.tzset()
            os.chdir(saved_folder)
    return head + heading + "\n".join(result)


if __name__ == "__main__":
    current = README.read_text(encoding="utf-8")
    updated = replay(current)
    if "--update" in sys.argv:
        README.write_text(updated, encoding="utf-8")
    elif without_uuids(updated) != without_uuids(current):
        sys.exit("the README's tour is out of date: run python tests/readme_tour.py --update")
