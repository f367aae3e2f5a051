"""`python paused_learnlog.py SECONDS ARGS...` runs `learnlog ARGS...` with every
write transaction held open SECONDS before its COMMIT, so that
tests/reliability/test_crashes.py can kill learnlog inside one.

The pause is patched into this process alone: learnlog itself has no such hook."""

import sys
import time

from learnlog.store.connection import Transaction

PAUSE = float(sys.argv[1])
_commit_or_roll_back = Transaction.__exit__


def _paused_exit(self, kind, error, traceback):
    if error is None and self.write:
        time.sleep(PAUSE)
    return _commit_or_roll_back(self, kind, error, traceback)


Transaction.__exit__ = _paused_exit

if __name__ == "__main__":
    from learnlog.__main__ import main

    main(sys.argv[2:])
