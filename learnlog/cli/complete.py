"""Tab completion, driven by the commands' declarations: what completes the word
at the cursor, given the words before it.

The scripts `learnlog completion SHELL` prints run, on every Tab, one of

    learnlog __complete bash LINE WORD     # the line up to the cursor, and readline's word
    learnlog __complete zsh|fish WORD...   # the words before the cursor, unquoted, then the one at it

so this runs on the lean way in, on the standard library alone: the declarations,
and the database opened read-only as the shell prompt opens it (never written,
never created), only when a topic, journey or entry is to be completed. A journey
on PostgreSQL is read over a connection, given a few seconds to open. Whatever
goes wrong, it prints nothing at all and exits 0: a Tab must never break the line
being typed.
"""

from __future__ import annotations

from learnlog.cli.declare import GLOBAL_OPTIONS, TOP, Argument, Command, Group, Option
from learnlog.cli.lean import HELP_OPTIONS

SERVER_TIMEOUT_SECONDS = 2
"""How long a Tab waits for a PostgreSQL server to connect (libpq's shortest
wait), and then for each query."""
HELP = [(name, "Show the help and exit") for name in HELP_OPTIONS]
VERSION = ("--version", "Show the version and exit")


class Offer:
    """What completes a word: `values`, each a (word, description) pair (the
    description maybe empty), or file names when `files`."""

    __slots__ = ("values", "files")

    def __init__(self, values: list[tuple[str, str]], *, files: bool = False) -> None:
        self.values = values
        self.files = files


FILES = Offer([], files=True)


class Lookup:
    """The names the database holds, read from the database and journey the
    command line names (--db, --journey), else from LEARNLOG_DB and
    LEARNLOG_JOURNEY, as every command reads them."""

    def __init__(self) -> None:
        self.db: str | None = None
        self.journey: str | None = None

    def topics(self, *, archived: bool) -> list[tuple[str, str]]:
        from learnlog.store.completion import topic_names

        return [(name, "") for name in self._read(lambda db, journey: topic_names(db, journey.id, archived=archived))]

    def journeys(self) -> list[tuple[str, str]]:
        from learnlog.store.facts import journeys

        return [(journey.name, "") for journey in self._read(lambda db, journey: journeys(db), journey=False)]

    def entries(self, typed: str) -> list[tuple[str, str]]:
        from learnlog.store.completion import entry_choices

        if typed and not typed.isdecimal():
            return []
        found = self._read(lambda db, journey: entry_choices(db, journey.id, typed))
        return [(str(id), _first_line(note) if note else what) for id, note, what in found]

    def _read(self, read, *, journey: bool = True) -> list:
        from learnlog.store.location import Location, chosen_database, chosen_journey, database_path, is_database_url

        def answer(db):
            if not journey:
                return read(db, None)
            from learnlog.store.facts import select_journey

            return read(db, select_journey(db, chosen_journey(self.journey)))

        chosen = chosen_database(self.db)
        if chosen and is_database_url(chosen):
            from learnlog.store.location import server_location
            from learnlog.store.server import open_server_database

            db = open_server_database(server_location(chosen), timeout=SERVER_TIMEOUT_SECONDS)
            try:
                with db.transaction(write=False):
                    # Reads wait only on a schema upgrade; a Tab does not wait for one.
                    db.execute(f"SET LOCAL statement_timeout = '{SERVER_TIMEOUT_SECONDS}s'")
                    return answer(db)
            finally:
                db.close()
        from learnlog.store.database import read_leaving_no_trace

        return read_leaving_no_trace(Location(database_path(self.db)), answer) or []


def _first_line(note: str) -> str:
    """A note as a description: its first line, followed by ' …' when there is more."""
    first, _, rest = note.strip().partition("\n")
    return first + " …" if rest.strip() else first


def offer(words: list[str], current: str, lookup: Lookup) -> Offer | None:
    """What may complete `current` (the word at the cursor, unquoted, up to the
    cursor) after `words` (the words after `learnlog`, unquoted), matched
    ignoring case; None when nothing can. The global options given among `words`
    are set on `lookup`."""
    place = _place(words, lookup)
    if place is None:
        return None
    if place.pending is not None:
        return _values(place.pending, current, lookup)
    if current.startswith("-") and not place.options_ended:
        name, equals, value = current.partition("=")
        if equals and name.startswith("--"):
            option = _options_by_name(place.command).get(name)
            if option is None or option.is_flag:
                return None
            found = _values(option, value, lookup)
            if found is None or found.files:
                return found
            return Offer([(f"{name}={word}", shown) for word, shown in found.values])
        return _matching(_option_names(place), current)
    if place.entry is None:
        from learnlog.cli.commands import load

        load()
        return _matching([(name, entry.summary) for name, entry in TOP.items()], current)
    if place.naming_subcommand:
        group = place.entry
        return _matching([(name, command.summary) for name, command in group.commands.items()], current)
    argument = _argument_at(place.command, place.arguments)
    if argument is not None:
        return _values(argument, current, lookup)
    if not current:
        return _matching(_option_names(place), current)
    return None


class _Place:
    """Where the words before the cursor leave the command line: the command or
    group named (`entry`; None before one is), the command whose options apply
    (a group's default before its subcommand), whether the next word names a
    subcommand, the option waiting for its value, how many arguments were given,
    the options given, and whether `--` has ended the options."""

    __slots__ = ("entry", "command", "naming_subcommand", "pending", "arguments", "given", "options_ended")

    def __init__(self) -> None:
        self.entry: Command | Group | None = None
        self.command: Command | None = None
        self.naming_subcommand = False
        self.pending: Option | None = None
        self.arguments = 0
        self.given: set[Option] = set()
        self.options_ended = False


