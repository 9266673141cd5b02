"""``python -m grader hint NAME [--level K]``: graded hints, from a nudge to the shape of the answer.

The hints of an exercise live in one place, beside its checks: the ``HINTS``
block at the end of ``grader/checks/<module>.py``, a list per function whose
first hint names the idea of the lecture (with the notes' Chinese term) and
whose last one gives the shape of the answer, never the answer itself. This
module reads that block with ``ast`` (no torch import, so a hint comes at once)
and adds the link to the exercise's section of the site. ``watch`` shows the
same hints, one more at each press of ``h``.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import textwrap
from functools import cache
from pathlib import Path

from grader import course

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
    """The graded hints of an exercise, the gentlest first."""
    return list(_module_hints(exercise.module).get(exercise.name, []))


def hint_text(exercise: course.Exercise, level: int, width: int = 88) -> str:
    """Hint ``level`` (from 1) of an exercise, with where to read and what comes next."""
    hints = hints_for(exercise)
    body = textwrap.fill(hints[level - 1], width=width, initial_indent="  ", subsequent_indent="  ")
    lines = [
        f"{exercise.name} · hint {level} of {len(hints)} · {exercise.lecture.title}, “{exercise.section}”",
        "",
        body,
        "",
        f"  Read: {exercise.url}",
    ]
    if level < len(hints):
        lines.append(f"  More: python -m grader hint {exercise.name} --level {level + 1}")
    else:
        lines.append("  That was the last hint. Still stuck? The smallest failing input that")
        lines.append(f"  `python -m grader check {exercise.name}` prints is Python: run it by hand, step by step.")
    return "\n".join(lines)


def _exercise(name: str) -> course.Exercise:
    from grader.paths import UsageError

    if name in course.BY_NAME:
        return course.BY_NAME[name]
    if name in course.LECTURES:
        names = ", ".join(e.name for e in course.EXERCISES if e.module == name)
        raise UsageError(f"{name} is a lecture; hints are per function: {names}")
    close = difflib.get_close_matches(name, list(course.BY_NAME), n=1)
    guess = f" — did you mean {close[0]}?" if close else " (see python -m grader progress)"
    raise UsageError(f"unknown function {name!r}{guess}")


def run_hint(args: argparse.Namespace) -> int:
    from grader.paths import UsageError

    exercise = _exercise(args.name)
    hints = hints_for(exercise)
    if not hints:
        raise UsageError(f"{exercise.name} has no hints yet: read {exercise.url}")
    if not 1 <= args.level <= len(hints):
        raise UsageError(f"{exercise.name} has {len(hints)} hints (levels 1 to {len(hints)}); "
                         f"there is no level {args.level}")
    print(hint_text(exercise, args.level))
    return 0
