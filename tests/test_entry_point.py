"""The entry point's own work: global options anywhere, and the fast way to the prompt."""

import re

import pytest
import typer.main
from loaded import modules_loaded

from learnlog.cli.app import app
from learnlog.cli.declare import GLOBAL_OPTIONS, TOP, Group
from learnlog.cli.lean import route


def declared_commands():
    for name, entry in TOP.items():
        if isinstance(entry, Group):
            if entry.default is not None:
                yield entry.default
            yield from entry.commands.values()
        else:
            yield entry


def typer_command(path):
    found = typer.main.get_command(app)
    for word in path:
        found = found.commands[word]
    return found


@pytest.mark.parametrize("declared", list(declared_commands()), ids=lambda command: command.name)
def test_the_typer_app_takes_exactly_the_declared_options_and_arguments(declared):
    built = typer_command(declared.path)
    options = {
        (tuple(sorted(param.opts)), param.is_flag, param.multiple)
        for param in built.params if param.param_type_name == "option" and "--help" not in param.opts
    }
    assert options == {
        (tuple(sorted(option.names)), option.is_flag, option.multiple) for option in declared.options
    }
    arguments = [(param.name, param.nargs == -1, param.required) for param in built.params if param.param_type_name == "argument"]
    assert arguments == [(argument.dest, argument.many, argument.required) for argument in declared.arguments]


def test_every_command_has_a_summary_and_a_real_example():
    for declared in declared_commands():
        assert declared.summary, declared.name
        assert declared.examples, declared.name
        assert all(re.search(r"(^|[ ($])learnlog ", example) for example in declared.examples)
    for name, entry in TOP.items():
        if isinstance(entry, Group):
            assert entry.summary and entry.examples, name


@pytest.mark.parametrize(
    "args, chosen, command, values",
    [
        (["log", "numpy", "--db", "x.db"], {"db": "x.db"}, "log", {"topic": "numpy"}),
        (["--db=x.db", "status"], {"db": "x.db"}, "status", {"as_json": False}),
        (["status", "--journey", "bob", "--db", "x"], {"journey": "bob", "db": "x"}, "status", {}),
        (["log", "numpy", "-m", "--journey", "-d", "5m"], {}, "log", {"note": "--journey", "duration": "5m"}),
        (["log", "numpy", "--note", "--db"], {}, "log", {"note": "--db"}),
        (["log", "--", "--db"], {}, "log", {"topic": "--db"}),
        (["log", "numpy", "-d45m", "--tag=a", "-t", "b"], {}, "log", {"duration": "45m", "tag": ["a", "b"]}),
        (["cadence", "--json"], {}, "cadence", {"as_json": True}),
        (["cadence", "set", "2"], {}, "cadence set", {"every": 2}),
        (["config", "default-duration", "-5m"], {}, "config", {"key": "default-duration", "value": "-5m"}),
    ],
    ids=["after", "equals", "several", "a-note-that-looks-like-an-option", "long-value-option",
         "after-double-dash", "attached-and-repeated", "group-default", "subcommand", "a-value-like-an-option"],
)
def test_the_lean_way_parses_as_declared(args, chosen, command, values):
    found = route(args)
    assert found.command is not None and found.command.name == command
    assert found.chosen == chosen
    assert {name: found.values[name] for name in values} == values


@pytest.mark.parametrize(
    "args, typer_args",
    [
        (["status", "--db"], ["status", "--db"]),
        (["status", "--help", "--db", "x"], ["--db", "x", "status", "--help"]),
        (["log", "numpy", "--bogus"], ["log", "numpy", "--bogus"]),
        (["entries", "-n", "many"], ["entries", "-n", "many"]),
        (["cadence", "set"], ["cadence", "set"]),
        (["log", "a", "b"], ["log", "a", "b"]),
        (["nonsense"], ["nonsense"]),
        (["--version"], ["--version"]),
    ],
    ids=["missing-value", "help", "unknown-option", "not-a-number", "missing-argument", "extra-argument",
         "unknown-command", "version"],
)
def test_what_the_lean_way_cannot_parse_goes_to_typer_with_the_global_options_first(args, typer_args):
    found = route(args)
    assert found.command is None
    assert found.typer_args == typer_args


