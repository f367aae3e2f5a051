"""The scripts `learnlog completion` prints, and what `learnlog __complete` answers
each of them (learnlog.cli.complete finds what completes the word).

Each script hands learnlog the command line as its shell holds it, and reads
back lines: first `files` (the shell completes file names itself), `values` or
`described`, then one completion a line. For bash a line is the text readline
puts in place of its word, quoted for where the cursor is; for zsh a value, then
after a tab what the menu shows for it (the value and its description); for
fish a value, then after a tab its description. zsh and fish quote what they
insert themselves.
"""

from __future__ import annotations

SHELLS = ("bash", "zsh", "fish")

_BASH = r"""# learnlog's Tab completion for bash: put this in ~/.bashrc
#   eval "$(learnlog completion bash)"
# or save it where bash-completion looks:
#   learnlog completion bash > ~/.local/share/bash-completion/completions/learnlog
_learnlog_complete() {
    local line
    local -a found=()
    while IFS= read -r line; do
        found+=("$line")
    done < <(@LEARNLOG@ bash "${COMP_LINE:0:COMP_POINT}" "$2" 2>/dev/null </dev/null)
    COMPREPLY=()
    case ${found[0]-} in
        files) compopt -o default 2>/dev/null ;;
        values | described) COMPREPLY=("${found[@]:1}") ;;
    esac
    return 0
}
# In learnlog's order (the newest entries first) where bash can (4.4 and later).
complete -o nosort -F _learnlog_complete learnlog 2>/dev/null || complete -F _learnlog_complete learnlog
"""

_ZSH = r"""#compdef learnlog
# learnlog's Tab completion for zsh: put this in ~/.zshrc, after compinit
#   eval "$(learnlog completion zsh)"
# or save it as _learnlog in a folder of your $fpath, before compinit runs:
#   learnlog completion zsh > ~/.zfunc/_learnlog
_learnlog() {
    local -a found values shown
    local line
    found=("${(@f)$(@LEARNLOG@ zsh "${(@Q)words[1,CURRENT-1]}" "${(Q)PREFIX}" 2>/dev/null </dev/null)}")
    case $found[1] in
        (files) _files ;;
        (values | described)
            for line in "${(@)found[2,-1]}"; do
                values+=("${line%%$'\t'*}")
                shown+=("${line#*$'\t'}")
            done
            if [[ $found[1] == described ]]; then
                compadd -U -V learnlog -l -d shown -a values
            else
                compadd -U -V learnlog -a values
            fi
            ;;
    esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _learnlog "$@"
else
    compdef _learnlog learnlog
fi
"""

_FISH = r"""# learnlog's Tab completion for fish: save it where fish looks for completions
#   learnlog completion fish > ~/.config/fish/completions/learnlog.fish
function __learnlog_complete
    set -l found (@LEARNLOG@ fish (commandline -opc) (commandline -ct) 2>/dev/null </dev/null)
    switch "$found[1]"
        case files
            __fish_complete_path (commandline -ct)
        case values described
            set -e found[1]
            printf '%s\n' $found
    end
end
complete -c learnlog -f -k -a '(__learnlog_complete)'
"""

_SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def script(shell: str, *, command: list[str]) -> str:
    """The completion script for `shell` (bash, zsh or fish), which runs learnlog
    as `command` on every Tab."""
    from learnlog.views.shell import quoted

    return _SCRIPTS[shell].replace("@LEARNLOG@", " ".join(quoted(shell, part) for part in command))


class Word:
    """The word at the cursor: as typed (`raw`), as the shell will read it
    (`text`), and when a quote is still open, its character (`quote`) and how
    much of `text` came before it (`quoted_from`)."""

    __slots__ = ("raw", "text", "quote", "quoted_from")

    def __init__(self, raw: str, text: str, quote: str | None, quoted_from: int) -> None:
        self.raw = raw
        self.text = text
        self.quote = quote
        self.quoted_from = quoted_from


_ESCAPED_IN_DOUBLE_QUOTES = '"\\$`\n'


