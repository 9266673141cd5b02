"""The options of ``pytest grader``, registered as a pytest plugin (entry point).

They must be known before pytest reads its command line: an option that only a
conftest.py declares is unknown at that point, so in ``--submission DIR`` pytest
would take DIR for a test path and load a ``conftest.py`` planted there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.i18n import _

DEFAULT_SUBMISSION = Path(__file__).resolve().parent.parent / "exercises"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("grader")
    group.addoption("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR",
                    help=_("the folder holding your l01_regression.py ... (default: exercises/)"))
    group.addoption("--seed", type=int, default=0, help=_("which inputs the properties are tried on"))
    group.addoption("--lang", choices=["zh", "en"], default=None,
                    help=_("the language to speak: zh (Chinese) or en (English); "
                           "default: COURSE_LANG, else the locale, else zh"))
