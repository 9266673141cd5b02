"""The few parts of hypothesis the grader uses that are not its public API, in one place.

Grading must draw the same inputs for the same seed everywhere, and ``grader.replay``
stands in for hypothesis with recorded inputs; both need these. ``pyproject.toml``
pins hypothesis to ``WRITTEN_FOR``; ``tests/test_hypothesis_internals.py`` fails with
a clear message on any other version, so an upgrade starts by re-checking this module,
``tests/test_replay.py`` and ``tests/test_mutants.py``.
"""

from __future__ import annotations

import hypothesis
from hypothesis.control import _current_build_context
from hypothesis.internal.conjecture import providers as _providers
from hypothesis.internal.entropy import RANDOMS_TO_MANAGE, deterministic_PRNG
from hypothesis.strategies._internal.core import DataObject

WRITTEN_FOR = "6.170.17"

__all__ = ["RANDOMS_TO_MANAGE", "DataObject", "current_example", "deterministic_PRNG",
           "keep_local_constants_empty", "version_problem"]


def current_example() -> object | None:
    """An object standing for the example hypothesis is running now (None outside one):
    ``grader.recorded`` tells which example a recorded answer was looked up for."""
    return _current_build_context.value


def keep_local_constants_empty() -> None:
    """Hypothesis mixes "local constants" into its inputs: literals it finds in whatever
    project modules happen to be loaded when it first looks. The same submission would
    then get other inputs under pytest than under ``grade``; a grade must depend on the
    submission and the seed alone, so that pool stays empty (there is no setting for it)."""
    _providers._get_local_constants = lambda: _providers._local_constants


def version_problem() -> str | None:
    """A sentence saying what to do if the installed hypothesis is not the one this
    module was written for; None when it is."""
    if hypothesis.__version__ == WRITTEN_FOR:
        return None
    return (f"hypothesis {hypothesis.__version__} is installed, but the grader was written for "
            f"{WRITTEN_FOR} (it uses a few of its internals, and another version draws other inputs "
            f"from the same seed): install hypothesis=={WRITTEN_FOR}, or re-check "
            f"grader/hypothesis_internals.py and run tests/test_replay.py and tests/test_mutants.py")