def split_line(line: str) -> tuple[list[str], Word]:
    """The words of a command line typed up to the cursor, as a POSIX shell reads
    them (quotes, backslashes), and the word at the cursor, an open quote allowed
    (an empty word after a space)."""
    words: list[str] = []
    text: list[str] = []
    start, quote, quoted_from = None, None, 0
    index = 0
    while index < len(line):
        char = line[index]
        index += 1
        if quote == "'":
            if char == "'":
                quote = None
            else:
                text.append(char)
        elif quote == '"':
            if char == '"':
                quote = None
            elif char == "\\" and index < len(line) and line[index] in _ESCAPED_IN_DOUBLE_QUOTES:
                if line[index] != "\n":
                    text.append(line[index])
                index += 1
            else:
                text.append(char)
        elif char in " \t\n":
            if start is not None:
                words.append("".join(text))
                text, start = [], None
        else:
            if start is None:
                start = index - 1
            if char in "'\"":
                quote, quoted_from = char, len(text)
            elif char == "\\":
                if index < len(line):
                    if line[index] != "\n":
                        text.append(line[index])
                    index += 1
            else:
                text.append(char)
    if start is None:
        return words, Word("", "", None, 0)
    return words, Word(line[start:], "".join(text), quote, quoted_from if quote else 0)


def reply(
    shell: str, values: list[tuple[str, str]], current: Word, readline_word: str | None = None, *, files: bool = False,
) -> str | None:
    """What `learnlog __complete` prints for `shell`: file names to complete when
    `files`, else the `values` (each a word and its description, maybe empty),
    as that shell's script reads them; None when there is nothing to print.
    `readline_word` is the word bash's readline replaces, which ends the word at
    the cursor."""
    from learnlog.views.text import plain

    if files:
        return "files"
    if not values:
        return None
    described = any(shown for _, shown in values)
    header = "described" if described and shell != "bash" else "values"
    if shell == "bash":
        lines = _bash_lines([value for value, _ in values], current, readline_word or "")
        if lines is None:
            return None
    elif shell == "zsh":
        width = max(len(value) for value, _ in values)
        lines = [
            f"{plain(value)}\t{plain(value.ljust(width))}  -- {_short(shown)}" if shown else plain(value)
            for value, shown in values
        ]
    else:
        lines = [f"{plain(value)}\t{_short(shown)}" if shown else plain(value) for value, shown in values]
    return "\n".join([header, *lines])


DESCRIPTION_LENGTH = 60


def _short(description: str) -> str:
    """A description on one line, of at most DESCRIPTION_LENGTH characters."""
    from learnlog.views.text import one_line

    shown = one_line(description)
    return shown if len(shown) <= DESCRIPTION_LENGTH else shown[: DESCRIPTION_LENGTH - 1].rstrip() + "…"


def _bash_lines(values: list[str], current: Word, readline_word: str) -> list[str] | None:
    """Each value as the text that replaces readline's word, which is the end of
    the word at the cursor: after a quote still open, the rest of the value, for
    readline to close the quote after it; else the rest of the value after what
    precedes readline's word (a `--journey=`, or a name up to its `:`, both of
    which end a word for readline), with a backslash before each character the
    shell would otherwise read."""
    if current.quote is not None:
        return [_inside_quotes(current.quote, value[current.quoted_from:]) for value in values]
    if not current.raw.endswith(readline_word):
        return None
    before = split_line(current.raw[: len(current.raw) - len(readline_word)])[1].text
    return [_escaped(value[len(before):]) for value in values]


_SPECIAL = set(" \t\n\\'\"`$&|;<>()[]{}*?!#~^")
"""What bash reads as more than itself in an unquoted word (`:` and `=` are
themselves, and break words only for readline)."""


def _escaped(text: str) -> str:
    return "".join("\\" + char if char in _SPECIAL else char for char in text)


def _inside_quotes(quote: str, text: str) -> str:
    if quote == "'":
        return text.replace("'", "'\\''")
    return "".join("\\" + char if char in _ESCAPED_IN_DOUBLE_QUOTES else char for char in text)
