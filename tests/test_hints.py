"""``python -m grader hint NAME [--level K]``: graded hints for every exercise, at every level."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from grader import course
from grader.hints import hint_text, hints_for, run_hint

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def grader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_every_level_of_every_exercise(exercise: course.Exercise, capsys: pytest.CaptureFixture) -> None:
    hints = hints_for(exercise)
    assert len(hints) >= 3, f"{exercise.name} has {len(hints)} hints"
    assert len(set(hints)) == len(hints)
    assert any(CJK.search(h) for h in hints), f"{exercise.name}: no Chinese term of the notes"
    assert "Lecture" in hints[0], "the first hint names the lecture's idea"
    for level in range(1, len(hints) + 1):
        assert run_hint(Namespace(name=exercise.name, level=level)) == 0
        shown = capsys.readouterr().out
        assert f"{exercise.name} · hint {level} of {len(hints)}" in shown
        assert exercise.url in shown  # the link to its section of the site
        assert hints[level - 1].split()[0] in shown
        if level < len(hints):
            assert f"--level {level + 1}" in shown
        else:
            assert "last hint" in shown


def _solution_lines(module: str) -> set[str]:
    """The code lines of the reference solutions that are not in the stubs (the answers)."""
    def code(path: Path) -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                for statement in body:
                    lines |= {line.strip() for line in ast.unparse(statement).splitlines()}
        return lines

    answers = code(ROOT / "solutions" / f"{module}.py") - code(ROOT / "exercises" / f"{module}.py")
    # Not answers: raising or branching alone, and returning names the docstring already gives.
    plain_return = re.compile(r"^return \(?[\w, ]+\)?$")
    return {line for line in answers if len(line) >= 16 and not line.startswith(("raise ", "if ", "for "))
            and not plain_return.match(line)}


@pytest.mark.parametrize("module", list(course.LECTURES))
def test_hints_never_give_the_solution(module: str) -> None:
    answers = _solution_lines(module)
    assert answers
    for exercise in (e for e in course.EXERCISES if e.module == module):
        for hint in hints_for(exercise):
            squeezed = hint.replace(" ", "")
            for line in answers:
                assert line.replace(" ", "") not in squeezed, f"{exercise.name}: a hint holds {line!r}"


@pytest.mark.parametrize("module", list(course.LECTURES))
def test_hints_live_beside_the_checks_as_plain_literals(module: str) -> None:
    imported = importlib.import_module(f"grader.checks.{module}").HINTS
    assert imported == {e.name: hints_for(e) for e in course.EXERCISES if e.module == module}


def test_hint_is_instant_and_imports_no_torch() -> None:
    finished = subprocess.run([sys.executable, "-c", "import sys; from grader.cli import main; main(['hint', 'mse']);"
                               " print('torch' in sys.modules)"], cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip().endswith("False")


@pytest.mark.parametrize(("args", "says"), [
    (["hint", "msee"], "unknown function 'msee' — did you mean mse?"),
    (["hint", "l01_regression"], "l01_regression is a lecture; hints are per function"),
    (["hint", "mse", "--level", "9"], "mse has 4 hints (levels 1 to 4); there is no level 9"),
    (["hint", "mse", "--level", "0"], "there is no level 0"),
])
def test_wrong_names_and_levels_are_one_line(args: list[str], says: str) -> None:
    finished = grader(*args)
    assert finished.returncode == 2
    assert says in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1 and "Traceback" not in finished.stderr


def test_default_level_is_the_nudge() -> None:
    finished = grader("hint", "hessian")
    assert finished.returncode == 0
    assert "hessian · hint 1 of" in finished.stdout and "海塞矩阵" in finished.stdout
    assert hint_text(course.BY_NAME["hessian"], 1) == finished.stdout.rstrip("\n")
