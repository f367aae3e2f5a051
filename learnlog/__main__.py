"""The `learnlog` command. It looks at the arguments before importing anything
heavy, so the shell-prompt segment never pays for Typer, Rich or SQLAlchemy."""

from __future__ import annotations

import os
import sys

GLOBAL_OPTIONS = ("--db", "--journey")
VALUE_OPTIONS = frozenset({
    "--area", "--assets", "--attach", "--confidence", "--counts", "--curriculum", "--date", "--db",
    "--duration", "--every", "--format", "--html", "--journey", "--kind", "--link", "--note",
    "--output", "--reason", "--remove", "--search", "--since", "--start", "--svg", "--tag",
    "--target-hours", "--title", "--topic", "--until",
    "-a", "-c", "-d", "-f", "-k", "-m", "-n", "-o", "-r", "-s", "-t",
})
"""Every option of every command that takes a value (a test keeps this equal to the
app's), so that a value such as `-m "--journey"` is never taken for an option."""
HELP_OPTIONS = ("--help", "-h")


def split_global_options(args: list[str]) -> tuple[dict[str, str], list[str]]:
    """Take --db and --journey (with their values) out of the arguments, wherever
    they stand before `--`, so they are accepted after the command as well as before."""
    chosen: dict[str, str] = {}
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        name, has_value, value = arg.partition("=")
        if name in GLOBAL_OPTIONS and (has_value or index + 1 < len(args)):
            chosen[name] = value if has_value else args[index + 1]
            index += 1 if has_value else 2
            continue
        rest.append(arg)
        index += 1
        if arg in VALUE_OPTIONS and index < len(args):
            rest.append(args[index])
            index += 1
    return chosen, rest


def _journey_exists(db_option: str | None) -> bool:
    """Whether plain `learnlog` has a journey to show (else it shows its help)."""
    from learnlog.errors import LearnlogError
    from learnlog.store.location import resolve_location
    from learnlog.store.maintenance import journey_exists

    try:
        return journey_exists(resolve_location(db_option))
    except LearnlogError:
        return True  # let the dashboard say what is wrong


def _not_utf8(args: list[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (a terminal in another
    encoding hands Python those as lone surrogates), or None."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg
    return None


def main(argv: list[str] | None = None) -> None:
    given = list(sys.argv[1:] if argv is None else argv)
    undecodable = _not_utf8(given)
    if undecodable is not None:
        shown = undecodable.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
        print(f"Error: an argument is not UTF-8 text: {shown[:80]!r}; set your terminal to UTF-8", file=sys.stderr)
        sys.exit(1)
    chosen, rest = split_global_options(given)
    if rest[:1] == ["remind"] and "--prompt" in rest and not any(flag in rest for flag in HELP_OPTIONS):
        from learnlog.prompt import prompt_main

        sys.exit(prompt_main(db=chosen.get("--db"), journey=chosen.get("--journey")))
    from learnlog.fast import fast_command

    fast = fast_command(rest)
    if fast is not None:
        from learnlog.fast import run

        command, flags = fast
        sys.exit(_guarded(lambda: run(command, flags, db=chosen.get("--db"), journey=chosen.get("--journey"))))
    if not rest:
        rest = ["dashboard"] if _journey_exists(chosen.get("--db")) else ["--help"]
    args = [part for option in chosen.items() for part in option] + rest

    def typer_app() -> int:
        from learnlog.cli.app import app

        app(args, prog_name="learnlog")
        return 0

    sys.exit(_guarded(typer_app))


def _guarded(command) -> int:
    """Run `command`, turning learnlog's errors into one line on stderr and an exit
    status, in this one place for both ways in."""
    from learnlog.errors import LearnlogError

    try:
        return command()
    except LearnlogError as error:
        from learnlog.views.text import one_line

        print(f"Error: {one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrupted: nothing was changed.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line for the user, the trace on request
        if os.environ.get("LEARNLOG_DEBUG"):
            raise
        from learnlog.views.text import one_line

        print(
            f"Error: learnlog failed unexpectedly ({type(error).__name__}: {one_line(str(error))});"
            " set LEARNLOG_DEBUG=1 to see where",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    main()
