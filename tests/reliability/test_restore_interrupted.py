"""A `learnlog restore` stopped at any step, by Ctrl-C (SIGINT) or SIGKILL,
leaves a database in place: the old journey or the restored one, sound, with
the copy set aside still there once the restored one is in place. Ctrl-C gets
one line saying which; a hidden temporary file a kill leaves is removed by the
next restore.

The restore runs through paused_restore.py, which pauses it at a named step."""

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from restoring import environment, journey_with_backup, learnlog

PAUSED_RESTORE = Path(__file__).with_name("paused_restore.py")
PAUSE_SECONDS = 1.0




def notes_in(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [note for (note,) in connection.execute("SELECT note FROM entry ORDER BY id")]
    finally:
        connection.close()


OLD = ["in the backup", "after the backup"]
RESTORED = ["in the backup"]


@pytest.fixture
def journey(tmp_path: Path) -> tuple[Path, Path]:
    """A journey's database and a backup of it that lacks its last entry."""
    return journey_with_backup(tmp_path)


def restore_stopped(db: Path, backup: Path, step: str, stop: signal.Signals) -> subprocess.CompletedProcess:
    """Run `learnlog restore BACKUP`, sending `stop` once it is paused at `step`."""
    process = subprocess.Popen(
        [sys.executable, str(PAUSED_RESTORE), step, str(PAUSE_SECONDS), "restore", str(backup)],
        env=environment(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    said = process.stderr.readline()
    assert said == f"paused at {step}\n", said + process.stderr.read()
    process.send_signal(stop)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, said + err)


def asides(db: Path) -> list[Path]:
    return sorted(db.parent.glob("learnlog.db.before-restore-*.bak"))


def hidden(db: Path) -> list[str]:
    return sorted(path.name for path in db.parent.iterdir() if path.name.startswith("."))


STEPS = ["locked", "copied", "set-aside", "restored"]


@pytest.mark.parametrize("step", STEPS)
def test_a_restore_killed_at_any_step_leaves_the_old_journey_or_the_restored_one_and_the_copy_set_aside(
    journey, step
):
    db, backup = journey

    killed = restore_stopped(db, backup, step, signal.SIGKILL)

    assert killed.returncode == -signal.SIGKILL
    if step == "restored":
        assert notes_in(db) == RESTORED
        (aside,) = asides(db)
        assert notes_in(aside) == OLD
    else:
        assert notes_in(db) == OLD
        assert [notes_in(aside) for aside in asides(db)] in ([], [OLD])
    assert learnlog(db, "doctor").returncode == 0
    assert learnlog(db, "restore", str(backup)).returncode == 0
    assert notes_in(db) == RESTORED
    assert hidden(db) == []


@pytest.mark.parametrize(
    ("step", "after"),
    [("locked", OLD), ("copied", OLD), ("set-aside", OLD), ("restored", RESTORED)],
)
def test_ctrl_c_at_any_step_of_a_restore_says_in_one_line_whether_it_was_done(journey, step, after):
    db, backup = journey

    interrupted = restore_stopped(db, backup, step, signal.SIGINT)

    assert interrupted.returncode == 130
    said = interrupted.stderr.splitlines()[1:]
    assert interrupted.stdout == ""
    assert notes_in(db) == after
    if after == OLD:
        assert said == [f"Interrupted: nothing was changed; {db} still holds the journey it had."]
        assert asides(db) == []
    else:
        (aside,) = asides(db)
        assert notes_in(aside) == OLD
        assert said == [f"Interrupted once the restore was done: Restored {backup} to {db};"
                        f" the database it replaced is now {aside}."]
    assert hidden(db) == []


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_a_restore_over_a_damaged_database_stopped_before_its_rename_leaves_the_damaged_one_in_place(journey, stop):
    db, backup = journey
    garbage = b"this was a database once" * 100
    db.write_bytes(garbage)

    stopped = restore_stopped(db, backup, "replacing", stop)

    assert db.read_bytes() == garbage
    if stop == signal.SIGINT:
        assert stopped.returncode == 130
        assert stopped.stderr.splitlines()[1:] == [f"Interrupted: nothing was changed; {db} is as it was."]
        assert asides(db) == []
        assert hidden(db) == []
    else:
        (aside,) = asides(db)
        assert aside.read_bytes() == garbage
    assert learnlog(db, "restore", str(backup)).returncode == 0
    assert notes_in(db) == RESTORED
    assert hidden(db) == []
