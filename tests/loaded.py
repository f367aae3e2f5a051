"""What a learnlog command loads, counted in a process of its own: how the tests hold
the everyday commands to their lean start-up (benchmarks/run.py checks the same
with `python -X importtime`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping, Sequence

_CODE = (
    "import sys; before = set(sys.modules)\n"
    "from learnlog.__main__ import main\n"
    "try: main({args!r})\n"
    "except SystemExit: pass\n"
    "import json; print(json.dumps(sorted(set(sys.modules) - before)))"
)


def modules_loaded(args: Sequence[str], env: Mapping[str, str]) -> tuple[set[str], list[str]]:
    """(the modules `learnlog ARGS` loaded, the lines it printed) in a new interpreter
    with environment `env`. Only what learnlog itself imports counts: an editable
    install's import hook loads pathlib before learnlog runs."""
    done = subprocess.run(
        [sys.executable, "-c", _CODE.format(args=list(args))], capture_output=True, text=True, check=True,
        env=dict(env),
    )
    *printed, loaded = done.stdout.splitlines()
    return set(json.loads(loaded)), printed


def packages(modules: set[str]) -> set[str]:
    """The top-level packages of `modules`."""
    return {name.partition(".")[0] for name in modules}
