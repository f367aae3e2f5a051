"""`python paused_restore.py STEP SECONDS ARGS...` runs `learnlog ARGS...` with
`learnlog restore` paused SECONDS at the named STEP, saying "paused at STEP" on
stderr when it gets there, so that tests/reliability/test_restore_interrupted.py
can interrupt or kill it there. The steps, in order:

- locked: the restore holds the journey's write lock, nothing is copied yet;
- copied: a copy is made in a hidden temporary file, not yet renamed;
- set-aside: the copy set aside is in place, the restored journey not committed;
- restored: the restored journey is committed, the reply not yet printed;
- replacing: (a damaged database) the restored copy is built and the old one
  copied aside, not yet renamed over it.

The pauses are patched into this process alone: learnlog itself has no such hook."""

import sys
import time

from learnlog.store import restore

STEP, PAUSE = sys.argv[1], float(sys.argv[2])


def pause(step: str) -> None:
    if step == STEP:
        print(f"paused at {step}", file=sys.stderr, flush=True)
        time.sleep(PAUSE)


def wrapped(function, before: str | None = None, after: str | None = None):
    def run(*args, **kwargs):
        if before:
            pause(before)
        result = function(*args, **kwargs)
        if after:
            pause(after)
        return result

    return run


_copy_database = restore.copy_database


def _copy(source, destination, **options):
    _copy_database(source, destination, **options)
    pause("copied")


restore.copy_database = _copy
restore._set_aside_copy = wrapped(restore._set_aside_copy, before="locked", after="set-aside")
restore._copy_damaged_aside = wrapped(restore._copy_damaged_aside, after="replacing")
restore.restore_database = wrapped(restore.restore_database, after="restored")

if __name__ == "__main__":
    from learnlog.__main__ import main

    main(sys.argv[3:])
