"""Every check of every exercise, as one pytest test each (see conftest.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from grader import course
from grader.checks import checks_for
from grader.report_text import check_text
from grader.runner import grade_exercise
from grader.verdict import ExerciseVerdict

CHECKS = [check for exercise in course.EXERCISES for check in checks_for(exercise)]


@cache
def _graded(exercise: course.Exercise, submission: Path, seed: int) -> ExerciseVerdict:
    return grade_exercise(exercise, submission, seed)


@pytest.mark.parametrize("check", CHECKS, ids=[c.name for c in CHECKS])
def test_check(check, request: pytest.FixtureRequest) -> None:
    submission = Path(request.config.getoption("--submission")).resolve()
    result = _graded(check.exercise, submission, request.config.getoption("--seed"))
    verdict = next(v for v in result.checks if v.key == check.title)
    if not verdict.passed:
        pytest.fail(check_text(verdict), pytrace=False)
