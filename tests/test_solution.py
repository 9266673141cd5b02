"""``python -m grader solution NAME``: the reference only once the student's own passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from submissions import solve

ROOT = Path(__file__).resolve().parent.parent
BODY = "return ((pred - target) ** 2).mean()"  # a line of the reference of mse


def grader(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "COURSE_LANG": lang})


def test_not_shown_while_the_function_does_not_pass() -> None:
    done = grader("solution", "mse")  # the stubs
    assert done.returncode == 1
    assert "does not pass yet" in done.stdout and "--anyway" in done.stdout
    assert BODY not in done.stdout and len(done.stdout.strip().splitlines()) == 1


def test_shown_once_it_passes(tmp_path: Path) -> None:
    shutil.copy(ROOT / "exercises" / "l01_regression.py", tmp_path)
    solve(tmp_path, "l01_regression", ["mse"])
    done = grader("solution", "mse", "--submission", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "mse passes" in done.stdout and BODY in done.stdout
    assert "def _check_same_shape(" in done.stdout  # the helper it calls


def test_in_chinese() -> None:
    done = grader("solution", "mse", lang="zh")
    assert done.returncode == 1
    assert done.stdout.startswith("mse 尚未通过（0/") and "--anyway" in done.stdout, done.stdout
    done = grader("solution", "mse", "--anyway", lang="zh")
    assert done.stdout.startswith("你在自己的 mse 通过之前就要看参考答案。") and BODY in done.stdout


def test_anyway_says_what_it_costs() -> None:
    done = grader("solution", "mse", "--anyway")
    assert done.returncode == 0
    assert "What it costs" in done.stdout and BODY in done.stdout


def test_unknown_name_is_one_line() -> None:
    done = grader("solution", "msee")
    assert done.returncode == 2 and "did you mean mse" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
