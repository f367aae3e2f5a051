"""Arbitrary text thrown at the commands that write, through the real entry point:
each call either succeeds, or prints exactly one line on stderr and exits 1 (2 for
a usage error) having changed nothing; never a traceback, never a partial write.

Hypothesis cannot give each example a fresh function-scoped fixture, so each
example copies a prepared journey database into place and sets the environment
itself (`Sandbox`); pytest's capsys collects what each call prints.
"""

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import string
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from learnlog.__main__ import main

TODAY = "2026-11-25"
ENVIRONMENT = ("LEARNLOG_DB", "LEARNLOG_TODAY", "LEARNLOG_JOURNEY", "LEARNLOG_DEBUG",
               "COLUMNS", "NO_COLOR", "FORCE_COLOR")
FAILED_UNEXPECTEDLY = "failed unexpectedly"
"""What learnlog's last-resort handler says of an exception nobody expected: a bug."""

hostile = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@contextmanager
def learnlog_environment(db: Path) -> Iterator[None]:
    """os.environ as tests/conftest.py's `learnlog` fixture sets it, restored afterwards."""
    saved = {name: os.environ.get(name) for name in ENVIRONMENT}
    for name in ENVIRONMENT:
        os.environ.pop(name, None)
    os.environ.update(LEARNLOG_DB=str(db), LEARNLOG_TODAY=TODAY, COLUMNS="100")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def call(args: list[str]) -> int:
    try:
        main(list(args))
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    return 0


def check_outcome(result: Result, before, after) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert FAILED_UNEXPECTEDLY not in result.stderr, result.stderr
    if result.exit_code == 0:
        return
    assert result.exit_code in (1, 2), result
    assert after == before, f"a refused call changed the journey: {result.stderr}"
    lines = result.stderr.splitlines()
    if result.exit_code == 1:
        assert len(lines) == 1 and result.stderr.endswith("\n") and lines[0].strip(), result.stderr
    else:
        # A usage error keeps Click's short form: usage lines above its one "Error:" line.
        assert [line for line in lines if line.startswith("Error:")] == lines[-1:], result.stderr


