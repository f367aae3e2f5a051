"""The entry point's own work: global options anywhere, and the fast way to the prompt."""

import pytest
import typer.main

from learnlog.__main__ import VALUE_OPTIONS, split_global_options
from learnlog.cli.app import app


def options_taking_values(command) -> set[str]:
    found = {
        name
        for param in command.params
        if param.param_type_name == "option" and not param.is_flag
        for name in (*param.opts, *param.secondary_opts)
    }
    for sub in getattr(command, "commands", {}).values():
        found |= options_taking_values(sub)
    return found


def test_the_entry_point_knows_every_option_that_takes_a_value():
    assert VALUE_OPTIONS == options_taking_values(typer.main.get_command(app))


@pytest.mark.parametrize(
    "args, chosen, rest",
    [
        (["log", "numpy", "--db", "x.db"], {"--db": "x.db"}, ["log", "numpy"]),
        (["--db=x.db", "status"], {"--db": "x.db"}, ["status"]),
        (["status", "--journey", "bob", "--db", "x"], {"--journey": "bob", "--db": "x"}, ["status"]),
        (["log", "numpy", "-m", "--journey", "-d", "5m"], {}, ["log", "numpy", "-m", "--journey", "-d", "5m"]),
        (["log", "numpy", "--note", "--db"], {}, ["log", "numpy", "--note", "--db"]),
        (["log", "--", "--db", "x"], {}, ["log", "--", "--db", "x"]),
        (["status", "--db"], {}, ["status", "--db"]),
    ],
    ids=["after", "equals", "several", "a-note-that-looks-like-an-option", "long-value-option",
         "after-double-dash", "missing-value"],
)
def test_global_options_are_taken_from_anywhere_but_values(args, chosen, rest):
    assert split_global_options(args) == (chosen, rest)


def test_a_note_that_looks_like_a_global_option_is_logged_as_typed(learnlog):
    learnlog("init")
    assert learnlog("log", "numpy", "-m", "--journey", "-d", "5m").exit_code == 0
    assert "--journey" in learnlog("entries").stdout


def test_remind_prompt_with_h_shows_help(learnlog):
    assert "Usage: learnlog remind" in learnlog("remind", "--prompt", "-h").stdout


def test_an_empty_db_option_is_refused(learnlog):
    result = learnlog("status", "--db=")
    assert (result.exit_code, result.stderr) == (1, "Error: --db needs a path or a database URL\n")


def test_the_default_database_path_is_the_one_platformdirs_names(monkeypatch, tmp_path):
    from platformdirs import user_data_path

    from learnlog.store.location import DATABASE_FILENAME, default_database_path

    for xdg in (None, str(tmp_path / "xdg"), "  "):
        if xdg is None:
            monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_DATA_HOME", xdg)
        assert default_database_path() == str(user_data_path("learnlog", appauthor=False) / DATABASE_FILENAME)


def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, tmp_path):
    from platformdirs import user_cache_dir

    from learnlog.store.location import user_folder

    for xdg in (None, str(tmp_path / "xdg"), "  "):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert user_folder("cache") == user_cache_dir("learnlog", appauthor=False)


def test_the_prompt_imports_no_heavy_module(tmp_path):
    import subprocess
    import sys

    # Only what learnlog itself imports counts: an editable install's import hook
    # loads pathlib before learnlog runs.
    code = (
        "import sys; before = set(sys.modules)\n"
        "from learnlog.__main__ import main\n"
        "try: main(['remind', '--prompt'])\n"
        "except SystemExit: pass\n"
        "heavy = {'typer', 'rich', 'sqlmodel', 'sqlalchemy', 'alembic', 'dataclasses', 'typing', 'pathlib',"
        " 'platformdirs', 're'}\n"
        "print(sorted(heavy & (set(sys.modules) - before)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"LEARNLOG_DB": str(tmp_path / "none.db"), "PATH": "/usr/bin:/bin"},
    ).stdout.strip().splitlines()[-1]
    assert loaded == "[]"


@pytest.mark.parametrize(
    "args", [("status",), ("status", "--json"), ("remind",), ("remind", "--always")], ids=" ".join
)
@pytest.mark.parametrize("today", ["2026-11-25", "2026-11-28", "2026-12-03"], ids=["on-track", "due", "overdue"])
def test_the_fast_way_and_the_typer_way_print_the_same(learnlog, capsys, args, today):
    from learnlog.session import options

    learnlog("init", "--start", "2026-11-20")
    learnlog("log", "numpy", "-d", "45m", "--date", "2026-11-24")
    fast = learnlog(*args, today=today)

    options.db = options.journey = None
    # Outside standalone mode Click returns the exit status instead of exiting.
    code = app(list(args), prog_name="learnlog", standalone_mode=False) or 0
    typer_way = capsys.readouterr()

    assert (fast.exit_code, fast.stdout, fast.stderr) == (code, typer_way.out, typer_way.err)


def test_help_of_a_fast_command_comes_from_typer(learnlog):
    shown = learnlog("status", "--help").stdout
    assert "Usage: learnlog status" in shown and "--json" in shown
    assert "Print JSON instead of text." in shown
