"""``python -m grader solution NAME``: the reference of an exercise, once yours passes.

For self-study in the course's own repository (the student edition has no reference
solutions). The reference is something to compare with after finding an answer of
one's own, as rustlings shows its solutions: so the student's function is checked
first (through ``grader.session``, like ``check``), and the reference is shown only
if it passes, or with ``--anyway``, after saying what that costs.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

from grader import course
from grader.hints import _exercise
from grader.paths import ROOT, UsageError, submission_folder

SOLUTIONS = ROOT / "solutions"
START, END = "# --8<-- [start:{}]", "# --8<-- [end:{}]"


def reference_source(exercise: course.Exercise) -> str:
    """The reference function's source as the site's instructor build shows it (between
    its snippet markers), followed by the module's private helpers it calls."""
    source = (SOLUTIONS / f"{exercise.module}.py").read_text(encoding="utf-8")
    start, end = START.format(exercise.name), END.format(exercise.name)
    if start not in source or end not in source:
        raise UsageError(f"solutions/{exercise.module}.py has no section for {exercise.name}")
    section = source[source.index(start) + len(start):source.index(end)].strip("\n")
    tree = ast.parse(source)
    helpers = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("_")}
    called = {n.id for n in ast.walk(ast.parse(section)) if isinstance(n, ast.Name)}
    used = [ast.get_source_segment(source, helpers[name]) for name in sorted(called & set(helpers))]
    return "\n\n\n".join([section, *used]) + "\n"


def _cost(exercise: course.Exercise) -> str:
    return (f"You asked for the reference of {exercise.name} before your own passes. What it costs: the "
            f"exercise itself (finding the answer is the practice; reading it first teaches far less), "
            f"and in a graded course handing in code adapted from it is plagiarism. The hints come "
            f"first: python -m grader hint {exercise.name}.")


def run_solution(args: argparse.Namespace) -> int:
    exercise = _exercise(args.name)
    if not SOLUTIONS.is_dir():
        raise UsageError("this is the student edition: it has no reference solutions "
                         f"(python -m grader hint {exercise.name} helps you find yours)")
    submission = submission_folder(args.submission)
    if not args.anyway:
        from grader import session
        from grader.verdict import points

        (result,) = session.grade(submission, [exercise])
        if not result.passed:
            where = f": “{result.lead.title}” fails" if result.lead is not None else ""
            print(f"{exercise.name} does not pass yet ({points(result.score)}/{points(exercise.points)}"
                  f"{where}); its reference is shown once it does (python -m grader check "
                  f"{exercise.name}), or now with --anyway.")
            return 1
        print(f"{exercise.name} passes. The reference, to compare with yours "
              f"(solutions/{exercise.module}.py):\n")
    else:
        print(_cost(exercise) + "\n")
    print(reference_source(exercise), end="")
    return 0