class Sandbox:
    """A journey folder for property tests: `fresh()` puts the prepared database
    back before each example; `check()` calls learnlog in this process and checks
    the rule every call keeps."""

    def __init__(self, template: Path, folder: Path, capsys: pytest.CaptureFixture) -> None:
        self.template, self.folder, self.capsys = template, folder, capsys
        self.db = folder / "journey.db"

    def fresh(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(mode=0o700)
        shutil.copyfile(self.template, self.db)
        self.db.chmod(0o600)

    def run(self, *args: str) -> Result:
        self.capsys.readouterr()
        with learnlog_environment(self.db):
            code = call(list(args))
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def check(self, *args: str) -> Result:
        before = self.fingerprint()
        result = self.run(*args)
        if currently_in_test_context():  # how often each outcome came: --hypothesis-show-statistics
            event(f"{args[0]} exit {result.exit_code}")
        check_outcome(result, before, self.fingerprint())
        return result

    def fingerprint(self) -> tuple[str, list[str]]:
        """A checksum of every row of every table, and the names in the folder
        (SQLite's -wal and -shm files aside)."""
        digest = hashlib.sha256()
        connection = sqlite3.connect(self.db)
        try:
            tables = [name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            for table in tables:
                digest.update(table.encode())
                for row in sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"')):
                    digest.update(row.encode())
        finally:
            connection.close()
        names = sorted(path.name for path in self.folder.iterdir() if not path.name.endswith(("-wal", "-shm")))
        return digest.hexdigest(), names

    def count(self, table: str) -> int:
        connection = sqlite3.connect(self.db)
        try:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            connection.close()


def quiet(args: list[str]) -> None:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
        code = call(args)
    assert code == 0, err.getvalue()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journey with topics, two entries (one with tags, link and confidence), an
    excused day and a setting; made once for the module."""
    db = tmp_path_factory.mktemp("template") / "journey.db"
    with learnlog_environment(db):
        quiet(["init", "--start", "2026-11-01"])
        quiet(["log", "numpy", "-m", "first", "-t", "arrays", "-t", "bug", "-c", "3", "--link", "https://example.com/a"])
        quiet(["log", "pandas", "--date", "2026-11-18", "-d", "1h", "-m", "second"])
        quiet(["skip", "tomorrow", "--reason", "trip"])
        quiet(["config", "default-duration", "45m"])
    return db


@pytest.fixture
def sandbox(template: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> Sandbox:
    return Sandbox(template, tmp_path / "data", capsys)


long_text = st.builds(
    lambda piece, length: (piece * length)[:length],
    st.text(min_size=1, max_size=8),
    st.sampled_from([81, 201, 4301, 19_999, 20_000, 20_001]),
)
"""Very long text, around the limits learnlog sets (names 80, notes 20 000 characters)."""
any_text = st.one_of(
    st.text(),
    st.text(alphabet=string.whitespace + string.punctuation + "\x00\x1b\x7f\u200b\u202e\u2028"),
    long_text,
    st.just("1" * 5000),  # a number longer than int() reads
)


@dataclass(frozen=True)
class Opt:
    """An option (or, with name None, the command's argument), values a learner
    might type for it that should work, and some that should not."""

    name: str | None
    good: tuple[str, ...]
    bad: tuple[str, ...] = ()
    always: bool = False
    """Given in every call (else in about half)."""


TOPIC = Opt(None, ("numpy", "pandas", "lin reg", "NumPy", "Gradient Boosting"), ("li", "linear", "", "nope"), always=True)
NOTE = Opt("-m", ("broadcasting finally clicked", "multi\nline", "'); DROP TABLE entry; --", "%' OR 1=1 --", "ünï 😅"),
           ("", "  "))
DURATION = Opt("-d", ("45m", "1h30m", "1.5h", "90", "24h", "1.25h"),
               ("0", "-5", "25h", "1e9", "nan", "inf", "1h-30m", "  ", "", "0.1m", "99999999999999999999999"))
DATE = Opt("--date", ("2026-11-20", "yesterday", "fri", "last fri", "2 days ago", "-2d", "Nov 3", "2026-11-24 21:30",
                      "today"),
           ("tomorrow", "2026-10-01", "9999-12-31", "0001-01-01", "in 2 days", "+2d", "2026-02-30", "24:00", ""))
KIND = Opt("-k", ("study", "build", "bug", "confusion", "win", " POST "), ("nap", ""))
TAG = Opt("-t", ("arrays", "#bug", "  x  ", "ünïcode"), ("", "#", "a" * 61))
LINK = Opt("--link", ("https://example.com/x", "http://a", ""), ("ftp://x", "https://exa mple.com"))
CONFIDENCE = Opt("-c", ("1", "3", "5", " 2 ", ""), ("0", "6", "-1", "3.5", "٣"))


@st.composite
def arguments(draw, options: tuple[Opt, ...], *, repeated: frozenset[str] = frozenset()) -> list[str]:
    """Arguments for `options`: at most two of them get arbitrary text, the others
    mostly a value that should work, sometimes one that should not, so that calls
    often get past their first check and the later ones are tried too. Options in
    `repeated` may come several times."""
    wild = draw(st.sets(st.sampled_from([opt.name for opt in options]), max_size=2), label="wild")
    args, positional = [], []
    for opt in options:
        if opt.name in wild:
            value = any_text
        elif opt.bad and draw(st.sampled_from((False,) * 6 + (True,)), label=f"bad {opt.name}"):
            value = st.sampled_from(opt.bad)
        else:
            value = st.sampled_from(opt.good)
        most = 3 if opt.name in repeated else 1
        times = most if opt.always else draw(st.integers(0, most), label=f"times {opt.name}")
        for _ in range(max(times, 1 if opt.always else 0)):
            text = draw(value, label=str(opt.name))
            if opt.name is None:
                positional.append(text)
            else:
                args += [opt.name, text]
    # After `--`, an argument that starts with "-" is still taken as text.
    return args + (["--", *positional] if positional else [])


LOG = (TOPIC, NOTE, DURATION, DATE, KIND, TAG, LINK, CONFIDENCE)
EDIT = (Opt("--topic", TOPIC.good, TOPIC.bad), *LOG[1:])


@hostile
@given(args=arguments(LOG, repeated=frozenset({"-t"})), new=st.booleans())
@example(args=["-m", "\x00\x1b[31m\u202e", "--", "numpy"], new=False)
def test_log_with_any_text_logs_one_entry_or_refuses_in_one_line(sandbox, args, new):
    sandbox.fresh()
    entries = sandbox.count("entry")
    result = sandbox.check("log", *(["--new"] if new else []), *args)
    if result.exit_code == 0:
        assert result.stdout.startswith("Logged #")
        assert sandbox.count("entry") == entries + 1


@hostile
@given(entry=st.one_of(st.sampled_from(["1", "2"]), st.integers(-2, 2**64).map(str)),
       args=arguments(EDIT, repeated=frozenset({"-t"})))
def test_edit_with_any_text_changes_the_entry_or_refuses_in_one_line(sandbox, entry, args):
    sandbox.fresh()
    entries = sandbox.count("entry")
    result = sandbox.check("edit", *args, *([] if "--" in args else ["--"]), entry)
    if result.exit_code == 0:
        assert result.stdout.startswith("Updated entry #")
        assert sandbox.count("entry") == entries


TOPIC_ADD = (Opt(None, ("Pandas 2", "Gradient Boosting", "Ünïcode 学习", "a" * 80), ("NumPy", "Num_Py", "x" * 81, "", "  "),
                 always=True),
             Opt("--area", ("Algorithms", "Math"), ("",)),
             Opt("--target-hours", ("20", "0", "2.5"), ("-1", "1e6", "nan", "inf", "1e400")),
             Opt("--by", ("fri", "Mar 1", "in 30 days", "2027-01-31", "today", "9999-12-31", ""),
                 ("yesterday", "2026-11-01", "last fri", "next fri", "fri 10:00", "12/1", "in 99999999999 days")))


@hostile
@given(args=arguments(TOPIC_ADD))
def test_topic_add_with_any_text_adds_one_topic_or_refuses_in_one_line(sandbox, args):
    sandbox.fresh()
    topic_count = sandbox.count("topic")
    result = sandbox.check("topic", "add", *args)
    if result.exit_code == 0:
        assert sandbox.count("topic") == topic_count + 1


DAY = Opt(None, ("today", "tomorrow", "in 2 days", "+3d", "2026-11-30"), ("yesterday", "2026-11-01", "9999-12-31", ""))
SKIP = (DAY, Opt("--until", DAY.good, DAY.bad), Opt("--reason", ("flu", "conference 🎤"), ("",)))


@hostile
@given(args=arguments(SKIP), late=st.booleans())
def test_skip_with_any_text_excuses_days_or_refuses_in_one_line(sandbox, args, late):
    sandbox.fresh()
    excused = sandbox.count("excused_day")
    result = sandbox.check("skip", *(["--late"] if late else []), *args)
    if result.exit_code == 0:
        assert sandbox.count("excused_day") >= excused


@hostile
@given(period=arguments((Opt("--since", DATE.good, DATE.bad), Opt("--until", DATE.good, DATE.bad))),
       duration=st.one_of(st.sampled_from(DURATION.good + DURATION.bad), any_text))
def test_date_and_duration_options_of_other_commands_read_or_refuse_in_one_line(sandbox, period, duration):
    sandbox.fresh()
    sandbox.check("entries", "--all", "--json", *period)
    sandbox.check("export", "--format", "csv", *period)
    sandbox.check("config", "default-duration", "--", duration)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([2**63 - 1, 2**63, -(2**63) - 1, 2**64]) | st.floats() | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def exported(sandbox: Sandbox, format: str) -> str:
    result = sandbox.run("export", "--format", format)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def replace_somewhere(document, path: list[int], value):
    """`document` with the value that `path` (a walk of choices) leads to replaced by `value`."""
    if not path or not isinstance(document, (dict, list)) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[path[0] % len(keys)]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[key] = replace_somewhere(document[key], path[1:], value)
    return copy


@hostile
@given(data=st.data())
def test_importing_a_damaged_journey_document_imports_all_or_refuses_in_one_line(sandbox, tmp_path_factory, data):
    sandbox.fresh()
    document = json.loads(exported(sandbox, "json"))
    # New uids, so that the entries are not simply skipped as already there.
    for number, entry in enumerate(document["entries"]):
        entry["uid"] = f"11111111-1111-4111-8111-{number:012d}"
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        path = data.draw(st.lists(st.integers(0, 50), min_size=1, max_size=5), label="where")
        document = replace_somewhere(document, path, data.draw(json_values, label="value"))
    file = tmp_path_factory.mktemp("import") / "journey.json"
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    entries = sandbox.count("entry")
    dry = sandbox.check("import", str(file), "--dry-run")
    result = sandbox.check("import", str(file))
    assert (dry.exit_code == 0) == (result.exit_code == 0), (dry.stderr, result.stderr)
    if result.exit_code == 0:
        assert sandbox.count("entry") >= entries


@hostile
@given(content=st.one_of(st.binary(max_size=2000),
                         json_values.map(lambda value: json.dumps(value, ensure_ascii=False).encode())),
       format=st.sampled_from([None, "json", "csv", "jrnl"]))
def test_importing_a_file_of_any_bytes_imports_or_refuses_in_one_line(sandbox, tmp_path_factory, content, format):
    sandbox.fresh()
    file = tmp_path_factory.mktemp("import") / "file.json"
    file.write_bytes(content)
    sandbox.check("import", str(file), *(["--format", format] if format else []))


csv_cells = st.one_of(st.sampled_from(["", "2026-11-20", "NumPy", "30", "study", "a;b", "https://x.org"]), any_text)


@hostile
@given(rows=st.lists(st.lists(csv_cells, min_size=1, max_size=12), max_size=4))
def test_importing_a_csv_of_any_cells_imports_all_or_refuses_in_one_line(sandbox, tmp_path_factory, rows):
    sandbox.fresh()
    header = exported(sandbox, "csv").splitlines()[0].split(",")
    file = tmp_path_factory.mktemp("import") / "entries.csv"
    with open(file, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    entries = sandbox.count("entry")
    result = sandbox.check("import", str(file))
    if result.exit_code == 0:
        assert sandbox.count("entry") >= entries


@pytest.mark.parametrize("format", ["csv", "jrnl"])
def test_an_oversized_import_file_is_refused_in_one_line_with_the_journey_unchanged(sandbox, tmp_path, format):
    sandbox.fresh()
    file = tmp_path / f"huge.{format}"
    with open(file, "wb") as out:
        out.truncate(100 * 1024 * 1024 + 1)  # sparse: no 100 MB written
    result = sandbox.check("import", str(file), "--format", format)
    assert result.exit_code == 1
    assert "100 MB" in result.stderr


def document_with(sandbox: Sandbox, change) -> str:
    document = json.loads(exported(sandbox, "json"))
    change(document)
    return json.dumps(document)


def topic_target(hours):
    def change(document):
        document["topics"][0]["target_hours"] = hours
    return change


UNEXPECTED = "bug: import fails unexpectedly ({}) instead of refusing the file in one line"

MALFORMED_IMPORTS = [
    pytest.param("empty.json", None, lambda sandbox: "", id="empty"),
    pytest.param("latin1.csv", None, lambda sandbox: "date,topic\n2026-11-20,caf\xe9\n".encode("latin-1"), id="not UTF-8"),
    pytest.param("half.json", None, lambda sandbox: exported(sandbox, "json")[:200], id="cut short"),
    pytest.param("list.json", None, lambda sandbox: "[1, 2, 3]", id="a JSON list"),
    pytest.param("nan.json", None, lambda sandbox: document_with(sandbox, topic_target(float("nan"))), id="NaN target"),
    pytest.param("no-header.csv", None, lambda sandbox: "\n\n", id="csv without header"),
    pytest.param("long-row.csv", None, lambda sandbox: exported(sandbox, "csv").splitlines()[0] + "\n" + "x" * 131_073,
                 id="csv row cell over the csv module's limit"),
    pytest.param("long-header.csv", None, lambda sandbox: "x" * 131_073 + ",date,topic\n",
                 id="csv header cell over the csv module's limit"),
    pytest.param("minutes.csv", None, lambda sandbox: "minutes,date,topic\n" + "1" * 5000 + ",2026-11-20,NumPy\n",
                 id="csv minutes of 5000 digits"),
    pytest.param("big.json", None, lambda sandbox: "1" * 5000, id="json number of 5000 digits"),
    pytest.param("big.json", "jrnl", lambda sandbox: '{"entries": [' + "1" * 5000 + "]}",
                 id="jrnl number of 5000 digits"),
    pytest.param("deep.json", None, lambda sandbox: "[" * 100_000, id="json nested 100000 deep"),
    pytest.param("huge-target.json", None, lambda sandbox: document_with(sandbox, topic_target(10**400)),
                 id="topic target hours too large for a float"),
]


@pytest.mark.parametrize(("name", "format", "content"), MALFORMED_IMPORTS)
def test_a_malformed_import_file_gets_one_clear_line_with_the_journey_unchanged(sandbox, tmp_path, name, format, content):
    sandbox.fresh()
    file = tmp_path / name
    made = content(sandbox)
    file.write_bytes(made if isinstance(made, bytes) else made.encode())
    result = sandbox.check("import", str(file), *(["--format", format] if format else []))
    assert result.exit_code == 1


@pytest.mark.parametrize("args", [
    ["log", "numpy", "-c"],
    ["skip", "--until"],
    ["log", "-x"],
    ["edit", "abc", "-m", "x"],
    ["topic", "add", "--target-hours", "many", "Pandas 2"],
    ["topic", "add"],
    ["import"],
], ids=lambda args: " ".join(args))
def test_a_usage_error_keeps_clicks_short_plain_form_and_exits_two(sandbox, args):
    """The foundation's rule: usage errors are Click's own short form (a usage line
    and a hint above the error, no panel), never a traceback."""
    sandbox.fresh()
    result = sandbox.check(*args)
    assert result.exit_code == 2
    *usage, error = result.stderr.splitlines()
    assert error.startswith("Error: ")
    assert usage == [] or (usage[0].startswith("Usage: learnlog ") and usage[-1] == "")


@pytest.mark.parametrize("args", [
    pytest.param(["log", "numpy", "-c", "1" * 5000], id="log confidence"),
    pytest.param(["edit", "1", "-c", "1" * 5000], id="edit confidence"),
    pytest.param(["log", "numpy", "-d", "1" * 5000], id="duration"),
    pytest.param(["log", "numpy", "--date", "1" * 5000], id="date"),
    pytest.param(["log", "numpy", "--date", "1" * 5000 + " days ago"], id="days ago"),
    pytest.param(["topic", "add", "Pandas 2", "--target-hours", "1" * 5000], id="target hours"),
    pytest.param(["skip", "--until", "+" + "1" * 5000 + "d"], id="skip until"),
])
def test_a_number_of_thousands_of_digits_is_refused_in_one_line(sandbox, args):
    sandbox.fresh()
    result = sandbox.check(*args)
    assert result.exit_code == 1


@pytest.mark.parametrize("args", [
    pytest.param(["log", "numpy", "-m", "caf\udce9"], id="note"),
    pytest.param(["log", "numpy", "-t", "caf\udce9"], id="tag"),
    pytest.param(["log", "--", "caf\udce9"], id="topic"),
    pytest.param(["log", "numpy", "--date", "caf\udce9"], id="date"),
    pytest.param(["edit", "1", "-m", "caf\udce9"], id="edit note"),
    pytest.param(["topic", "add", "caf\udce9"], id="topic add"),
    pytest.param(["skip", "tomorrow", "--reason", "caf\udce9"], id="skip reason"),
    pytest.param(["entries", "--search", "caf\udce9"], id="search"),
])
def test_bytes_that_are_not_utf8_in_an_argument_are_refused_in_one_line(sandbox, args):
    """A terminal in another encoding hands Python bytes it cannot decode; they
    arrive in sys.argv as lone surrogates ('caf\\xe9' in Latin-1 is 'caf\\udce9')."""
    sandbox.fresh()
    result = sandbox.check(*args)
    assert result.exit_code == 1
