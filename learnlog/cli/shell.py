"""Living in the shell: the prompt segment, kept without starting a process, and
Tab completion."""

from __future__ import annotations

from learnlog.cli.declare import Argument, command


def _prompt_shells() -> tuple[str, ...]:
    from learnlog.views.shell import SHELLS

    return SHELLS


def _completion_shells() -> tuple[str, ...]:
    from learnlog.views.completion import SHELLS

    return SHELLS


@command(
    "shell-init",
    Argument("shell", metavar="SHELL", help="bash, zsh or fish.", complete=_prompt_shells),
    examples=(
        'eval "$(learnlog shell-init bash)"      # in ~/.bashrc',
        'eval "$(learnlog shell-init zsh)"       # in ~/.zshrc',
        "learnlog shell-init fish | source       # in ~/.config/fish/config.fish",
    ),
)
def shell_init(shell) -> None:
    """Print the snippet that puts the cadence in your shell prompt: '2d left',
    'due today' or 'overdue 1d', in the variable learnlog_segment.

    Every learnlog command leaves a small state file that the snippet reads at
    each prompt with the shell's own builtins, so a prompt starts no process
    (bash 4.2 and zsh 5 or later; fish runs one `date`). Show the variable in
    your prompt: see the README's "In your shell prompt".
    """
    import sys

    from learnlog.errors import InputError
    from learnlog.views.shell import SHELLS, snippet
    from learnlog.views.text import document_output

    chosen = shell.strip().casefold()
    if chosen not in SHELLS:
        raise InputError(f"shell-init takes {', '.join(SHELLS)}, not {shell!r}")
    document_output().write(snippet(chosen, command=[sys.executable, "-P", "-m", "learnlog"]))


@command(
    "completion",
    Argument("shell", metavar="SHELL", help="bash, zsh or fish.", complete=_completion_shells),
    examples=(
        'eval "$(learnlog completion bash)"      # in ~/.bashrc',
        'eval "$(learnlog completion zsh)"       # in ~/.zshrc, after compinit',
        "learnlog completion fish > ~/.config/fish/completions/learnlog.fish",
    ),
)
def completion(shell) -> None:
    """Print the script that makes Tab complete learnlog's commands, options,
    kinds and formats, your topics, journeys and entries.

    Install it once, as the examples show: bash evaluates it from ~/.bashrc (or
    finds it saved in ~/.local/share/bash-completion/completions/learnlog), zsh
    from ~/.zshrc after compinit (or saved as _learnlog in your $fpath), fish
    finds it saved in ~/.config/fish/completions/learnlog.fish.

    Each Tab runs learnlog briefly: it reads the journey's database without
    ever writing to it (on PostgreSQL it connects, for at most a few seconds),
    and shows nothing when something is wrong.
    """
    import sys

    from learnlog.cli.declare import COMPLETE_WORD
    from learnlog.errors import InputError
    from learnlog.views.completion import SHELLS, script
    from learnlog.views.text import document_output

    chosen = shell.strip().casefold()
    if chosen not in SHELLS:
        raise InputError(f"completion takes {', '.join(SHELLS)}, not {shell!r}")
    # -P: a folder named learnlog where Tab is pressed must not stand in for learnlog.
    document_output().write(script(chosen, command=[sys.executable, "-P", "-m", "learnlog", COMPLETE_WORD]))
