"""The snippets `learnlog shell-init` prints: a prompt hook for bash, zsh and fish
that sets `learnlog_segment` ('2d left', 'due today', 'overdue 1d') from the
state file learnlog keeps (learnlog.store.prompt_state), with shell builtins
only, so that a prompt starts no process.

Each snippet spells out `prompt_state.state_path` in its shell's words: the
database (LEARNLOG_DB, a path made absolute from $PWD, or the default file), the
journey (LEARNLOG_JOURNEY), % and / escaped, in learnlog's cache folder. The
count of days is the deadline's day number less today's, both in the local
calendar (today from the shell's clock, or from LEARNLOG_TODAY as the commands
read it).
"""

from __future__ import annotations

import shlex
import sys

SHELLS = ("bash", "zsh", "fish")

_BASH = r"""# learnlog's prompt segment for bash: put this in ~/.bashrc
#   eval "$(learnlog shell-init bash)"
# and show it in your prompt, e.g.
#   PS1='${learnlog_segment:+[$learnlog_segment] }\w \$ '
learnlog_segment=
__learnlog_tried=
__learnlog_refreshed=0
__learnlog_refresh() { ( @LEARNLOG@ status >/dev/null 2>&1 </dev/null & ) ; }
if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 2) )); then
@FUNCTIONS@__learnlog_prompt() {
    local LC_ALL=C first label written backend due start end now today ymd worked
    local running= since= day= minute= topic=
    learnlog_segment=
    __learnlog_path
    if (( ${#__learnlog_name} > @MAX_NAME_BYTES@ )); then
        learnlog_segment=$(@LEARNLOG@ remind --prompt 2>/dev/null)
        return 0
    fi
    if [[ ! -r $__learnlog_file ]] || ! { IFS= read -r first && read -r label written && read -r label backend && read -r label due start end \
            && { read -r label worked; read -r running since day minute topic; true; }; } \
            2>/dev/null <"$__learnlog_file" \
        || [[ $first != "learnlog-state 1" ]] \
        || ! [[ "$written $due $start $end" =~ ^[0-9]+\ -?[0-9]+\ -?[0-9]+\ -?[0-9]+$ ]]; then
        # Missing or garbled: rebuilt once per shell and settings, in the background.
        if [[ $__learnlog_tried != *"<$__learnlog_file>"* ]]; then
            __learnlog_tried+="<$__learnlog_file>"
            __learnlog_refresh
        fi
        return 0
    fi
    printf -v now '%(%s)T' -1
    if [[ ${LEARNLOG_TODAY-} =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2}) ]]; then
        __learnlog_day "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    else
        printf -v ymd '%(%Y %m %d)T' "$now"
        __learnlog_day $ymd
    fi
    today=$__learnlog_days
    if (( today < due )); then
        learnlog_segment="$(( due - today ))d left"
    elif (( today == due )); then
        learnlog_segment="due today"
    else
        learnlog_segment="overdue $(( today - due ))d"
    fi
    # A running timer counts its minutes up from its start, with no command run.
    if [[ $running == running && -n $topic ]] && [[ "$since $day $minute" =~ ^[0-9]+\ -?[0-9]+\ [0-9]+$ ]]; then
        __learnlog_elapsed $today $day $minute $since $now
        learnlog_segment="● $topic $__learnlog_duration · $learnlog_segment"
    fi
    # A journey shared from PostgreSQL changes without a command run here.
    if [[ $backend == server ]] && (( now - written > @FRESH@ && now - __learnlog_refreshed > @FRESH@ )); then
        __learnlog_refreshed=$now
        __learnlog_refresh
    fi
    return 0
}
else
# Before bash 4.2 printf cannot read the clock: one learnlog run per prompt.
__learnlog_prompt() { learnlog_segment=$(@LEARNLOG@ remind --prompt 2>/dev/null); }
fi
if [[ ";${PROMPT_COMMAND-};" != *";__learnlog_prompt;"* ]]; then
    PROMPT_COMMAND="__learnlog_prompt${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
"""