def _place(words: list[str], lookup: Lookup) -> _Place | None:
    """Where `words` leave the command line, as learnlog.cli.lean parses it; None
    after an unknown command. The global options' values go to `lookup`."""
    place = _Place()
    for word in words:
        if place.pending is not None:
            _chosen(place.pending, word, lookup)
            place.pending = None
            continue
        if word == "--" and not place.options_ended:
            place.options_ended = True
            continue
        if word.startswith("-") and word != "-" and not place.options_ended:
            _take_option(place, word, lookup)
            continue
        if not _take_word(place, word):
            return None
    return place


def _take_option(place: _Place, word: str, lookup: Lookup) -> None:
    if word.startswith("--"):
        name, equals, value = word.partition("=")
        attached = value if equals else None
    else:
        name, attached = word[:2], word[2:] or None
    option = _options_by_name(place.command).get(name)
    if option is None:
        return  # unknown: --help, or a mistake the command will point out
    place.given.add(option)
    if option.is_flag:
        return
    if attached is None:
        place.pending = option
    else:
        _chosen(option, attached, lookup)
    if place.naming_subcommand:
        place.naming_subcommand = False  # a group's default takes its options before any subcommand


def _take_word(place: _Place, word: str) -> bool:
    """Take a word that is no option: the command's name, a subcommand's, or an
    argument. False when it names no command."""
    if place.entry is None:
        from learnlog.cli.commands import load

        load(word)
        place.entry = TOP.get(word)
        if place.entry is None:
            return False
        if isinstance(place.entry, Group):
            place.command = place.entry.default
            place.naming_subcommand = True
        else:
            place.command = place.entry
        return True
    if place.naming_subcommand:
        place.command = place.entry.commands.get(word)
        place.naming_subcommand = False
        place.given = set()
        return place.command is not None
    if place.command is None:
        return False
    place.arguments += 1
    return True


def _chosen(option: Option, value: str, lookup: Lookup) -> None:
    """Note a global option's value, for the names completed after it."""
    if option.dest == "db":
        lookup.db = value
    elif option.dest == "journey":
        lookup.journey = value


def _options_by_name(command: Command | None) -> dict[str, Option]:
    options = (*GLOBAL_OPTIONS, *(command.options if command is not None else ()))
    return {name: option for option in options for name in option.names}


def _option_names(place: _Place) -> list[tuple[str, str]]:
    """The options that may come next, with their help's first sentence: the
    command's own but those already given (unless repeatable), the global ones,
    and the help (and at the top, the version)."""
    own = place.command.options if place.command is not None else ()
    shown = [
        (name, _summary(option.help))
        for option in (*own, *GLOBAL_OPTIONS)
        if option not in place.given or option.multiple
        for name in option.names
    ]
    return shown + HELP + ([VERSION] if place.entry is None else [])


def _summary(help: str) -> str:
    """An option's help as a description: its first sentence, without the default."""
    first = help.partition(" [default")[0].partition(". ")[0]
    return first.rstrip(".")


def _argument_at(command: Command | None, given: int) -> Argument | None:
    """The argument the next word would be, after `given` of them."""
    if command is None:
        return None
    for index, argument in enumerate(command.arguments):
        if argument.many or index == given:
            return argument
    return None


def _values(param: Argument | Option, typed: str, lookup: Lookup) -> Offer | None:
    """What completes a value of `param` that begins with `typed`."""
    complete = param.complete
    if complete is None:
        return None
    if complete == "file":
        return FILES
    if complete == "entry":
        return Offer(lookup.entries(typed))
    if complete in ("topic", "archived-topic"):
        return _matching(lookup.topics(archived=complete == "archived-topic"), typed)
    if complete == "journey":
        return _matching(lookup.journeys(), typed)
    choices = complete() if callable(complete) else complete
    return _matching([(choice, "") for choice in choices], typed)


def _matching(values: list[tuple[str, str]], typed: str) -> Offer:
    """The values that begin with `typed`, ignoring case."""
    start = typed.casefold()
    return Offer([(word, shown) for word, shown in values if word.casefold().startswith(start)])


def answer(args: list[str]) -> int:
    """`learnlog __complete SHELL ...`: print what completes the word at the
    cursor, for that shell's script. Always 0, printing nothing when anything
    goes wrong (an unknown shell, no journey, a damaged or missing database)."""
    import sys

    try:
        text = _reply(args)
        if text:
            from learnlog.views.text import document_output

            # The reply's user text is already shown as `plain` shows it.
            document_output().write(text + "\n")
            sys.stdout.flush()
    except (Exception, KeyboardInterrupt):  # noqa: BLE001 - whatever it is, the Tab shows nothing
        from learnlog.views.text import silence_standard_output

        silence_standard_output()
    return 0


def _reply(args: list[str]) -> str | None:
    from learnlog.views.completion import SHELLS, Word, reply, split_line

    if not args or args[0] not in SHELLS:
        return None
    shell, rest = args[0], args[1:]
    readline_word = None
    if shell == "bash":
        if len(rest) != 2:
            return None
        line, readline_word = rest
        words, current = split_line(line)
        words = words[1:]
    elif len(rest) < 2:
        return None
    elif shell == "zsh":
        # zsh's word at the cursor comes unquoted (inside a quote, zsh keeps the quote apart).
        words, current = rest[1:-1], Word(rest[-1], rest[-1], None, 0)
    else:
        words, current = rest[1:-1], split_line(rest[-1])[1]
    found = offer(words, current.text, Lookup())
    if found is None:
        return None
    return reply(shell, found.values, current, readline_word, files=found.files)
