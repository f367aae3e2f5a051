"""Living in the shell: the prompt segment, kept without starting a process."""

from __future__ import annotations

from learnlog.cli.declare import Argument, command


@command(
    "shell-init",
    Argument("shell", metavar="SHELL", help="bash, zsh or fish."),
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
    document_output().write(snippet(chosen, command=[sys.executable, "-m", "learnlog"]))