_ZSH = r"""# learnlog's prompt segment for zsh: put this in ~/.zshrc
#   eval "$(learnlog shell-init zsh)"
# and show it in your prompt, e.g.
#   setopt prompt_subst; PROMPT='${learnlog_segment:+[$learnlog_segment] }%~ %# '
zmodload zsh/datetime
typeset -g learnlog_segment= __learnlog_tried= __learnlog_name= __learnlog_file= __learnlog_days=0
typeset -gi __learnlog_refreshed=0
__learnlog_refresh() { ( @LEARNLOG@ status >/dev/null 2>&1 </dev/null & ) }
@FUNCTIONS@__learnlog_prompt() {
    emulate -L zsh
    local LC_ALL=C first label written backend due start end ymd worked running since day minute topic
    local -i now today
    learnlog_segment=
    __learnlog_path
    if (( ${#__learnlog_name} > @MAX_NAME_BYTES@ )); then
        learnlog_segment=$(@LEARNLOG@ remind --prompt 2>/dev/null)
        return 0
    fi
    if [[ ! -r $__learnlog_file ]] || ! { IFS= read -r first && read -r label written && read -r label backend && read -r label due start end \
            && { read -r label worked; read -r running since day minute topic; true } } \
            2>/dev/null <"$__learnlog_file" \
        || [[ $first != "learnlog-state 1" || $written != <-> || ${due#-} != <-> || ${start#-} != <-> || ${end#-} != <-> ]]; then
        # Missing or garbled: rebuilt once per shell and settings, in the background.
        if [[ $__learnlog_tried != *"<$__learnlog_file>"* ]]; then
            __learnlog_tried+="<$__learnlog_file>"
            __learnlog_refresh
        fi
        return 0
    fi
    now=$EPOCHSECONDS
    if [[ ${LEARNLOG_TODAY-} == [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]* ]]; then
        __learnlog_day ${LEARNLOG_TODAY[1,4]} ${LEARNLOG_TODAY[6,7]} ${LEARNLOG_TODAY[9,10]}
    else
        strftime -s ymd '%Y %m %d' $now
        __learnlog_day ${=ymd}
    fi
    today=$__learnlog_days
    if (( today < due )); then
        learnlog_segment="$(( due - today ))d left"
    elif (( today == due )); then
        learnlog_segment="due today"
    else
        learnlog_segment="overdue $(( today - due ))d"
    fi
    # A running timer counts its minutes up from its start, with no command run.
    if [[ $running == running && -n $topic && $since == <-> && ${day#-} == <-> && $minute == <-> ]]; then
        __learnlog_elapsed $today $day $minute $since $now
        # With prompt_subst, a % in the topic would be read as a prompt escape.
        learnlog_segment="● ${topic//\%/%%} $__learnlog_duration · $learnlog_segment"
    fi
    # A journey shared from PostgreSQL changes without a command run here.
    if [[ $backend == server ]] && (( now - written > @FRESH@ && now - __learnlog_refreshed > @FRESH@ )); then
        __learnlog_refreshed=$now
        __learnlog_refresh
    fi
    return 0
}
autoload -Uz add-zsh-hook
add-zsh-hook precmd __learnlog_prompt
"""

