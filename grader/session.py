"""One grading session, for every command a student runs: start the fork server,
grade, remember the verdicts.

``check``, the notebook's ``check()``, ``progress`` and ``watch`` all grade through
here, so a verdict means the same wherever it is shown and each of them finds the
others' verdicts in the results cache (``grader.progress``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from pathlib import Path

from grader import course
from grader.verdict import ExerciseVerdict


def start_fork_server(connections: int = 2) -> None:
    """Start the fork server (two control connections: ``grade_submission`` grades in two
    processes), with Ctrl-C ignored in it for good: a terminal sends SIGINT to its whole
    foreground process group and Jupyter's "interrupt" to the kernel's, and only the
    command or the notebook should answer it, not the fork server."""
    from grader import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.start_server(connections)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.start_server(connections)
    finally:
        signal.signal(signal.SIGINT, previous)


def grade(submission: Path, exercises: list[course.Exercise],
          on_result: Callable[[ExerciseVerdict], None] | None = None,
          remember: bool = True) -> list[ExerciseVerdict]:
    """Grade these exercises of a student's submission and store the verdicts for
    ``progress`` and ``watch`` (unless ``remember`` is False: a notebook's own functions
    live in a temporary folder)."""
    from grader import progress

    start_fork_server()
    fingerprints = {e.name: progress.fingerprint(submission, e) for e in exercises}  # as graded
    from grader.runner import grade_submission

    results = grade_submission(submission, exercises=exercises, on_result=on_result)
    if remember:
        progress.remember(submission, results, fingerprints)
    return results


def grade_one(submission: Path, exercise: course.Exercise) -> ExerciseVerdict:
    """One exercise, in this process (``watch`` grades two at once from threads), stored."""
    from grader import progress
    from grader.runner import grade_exercise

    fingerprint = progress.fingerprint(submission, exercise)
    result = grade_exercise(exercise, submission)
    progress.remember(submission, [result], {exercise.name: fingerprint})
    return result
