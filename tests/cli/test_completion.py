"""Tab completion: `learnlog completion SHELL` prints a script; on every Tab the
script runs `learnlog __complete`, which answers from the commands' declarations
and, for topics, journeys and entries, from the journey's database read-only.

The bash tests call the real completion function in bash as readline would (with
COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set, the word and the one before
it as arguments) and read COMPREPLY back; the fish tests ask fish itself
(`complete -C`); the zsh tests call the real function with zsh's completion
variables set and its builtins stubbed, and the entry point with the arguments
the zsh script passes. "Today" is Wed 25 Nov 2026."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from loaded import modules_loaded, packages

from learnlog.cli.declare import PATH, TOP, Group
from learnlog.views.completion import Word, reply, split_line

needs_bash = pytest.mark.skipif(not shutil.which("bash"), reason="no bash")
needs_zsh = pytest.mark.skipif(not shutil.which("zsh"), reason="no zsh")
needs_fish = pytest.mark.skipif(not shutil.which("fish"), reason="no fish")
BOTH_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def journey(ok):
    """Day 0 is Fri 20 Nov, with the ml-foundations topics (Linear Algebra,
    Linear Regression, NumPy, ...), one more with a colon, Matplotlib archived,
    and three entries: #1 a note of two lines, #2 a note of one, #3 a post with none."""
    ok("init", "--start", "2026-11-20")
    ok("topic", "add", "C++: templates")
    ok("topic", "archive", "matplotlib")
    ok("log", "numpy", "-d", "45m", "-m", "broadcasting finally clicked\nand strides, at last")
    ok("log", "lin alg", "-d", "30m", "-m", "eigenvectors")
    ok("log", "--kind", "post", "--link", "https://example.com/day-5")
    return ok


def answer(learnlog, *args: str) -> list[str]:
    """What `learnlog __complete ARGS...` (SHELL, then what its script passes)
    prints, line by line; it always exits 0 and says nothing on stderr."""
    result = learnlog("__complete", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout.splitlines()


def zsh_values(learnlog, *words: str) -> list[str]:
    """The values the zsh script gets for the words after `learnlog` (the last is the
    word at the cursor), as the script passes them: unquoted."""
    lines = answer(learnlog, "zsh", "learnlog", *words)
    return [line.partition("\t")[0] for line in lines[1:]]


@pytest.fixture
def scripts(ok, tmp_path: Path) -> dict[str, Path]:
    """Each shell's completion script, as `learnlog completion SHELL` prints it."""
    written = {}
    for shell in ("bash", "zsh", "fish"):
        written[shell] = tmp_path / f"completion.{shell}"
        written[shell].write_text(ok("completion", shell).stdout, encoding="utf-8")
    return written


def bash_complete(
    script: Path, words: list[str], *, word: str | None = None, line: str | None = None, cwd: Path | None = None,
) -> tuple[list[str], list[str]]:
    """COMPREPLY after bash's completion function runs as readline runs it for
    `words` (COMP_WORDS, the cursor at the end of the last one), and what it asked
    of compopt. `word` is readline's word, the function's second argument, when it
    is not the last of `words` (after an open quote, after `=` or `:`); `line` is
    COMP_LINE, when the words are not joined by single spaces."""
    line = " ".join(words) if line is None else line
    word = words[-1] if word is None else word
    program = "\n".join([
        f"source {shlex.quote(str(script))}",
        # compopt works only while readline completes: here it notes what it is asked.
        "compopt() { asked+=(\"compopt $*\"); }",
        "asked=()",
        f"COMP_WORDS=({' '.join(shlex.quote(part) for part in words)})",
        f"COMP_CWORD={len(words) - 1}",
        f"COMP_LINE={shlex.quote(line)}",
        "COMP_POINT=${#COMP_LINE}",
        f"_learnlog_complete learnlog {shlex.quote(word)} {shlex.quote(words[-2])}",
        'for reply in "${COMPREPLY[@]}"; do printf "reply %s\\n" "$reply"; done',
        'for reply in "${asked[@]}"; do printf "asked %s\\n" "$reply"; done',
    ])
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, timeout=60, cwd=cwd,
    )
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    return [line[6:] for line in lines if line.startswith("reply ")], [line[6:] for line in lines if line.startswith("asked ")]


def fish_complete(script: Path, line: str) -> list[str]:
    """What fish completes for `line`, its completion script sourced: one
    `value<TAB>description` line each."""
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {shlex.quote(str(script))}; complete -C {shlex.quote(line)}"],
        capture_output=True, text=True, timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.splitlines()


