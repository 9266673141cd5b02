"""Every mutant under tests/mutants/ is judged as its name says.

``tests/mutants/<module>/<function>__<what>.py`` is a submission file holding a
version of ``<function>``: a realistic wrong one (``mse__sum_not_mean.py``),
rejected by the grader, or, when ``<what>`` starts with ``ok_``, a differently
written correct one, accepted with full marks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from grader import course
from grader.i18n import _
from grader.report_text import PASTE_HEADER, check_text
from grader.runner import BANNED_MESSAGE, grade_exercise
from grader.verdict import ExerciseVerdict, Status

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
MUTANTS = sorted((Path(__file__).parent / "mutants").glob("*/*__*.py"))


def _exercise(path: Path) -> course.Exercise:
    return course.BY_NAME[path.name.split("__")[0]]


_graded: dict[Path, ExerciseVerdict] = {}


@pytest.fixture(scope="module", autouse=True)
def recorded_inputs() -> None:
    """Grade the solutions first, so that every check has its inputs recorded and the
    mutants are graded the way grade-batch grades its second student (grader.replay)."""
    for exercise in course.EXERCISES:
        assert grade_exercise(exercise, SOLUTIONS).status == Status.PASSED


def _grade(path: Path, tmp_path: Path) -> ExerciseVerdict:
    """The mutant's result, graded twice: replaying recorded inputs, and from scratch;
    both must be the same, to the last word of feedback."""
    if path not in _graded:
        exercise = _exercise(path)
        shutil.copy(path, tmp_path / f"{exercise.module}.py")
        replayed = grade_exercise(exercise, tmp_path)
        fresh = grade_exercise(exercise, tmp_path, replaying=False)
        assert (replayed.status, replayed.checks) == (fresh.status, fresh.checks)
        _graded[path] = fresh
    return _graded[path]


@pytest.mark.parametrize("path", MUTANTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_mutant_is_judged_by_its_name(path: Path, tmp_path: Path) -> None:
    """Rejected or accepted as its name says, whether inputs are drawn afresh or replayed."""
    result = _grade(path, tmp_path)
    if path.stem.split("__")[1].startswith("ok_"):
        assert result.status == Status.PASSED, check_text(result.lead) if result.lead else result.message
        assert result.score == pytest.approx(result.exercise.points)
    else:
        assert result.status != Status.PASSED, f"{path.name} was accepted"
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
    """A wrong value comes with the input to paste, expected vs received, and the link,
    in the language the mutants were graded in (the grader's default)."""
    result = _grade(path, tmp_path)
    if result.status == Status.BANNED:
        said = re.escape(_(BANNED_MESSAGE)).replace(re.escape("{name}"), re.escape(result.exercise.name))
        assert re.fullmatch(said.replace(re.escape("{call}"), r"\S.*"), result.message), result.message
        return
    lead = result.lead
    assert lead is not None, result.message
    output = check_text(lead)
    assert result.exercise.url in output, output
    if lead.status == Status.FAILED and lead.counterexample is not None:
        assert _(PASTE_HEADER) in output and f"{result.exercise.name}(" in output, output
    assert lead.hint or lead.status != Status.FAILED, output
