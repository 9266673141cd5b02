"""What a student reads when a check fails: complete, pasteable, the same every time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from grader import course, i18n
from grader.report_text import check_text
from grader.runner import grade_exercise
from grader.verdict import CheckVerdict

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "tests" / "mutants" / "l01_regression"


@pytest.fixture(autouse=True)
def english():
    """These tests read the English feedback (a machine without a locale speaks Chinese)."""
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def _lead(tmp_path: Path, mutant: str, function: str) -> CheckVerdict:
    shutil.copy(MUTANTS / mutant, tmp_path / "l01_regression.py")
    result = grade_exercise(course.BY_NAME[function], tmp_path)
    assert result.lead is not None
    return result.lead


def _first_failure(tmp_path: Path, mutant: str, function: str) -> str:
    return check_text(_lead(tmp_path, mutant, function))


def test_wrong_value_feedback_has_input_expected_received_hint_and_link(tmp_path: Path) -> None:
    output = _first_failure(tmp_path, "mse__sum_not_mean.py", "mse")
    exercise = course.BY_NAME["mse"]
    assert output.startswith("Wrong answer: the result has the wrong values")
    assert "Property: " in output
    assert "pred = torch.tensor(" in output and "dtype=torch.float" in output
    assert "mse(pred=pred, target=target)" in output
    assert "Expected: tensor of shape ()" in output and "Received: tensor of shape ()" in output
    assert "largest error" in output
    assert "Hint: " in output
    assert exercise.url in output and exercise.docs_path in output


def test_the_counterexample_pastes_into_a_python_prompt_as_it_is(tmp_path: Path) -> None:
    """The snippet runs through a plain ``python -`` started in the submission's folder,
    with no edits, and its call gives the wrong answer the feedback shows."""
    lead = _lead(tmp_path, "mse__sum_not_mean.py", "mse")
    output = check_text(lead)
    lines = output.splitlines()
    start = lines.index("Smallest failing input (paste it into Python started in your submission's folder):") + 1
    snippet = lines[start:start + lines[start:].index("mse(pred=pred, target=target)") + 1]
    assert snippet == lead.counterexample.snippet().splitlines()  # printed flush left, as it is
    program = "\n".join(snippet) + "\nprint(float(mse(pred=pred, target=target)), float(((pred - target) ** 2).mean()))\n"
    finished = subprocess.run([sys.executable, "-"], input=program, capture_output=True, text=True, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    received, expected = map(float, finished.stdout.split())
    assert received != expected  # the pasted input shows the bug


def test_banned_call_is_named(tmp_path: Path) -> None:
    shutil.copy(MUTANTS / "mse__mse_loss_getattr.py", tmp_path / "l01_regression.py")
    result = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert result.status == "banned call" and "torch.nn.functional.mse_loss" in result.message
    assert all(c.status == "banned call" for c in result.checks)  # not also "modifies its inputs"


def test_the_same_submission_gets_the_same_feedback(tmp_path: Path) -> None:
    first = _first_failure(tmp_path, "hard_sigmoid__slope_third.py", "hard_sigmoid")
    second = _first_failure(tmp_path, "hard_sigmoid__slope_third.py", "hard_sigmoid")
    assert first == second


def test_a_conftest_in_the_submission_has_no_effect(tmp_path: Path) -> None:
    """pytest grader never collects the submission: a planted conftest.py is not run."""
    shutil.copy(ROOT / "solutions" / "l01_regression.py", tmp_path / "l01_regression.py")
    (tmp_path / "conftest.py").write_text(textwrap.dedent("""
        import pytest
        def pytest_collection_modifyitems(items):
            raise SystemExit("the submission's conftest ran")
        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(item, call):
            outcome = yield
            outcome.get_result().outcome = "passed"
    """))
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "grader", "-q", "-p", "no:cacheprovider",
         "--submission", str(tmp_path), "-k", "mse"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "passed" in finished.stdout and "conftest ran" not in finished.stdout + finished.stderr


def test_the_feedback_speaks_chinese(tmp_path: Path) -> None:
    """In Chinese the checks' own sentences are Chinese; the values are the same code."""
    english = _lead(tmp_path, "mse__sum_not_mean.py", "mse")
    i18n.set_language("zh")
    chinese = _lead(tmp_path, "mse__sum_not_mean.py", "mse")
    assert english.message == "the result has the wrong values"
    assert chinese.message == "结果的值不对"
    assert chinese.expected.startswith("形状为 () 的张量，torch.float")
    assert chinese.details.startswith("最大误差 ")
    # The values themselves are code: the same in both languages.
    assert english.expected.split(": ", 1)[1] == chinese.expected.split("：", 1)[1]
    assert english.counterexample == chinese.counterexample
