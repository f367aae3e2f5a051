"""The `learnlog` command. It parses the command line with the commands'
declarations before importing anything heavy, so that everyday commands never
pay for Typer, and the shell-prompt segment pays for nothing but its reading."""

from __future__ import annotations

import os
import sys

from learnlog.views.text import say


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
    from learnlog.cli.declare import COMPLETE_WORD

    if given[:1] == [COMPLETE_WORD]:
        # A Tab: before anything that could print, for it must never print an error.
        from learnlog.cli.complete import answer

        sys.exit(answer(given[1:]))
    undecodable = _not_utf8(given)
    if undecodable is not None:
        shown = undecodable.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
        say(f"Error: an argument is not UTF-8 text: {shown[:80]!r}; set your terminal to UTF-8", file=sys.stderr)
        sys.exit(1)
    from learnlog.cli.lean import route
    from learnlog.session import options

    found = route(given)
    options.db, options.journey = found.chosen.get("db"), found.chosen.get("journey")
    options.saved = False
    if found.command is not None:
        sys.exit(_guarded(lambda: found.command.run(found.values)))
    args = found.typer_args
    if args is None:
        # A bare `learnlog`: the dashboard, or the help before there is a journey.
        from learnlog.cli.lean import route as again

        args = [*given, "dashboard" if _journey_exists() else "--help"]
        retried = again(args)
        if retried.command is not None:
            sys.exit(_guarded(lambda: retried.command.run(retried.values)))

    def typer_app() -> int:
        from learnlog.cli.app import app
        from learnlog.views.text import TerminalText

        # A usage error repeats what was typed: shown as every line learnlog prints is.
        errors, sys.stderr = sys.stderr, TerminalText(sys.stderr)
        try:
            app(args, prog_name="learnlog")
        except SystemExit as exit:
            # click ends a command whose reader went away with exit 1 and no word.
            if exit.code == 1 and _reader_gone():
                raise BrokenPipeError from None
            raise
        finally:
            sys.stderr = errors
        return 0

    sys.exit(_guarded(typer_app))


def _journey_exists() -> bool:
    """Whether plain `learnlog` has a journey to show (else it shows its help)."""
    from learnlog.errors import LearnlogError
    from learnlog.session import options
    from learnlog.store.location import resolve_location
    from learnlog.store.maintenance import journey_exists

    try:
        return journey_exists(resolve_location(options.db))
    except LearnlogError:
        return True  # let the dashboard say what is wrong


def _guarded(command) -> int:
    """Run `command`, turning learnlog's errors into one line on stderr and an exit
    status, in this one place for both ways in."""
    from learnlog.errors import LearnlogError, said_when_interrupted
    from learnlog.session import options

    try:
        code = command()
        sys.stdout.flush()  # here, so that a reader gone away is met in this block
        return code
    except BrokenPipeError:
        return _end_quietly_for_a_closed_pipe()
    except LearnlogError as error:
        from learnlog.views.text import one_line

        say(f"Error: {one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as interrupt:
        say(said_when_interrupted(interrupt, saved=options.saved), file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line for the user, the trace on request
        if os.environ.get("LEARNLOG_DEBUG"):
            raise
        from learnlog.views.text import one_line

        say(
            f"Error: learnlog failed unexpectedly ({type(error).__name__}: {one_line(str(error))});"
            " set LEARNLOG_DEBUG=1 to see where",
            file=sys.stderr,
        )
        return 1


SIGPIPE_EXIT = 128 + 13
"""What a shell sees from a writer whose reader went away (`learnlog entries | head -1`):
the status of a process ended by SIGPIPE, as cat, grep or git end."""


def _end_quietly_for_a_closed_pipe() -> int:
    """The reader of standard output went away: nothing more to say, to anyone.
    Standard output is pointed at /dev/null, so that Python's last flush on the way
    out does not complain of the pipe again."""
    from learnlog.views.text import silence_standard_output

    try:
        sys.stdout.flush()
    except OSError:
        pass
    silence_standard_output()
    return SIGPIPE_EXIT


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reading end has been closed."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):
        return False


if __name__ == "__main__":
    main()