def test_the_global_options_are_declared_once_for_both_ways_in():
    root = typer.main.get_command(app)
    assert {name for param in root.params for name in param.opts} >= {
        name for option in GLOBAL_OPTIONS for name in option.names
    }


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


def modules_the_prompt_loads(tmp_path) -> set[str]:
    """The modules `learnlog remind --prompt` loads, in a process of its own."""
    return modules_loaded(["remind", "--prompt"], {"LEARNLOG_DB": str(tmp_path / "none.db"), "PATH": "/usr/bin:/bin"})[0]


def test_the_prompt_imports_no_heavy_module(tmp_path):
    heavy = {"typer", "rich", "sqlmodel", "sqlalchemy", "alembic", "dataclasses", "typing", "pathlib", "platformdirs", "re"}
    assert heavy & modules_the_prompt_loads(tmp_path) == set()


@pytest.mark.parametrize(
    "args", [("status",), ("status", "--json"), ("remind",), ("remind", "--always")], ids=" ".join
)
@pytest.mark.parametrize("today", ["2026-11-25", "2026-11-28", "2026-12-03"], ids=["on-track", "due", "overdue"])
def test_the_lean_way_and_the_typer_way_print_the_same(learnlog, capsys, args, today):
    from learnlog.session import options

    learnlog("init", "--start", "2026-11-20")
    learnlog("log", "numpy", "-d", "45m", "--date", "2026-11-24")
    fast = learnlog(*args, today=today)

    options.db = options.journey = None
    # Outside standalone mode Click returns the exit status instead of exiting.
    code = app(list(args), prog_name="learnlog", standalone_mode=False) or 0
    typer_way = capsys.readouterr()

    assert (fast.exit_code, fast.stdout, fast.stderr) == (code, typer_way.out, typer_way.err)


def test_help_of_a_lean_command_comes_from_typer(learnlog):
    shown = learnlog("status", "--help").stdout
    assert "Usage: learnlog status" in shown and "--json" in shown
    assert "Print JSON instead of text." in shown


def test_every_module_that_declares_commands_is_loaded():
    import pkgutil

    import learnlog.cli
    from learnlog.cli.commands import MODULES

    machinery = {"app", "commands", "complete", "declare", "lean", "notes", "reference"}
    found = {module.name for module in pkgutil.iter_modules(learnlog.cli.__path__)} - machinery
    assert found == set(MODULES)


def test_the_prompt_loads_only_the_module_that_declares_remind(tmp_path):
    loaded = sorted(name for name in modules_the_prompt_loads(tmp_path) if name.startswith("learnlog.cli."))
    assert loaded == ["learnlog.cli.cadence", "learnlog.cli.commands", "learnlog.cli.declare", "learnlog.cli.lean"]


def test_ctrl_c_after_a_change_was_committed_says_it_was_saved(learnlog):
    from learnlog.views import status as status_view

    learnlog("init", "--start", "2026-11-20")

    def interrupted(**_):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(status_view, "logged_line", interrupted)
        result = learnlog("log", "numpy", "-d", "20m")

    assert (result.exit_code, result.stderr) == (130, "Interrupted: your change was saved; only its reply was cut short.\n")
    assert "NumPy" in learnlog("entries").stdout


def test_ctrl_c_before_anything_was_committed_says_nothing_was_changed(learnlog):
    from learnlog.store import queries

    learnlog("init", "--start", "2026-11-20")

    def interrupted(*_, **__):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queries, "add_entry", interrupted)
        result = learnlog("log", "numpy", "-d", "20m")

    assert (result.exit_code, result.stderr) == (130, "Interrupted: nothing was changed.\n")
    assert learnlog("entries").stderr == "No entries yet.\n"