def zsh_complete(script: Path, words: list[str], prefix: str) -> list[str]:
    """What the zsh completion function hands compadd (or _files) when zsh has
    split the line into `words` (the last one as typed) with `prefix` at the
    cursor, as zsh sets them; zsh's completion builtins are stubbed to print."""
    program = "\n".join([
        "compdef() { }",
        "compadd() {",
        '    print -rl -- "compadd $*" "${values[@]/#/value }"',
        '    if [[ $* == *" -d "* ]]; then print -rl -- "${shown[@]/#/shown }"; fi',
        "}",
        "_files() { print -r -- files }",
        f"source {shlex.quote(str(script))}",
        f"words=({' '.join(shlex.quote(part) for part in words)})",
        f"CURRENT={len(words)}",
        f"PREFIX={shlex.quote(prefix)}",
        "_learnlog",
    ])
    done = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.splitlines()


# What completes what, through the entry point --------------------------------------------


@pytest.mark.parametrize(
    ("words", "values"),
    [
        (["st"], ["status", "start", "stop"]),
        (["topic", ""], ["add", "list", "edit", "rename", "archive", "unarchive", "remove"]),
        (["cadence", ""], ["set"]),
        (["log", "--k"], ["--kind"]),
        (["log", "numpy", "--kind", ""], ["study", "build", "bug", "confusion", "win", "post"]),
        (["log", "numpy", "-k", "b"], ["build", "bug"]),
        (["entries", "--kind=c"], ["--kind=confusion"]),
        (["export", "--format", "m"], ["markdown"]),
        (["import", "journey.json", "-f", ""], ["json", "csv", "jrnl"]),
        (["cadence", "set", "2", "--counts", ""], ["any", "post"]),
        (["config", "s"], ["skip-budget", "sync-estimate"]),
        (["completion", ""], ["bash", "zsh", "fish"]),
        (["log", "lin"], ["Linear Algebra", "Linear Regression"]),
        (["log", "c++:"], ["C++: templates"]),
        (["edit", "2", "--topic", "n"], ["NumPy"]),
        (["topic", "archive", "mat"], []),
        (["topic", "unarchive", ""], ["Matplotlib"]),
        (["entries", "--topic", "Py"], ["Python"]),
        (["--journey", ""], ["main"]),
        (["status", "--journey=m"], ["--journey=main"]),
        (["edit", ""], ["3", "2", "1"]),
        (["delete", "1"], ["1"]),
        (["attach", "2", ""], ["files"]),
        (["log", "numpy", "-m", ""], []),
        (["nosuch", ""], []),
    ],
    ids=[
        "a-command", "a-subcommand", "a-group-with-a-default", "an-option", "kinds", "kinds-by-a-short-option",
        "a-value-after-equals", "export-formats", "import-formats", "counting-rules", "settings", "shells",
        "topics-with-spaces", "a-topic-with-a-colon-ignoring-case", "a-topic-as-an-option-value",
        "no-archived-topic", "archived-topics-to-unarchive", "a-topic-filter", "journeys", "journeys-after-equals",
        "entries-newest-first", "entries-by-number", "files-after-an-entry", "nothing-for-free-text",
        "nothing-after-an-unknown-command",
    ],
)
def test_tab_completes_what_the_declarations_say(journey, learnlog, words, values):
    lines = answer(learnlog, "zsh", "learnlog", *words)
    if values == ["files"]:
        assert lines == ["files"]
    else:
        assert [line.partition("\t")[0] for line in lines[1:]] == values


def test_options_already_given_are_not_offered_again_but_repeatable_ones_are(journey, learnlog):
    offered = zsh_values(learnlog, "log", "numpy", "--kind", "bug", "--tag", "x", "--")
    assert "--kind" not in offered and "--tag" in offered and "--note" in offered


def test_with_every_argument_given_an_empty_word_offers_the_options(journey, learnlog):
    assert zsh_values(learnlog, "delete", "3", "")[:2] == ["--yes", "-y"]


def test_zsh_and_fish_describe_entries_by_their_note_s_first_line(journey, learnlog):
    assert answer(learnlog, "fish", "learnlog", "edit", "") == [
        "described", "3\tpost", "2\teigenvectors", "1\tbroadcasting finally clicked …",
    ]
    assert answer(learnlog, "zsh", "learnlog", "edit", "") == [
        "described", "3\t3  -- post", "2\t2  -- eigenvectors", "1\t1  -- broadcasting finally clicked …",
    ]


def test_zsh_and_fish_describe_commands_and_options(journey, learnlog):
    assert answer(learnlog, "fish", "learnlog", "sk") == [
        "described", "skip\tExcuse days from the cadence (illness, travel, exams): each…",
    ]
    assert answer(learnlog, "fish", "learnlog", "log", "--li") == ["described", "--link\tA link to a notebook, repo or post"]


