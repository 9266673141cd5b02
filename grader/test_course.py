"""Every check of every exercise, as one pytest test each (see conftest.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from grader import course
from grader.checks import checks_for
from grader.runner import ExerciseResult, grade_exercise

CHECKS = [check for exercise in course.EXERCISES for check in checks_for(exercise)]


@cache
def _graded(exercise: course.Exercise, submission: Path, seed: int) -> ExerciseResult:
    return grade_exercise(exercise, submission, seed)


@pytest.mark.parametrize("check", CHECKS, ids=[c.name for c in CHECKS])
def test_check(check, request: pytest.FixtureRequest) -> None:
    submission = Path(request.config.getoption("--submission")).resolve()
    result = _graded(check.exercise, submission, request.config.getoption("--seed"))
    test = next(t for t in result.tests if t.check_name == check.name)
    if not test.passed:
        pytest.fail(test.output, pytrace=False)
