"""``pytest grader [--submission DIR]``: the grader's checks as plain pytest tests.

One test per check, named like the results file (``l01_regression.mse: ...``),
so ``-k mse``, ``-x`` and ``--lf`` work as usual. The checks of a function run
once, in its worker, the first time one of its tests runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import forkserver

# The options themselves live in grader/pytest_plugin.py (see why there).


def pytest_configure(config: pytest.Config) -> None:
    submission = config.getoption("--submission", default=None)
    if submission is not None and not Path(submission).is_dir():
        raise pytest.UsageError(f"--submission: no such directory: {submission}")
    forkserver.start_server()
