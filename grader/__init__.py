"""The course's grader: ``python -m grader check``, or ``check("mse")`` in a notebook."""

from __future__ import annotations

from pathlib import Path


def check(*names: str, submission: str | Path | None = None) -> bool:
    """Check functions (or modules, or everything) and print the verdicts and feedback.

    The same checks as ``python -m grader check``, for a notebook or IPython:
    ``from grader import check; check("mse")``. Returns True when all passed.
    """
    from grader import forkserver

    forkserver.start_server()
    from grader.cli import DEFAULT_SUBMISSION, _exercises, _submission
    from grader.runner import grade_submission
    from grader.terminal import CheckReport

    folder = _submission(Path(submission) if submission else DEFAULT_SUBMISSION)
    report = CheckReport()
    results = grade_submission(folder, exercises=_exercises(list(names)), on_result=report.show)
    report.total(results)
    return all(r.status == "passed" for r in results)
