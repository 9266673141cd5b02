"""Every mutant under tests/mutants/ is judged as its name says.

``tests/mutants/<module>/<function>__<what>.py`` is a submission file holding a
version of ``<function>``: a realistic wrong one (``mse__sum_not_mean.py``),
rejected by the grader, or, when ``<what>`` starts with ``ok_``, a differently
written correct one, accepted with full marks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader import course
from grader.runner import PASSED, grade_exercise

MUTANTS = sorted((Path(__file__).parent / "mutants").glob("*/*__*.py"))


def _exercise(path: Path) -> course.Exercise:
    return course.BY_NAME[path.name.split("__")[0]]


def _grade(path: Path, tmp_path: Path):
    exercise = _exercise(path)
    shutil.copy(path, tmp_path / f"{exercise.module}.py")
    return grade_exercise(exercise, tmp_path)


@pytest.mark.parametrize("path", MUTANTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_mutant_is_judged_by_its_name(path: Path, tmp_path: Path) -> None:
    result = _grade(path, tmp_path)
    if path.stem.split("__")[1].startswith("ok_"):
        failure = result.first_failure
        assert result.status == PASSED, failure.output if failure else result.status
        assert result.score == pytest.approx(result.exercise.points)
    else:
        assert result.status != PASSED, f"{path.name} was accepted"
        assert result.score < result.exercise.points


def test_every_function_has_three_wrong_and_one_correct_mutant() -> None:
    for exercise in course.EXERCISES:
        kinds = [p.stem.split("__")[1] for p in MUTANTS if _exercise(p) == exercise]
        wrong = [k for k in kinds if not k.startswith("ok_")]
        right = [k for k in kinds if k.startswith("ok_")]
        assert len(wrong) >= 3 and len(right) >= 1, f"{exercise.name}: {kinds}"


@pytest.mark.parametrize(
    "path",
    [p for p in MUTANTS if not p.stem.split("__")[1].startswith("ok_")],
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_feedback_of_a_wrong_answer_is_complete(path: Path, tmp_path: Path) -> None:
    """A wrong value comes with the input to paste, expected vs received, and the link."""
    result = _grade(path, tmp_path)
    failure = result.first_failure
    assert failure is not None
    output = failure.output
    assert result.exercise.url in output or "banned call" in output or "Crash" in output, output
    if output.startswith("Wrong answer"):
        assert "Smallest failing input (paste it into Python):" in output, output
        assert f"{result.exercise.name}(" in output, output
        assert "Hint:" in output or "Read:" in output, output