def test_topics_follow_the_journey_the_line_names(journey, learnlog):
    journey("--journey", "side", "init", "--curriculum", "none")
    journey("--journey", "side", "topic", "add", "Rust")
    assert zsh_values(learnlog, "--journey", "") == ["main", "side"]
    assert zsh_values(learnlog, "--journey", "side", "log", "") == ["Rust"]
    assert zsh_values(learnlog, "log", "--journey=side", "") == ["Rust"]
    # Two journeys and none chosen: as the commands would, Tab offers no topic.
    assert answer(learnlog, "zsh", "learnlog", "log", "") == []


@pytest.mark.parametrize("backend", BOTH_BACKENDS, indirect=True)
def test_topics_journeys_and_entries_come_from_either_backend(journey, learnlog):
    assert zsh_values(learnlog, "log", "lin") == ["Linear Algebra", "Linear Regression"]
    assert zsh_values(learnlog, "--journey", "") == ["main"]
    assert zsh_values(learnlog, "edit", "") == ["3", "2", "1"]


# bash, zsh and fish themselves ---------------------------------------------------------


@needs_bash
@pytest.mark.parametrize(
    ("words", "word", "line", "replies"),
    [
        (["learnlog", "log", "lin"], None, None, ["Linear\\ Algebra", "Linear\\ Regression"]),
        (["learnlog", "log", "Linear\\ R"], None, None, ["Linear\\ Regression"]),
        (["learnlog", "log", '"lin'], "lin", None, ["Linear Algebra", "Linear Regression"]),
        (["learnlog", "log", "'num"], "num", None, ["NumPy"]),
        (["learnlog", "log", "C++", ":"], "", "learnlog log C++:", ["\\ templates"]),
        (["learnlog", "--journey", "=", "m"], "m", "learnlog --journey=m", ["main"]),
        (["learnlog", "topic", "una"], None, None, ["unarchive"]),
        (["learnlog", "edit", ""], None, None, ["3", "2", "1"]),
        (["learnlog", "log", "--kind", "w"], None, None, ["win"]),
    ],
    ids=[
        "spaces-escaped", "after-an-escaped-space", "inside-double-quotes", "inside-single-quotes",
        "after-a-colon", "after-equals", "a-subcommand", "entry-numbers-alone", "a-kind",
    ],
)
def test_bash_completes_as_readline_asks(journey, scripts, words, word, line, replies):
    assert bash_complete(scripts["bash"], words, word=word, line=line) == (replies, [])


@needs_bash
def test_bash_leaves_file_names_to_readline(journey, scripts):
    assert bash_complete(scripts["bash"], ["learnlog", "export", "-o", ""]) == ([], ["compopt -o default"])


@needs_bash
def test_bash_offers_nothing_where_nothing_completes(journey, scripts):
    assert bash_complete(scripts["bash"], ["learnlog", "log", "numpy", "-m", ""]) == ([], [])


@needs_fish
@pytest.mark.parametrize(
    ("line", "completed"),
    [
        ("learnlog log lin", ["Linear Algebra", "Linear Regression"]),
        ('learnlog log "Linear R', ["Linear Regression"]),
        ("learnlog topic unarchive ", ["Matplotlib"]),
        ("learnlog --journey ", ["main"]),
        ("learnlog edit ", ["3\tpost", "2\teigenvectors", "1\tbroadcasting finally clicked …"]),
        ("learnlog export --format c", ["csv"]),
    ],
    ids=["topics-with-spaces", "inside-quotes", "archived-topics-to-unarchive", "journeys", "entries-described", "formats"],
)
def test_fish_completes(journey, scripts, line, completed):
    assert fish_complete(scripts["fish"], line) == completed


@needs_fish
def test_fish_completes_file_names_itself(journey, scripts, tmp_path: Path):
    (tmp_path / "report-notes.md").write_text("")
    assert fish_complete(scripts["fish"], f"learnlog export -o {tmp_path}/report-") == [f"{tmp_path}/report-notes.md"]


@needs_zsh
def test_the_zsh_script_is_valid_zsh(scripts):
    done = subprocess.run(["zsh", "-n", str(scripts["zsh"])], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")


@needs_zsh
def test_the_zsh_script_registers_itself_with_compinit(scripts, tmp_path: Path):
    program = f'autoload -U compinit; compinit -u -d {tmp_path}/zcompdump; source {scripts["zsh"]}; print -r -- $_comps[learnlog]'
    done = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "_learnlog\n", "")


