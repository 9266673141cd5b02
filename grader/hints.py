"""``python -m grader hint NAME [--level K]``: graded hints, from a nudge to the shape of the answer.

The hints of an exercise live in one place, beside its checks: the ``HINTS``
block at the end of ``grader/checks/<module>.py``, a list per function whose
first hint names the idea of the lecture (with the notes' Chinese term) and
whose last one gives the shape of the answer, never the answer itself. They are
written in English and translated from the grader's catalog (``scripts/catalogs.py``
extracts them). This module reads that block with ``ast`` (no torch import, so a
hint comes at once) and adds the link to the exercise's section of the site.
``watch`` shows the same hints, one more at each press of ``h``, and the site
folds them under each exercise, in the page's language (``hints_in``).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
from functools import cache
from pathlib import Path

from rich.console import Console
from rich.text import Text

from grader import course
from grader.i18n import _, translate

CHECKS = Path(__file__).resolve().parent / "checks"


@cache
def _module_hints(module: str) -> dict[str, list[str]]:
    """The ``HINTS`` block of ``grader/checks/<module>.py``, read without importing it."""
    path = CHECKS / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if isinstance(target, ast.Name) and target.id == "HINTS" and node.value is not None:
            try:
                return ast.literal_eval(node.value)
            except ValueError:  # not plain literals after all: ask the module itself
                import importlib

                return importlib.import_module(f"grader.checks.{module}").HINTS
    return {}


def hints_for(exercise: course.Exercise) -> list[str]:
    """The graded hints of an exercise, the gentlest first, in English as written
    (the catalog's msgids)."""
    return list(_module_hints(exercise.module).get(exercise.name, []))


def hints_in(exercise: course.Exercise, lang: str | None = None) -> list[str]:
    """The graded hints of an exercise in ``lang`` (default: the language being spoken)."""
    return [translate(hint, lang) for hint in hints_for(exercise)]


def _wrapped(text: str, width: int) -> str:
    """A paragraph indented by two spaces, its lines at most ``width`` columns. rich
    measures by terminal cells (a Chinese character takes two) and breaks a run of
    Chinese, which has no spaces, where it must."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return "\n".join("  " + line.plain.rstrip() for line in Text(text).wrap(console, width - 2))


def hint_text(exercise: course.Exercise, level: int, width: int = 88) -> str:
    """Hint ``level`` (from 1) of an exercise in the language being spoken, with where
    to read and what comes next."""
    hints = hints_in(exercise)
    heading = _("{name} · hint {level} of {count} · {lecture}, “{section}”").format(
        name=exercise.name, level=level, count=len(hints), lecture=_(exercise.lecture.title),
        section=_(exercise.section))
    lines = [heading, "", _wrapped(hints[level - 1], width), "",
             "  " + _("Read: {url}").format(url=exercise.url)]
    if level < len(hints):
        more = f"python -m grader hint {exercise.name} --level {level + 1}"
        lines.append("  " + _("More: {command}").format(command=more))
    else:
        last = _("That was the last hint. Still stuck? The smallest failing input that `{command}` "
                 "prints is Python: run it by hand, step by step.").format(
            command=f"python -m grader check {exercise.name}")
        lines.append(_wrapped(last, width))
    return "\n".join(lines)


def _exercise(name: str) -> course.Exercise:
    from grader.paths import UsageError

    if name in course.BY_NAME:
        return course.BY_NAME[name]
    if name in course.LECTURES:
        names = ", ".join(e.name for e in course.EXERCISES if e.module == name)
        raise UsageError(_("{name} is a lecture; hints are per function: {names}").format(name=name, names=names))
    close = difflib.get_close_matches(name, list(course.BY_NAME), n=1)
    if close:
        raise UsageError(_("unknown function {name!r} — did you mean {guess}?").format(name=name, guess=close[0]))
    raise UsageError(_("unknown function {name!r} (see python -m grader progress)").format(name=name))


def run_hint(args: argparse.Namespace) -> int:
    from grader.paths import UsageError

    exercise = _exercise(args.name)
    hints = hints_for(exercise)
    if not hints:
        raise UsageError(_("{name} has no hints yet: read {url}").format(name=exercise.name, url=exercise.url))
    if not 1 <= args.level <= len(hints):
        raise UsageError(_("{name} has {count} hints (levels 1 to {count}); there is no level {level}").format(
            name=exercise.name, count=len(hints), level=args.level))
    print(hint_text(exercise, args.level))
    return 0