_FISH = r"""# learnlog's prompt segment for fish: put this in ~/.config/fish/config.fish
#   learnlog shell-init fish | source
# and show $learnlog_segment in your fish_prompt, e.g.
#   function fish_prompt; set -q learnlog_segment[1]; and test -n "$learnlog_segment"; and echo -n "[$learnlog_segment] "; echo -n (prompt_pwd)'> '; end
# fish has no clock builtin before 3.7: each prompt runs one `date`, and nothing else.
set -g learnlog_segment
set -g __learnlog_tried
set -g __learnlog_refreshed 0
function __learnlog_refresh
    @LEARNLOG@ status >/dev/null 2>&1 </dev/null &
    disown 2>/dev/null
end
function __learnlog_day --argument-names y m d
    # Days from 1970-01-01 to the day y-m-d, in the civil calendar.
    set -l y (string replace -r '^0+(?=.)' '' -- $y)
    set -l m (string replace -r '^0+(?=.)' '' -- $m)
    set -l d (string replace -r '^0+(?=.)' '' -- $d)
    if test $m -le 2
        set y (math $y - 1)
    end
    set -l era (math "floor($y / 400)")
    set -l yoe (math $y - $era \* 400)
    set -l mp (math $m + 9)
    if test $m -gt 2
        set mp (math $m - 3)
    end
    set -l doy (math "floor((153 * $mp + 2) / 5) + $d - 1")
    math "$era * 146097 + $yoe * 365 + floor($yoe / 4) - floor($yoe / 100) + $doy - 719468"
end
function __learnlog_prompt --on-event fish_prompt
    set -g learnlog_segment
    set -l db "$LEARNLOG_DB"
    if test -z "$db"
        @DEFAULT_DB@
    else if not string match -q -- '*://*' $db
        string match -q -- '~/*' $db; or test "$db" = '~'; and set db $HOME(string sub -s 2 -- $db)
        string match -q -- '/*' $db; or set db (string replace -r '/$' '' -- $PWD)/$db
    end
    set -l name (string replace -a -- '%' '%25' $db | string replace -a -- / %2F)
    if test -n "$LEARNLOG_JOURNEY"
        set name $name%00(string replace -a -- '%' '%25' $LEARNLOG_JOURNEY | string replace -a -- / %2F)
    end
    @CACHE@
    set -l file $cache/prompt/$name
    if test (string length -- $name) -gt @MAX_NAME_BYTES@
        set -g learnlog_segment (@LEARNLOG@ remind --prompt 2>/dev/null)
        return 0
    end
    set -l lines
    test -r $file; and set lines (string split \n -- (string collect <$file 2>/dev/null))
    set -l due (string split ' ' -- $lines[4])
    set -l written (string split ' ' -- $lines[2])
    set -l backend (string split ' ' -- $lines[3])
    if test "$lines[1]" != 'learnlog-state 1'; or not string match -qr -- '^due -?[0-9]+ -?[0-9]+ -?[0-9]+$' $lines[4]; or not string match -qr -- '^written [0-9]+$' $lines[2]
        # Missing or garbled: rebuilt once per shell and settings, in the background.
        if not contains -- $file $__learnlog_tried
            set -ga __learnlog_tried $file
            __learnlog_refresh
        end
        return 0
    end
    set -l clock (date '+%s %Y %m %d')
    set -l clock (string split ' ' -- $clock)
    set -l today
    if string match -qr -- '^[0-9]{4}-[0-9]{2}-[0-9]{2}' "$LEARNLOG_TODAY"
        set today (__learnlog_day (string sub -s 1 -l 4 -- $LEARNLOG_TODAY) (string sub -s 6 -l 2 -- $LEARNLOG_TODAY) (string sub -s 9 -l 2 -- $LEARNLOG_TODAY))
    else
        set today (__learnlog_day $clock[2] $clock[3] $clock[4])
    end
    if test $today -lt $due[2]
        set -g learnlog_segment (math $due[2] - $today)"d left"
    else if test $today -eq $due[2]
        set -g learnlog_segment "due today"
    else
        set -g learnlog_segment "overdue "(math $today - $due[2])"d"
    end
    # A running timer counts its minutes up from its start, with no command run.
    set -l running (string split -m 4 ' ' -- "$lines[6]")
    if string match -qr -- '^running [0-9]+ -?[0-9]+ [0-9]+ .' "$lines[6]"
        set -l elapsed
        if string match -qr -- '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' "$LEARNLOG_TODAY"
            set -l hh (string replace -r '^0' '' -- (string sub -s 12 -l 2 -- $LEARNLOG_TODAY))
            set -l mm (string replace -r '^0' '' -- (string sub -s 15 -l 2 -- $LEARNLOG_TODAY))
            set elapsed (math "($today - $running[3]) * 1440 + $hh * 60 + $mm - $running[4]")
        else if test -n "$LEARNLOG_TODAY"
            set elapsed (math "($today - $running[3]) * 1440 + 720 - $running[4]")
        else
            set elapsed (math "floor(($clock[1] - $running[2] + 30) / 60)")
        end
        test $elapsed -lt 0; and set elapsed 0
        set -l hours (math "floor($elapsed / 60)")
        set -l rest (math "$elapsed % 60")
        set -l duration {$rest}m
        if test $hours -gt 0; and test $rest -eq 0
            set duration {$hours}h
        else if test $hours -gt 0
            set duration {$hours}h(string pad -w 2 -c 0 -- $rest)m
        end
        set -g learnlog_segment "● $running[5] $duration · $learnlog_segment"
    end
    # A journey shared from PostgreSQL changes without a command run here.
    if test "$backend[2]" = server; and test (math $clock[1] - $written[2]) -gt @FRESH@; and test (math $clock[1] - $__learnlog_refreshed) -gt @FRESH@
        set -g __learnlog_refreshed $clock[1]
        __learnlog_refresh
    end
end
"""

