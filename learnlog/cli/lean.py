"""The lean way in: the command line parsed with the commands' declarations, on
the standard library alone, so that a command imports only what its own work
needs (no Typer, no click, no pydantic).

Whatever it cannot take as it stands, it leaves to the Typer app, built from the
same declarations: --help, --version, an unknown command or option, a missing
or malformed value. Typer then prints the help or the usage error.
"""

from __future__ import annotations

from learnlog.cli.declare import GLOBAL_OPTIONS, PATH, TOP, Command, Group

HELP_OPTIONS = ("-h", "--help")
_GLOBAL_BY_NAME = {name: option for option in GLOBAL_OPTIONS for name in option.names}


class Route:
    """Where a command line goes: `command` with its parsed `values`, or the Typer
    app with `typer_args` (the global options moved in front, where Typer takes
    them), or neither for a bare `learnlog`. `chosen` holds the global options, by
    destination."""

    __slots__ = ("command", "values", "chosen", "typer_args")

    def __init__(self, command: Command | None, values: dict | None, chosen: dict, typer_args: list[str] | None) -> None:
        self.command = command
        self.values = values
        self.chosen = chosen
        self.typer_args = typer_args


def route(args: list[str]) -> Route:
    """Find the declared command that `args` name and parse its values; what cannot
    be parsed goes to Typer."""
    chosen: dict[str, str] = {}
    index = _leading_globals(args, chosen)
    if index is None:
        return Route(None, None, {}, list(args))
    words = args[index:]
    if not words:
        return Route(None, None, chosen, None)
    command, tokens = _find_command(words)
    if command is None:
        return Route(None, None, chosen, _typer_args(chosen, words))
    values = parse(command, tokens, chosen)
    if values is None:
        rest = _without_globals(command, tokens, chosen)
        return Route(None, None, chosen, _typer_args(chosen, [*command.path, *rest]))
    return Route(command, values, chosen, None)


def _leading_globals(args: list[str], chosen: dict[str, str]) -> int | None:
    """The index of the command's name, after the global options before it (taken
    into `chosen`); None when something else stands there (--help, --version, an
    option Typer must explain)."""
    index = 0
    while index < len(args) and args[index].startswith("-"):
        name, has_value, value = args[index].partition("=")
        option = _GLOBAL_BY_NAME.get(name)
        if option is None:
            return None
        if not has_value:
            if index + 1 >= len(args):
                return None
            value = args[index + 1]
            index += 1
        chosen[option.dest] = value
        index += 1
    return index


def _find_command(words: list[str]) -> tuple[Command | None, list[str]]:
    """The command the first words name, and the words after its name."""
    if not words:
        return None, []
    from learnlog.cli.commands import load

    load(words[0])
    group = TOP.get(words[0])
    if group is None:
        return None, words
    if not isinstance(group, Group):
        return group, words[1:]
    if len(words) > 1 and words[1] in group.commands:
        return group.commands[words[1]], words[2:]
    if group.default is not None and (len(words) == 1 or words[1].startswith("-")):
        return group.default, words[1:]
    return None, words


def parse(command: Command, tokens: list[str], chosen: dict[str, str]) -> dict[str, object] | None:
    """The values of `command`'s parameters in `tokens`, as click would parse them
    (options anywhere among the arguments, `--name=value`, `-nVALUE`, `--` ending the
    options, a repeated option's last value); the global options go into `chosen`.
    None when Typer must answer: a help request, an unknown option, a missing or
    malformed value, a missing or extra argument."""
    by_name = dict(_GLOBAL_BY_NAME)
    by_name.update((name, option) for option in command.options for name in option.names)
    values: dict[str, object] = {option.dest: option.default for option in command.options}
    positional: list[str] = []
    index, options_end = 0, False
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if options_end or token == "-" or not token.startswith("-"):
            positional.append(token)
            continue
        if token == "--":
            options_end = True
            continue
        if token in HELP_OPTIONS:
            return None
        if token.startswith("--"):
            name, has_value, attached = token.partition("=")
        else:
            name, attached = token[:2], token[2:]
            has_value = bool(attached)
        option = by_name.get(name)
        if option is None:
            if not command.loose:
                return None
            positional.append(token)
            continue
        if option.is_flag:
            if has_value:
                return None
            values[option.dest] = True
            continue
        if not has_value:
            if index >= len(tokens):
                return None
            attached = tokens[index]
            index += 1
        if option in GLOBAL_OPTIONS:
            chosen[option.dest] = attached
            continue
        value = _convert(option.type, attached)
        if value is _INVALID:
            return None
        if option.multiple:
            values[option.dest] = [*(values[option.dest] or ()), value]
        else:
            values[option.dest] = value
    return _take_arguments(command, positional, values)


_INVALID = object()


def _convert(kind: object, text: str) -> object:
    if kind is str:
        return text
    if kind == PATH:
        from pathlib import Path

        return Path(text)
    try:
        return kind(text)
    except ValueError:
        return _INVALID


def _take_arguments(command: Command, positional: list[str], values: dict[str, object]) -> dict[str, object] | None:
    for argument in command.arguments:
        if argument.many:
            taken, positional = positional, []
            if argument.required and not taken:
                return None
            converted = [_convert(argument.type, text) for text in taken]
            if _INVALID in converted:
                return None
            values[argument.dest] = converted
            continue
        if not positional:
            if argument.required:
                return None
            values[argument.dest] = argument.default
            continue
        value = _convert(argument.type, positional.pop(0))
        if value is _INVALID:
            return None
        values[argument.dest] = value
    return None if positional else values


def _without_globals(command: Command, tokens: list[str], chosen: dict[str, str]) -> list[str]:
    """`tokens` less the global options and their values (taken into `chosen`),
    wherever they stand before `--`; the values of the command's own options stay
    as they are, so that `-m "--journey"` is a note."""
    takes_value = {name for option in command.options if not option.is_flag for name in option.names}
    rest: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--":
            rest.extend(tokens[index:])
            break
        name, has_value, value = token.partition("=")
        if name in _GLOBAL_BY_NAME and (has_value or index + 1 < len(tokens)):
            chosen[_GLOBAL_BY_NAME[name].dest] = value if has_value else tokens[index + 1]
            index += 1 if has_value else 2
            continue
        rest.append(token)
        index += 1
        if token in takes_value and index < len(tokens):
            rest.append(tokens[index])
            index += 1
    return rest


def _typer_args(chosen: dict[str, str], words: list[str]) -> list[str]:
    given = [part for option in GLOBAL_OPTIONS if option.dest in chosen for part in (option.names[0], chosen[option.dest])]
    return given + words
