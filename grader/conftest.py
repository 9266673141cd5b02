"""``pytest grader [--submission DIR]``: the grader's checks as plain pytest tests.

One test per check, named by the check's key (``l01_regression.mse: ...``, in
English whatever ``--lang`` says, so that ``-k mse``, ``-x`` and ``--lf`` work the
same in both languages); the feedback of a failure is in the language asked for. The checks of a function run
once, in its worker, the first time one of its tests runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import forkserver, i18n
from grader.i18n import _

# The options themselves live in grader/pytest_plugin.py (see why there).


def pytest_configure(config: pytest.Config) -> None:
    submission = config.getoption("--submission", default=None)
    if submission is not None and not Path(submission).is_dir():
        raise pytest.UsageError("--submission: " + _("no such directory: {path}").format(path=submission))
    i18n.set_language(i18n.chosen(config.getoption("--lang", default=None)))  # before the workers start
    forkserver.start_server()
