"""The Typer application, built from the commands' declarations: it prints
--help and usage errors, and runs whatever the lean way in left to it."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from learnlog import __version__
from learnlog.cli.commands import ROOT, load
from learnlog.cli.declare import GLOBAL_OPTIONS, PATH, TOP, Argument, Command, Group, Option
from learnlog.errors import said_when_interrupted
from learnlog.session import options
from learnlog.views.text import say


def help_text(summary: str, description: str, examples: tuple[str, ...]) -> str:
    """A command's --help text: its summary, its paragraphs, and its examples kept
    as written (click rewraps a paragraph unless a \\b line stands before it)."""
    parts = [summary]
    if description:
        parts.append(description)
    if examples:
        heading = "Example:" if len(examples) == 1 else "Examples:"
        parts.append("\b\n" + heading + "\n" + "\n".join(f"  {example}" for example in examples))
    return "\n\n".join(parts)


def _annotation(param: Argument | Option) -> object:
    kind = Path if param.type == PATH else param.type
    if isinstance(param, Argument):
        info = typer.Argument(metavar=param.metavar, help=param.help, show_default=False)
        value_type = list[kind] if param.many else kind
        optional = not param.required
    else:
        info = typer.Option(*param.names, metavar=param.metavar, help=param.help)
        value_type = bool if param.is_flag else list[kind] if param.multiple else kind
        optional = not param.is_flag and param.default is None
    return Annotated[Optional[value_type] if optional else value_type, info]


def _parameters(params) -> list[inspect.Parameter]:
    return [
        inspect.Parameter(
            param.dest, inspect.Parameter.KEYWORD_ONLY, annotation=_annotation(param),
            default=inspect.Parameter.empty if isinstance(param, Argument) and param.required else param.default,
        )
        for param in params
    ]


def _normalised(command: Command, values: dict[str, object]) -> dict[str, object]:
    """Typer's values as the lean way in gives them: an option not repeated is
    None, a repeated one a list."""
    for option in command.options:
        if option.multiple:
            values[option.dest] = list(values[option.dest]) if values[option.dest] else None
    for argument in command.arguments:
        if argument.many:
            values[argument.dest] = list(values[argument.dest] or ())
    return values


def _callback(command: Command, *, group_default: bool = False):
    def run(ctx: typer.Context, **values) -> None:
        if group_default and ctx.invoked_subcommand is not None:
            return
        try:
            code = command.run(_normalised(command, values))
        except KeyboardInterrupt as interrupt:
            # Typer would turn it into a silent exit 130: the line the lean way
            # prints is said here too, for a command line that only Typer parses.
            say(said_when_interrupted(interrupt, saved=options.saved), file=sys.stderr)
            raise typer.Exit(130) from None
        if code:
            raise typer.Exit(code)

    context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    run.__signature__ = inspect.Signature([context, *_parameters(command.params)])
    run.__name__ = command.path[-1]
    run.__doc__ = help_text(command.summary, command.description, command.examples)
    return run


def _context(command: Command) -> dict:
    return {"ignore_unknown_options": True} if command.loose else {}


def _group_app(group: Group) -> typer.Typer:
    sub = typer.Typer(
        help=help_text(group.summary, "", group.examples), rich_markup_mode=None,
        no_args_is_help=group.default is None, invoke_without_command=group.default is not None,
    )
    if group.default is not None:
        sub.callback(
            help=help_text(group.default.summary, group.default.description, group.examples),
        )(_callback(group.default, group_default=True))
    for name, command in group.commands.items():
        sub.command(name, context_settings=_context(command))(_callback(command))
    return sub


def _print_version(value: bool) -> None:
    if value:
        say(f"learnlog {__version__}")
        raise typer.Exit()


def _root(**chosen) -> None:
    options.db = chosen["db"]
    options.journey = chosen["journey"]


def build_app() -> typer.Typer:
    load()
    built = typer.Typer(
        name="learnlog",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    version = inspect.Parameter(
        "version", inspect.Parameter.KEYWORD_ONLY, default=False,
        annotation=Annotated[
            bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
        ],
    )
    _root.__signature__ = inspect.Signature([*_parameters(GLOBAL_OPTIONS), version])
    _root.__doc__ = help_text(ROOT.summary, ROOT.description, ROOT.examples)
    built.callback()(_root)
    for name, entry in TOP.items():
        if isinstance(entry, Group):
            built.add_typer(_group_app(entry), name=name)
        else:
            built.command(name, context_settings=_context(entry))(_callback(entry))
    return built


app = build_app()