@needs_zsh
@pytest.mark.parametrize(
    ("words", "prefix", "added"),
    [
        (["learnlog", "log", "Linear\\ R"], "Linear\\ R", ["compadd -U -V learnlog -a values", "value Linear Regression"]),
        (["learnlog", "log", '"lin'], "lin", [
            "compadd -U -V learnlog -a values", "value Linear Algebra", "value Linear Regression",
        ]),
        (["learnlog", "--journey", '"main"', "log", "n"], "n", ["compadd -U -V learnlog -a values", "value NumPy"]),
        (["learnlog", "delete", "1"], "1", [
            "compadd -U -V learnlog -l -d shown -a values", "value 1", "shown 1  -- broadcasting finally clicked …",
        ]),
        (["learnlog", "backup", ""], "", ["files"]),
    ],
    ids=["an-escaped-space", "inside-quotes", "after-a-quoted-journey", "entries-described", "files"],
)
def test_zsh_hands_compadd_the_values(journey, scripts, words, prefix, added):
    assert zsh_complete(scripts["zsh"], words, prefix) == added


# Never in the way ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("tcsh", "learnlog", ""),
        ("bash", "learnlog log"),
        ("zsh",),
        ("bash", "learnlog log lin", "nothing the line ends with"),
        ("zsh", "learnlog", "log", "--journey", "nobody", ""),
        ("fish", "learnlog", "edit", "12x"),
        ("zsh", "learnlog", "log", "\udcff"),
        ("zsh", "learnlog", "--db", "postgresql+psycopg://ada@127.0.0.1:9/circle", "log", ""),
    ],
    ids=[
        "no-shell", "an-unknown-shell", "too-few-words-for-bash", "no-word-for-zsh", "a-word-the-line-lacks",
        "an-unknown-journey", "an-entry-number-that-is-not-one", "an-argument-that-is-not-utf-8",
        "a-server-that-does-not-answer",
    ],
)
def test_what_cannot_be_completed_prints_nothing(journey, learnlog, args):
    assert answer(learnlog, *args) == []


def test_no_journey_prints_nothing_and_creates_no_database(learnlog, db_path: Path):
    assert answer(learnlog, "zsh", "learnlog", "log", "") == []
    assert answer(learnlog, "zsh", "learnlog", "--db", str(db_path.parent / "other.db"), "edit", "") == []
    assert not db_path.parent.exists()
    # What needs no journey still completes.
    assert zsh_values(learnlog, "stat") == ["status"]


