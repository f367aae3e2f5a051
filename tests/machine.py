"""A machine that misbehaves, for the tests that need one: a user who is not root
(permissions mean nothing to root), and a disk that is nearly full.

As root, learnlog runs as an unprivileged user: the account `nobody`, or one
made with useradd under CI. That user cannot reach the test's venv (CI makes it
in a 0700 temporary folder) nor pytest's own temporary folders, so it gets a
readable copy of learnlog and of the packages it needs, and a folder of its own
under /tmp. Not as root, learnlog runs as the user running the tests. Where
neither can be had, the test is skipped with the reason.
"""

from __future__ import annotations

import compileall
import importlib.metadata
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import learnlog

TESTER = "learnlog-tester"
SOURCE = Path(learnlog.__file__).resolve().parent
DATA = SOURCE.parent / "data"
TODAY = "2026-11-10T10:00"


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str


def _unprivileged_account() -> pwd.struct_passwd | str:
    """The account to run learnlog as, or why there is none."""
    for name in ("nobody", TESTER):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    if os.environ.get("CI") == "true" and shutil.which("useradd"):
        subprocess.run(["useradd", "--system", "--no-create-home", TESTER], check=True)
        return pwd.getpwnam(TESTER)
    return "no unprivileged account (nobody) here, and useradd is only run under CI"


def _dependencies() -> list[importlib.metadata.Distribution]:
    """learnlog's installed dependencies, and theirs, but for extras."""
    found, waiting, seen = [], list(importlib.metadata.distribution("learnlog").requires or []), set()
    while waiting:
        requirement = waiting.pop()
        if "extra ==" in requirement:
            continue
        name = re.split(r"[ ;<>=!~\[(]", requirement, maxsplit=1)[0]
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # a dependency for another platform or Python
        found.append(distribution)
        waiting += distribution.requires or []
    return found


def readable_install(folder: Path) -> Path:
    """A copy of learnlog and its dependencies under `folder`, readable by anyone;
    returns the folder to put on PYTHONPATH."""
    target = folder / "site"
    for distribution in _dependencies():
        for file in distribution.files or []:
            source = Path(distribution.locate_file(file))
            if file.parts[0].endswith(".dist-info") or not source.is_file():
                continue
            copy = target / file
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    shutil.copytree(SOURCE, target / "learnlog")
    shutil.copytree(DATA, target / "learnlog" / "data")
    # What is not compiled yet is compiled once here: the user cannot write the copy.
    compileall.compile_dir(target, quiet=2, workers=1)
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def _interpreter(user: pwd.struct_passwd | None) -> str | None:
    """A Python the user can run, of the version the installed packages were built for."""
    wanted = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [os.path.realpath(sys.executable), os.path.realpath(getattr(sys, "_base_executable", "")),
                  f"/usr/bin/python{wanted}", f"/usr/local/bin/python{wanted}"]
    for candidate in dict.fromkeys(candidates):
        if not candidate or not os.path.isfile(candidate):
            continue
        try:
            done = subprocess.run(
                [candidate, "-I", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True, text=True, timeout=30,
                **({"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}),
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and done.stdout.strip() == wanted:
            return candidate
    return None


class AnotherUser:
    """learnlog run as a user who is not root, in a home folder of its own."""

    def __init__(self, account: pwd.struct_passwd | None, python: str, pythonpath: str | None, home: Path) -> None:
        self.account = account
        self.python = python
        self.pythonpath = pythonpath
        self.home = home

    def own(self, *paths: Path) -> None:
        """Give `paths` (and what folders among them hold) to the user."""
        if self.account is None:
            return
        for path in paths:
            for each in (path, *(path.rglob("*") if path.is_dir() and not path.is_symlink() else ())):
                os.chown(each, self.account.pw_uid, self.account.pw_gid, follow_symlinks=False)

    def environment(self) -> dict[str, str]:
        environment = {
            "HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "100",
            "LEARNLOG_TODAY": TODAY, "PYTHONDONTWRITEBYTECODE": "1",
            "XDG_DATA_HOME": str(self.home / "data"), "XDG_CACHE_HOME": str(self.home / "cache"),
        }
        if self.pythonpath:
            environment["PYTHONPATH"] = self.pythonpath
        return environment

    def command(self, *args: str) -> list[str]:
        return [self.python, "-m", "learnlog", *args]

    def run(self, *args: str, **options) -> Ran:
        """learnlog with `args`, as the user."""
        return self.run_program(self.command(*args), **options)

    def run_program(self, program: list[str], **options) -> Ran:
        if self.account is not None:
            options.update(user=self.account.pw_uid, group=self.account.pw_gid, extra_groups=[])
        done = subprocess.run(program, capture_output=True, text=True, env=self.environment(),
                              cwd=self.home, timeout=120, **options)
        return Ran(done.returncode, done.stdout, done.stderr)

    def python_code(self, code: str) -> Ran:
        """Plain Python (sqlite3 and the like) as the user, as another program would run."""
        return self.run_program([self.python, "-I", "-c", code])


@pytest.fixture(scope="session")
def _readable_install():
    """One readable copy of learnlog per test session (and pytest-xdist worker), made
    only when a test asks for another user while the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="learnlog-install-"))
    try:
        yield readable_install(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def another_user(request: pytest.FixtureRequest):
    """learnlog as a user who is not root (see the module's docstring), with an empty
    home folder that is its own; skipped with the reason where there is none."""
    if os.geteuid() == 0:
        account = _unprivileged_account()
        if isinstance(account, str):
            pytest.skip(f"permission tests need a user who is not root: {account}")
        python = _interpreter(account)
        if python is None:
            pytest.skip(f"permission tests need a Python {sys.version_info[0]}.{sys.version_info[1]}"
                        f" that {account.pw_name} can run")
        pythonpath = str(request.getfixturevalue("_readable_install"))
    else:
        account, python, pythonpath = None, sys.executable, None
    home = Path(tempfile.mkdtemp(prefix="learnlog-user-"))
    user = AnotherUser(account, python, pythonpath, home)
    user.own(home)
    yield user
    for path in (home, *home.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(home, ignore_errors=True)


def _mounted_tmpfs(size: str):
    """A folder on a tmpfs of `size`, mounted for the test and unmounted after it;
    skipped with the reason where it cannot be mounted (not root, no mount)."""
    if os.geteuid() != 0:
        pytest.skip("a tiny file system is a tmpfs mounted for the test, which needs root")
    if not shutil.which("mount"):
        pytest.skip("a tiny file system needs mount (util-linux)")
    folder = Path(tempfile.mkdtemp(prefix="learnlog-tiny-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)
    folder.rmdir()


@pytest.fixture
def tiny_disk():
    """A folder on a 150 KB tmpfs: too small for a first-revision journey, its
    backup and its upgrade at once."""
    yield from _mounted_tmpfs("150k")


@pytest.fixture
def small_disk():
    """A folder on a 1 MB tmpfs: room for a journey at the newest revision, until
    the test fills it."""
    yield from _mounted_tmpfs("1m")


def fill(folder: Path) -> None:
    """Fill the file system holding `folder` to the last byte."""
    with open(folder / "filler", "wb", buffering=0) as filler:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    filler.write(b"\0" * size)
            except OSError:
                continue
