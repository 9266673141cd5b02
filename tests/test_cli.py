"""The grader's commands, run for real as a student or a teaching assistant runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words

ROOT = Path(__file__).resolve().parent.parent


def grader(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def test_solutions_score_full_marks() -> None:
    finished = grader("check", "--submission", "solutions")
    assert finished.returncode == 0, finished.stdout
    assert f"Total: {course.MAX_SCORE:g} / {course.MAX_SCORE:g}" in finished.stdout
    assert "failed" not in finished.stdout


def test_untouched_stubs_score_zero_and_say_not_yet_implemented() -> None:
    finished = grader("check")
    assert finished.returncode == 1
    for exercise in course.EXERCISES:
        line = next(l for l in finished.stdout.splitlines() if f" {exercise.name} " in l)
        assert "not yet implemented" in line and f"0/{exercise.points:g}" in line, line
    assert f"Total: 0 / {course.MAX_SCORE:g}" in finished.stdout


def test_check_one_function_plain_when_piped() -> None:
    finished = grader("check", "mse", "--submission", "solutions")
    assert finished.returncode == 0
    assert "mse" in finished.stdout and "mae" not in finished.stdout
    assert "\x1b[" not in finished.stdout  # no colour codes in a pipe


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "--submission", "no/such/dir"], "no such directory"),
        (["check", "msee"], "unknown function or module 'msee'"),
        (["grade", "--submission", "no/such/dir", "--output", "r.json"], "no such directory"),
        (["grade", "--submission", "solutions", "--output", "no/such/dir/r.json"], "does not exist"),
    ],
)
def test_usage_errors_are_one_clear_line(args: list[str], says: str) -> None:
    finished = grader(*args)
    assert finished.returncode == 2
    assert says in finished.stderr
    assert "Traceback" not in finished.stderr and len(finished.stderr.strip().splitlines()) == 1


def test_grade_writes_gradescope_results_reproducibly(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for output in (first, second):
        assert grader("grade", "--submission", "solutions", "--output", str(output)).returncode == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    a.pop("execution_time"), b.pop("execution_time")
    assert a == b
    assert a["score"] == a["max_score"] == course.MAX_SCORE
    prefixes = {f"{e.qualname}: " for e in course.EXERCISES}
    for test in a["tests"]:
        assert any(test["name"].startswith(p) for p in prefixes)
        assert set(test) == {"name", "score", "max_score", "status", "output", "visibility", "extra_data"}
    # The verdicts ride along as data (extra_data), and read back as they were graded.
    from grader.results import verdicts

    graded = verdicts(a)
    assert [r.exercise for r in graded] == course.EXERCISES and all(r.passed for r in graded)
    assert sum(r.score for r in graded) == a["score"]


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["check", "--bogus"], ["grade", "--submission", "solutions"]])
def test_command_line_mistakes_are_one_line(args: list[str]) -> None:
    finished = grader(*args)
    assert finished.returncode == 2
    assert len(finished.stderr.strip().splitlines()) == 1 and finished.stderr.startswith("error: ")
