"""`learnlog remind`: one sentence and an exit code for what needs doing, a
desktop notification, and the shell-prompt segment."""

import hashlib
import sqlite3
import subprocess
import sys

import pytest

ON_TRACK, DUE_TODAY, OVERDUE = 0, 3, 4


@pytest.fixture
def on_track(ok):
    """Day 0 is Fri 20 Nov; NumPy logged today (Wed 25 Nov), so due Sat 28 Nov."""
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy")


@pytest.fixture
def due_today(ok):
    """Day 0 is Fri 20 Nov; NumPy logged Sun 22 Nov, so due today."""
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-22")


@pytest.fixture
def overdue(ok):
    """Day 0 is Sat 14 Nov; a streak of 3 check-ins (15, 17, 20 Nov) set the deadline
    Mon 23 Nov, which has passed by 2 days."""
    ok("init", "--start", "2026-11-14")
    for day in ("2026-11-15", "2026-11-17", "2026-11-20"):
        ok("log", "pandas", "--date", day)


@pytest.fixture
def no_notify_send(monkeypatch, tmp_path):
    """A PATH on which there is no notify-send (nor anything else)."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def notify_send(monkeypatch, tmp_path):
    """A stand-in notify-send on PATH; returns the file where it writes its arguments, one a line."""
    folder = tmp_path / "bin"
    folder.mkdir()
    called = tmp_path / "notify-send-arguments"
    script = folder / "notify-send"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{called}'\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return called


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize(
    ("setup", "sentence", "code"),
    [
        (
            "due_today",
            "Update due today: Day 5, last check-in 3 days ago (NumPy).",
            DUE_TODAY,
        ),
        (
            "overdue",
            "Overdue by 2 days: your 3-check-in streak has ended. Log a session to start a new one.",
            OVERDUE,
        ),
    ],
    ids=["due-today", "overdue"],
)
def test_remind_says_what_needs_doing_in_one_sentence_and_exits_with_the_state(
    request, learnlog, setup, sentence, code
):
    request.getfixturevalue(setup)

    for args in (("remind",), ("remind", "--always")):
        result = learnlog(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (code, sentence + "\n", "")


def test_remind_is_silent_and_exits_0_when_on_track(on_track, learnlog):
    result = learnlog("remind")

    assert (result.exit_code, result.stdout, result.stderr) == (ON_TRACK, "", "")


def test_remind_always_says_where_you_stand_when_on_track(on_track, learnlog):
    result = learnlog("remind", "--always")

    assert (result.exit_code, result.stdout) == (
        ON_TRACK,
        "On track: next update due Sat 28 Nov (in 3 days), last check-in today (NumPy).\n",
    )


@pytest.mark.parametrize(
    ("start", "sentence", "code"),
    [
        ("2026-11-22", "Update due today: Day 3, no check-in yet.", DUE_TODAY),
        ("2026-11-21", "Overdue by 1 day: no check-in yet. Log a session to start your first streak.", OVERDUE),
        ("2026-11-20", "Overdue by 2 days: no check-in yet. Log a session to start your first streak.", OVERDUE),
        ("2026-11-25", "On track: next update due Sat 28 Nov (in 3 days), no check-in yet.", ON_TRACK),
    ],
    ids=["due-today", "overdue-1-day", "overdue-2-days", "on-track"],
)
def test_remind_before_the_first_check_in(ok, learnlog, start, sentence, code):
    ok("init", "--start", start)

    result = learnlog("remind", "--always")

    assert (result.exit_code, result.stdout) == (code, sentence + "\n")


@pytest.mark.parametrize(
    ("post_topic", "sentence"),
    [
        ((), "Update due today: Day 5, last check-in 3 days ago."),
        (("pandas",), "Update due today: Day 5, last check-in 3 days ago (Pandas)."),
    ],
    ids=["post-without-topic", "post-with-topic"],
)
def test_remind_names_the_topic_of_the_last_check_in_not_of_a_later_entry_that_did_not_count(
    ok, learnlog, post_topic, sentence
):
    ok("init", "--start", "2026-11-20", today="2026-11-20")
    ok("cadence", "set", "3", "--counts", "post")
    ok("log", *post_topic, "--kind", "post", "--date", "2026-11-22", today="2026-11-25")
    ok("log", "numpy", "--date", "2026-11-24")  # a study session: not a check-in when only posts count

    result = learnlog("remind")

    assert (result.exit_code, result.stdout) == (DUE_TODAY, sentence + "\n")


@pytest.mark.parametrize(
    ("setup", "sentence", "code"),
    [
        ("due_today", "Update due today: Day 5, last check-in 3 days ago (NumPy).", DUE_TODAY),
        ("overdue", "Overdue by 2 days: your 3-check-in streak has ended. Log a session to start a new one.", OVERDUE),
    ],
    ids=["due-today", "overdue"],
)
def test_remind_notify_without_notify_send_prints_the_reminder_says_so_on_stderr_and_exits_1(
    request, learnlog, no_notify_send, setup, sentence, code
):
    request.getfixturevalue(setup)

    result = learnlog("remind", "--notify")

    assert result.exit_code == 1
    assert result.stdout == sentence + "\n"
    assert result.stderr.splitlines() == ["Error: notify-send is missing (install libnotify-bin); printed instead"]


def test_remind_notify_stays_silent_when_on_track(on_track, learnlog, no_notify_send):
    result = learnlog("remind", "--notify")

    assert (result.exit_code, result.stdout, result.stderr) == (ON_TRACK, "", "")


@pytest.mark.parametrize(
    ("setup", "urgency", "sentence", "code"),
    [
        ("due_today", "normal", "Update due today: Day 5, last check-in 3 days ago (NumPy).", DUE_TODAY),
        (
            "overdue",
            "critical",
            "Overdue by 2 days: your 3-check-in streak has ended. Log a session to start a new one.",
            OVERDUE,
        ),
        ("on_track", "normal", "On track: next update due Sat 28 Nov (in 3 days), last check-in today (NumPy).", ON_TRACK),
    ],
    ids=["due-today", "overdue", "on-track-always"],
)
def test_remind_notify_sends_the_sentence_through_notify_send_and_exits_with_the_state(
    request, learnlog, notify_send, setup, urgency, sentence, code
):
    request.getfixturevalue(setup)

    result = learnlog("remind", "--notify", "--always")

    assert (result.exit_code, result.stdout, result.stderr) == (code, "", "")
    assert notify_send.read_text().splitlines() == [
        "--urgency", urgency, "--app-name", "learnlog", "learnlog", sentence,
    ]


@pytest.mark.parametrize(
    ("setup", "segment"),
    [("on_track", "3d left"), ("due_today", "due today"), ("overdue", "overdue 2d")],
    ids=["on-track", "due-today", "overdue"],
)
def test_remind_prompt_prints_a_compact_segment_and_always_exits_0(request, learnlog, setup, segment):
    request.getfixturevalue(setup)

    result = learnlog("remind", "--prompt")

    assert (result.exit_code, result.stdout, result.stderr) == (0, segment + "\n", "")


def test_remind_prompt_counts_the_days_left(ok, learnlog):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "--date", "2026-11-24")

    assert learnlog("remind", "--prompt").stdout == "2d left\n"
    assert learnlog("remind", "--prompt", today="2026-11-26").stdout == "1d left\n"


def test_remind_prompt_never_writes_to_the_database(overdue, learnlog, db_path):
    before = fingerprint(db_path)

    learnlog("remind", "--prompt")

    assert fingerprint(db_path) == before


def test_remind_prompt_leaves_no_files_beside_the_database(overdue, learnlog, db_path):
    before = sorted(p.name for p in db_path.parent.iterdir())

    learnlog("remind", "--prompt")

    assert sorted(p.name for p in db_path.parent.iterdir()) == before == [db_path.name]


def test_remind_prompt_takes_db_after_the_command(ok, learnlog, tmp_path):
    elsewhere = tmp_path / "elsewhere.db"
    ok("--db", str(elsewhere), "init", "--start", "2026-11-20")

    assert learnlog("remind", "--prompt", "--db", str(elsewhere)).stdout == "overdue 2d\n"


def test_remind_prompt_prints_nothing_and_exits_0_when_db_is_a_folder(learnlog, tmp_path):
    result = learnlog("--db", str(tmp_path), "remind", "--prompt")

    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_remind_prompt_prints_nothing_and_exits_0_on_a_sqlite_database_that_is_not_learnlogs(learnlog, tmp_path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recipe (name TEXT)")
    connection.commit()
    connection.close()

    result = learnlog("--db", str(other), "remind", "--prompt")

    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_remind_prompt_loads_neither_typer_nor_rich_nor_sqlmodel(overdue, db_path):
    probe = (
        "import sys\n"
        "from learnlog.__main__ import main\n"
        "try:\n"
        "    main(['remind', '--prompt'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'sqlmodel', 'sqlalchemy', 'click'))\n"
        "print('loaded:', heavy, file=sys.stderr)\n"
    )

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)

    assert result.stdout == "overdue 2d\n"
    assert result.stderr == "loaded: []\n"


@pytest.fixture
def failing_notify_send(monkeypatch, tmp_path):
    """A notify-send that fails as it does from cron without a session bus."""
    folder = tmp_path / "failing-bin"
    folder.mkdir()
    script = folder / "notify-send"
    script.write_text("#!/bin/sh\necho 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2\nexit 1\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_remind_notify_that_fails_prints_the_reminder_instead_and_exits_1(overdue, learnlog, failing_notify_send):
    result = learnlog("remind", "--notify")

    assert result.exit_code == 1
    assert result.stdout.startswith("Overdue by 2 days")
    assert result.stderr.splitlines() == [
        "Error: notify-send failed (Cannot autolaunch D-Bus without X11 $DISPLAY); printed instead"
    ]


@pytest.mark.parametrize(
    "db", ["{tmp}/a-file/journey.db", "{tmp}/" + "n" * 300 + ".db", "{tmp}"],
    ids=["under-a-file", "name-too-long", "a-folder"],
)
def test_remind_prompt_on_an_unusable_path_prints_nothing_and_exits_0(learnlog, tmp_path, db):
    (tmp_path / "a-file").write_text("not a folder")

    result = learnlog("remind", "--prompt", "--db", db.format(tmp=tmp_path))

    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
