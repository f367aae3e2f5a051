"""learnlog reads and writes regular files only. A device node, a named pipe, a
socket, or a link to any of them is refused as a database, a backup target or an
output, --force or not, and is left exactly as it was: as root, "replacing" one
would replace the node itself (a /dev/null turned into a database). Device nodes
are made with mknod in the test's own folder, never in the real /dev."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

NODES = {"zero": (1, 5), "null": (1, 3)}


def make_node(path: Path, kind: str) -> None:
    """A special file of `kind` at `path`: a character device (root only), a FIFO,
    a socket, or a link to a character device."""
    if kind in ("character device", "link to a device"):
        if os.geteuid() != 0:
            pytest.skip("mknod needs root: device nodes are only made when the tests run as root")
        target = path if kind == "character device" else path.with_name(path.name + "-node")
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(*NODES["zero"]))
        if kind == "link to a device":
            path.symlink_to(target.name)
    elif kind == "FIFO":
        os.mkfifo(path)
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()


def fingerprint(path: Path) -> tuple:
    """What the node at `path` is: its type, device numbers and inode, without following a link."""
    found = path.lstat()
    return stat.S_IFMT(found.st_mode), found.st_rdev, found.st_ino


KINDS = ["character device", "link to a device", "FIFO", "socket"]


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-01")
    ok("log", "numpy", "-m", "arrays")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [("init",), ("status",), ("log", "numpy"), ("doctor",), ("db", "upgrade")],
                         ids=lambda words: " ".join(words))
def test_a_special_file_is_refused_as_the_database_and_left_as_it_was(refused, tmp_path, kind, command):
    node = tmp_path / "journey.db"
    make_node(node, kind)
    before = fingerprint(node)
    line = refused("--db", str(node), *command)
    assert "not a file" in line and "init" not in line
    assert fingerprint(node) == before
    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith("journey.db-node")) == ["journey.db"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("force", [(), ("--force",)], ids=["", "--force"])
@pytest.mark.parametrize("command", [
    ("export", "-o"), ("export", "--format", "ics", "-o"), ("backup",), ("post", "draft", "-o"),
    ("attachment", "get", "1", "-o"), ("dashboard", "--svg"),
], ids=lambda words: " ".join(words))
def test_a_special_file_is_refused_as_an_output_force_or_not(journey, refused, ok, tmp_path, kind, force, command):
    attached = tmp_path / "plot.png"
    attached.write_bytes(b"\x89PNG")
    ok("attach", "1", str(attached))
    node = tmp_path / "out"
    make_node(node, kind)
    before = fingerprint(node)
    line = refused(*command, str(node), *force)
    assert "not a file" in line
    assert fingerprint(node) == before
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".out")]


def test_learnlog_prompt_on_a_device_prints_nothing_and_leaves_it(learnlog, tmp_path):
    node = tmp_path / "journey.db"
    make_node(node, "character device")
    before = fingerprint(node)
    result = learnlog("--db", str(node), "remind", "--prompt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert fingerprint(node) == before


def test_an_output_that_is_learnlogs_own_standard_output_is_refused_and_left_as_it_was(journey, db_path, tmp_path):
    # As /dev/stdout is when the output goes to a file: a link to the process's own
    # descriptor. A link in the test's folder, so the real /dev/stdout is never at stake.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    captured = tmp_path / "captured.json"
    with captured.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "learnlog", "--db", str(db_path), "export", "-o", str(link), "--force"],
            stdout=out, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "LEARNLOG_TODAY": "2026-11-25"},
        )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ") and "standard output" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert captured.read_bytes() == b""