_BASH_AND_ZSH = r"""__learnlog_elapsed() {
    # The running session's minutes, as __learnlog_minutes words them: $1 today, and
    # the session's day, minute of that day, start (epoch second), then now. With
    # LEARNLOG_TODAY, by the wall clock it fixes (noon for a day alone).
    local -i elapsed
    if [[ ${LEARNLOG_TODAY-} == [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]* ]]; then
        (( elapsed = ($1 - $2) * 1440 + 10#${LEARNLOG_TODAY:11:2} * 60 + 10#${LEARNLOG_TODAY:14:2} - $3 ))
    elif [[ -n ${LEARNLOG_TODAY-} ]]; then
        (( elapsed = ($1 - $2) * 1440 + 720 - $3 ))
    else
        (( elapsed = ($5 - $4 + 30) / 60 ))
    fi
    (( elapsed < 0 )) && elapsed=0
    __learnlog_minutes $elapsed
}
__learnlog_minutes() {
    # 42 -> 42m, 70 -> 1h10m, 120 -> 2h, as learnlog prints durations.
    local -i hours=$(( $1 / 60 )) rest=$(( $1 % 60 ))
    if (( hours == 0 )); then
        __learnlog_duration=${rest}m
    elif (( rest == 0 )); then
        __learnlog_duration=${hours}h
    else
        printf -v __learnlog_duration '%dh%02dm' $hours $rest
    fi
}
__learnlog_day() {
    # Days from 1970-01-01 to the day $1-$2-$3 (Y M D), in the civil calendar.
    local -i y=$(( 10#$1 )) m=$(( 10#$2 )) d=$(( 10#$3 )) era yoe doy
    (( y -= m <= 2, era = y / 400, yoe = y - era * 400 ))
    (( doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1 ))
    (( __learnlog_days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468 ))
}
__learnlog_path() {
    # The state file the settings name, as learnlog.store.prompt_state.state_path names it.
    local db=${LEARNLOG_DB-} journey=${LEARNLOG_JOURNEY-} name cache
    if [[ -z $db ]]; then
        @DEFAULT_DB@
    elif [[ $db != *://* ]]; then
        [[ $db == "~" || $db == "~/"* ]] && db=$HOME${db:1}
        [[ $db == /* ]] || db=${PWD%/}/$db
    fi
    name=${db//\%/%25}
    name=${name//\//%2F}
    if [[ -n $journey ]]; then
        journey=${journey//\%/%25}
        name+=%00${journey//\//%2F}
    fi
    __learnlog_name=$name
    @CACHE@
    __learnlog_file=$cache/prompt/$name
}
"""
"""What the bash and zsh snippets share, word for word."""

_SNIPPETS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def quoted(shell: str, text: str) -> str:
    """`text` as one word of `shell`'s, quoted."""
    if shell == "fish":
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return shlex.quote(text)


def _folder(shell: str, kind: str, variable: str, default: str, baked: str | None) -> str:
    """The line of shell that sets `kind` (db or cache) to learnlog's folder of that
    kind, as learnlog.store.location.user_folder finds it: from the XDG variable
    on Linux, else the folder learnlog named when the snippet was made."""
    if shell == "fish":
        if baked is not None:
            return f"set -l {kind} {quoted(shell, baked)}"
        return (
            f"set -l {kind} (string trim -- \"${variable}\"); test -n \"${kind}\"; or set {kind} $HOME/{default};"
            f" set {kind} ${kind}/learnlog"
        )
    if baked is not None:
        return f"{kind}={quoted(shell, baked)}"
    return f'{kind}=${{{variable}-}}; [[ ${kind} == *[![:space:]]* ]] || {kind}=$HOME/{default}; {kind}=${kind}/learnlog'


def snippet(shell: str, *, command: list[str]) -> str:
    """The snippet for `shell` (bash, zsh or fish), which runs learnlog as
    `command` when it must (a missing state file, a server journey's refresh)."""
    from learnlog.store.location import DATABASE_FILENAME, user_folder
    from learnlog.store.prompt_state import FRESH_FOR_SECONDS, MAX_NAME_BYTES

    linux = sys.platform.startswith("linux")
    data = _folder(shell, "db", "XDG_DATA_HOME", ".local/share", None if linux else user_folder("data"))
    if shell == "fish":
        data += f"; set db $db/{DATABASE_FILENAME}"
    else:
        data += f"; db=$db/{DATABASE_FILENAME}"
    cache = _folder(shell, "cache", "XDG_CACHE_HOME", ".cache", None if linux else user_folder("cache"))
    if shell == "fish":
        data = data.replace("set -l db", "set db", 1)
    run = " ".join(quoted(shell, part) for part in command)
    return (
        _SNIPPETS[shell]
        .replace("@FUNCTIONS@", _BASH_AND_ZSH)
        .replace("@DEFAULT_DB@", data)
        .replace("@CACHE@", cache)
        .replace("@LEARNLOG@", run)
        .replace("@MAX_NAME_BYTES@", str(MAX_NAME_BYTES))
        .replace("@FRESH@", str(FRESH_FOR_SECONDS))
    )
