"""Hostile or broken submissions: the misbehaving function scores 0 with a message
saying why, and the rest of the submission is graded as usual.

Each file in tests/hostile/ is an ``l01_regression.py`` with a correct ``mae``
and an ``mse`` that misbehaves in one way.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course
from grader.report_text import check_text
from grader.runner import grade_exercise
from grader.verdict import Status

HOSTILE = Path(__file__).parent / "hostile"
ROOT = Path(__file__).resolve().parent.parent


def _submission(tmp_path: Path, case: str) -> Path:
    shutil.copy(HOSTILE / f"{case}.py", tmp_path / "l01_regression.py")
    return tmp_path


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("os_exit_at_call", "exited with status 0"),
        ("sys_exit_at_call", "sys.exit(0)"),
        ("endless_loop", "timed out"),
        ("segfault", "segmentation fault"),
        ("lying_tensor", "subclass of torch.Tensor"),
        ("memory_bomb", "MemoryError"),
        ("fork_bomb", "BlockingIOError"),
        ("fills_disk", "OSError"),
    ],
)
def test_misbehaving_function_scores_zero_and_the_rest_is_graded(case: str, says: str, tmp_path: Path) -> None:
    submission = _submission(tmp_path, case)
    mse = grade_exercise(course.BY_NAME["mse"], submission)
    assert mse.score == 0
    assert says in check_text(mse.checks[0]), check_text(mse.checks[0])
    mae = grade_exercise(course.BY_NAME["mae"], submission)
    assert mae.status == Status.PASSED, check_text(mae.lead) if mae.lead else mae.status


@pytest.mark.parametrize("case", ["monkeypatches_at_import", "fake_output"])
def test_wrong_answer_stays_wrong_whatever_the_submission_patches_or_prints(case: str, tmp_path: Path) -> None:
    """Patching torch, hypothesis, pytest or the grader in the worker, or printing fake
    results, does not change a verdict: comparisons happen in the grader's process."""
    submission = _submission(tmp_path, case)
    mse = grade_exercise(course.BY_NAME["mse"], submission)
    agreement = mse.checks[0]
    assert not agreement.passed
    assert "has the wrong values" in check_text(agreement), check_text(agreement)
    mae = grade_exercise(course.BY_NAME["mae"], submission)
    assert mae.status == Status.PASSED


def test_exit_at_import_is_reported_for_the_file(tmp_path: Path) -> None:
    result = grade_exercise(course.BY_NAME["mae"], _submission(tmp_path, "exit_at_import"))
    assert result.score == 0
    assert "called sys.exit(3) while being loaded" in check_text(result.checks[0])


def test_results_file_is_the_graders_own(tmp_path: Path) -> None:
    """A submission that prints fake results and writes its own results.json changes nothing."""
    submission = _submission(tmp_path / "student", "fake_output") if (tmp_path / "student").mkdir() is None else None
    output = tmp_path / "results.json"
    finished = subprocess.run(
        [sys.executable, "-m", "grader", "grade", "--submission", str(submission), "--output", str(output)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    assert "Total: 100" not in finished.stdout
    results = json.loads(output.read_text())
    by_function: dict[str, float] = {}
    for test in results["tests"]:
        function = test["name"].split(":")[0]
        by_function[function] = by_function.get(function, 0) + test["score"]
    mse_agreement = next(t for t in results["tests"] if t["name"].startswith("l01_regression.mse: matches"))
    assert mse_agreement["status"] == "failed" and by_function["l01_regression.mse"] < 3
    assert by_function["l01_regression.mae"] == course.BY_NAME["mae"].points
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))


def test_reference_solutions_are_out_of_reach(tmp_path: Path) -> None:
    """A submission that loads solutions/ to copy its answers finds nothing to load."""
    mse = grade_exercise(course.BY_NAME["mse"], _submission(tmp_path, "reads_reference"))
    if not mse.isolation or "hidden" not in mse.isolation:
        pytest.skip(f"no mount namespace here: {mse.isolation}")
    assert not mse.checks[0].passed, "the submission read the reference solutions"
