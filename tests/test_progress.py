"""``python -m grader progress`` (the course map), the one-sentence messages for a submission
whose files, functions or signatures are not where the handout put them, and ``check()``
for notebooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course, layout, progress
from submissions import solve
from grader.report_text import check_text
from grader.runner import grade_exercise
from grader.verdict import Status

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words

FAILED, MISSING, NOT_IMPLEMENTED, PASSED = Status.FAILED, Status.MISSING, Status.NOT_WRITTEN, Status.PASSED

ROOT = Path(__file__).resolve().parent.parent


def grader(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GRADER_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, env=env)


def function_line(stdout: str, name: str) -> str:
    return next(line for line in stdout.splitlines() if line.strip()[2:].startswith(f"{name} "))


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    return folder


# ---- the course map ----------------------------------------------------------------------


def test_progress_on_the_stubs_is_instant_and_says_what_is_next(tmp_path: Path) -> None:
    finished = grader("progress", cache=tmp_path / "cache")
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == ""  # nothing had to be checked: stubs are read, not run
    out = finished.stdout
    assert f"0 / {course.MAX_SCORE:g} points · 0 of {len(course.EXERCISES)} functions done" in out
    for exercise in course.EXERCISES:
        line = function_line(out, exercise.name)
        assert "not started" in line and f"0/{exercise.points:g}" in line, line
    for module, lecture in course.LECTURES.items():
        assert lecture.title in out and f"{course.SITE_URL}en/{module}/" in out
    assert "Next: mae (not started)" in out
    assert course.BY_NAME["mae"].url in out and "python -m grader hint mae" in out


def test_progress_on_the_solutions_checks_once_then_remembers(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = grader("progress", "--submission", "solutions", cache=cache)
    assert first.returncode == 0, first.stderr
    assert f"checking {len(course.EXERCISES)} functions" in first.stderr
    assert f"{course.MAX_SCORE:g} / {course.MAX_SCORE:g} points · {len(course.EXERCISES)} of {len(course.EXERCISES)} functions done" in first.stdout
    for exercise in course.EXERCISES:
        assert "done" in function_line(first.stdout, exercise.name)
    assert "Everything passes" in first.stdout
    again = grader("progress", "--submission", "solutions", cache=cache)
    assert again.stderr == "" and again.stdout == first.stdout
    assert list(cache.iterdir()) and not list((ROOT / "solutions").glob("*.json"))


def test_progress_done_failing_and_not_started(submission: Path, tmp_path: Path) -> None:
    solve(submission, "l01_regression", ["mse"])
    path = submission / "l01_regression.py"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace('    raise NotImplementedError(\n        "mae 还没有写',
                                   '    return (pred - target).abs().sum()\n    raise NotImplementedError(\n'
                                   '        "mae 还没有写', 1), encoding="utf-8")
    before = sorted(p.name for p in submission.iterdir())
    finished = grader("progress", "--submission", str(submission), cache=tmp_path / "cache")
    assert finished.returncode == 0, finished.stderr
    assert "checking 2 functions" in finished.stderr  # only the two that were written
    out = finished.stdout
    assert "✓ mse" in function_line(out, "mse") and "done" in function_line(out, "mse")
    mae = function_line(out, "mae")
    assert "failing" in mae and "matches the reference on random inputs" in mae
    assert "not started" in function_line(out, "hard_sigmoid")
    assert re.search(rf"\b\d+(\.\d+)? / {course.MAX_SCORE:g} points · 1 of {len(course.EXERCISES)} functions done", out)
    assert "Next: mae (failing: " in out
    assert sorted(p.name for p in submission.iterdir()) == before  # nothing written into the submission


def test_progress_names_a_renamed_file_without_running_anything(submission: Path, tmp_path: Path, speak) -> None:
    speak("en")
    (submission / "l01_regression.py").rename(submission / "l01_regresion.py")
    finished = grader("progress", "--submission", str(submission), cache=tmp_path / "cache")
    assert finished.returncode == 0 and finished.stderr == ""
    line = function_line(finished.stdout, "mse")
    assert "missing" in line
    assert "expected l01_regression.py, found l01_regresion.py — rename it to l01_regression.py" in line


def test_progress_wrong_folder_is_one_line(tmp_path: Path) -> None:
    finished = grader("progress", "--submission", str(tmp_path / "nope"), cache=tmp_path / "cache")
    assert finished.returncode == 2 and finished.stderr.strip() == f"error: no such directory: {tmp_path / 'nope'}"


# ---- what the grader expected to find, in one sentence -----------------------------------

LAYOUT = '''\
import torch


def mse(y_pred, y_true):
    return ((y_pred - y_true) ** 2).mean()


def mae_loss(pred, target):
    return (pred - target).abs().mean()


class Curves:
    def hard_sigmoid(x, c=1.0, b=0.0, w=1.0):
        return x


def one_hidden_layer(x, W, b, c, b0, activation):
    return x


def minibatches(n, batch_size, shuffle=True, drop_last=False, seed=None, verbose=False, **extra):
    raise NotImplementedError
'''


def _message(folder: Path, name: str):
    result = grade_exercise(course.BY_NAME[name], folder)
    return result.status, check_text(result.checks[0])


def test_renamed_nested_moved_and_resigned_functions(tmp_path: Path, speak) -> None:
    speak("en")
    (tmp_path / "l01_regression.py").write_text(LAYOUT, encoding="utf-8")
    (tmp_path / "helpers.py").write_text("def piecewise_linear(x, knots_x, knots_y):\n    return x\n")
    assert _message(tmp_path, "mse") == (FAILED, (
        "mse(y_pred, y_true) does not match the handout's mse(pred, target): keep the stub's parameter "
        "names, order and defaults, since the grader calls mse with them"))
    assert _message(tmp_path, "mae") == (MISSING, (
        "l01_regression.py has no function mae, but it has mae_loss: the handout expects "
        "`def mae(pred, target)` — rename mae_loss to mae"))
    assert _message(tmp_path, "hard_sigmoid") == (MISSING, (
        "l01_regression.py has no function hard_sigmoid at the top level: it is defined inside "
        "`class Curves` — move `def hard_sigmoid(x, c=…, b=…, w=…)` out to the top level of the file, "
        "without indentation"))
    assert _message(tmp_path, "piecewise_linear") == (MISSING, (
        "l01_regression.py has no function piecewise_linear, but helpers.py defines it: the grader only "
        "looks in l01_regression.py — move piecewise_linear there"))
    status, output = _message(tmp_path, "one_hidden_layer")
    assert status == FAILED and output.startswith(
        "one_hidden_layer(x, W, b, c, b0, activation) does not match the handout's "
        "one_hidden_layer(x, W, b, c, b0, activation=…)")
    # Extra parameters with defaults, **kwargs, keyword-only made positional: calls still work.
    status, output = _message(tmp_path, "minibatches")
    assert status == NOT_IMPLEMENTED, output


@pytest.mark.parametrize(("files", "says"), [
    ({"l01_regresion.py": "x = 1\n"},
     "expected l01_regression.py, found l01_regresion.py — rename it to l01_regression.py"),
    ({"L01_Regression.py": "x = 1\n"},
     "expected l01_regression.py, found L01_Regression.py — rename it to l01_regression.py"),
    ({"l01_regression.ipynb": "{}"},
     "expected l01_regression.py, found l01_regression.ipynb — save its code as l01_regression.py"),
    ({"hw/l01_regression.py": "x = 1\n"}, "found it in {folder}/hw — run with --submission {folder}/hw"),
    ({"answers.py": "def mse(pred, target):\n    return pred\n"},
     "expected l01_regression.py in {folder}, found mse in answers.py — put it in l01_regression.py"),
    ({"l02_guidance.py": "x = 1\n"}, "no file l01_regression.py in {folder}: write mse there"),
])
def test_missing_file_says_what_was_expected(tmp_path: Path, files: dict[str, str], says: str, speak) -> None:
    speak("en")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    status, output = _message(tmp_path, "mse")
    assert status == MISSING
    assert says.format(folder=tmp_path) in output
    assert len(output.splitlines()) == 1


def test_the_workers_parameter_list_is_checked_on_the_grader_side() -> None:
    good = {"parameters": {"mse": [["pred", 1, False], ["target", 1, False]]}}
    assert layout.student_parameters(good, "mse") == [("pred", 1, False), ("target", 1, False)]
    for forged in [None, [], {"parameters": "x"}, {"parameters": {"mse": "pred"}},
                   {"parameters": {"mse": [["pred", 1]]}}, {"parameters": {"mse": [["pred", 9, False]]}},
                   {"parameters": {"mse": [["pred", "1", False]]}}, {"parameters": {"mse": [[1, 1, False]]}},
                   {"parameters": {"mse": [["pred", 1, 0]]}}]:
        assert layout.student_parameters(forged, "mse") is None
    mse = course.BY_NAME["mse"]
    assert layout.signature_problem(mse, None) is None
    assert layout.signature_problem(mse, [("args", 2, False), ("kwargs", 4, False)]) is None
    assert layout.signature_problem(mse, [("pred", 1, False), ("target", 3, False)]) is not None
    assert layout.signature_problem(mse, [("pred", 1, False), ("target", 1, False), ("x", 1, False)]) is not None


# ---- check() for notebooks -------------------------------------------------------------------


def mse(pred, target):  # noqa: D103 - a notebook's wrong mse: the sum, not the mean
    _same_shape(pred, target)
    return ((pred - target) ** 2).sum()


def _same_shape(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have one shape")


def test_check_a_notebook_function(capsys: pytest.CaptureFixture) -> None:
    from grader import _sources, check

    sources = "\n".join(_sources([mse]))
    assert "def _same_shape" in sources and sources.index("def _same_shape") < sources.index("def mse")
    assert check(mse) is False
    out = capsys.readouterr().out
    assert "✗ mse" in out and "Smallest failing input" in out and "mse(pred=pred, target=target)" in out
    assert check("mse", submission=ROOT / "solutions") is True
    assert check(lambda x: x) is False
    assert "name it after an exercise" in capsys.readouterr().out


def test_notebook_html_has_badges_and_a_copyable_counterexample(tmp_path: Path) -> None:
    from grader.terminal import result_html, results_html

    (tmp_path / "l01_regression.py").write_text(
        "import torch\n\ndef mse(pred, target):\n    return ((pred - target) ** 2).sum()\n", encoding="utf-8")
    failed = grade_exercise(course.BY_NAME["mse"], tmp_path)
    passed = grade_exercise(course.BY_NAME["mse"], ROOT / "solutions")
    stub = grade_exercise(course.BY_NAME["mae"], ROOT / "exercises")
    page = results_html([failed, passed, stub])
    assert ">FAILED</span>" in page and ">PASSED</span>" in page and ">NOT YET IMPLEMENTED</span>" in page
    block = page.split('<pre class="grader-input"')[1].split("</pre>")[0]
    assert "<code>import torch\n" in block and "mse(pred=pred, target=target)</code>" in block
    assert "copy" in page and 'href="http://127.0.0.1:8000/en/l01_regression/#mse"' in page
    assert re.search(r"Total: [\d.]+ / 9 +\(1 of 3 functions passed\)", page)
    assert passed.status == PASSED and "grader-input" not in result_html(passed)
