"""How a command is declared: its arguments, options, help and examples, once.

Every command module declares its commands with `command` (or a `Group`'s
`command`) on the function that runs it. Both ways in are built from these
declarations, so they cannot drift: `learnlog.cli.lean` parses the command line
with them on the standard library alone, and `learnlog.cli.app` turns each into
a Typer command, which prints --help and usage errors.

This module runs on every command: standard library only, and little of it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

PATH = "path"
"""The type of an argument or option that names a file: given to the command as a
pathlib.Path (pathlib is imported only once one is parsed)."""

COMPLETIONS = ("topic", "archived-topic", "journey", "entry", "file")
"""What an argument's or option's `complete=` may name, for Tab completion
(learnlog.cli.complete): the current journey's topics (archived ones left out),
its archived topics, the database's journeys, the journey's entries by number,
or file names (what any PATH completes). `complete=` may instead give the values
themselves: a tuple, or a function that returns one, called only when completing,
so that declaring a command imports nothing for it."""

COMPLETE_WORD = "__complete"
"""The hidden first word of the command line that the completion scripts run on
every Tab (`learnlog completion`); it is no command's name."""


def _completion(complete: object, kind: object) -> object:
    """What a parameter completes: `complete` as given, else file names for a PATH."""
    if complete is None:
        return "file" if kind == PATH else None
    if isinstance(complete, str) and complete not in COMPLETIONS:
        raise ValueError(f"complete={complete!r}: not one of {', '.join(COMPLETIONS)}")
    return complete


class Option:
    """An option: `--name VALUE` (or `-n VALUE`, `--name=VALUE`), a flag when it
    takes no value. `multiple` options may be repeated and give a list; others give
    their last value. An option that is not given gives `default`. `complete` says
    what completes its value on Tab (see COMPLETIONS)."""

    __slots__ = ("names", "dest", "help", "metavar", "type", "multiple", "default", "is_flag", "complete")

    def __init__(
        self, *names: str, help: str, metavar: str | None = None, type: type = str, multiple: bool = False,
        default: object = None, dest: str | None = None, complete: object = None,
    ) -> None:
        self.names = names
        self.help = help
        self.metavar = metavar
        self.type = type
        self.multiple = multiple
        self.is_flag = metavar is None
        self.default = False if self.is_flag else default
        long = next((name for name in names if name.startswith("--")), names[0])
        self.dest = dest or long.lstrip("-").replace("-", "_")
        self.complete = _completion(complete, type)

    def with_help(self, help: str) -> Option:
        """The same option with another help text (`--force`'s FILE is another file
        for each command)."""
        return Option(
            *self.names, help=help, metavar=self.metavar, type=self.type, multiple=self.multiple,
            default=self.default, dest=self.dest, complete=self.complete,
        )

    def usage(self) -> str:
        """How it appears in a usage line: `[-m TEXT]`, `[--json]`, `[-t TAG]...`."""
        shown = min(self.names, key=len)
        text = f"[{shown}]" if self.is_flag else f"[{shown} {self.metavar}]"
        return text + ("..." if self.multiple else "")


def Flag(*names: str, help: str, dest: str | None = None) -> Option:
    """An option that takes no value: False unless given."""
    return Option(*names, help=help, dest=dest)


class Argument:
    """A positional argument. `many` takes every remaining one (at least one when
    required), as a list. `complete` says what completes it on Tab (see COMPLETIONS)."""

    __slots__ = ("dest", "metavar", "help", "type", "required", "many", "default", "complete")

    def __init__(
        self, dest: str, *, metavar: str, help: str, type: type = str, required: bool = True,
        many: bool = False, default: object = None, complete: object = None,
    ) -> None:
        self.dest = dest
        self.metavar = metavar
        self.help = help
        self.type = type
        self.required = required
        self.many = many
        self.default = default
        self.complete = _completion(complete, type)

    def usage(self) -> str:
        shown = f"{self.metavar}..." if self.many and not self.metavar.endswith("...") else self.metavar
        return shown if self.required else f"[{shown}]"


class Command:
    """One command: where it stands (`("topic", "add")`), what it takes, what it
    says in --help, and the function that runs it with the parsed values as keyword
    arguments and returns its exit status (None for 0)."""

    __slots__ = ("path", "params", "summary", "description", "examples", "function", "loose")

    def __init__(
        self, path: tuple[str, ...], params: tuple, *, summary: str, description: str, examples: tuple[str, ...],
        function: Callable[..., int | None], loose: bool,
    ) -> None:
        self.path = path
        self.params = params
        self.summary = summary
        self.description = description
        self.examples = examples
        self.function = function
        # Whether an unknown `-x` is taken as a positional value (config's VALUE may
        # be -5m), as click's ignore_unknown_options does.
        self.loose = loose

    @property
    def name(self) -> str:
        return " ".join(self.path)

    @property
    def options(self) -> tuple[Option, ...]:
        return tuple(param for param in self.params if isinstance(param, Option))

    @property
    def arguments(self) -> tuple[Argument, ...]:
        return tuple(param for param in self.params if isinstance(param, Argument))

    def usage(self) -> str:
        """`learnlog log [TOPIC] [-m TEXT] ...`: the usage line the README's
        reference shows."""
        parts = ["learnlog", *self.path, *(option.usage() for option in self.options)]
        parts += [argument.usage() for argument in self.arguments]
        return " ".join(parts)

    def run(self, values: dict[str, object]) -> int:
        return self.function(**values) or 0


