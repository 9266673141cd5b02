"""What a command line names: a submission folder, exercises; and the one-line usage error.

Every command reads its arguments through here, so that a wrong path or an unknown
name is answered the same way everywhere: one line, exit status 2.
"""

from __future__ import annotations

from pathlib import Path

from grader import course
from grader.i18n import _

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUBMISSION = ROOT / "exercises"


class UsageError(Exception):
    """A mistake in the command line: said in one line, exit status 2."""


def submission_folder(path: Path) -> Path:
    """The submission folder, resolved; a UsageError if there is none at ``path``."""
    if not path.exists():
        raise UsageError(_("no such directory: {path}").format(path=path))
    if not path.is_dir():
        raise UsageError(_("not a directory: {path} (give the folder that holds l01_regression.py ...)").format(
            path=path))
    return path.resolve()


def exercises(names: list[str]) -> list[course.Exercise]:
    """The exercises named by function or module names (all of them for none)."""
    try:
        return course.select(names)
    except KeyError as unknown:
        known = ", ".join(course.LECTURES)
        raise UsageError(_("unknown function or module {name} (modules: {modules})").format(
            name=repr(unknown.args[0]), modules=known)) from None