def test_a_damaged_database_prints_nothing(learnlog, db_path: Path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert answer(learnlog, "zsh", "learnlog", "log", "") == []
    assert answer(learnlog, "bash", "learnlog edit ", "") == []


def test_completing_reads_the_database_leaving_no_trace(journey, learnlog, db_path: Path, tmp_path: Path):
    def snapshot() -> dict[str, str]:
        return {
            str(path.relative_to(tmp_path)): hashlib.sha256(path.read_bytes()).hexdigest() + str(path.stat().st_mtime_ns)
            for path in sorted(tmp_path.rglob("*")) if path.is_file()
        }

    before = snapshot()
    assert zsh_values(learnlog, "log", "py") == ["Python"]
    assert zsh_values(learnlog, "edit", "") == ["3", "2", "1"]
    assert snapshot() == before


def test_a_journey_that_cannot_be_written_is_still_completed(journey, learnlog, db_path: Path):
    db_path.chmod(0o400)
    db_path.parent.chmod(0o500)
    try:
        assert zsh_values(learnlog, "log", "num") == ["NumPy"]
    finally:
        db_path.parent.chmod(0o700)
        db_path.chmod(0o600)


@needs_bash
def test_a_folder_named_learnlog_where_tab_is_pressed_is_not_run(journey, scripts, tmp_path: Path):
    planted = tmp_path / "planted"
    (planted / "learnlog").mkdir(parents=True)
    (planted / "learnlog" / "__init__.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n")
    assert bash_complete(scripts["bash"], ["learnlog", "log", "num"], cwd=planted) == (["NumPy"], [])
    assert not (tmp_path / "ran").exists()


def test_a_tab_imports_neither_typer_nor_rich_nor_sqlalchemy(journey, db_path: Path):
    loaded, printed = modules_loaded(
        ["__complete", "bash", "learnlog log num", "num"], {**os.environ, "LEARNLOG_DB": str(db_path)},
    )
    assert printed == ["values", "NumPy"]
    heavy = {"typer", "click", "rich", "sqlalchemy", "sqlmodel", "pydantic", "alembic", "psycopg"}
    assert heavy & packages(loaded) == set()


# The command and the declarations ------------------------------------------------------------


def test_completion_prints_each_shell_s_script(ok):
    assert "complete -o nosort -F _learnlog_complete learnlog" in ok("completion", "bash").stdout
    assert ok("completion", "zsh").stdout.startswith("#compdef learnlog\n")
    assert "complete -c learnlog -f -k -a '(__learnlog_complete)'" in ok("completion", "fish").stdout


def test_completion_s_help_says_how_to_install_it_in_each_shell(ok):
    shown = ok("completion", "--help").stdout
    for line in (
        'eval "$(learnlog completion bash)"', 'eval "$(learnlog completion zsh)"',
        "learnlog completion fish > ~/.config/fish/completions/learnlog.fish",
    ):
        assert line in shown


def test_completion_refuses_a_shell_it_has_no_script_for(refused):
    assert refused("completion", "tcsh") == "Error: completion takes bash, zsh, fish, not 'tcsh'"


def declared_params():
    for name, entry in TOP.items():
        commands = [*([entry.default] if entry.default else []), *entry.commands.values()] if isinstance(entry, Group) else [entry]
        for command in commands:
            for param in command.params:
                yield command.name, param


def test_every_topic_entry_file_kind_and_format_a_command_takes_is_completed():
    from learnlog.cli.commands import load

    load()
    for name, param in declared_params():
        metavar = (param.metavar or "").rstrip(".")
        where = f"{name} {metavar}"
        if metavar == "TOPIC":
            assert param.complete == "topic", where
        if metavar == "ID":
            assert param.complete == "entry", where
        if param.type == PATH:
            assert param.complete == "file", where
        if metavar in ("KIND", "FORMAT"):
            assert callable(param.complete) or isinstance(param.complete, tuple), where


def test_a_completion_the_declarations_do_not_know_is_refused_when_declared():
    from learnlog.cli.declare import Option

    with pytest.raises(ValueError, match="complete='topics'"):
        Option("--topic", metavar="TOPIC", help="A topic.", complete="topics")


# The shells' words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "words", "raw", "text", "quote"),
    [
        ("learnlog log num", ["learnlog", "log"], "num", "num", None),
        ("learnlog log ", ["learnlog", "log"], "", "", None),
        ("learnlog log Linear\\ Al", ["learnlog", "log"], "Linear\\ Al", "Linear Al", None),
        ('learnlog log "Linear Al', ["learnlog", "log"], '"Linear Al', "Linear Al", '"'),
        ("learnlog log 'it''s", ["learnlog", "log"], "'it''s", "its", "'"),
        ('learnlog -m "a \\"b\\"" --journey="my j', ["learnlog", "-m", 'a "b"'], '--journey="my j', "--journey=my j", '"'),
        ("learnlog 'x'\\ y z", ["learnlog", "x y"], "z", "z", None),
    ],
    ids=["plain", "after-a-space", "an-escaped-space", "an-open-double-quote", "an-open-single-quote",
         "escapes-in-double-quotes", "quotes-and-escapes-in-one-word"],
)
def test_a_bash_line_splits_into_words_as_bash_reads_them(line, words, raw, text, quote):
    found, current = split_line(line)
    assert (found, current.raw, current.text, current.quote) == (words, raw, text, quote)


@pytest.mark.parametrize(
    ("typed", "readline_word", "value", "inserted"),
    [
        ("lin", "lin", "Linear Algebra", "Linear\\ Algebra"),
        ('"lin', "lin", "Linear Algebra", "Linear Algebra"),
        ('"say', "say", 'say "hi" for $5', 'say \\"hi\\" for \\$5'),
        ("'it", "it", "it's", "it'\\''s"),
        ("C++:", "", "C++: templates", "\\ templates"),
        ("--journey=", "", "--journey=my j", "my\\ j"),
        ('--journey="m', "m", "--journey=my j", "my j"),
        ("~a", "~a", "~a&b", "\\~a\\&b"),
    ],
    ids=["escaped", "in-double-quotes", "what-double-quotes-escape", "in-single-quotes", "after-a-colon",
         "after-equals", "after-equals-in-quotes", "what-bash-reads-specially"],
)
def test_bash_gets_each_value_as_readline_should_insert_it(typed, readline_word, value, inserted):
    current = split_line(typed)[1]
    assert reply("bash", [(value, "")], current, readline_word) == f"values\n{inserted}"


def test_zsh_s_word_comes_unquoted_and_is_taken_as_it_is():
    assert reply("zsh", [("Linear Algebra", "")], Word("Linear Al", "Linear Al", None, 0)) == "values\nLinear Algebra"