class Group:
    """Commands under one word (`learnlog topic add`). A group with a `default`
    command runs it when no subcommand is named (`learnlog cadence`)."""

    __slots__ = ("name", "summary", "examples", "commands", "default")

    def __init__(self, name: str, *, summary: str, examples: tuple[str, ...]) -> None:
        self.name = name
        self.summary = summary
        self.examples = examples
        self.commands: dict[str, Command] = {}
        self.default: Command | None = None
        TOP[name] = self

    def command(self, name: str, *params, examples: tuple[str, ...], loose: bool = False):
        """Declare `learnlog GROUP NAME`; see `command`."""
        def declare(function):
            self.commands[name] = _declared((self.name, name), params, examples, function, loose)
            return function

        return declare

    def default_command(self, *params, examples: tuple[str, ...]):
        """Declare what `learnlog GROUP` does alone (its options come before any
        subcommand's name)."""
        def declare(function):
            self.default = _declared((self.name,), params, examples, function, False)
            return function

        return declare


TOP: dict[str, Command | Group] = {}
"""The top-level commands and groups, by name, in the order their modules
declare them (the order --help lists them in)."""


class Root:
    """What `learnlog` itself says in --help."""

    __slots__ = ("summary", "description", "examples")

    def __init__(self, summary: str, description: str, examples: tuple[str, ...]) -> None:
        self.summary = summary
        self.description = description
        self.examples = examples


def command(name: str, *params, examples: tuple[str, ...], loose: bool = False):
    """Declare `learnlog NAME`, run by the decorated function. Its docstring is the
    help: a first paragraph that is the summary, then paragraphs; `examples` are real
    command lines, shown under "Examples:" in --help and in the README."""
    def declare(function):
        TOP[name] = _declared((name,), params, examples, function, loose)
        return function

    return declare


def _declared(path, params, examples, function, loose) -> Command:
    summary, _, description = _dedent(function.__doc__ or "").partition("\n\n")
    return Command(
        path, params, summary=" ".join(summary.split()), description=description.strip(), examples=tuple(examples),
        function=function, loose=loose,
    )


def _dedent(text: str) -> str:
    """A docstring without the indent of its later lines."""
    first, _, rest = text.strip().partition("\n")
    lines = rest.splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join([first, *(line[cut:] for line in lines)]).strip()


# The options many commands share, declared once --------------------------------


def _kinds() -> tuple[str, ...]:
    from learnlog.domain.records import KINDS

    return KINDS


JSON = Flag("--json", dest="as_json", help="Print JSON instead of text.")
FORCE = Flag("--force", help="Overwrite FILE if it exists.")
NO_IMAGES = Flag("--no-images", help="Attach a Jupyter notebook alone, without the images in its outputs.")
OUTPUT = Option("--output", "-o", metavar="FILE", type=PATH, help="Write to FILE instead of the terminal.")
DATE = Option(
    "--date", metavar="DATE",
    help="When: 2026-11-20, yesterday, fri, 'last fri', '2 days ago', -2d, 'Nov 3', each optionally with a"
    " time (21:30). [default: now]",
)
DURATION = Option(
    "--duration", "-d", metavar="DURATION",
    help="45m, 1h30m, 1.5h or 90 (minutes). [default: 30m, see learnlog config]",
)
SINCE = Option("--since", metavar="DATE", help="From this day on.")
UNTIL = Option("--until", metavar="DATE", help="Up to this day.")
TOPIC_FILTER = Option("--topic", metavar="TOPIC", help="Only this topic (archived ones too).", complete="topic")
NOTE = Option("--note", "-m", metavar="TEXT", help="What you did, learned or got stuck on.")
KIND = Option(
    "--kind", "-k", metavar="KIND", help="study, build, bug, confusion, win or post. [default: study]", complete=_kinds,
)
TAGS = Option("--tag", "-t", metavar="TAG", multiple=True, help="A tag; repeat for more.")
LINK = Option("--link", metavar="URL", help="A link to a notebook, repo or post.")
CONFIDENCE = Option("--confidence", "-c", metavar="1-5", help="How well you feel you know it, 1 to 5.")
ENTRY_ID = Argument(
    "entry_id", metavar="ID", type=int, help="The entry's number (see learnlog entries).", complete="entry",
)

GLOBAL_OPTIONS = (
    Option(
        "--db", metavar="PATH|URL",
        help="The journey's database: a file, or postgresql+psycopg://USER@HOST[:PORT]/DBNAME (or set"
        " LEARNLOG_DB). Accepted after the command too.",
        complete="file",
    ),
    Option(
        "--journey", metavar="NAME",
        help="Which journey, when a database holds several (or set LEARNLOG_JOURNEY).",
        complete="journey",
    ),
)
"""Options of learnlog itself, accepted before or after the command."""
