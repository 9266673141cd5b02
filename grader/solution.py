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
from grader.i18n import _
from grader.paths import ROOT, UsageError, submission_folder

SOLUTIONS = ROOT / "solutions"
START, END = "# --8<-- [start:{}]", "# --8<-- [end:{}]"


def reference_source(exercise: course.Exercise) -> str:
    """The reference function's source as the site's instructor build shows it (between
    its snippet markers), followed by the module's private helpers it calls."""
    source = (SOLUTIONS / f"{exercise.module}.py").read_text(encoding="utf-8")
    start, end = START.format(exercise.name), END.format(exercise.name)
    if start not in source or end not in source:
        raise UsageError(_("{path} has no section for {function}").format(path=f"solutions/{exercise.module}.py",
                                                                           function=exercise.name))
    section = source[source.index(start) + len(start):source.index(end)].strip("\n")
    tree = ast.parse(source)
    helpers = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("_")}
    called = {n.id for n in ast.walk(ast.parse(section)) if isinstance(n, ast.Name)}
    used = [ast.get_source_segment(source, helpers[name]) for name in sorted(called & set(helpers))]
    return "\n\n\n".join([section, *used]) + "\n"


def _cost(exercise: course.Exercise) -> str:
    return _("You asked for the reference of {function} before your own passes. What it costs: the exercise "
             "itself (finding the answer is the practice; reading it first teaches far less), and in a graded "
             "course handing in code adapted from it is plagiarism. The hints come first: {command}.").format(
        function=exercise.name, command=f"python -m grader hint {exercise.name}")


def run_solution(args: argparse.Namespace) -> int:
    exercise = _exercise(args.name)
    if not SOLUTIONS.is_dir():
        raise UsageError(_("this is the student edition: it has no reference solutions ({command} helps you "
                           "find yours)").format(command=f"python -m grader hint {exercise.name}"))
    submission = submission_folder(args.submission)
    if not args.anyway:
        from grader import session
        from grader.verdict import points

        (result,) = session.grade(submission, [exercise])
        if not result.passed:
            said = dict(function=exercise.name, score=f"{points(result.score)}/{points(exercise.points)}",
                        command=f"python -m grader check {exercise.name}")
            if result.lead is not None:
                print(_("{function} does not pass yet ({score}: “{check}” fails); its reference is shown once "
                        "it does ({command}), or now with --anyway.").format(**said, check=result.lead.title))
            else:
                print(_("{function} does not pass yet ({score}); its reference is shown once it does "
                        "({command}), or now with --anyway.").format(**said))
            return 1
        print(_("{function} passes. The reference, to compare with yours ({path}):").format(
            function=exercise.name, path=f"solutions/{exercise.module}.py") + "\n")
    else:
        print(_cost(exercise) + "\n")
    print(reference_source(exercise), end="")
    return 0
