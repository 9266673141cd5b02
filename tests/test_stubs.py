"""Stubs and solutions never drift: same names, signatures and docstrings."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_stubs  # noqa: E402


def _public_functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}


@pytest.mark.parametrize("module", list(course.LECTURES))
def test_stub_matches_solution(module: str) -> None:
    stubs = _public_functions(ROOT / "exercises" / f"{module}.py")
    solutions = _public_functions(ROOT / "solutions" / f"{module}.py")
    assert sorted(stubs) == sorted(solutions)
    assert sorted(stubs) == sorted(e.name for e in course.EXERCISES if e.module == module)
    for name, stub in stubs.items():
        solution = solutions[name]
        assert ast.dump(stub.args) == ast.dump(solution.args), f"{name}: parameters differ"
        assert ast.dump(stub.returns) == ast.dump(solution.returns), f"{name}: return type differs"
        # The stub's docstring is the solution's, then the calls the exercise bans.
        banned = inspect.cleandoc("\n".join(make_stubs.banned_paragraph(course.BY_NAME[name])))
        expected = "\n\n".join(filter(None, [ast.get_docstring(solution), banned]))
        assert ast.get_docstring(stub) == expected, f"{name}: docstring differs"


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_stub_raises_not_implemented_naming_the_section(exercise: course.Exercise) -> None:
    stub = _public_functions(ROOT / "exercises" / f"{exercise.module}.py")[exercise.name]
    raised = stub.body[-1]
    assert isinstance(raised, ast.Raise) and raised.exc.func.id == "NotImplementedError"
    message = ast.literal_eval(raised.exc.args[0])
    assert exercise.section in message and exercise.docs_path in message


@pytest.mark.parametrize("exercise", [e for e in course.EXERCISES if e.banned], ids=lambda e: e.name)
def test_stub_states_the_banned_calls(exercise: course.Exercise) -> None:
    """Each banned call of grader/course.py is named in the stub's docstring, as the grader
    enforces it (a change in course.py leaves the stubs stale until make stubs)."""
    stub = _public_functions(ROOT / "exercises" / f"{exercise.module}.py")[exercise.name]
    docstring = " ".join(ast.get_docstring(stub).split())
    for call in exercise.banned:
        assert f"``{call}``" in docstring, call


def test_stubs_are_generated_from_the_solutions() -> None:
    finished = subprocess.run([sys.executable, "scripts/make_stubs.py", "--check"], cwd=ROOT,
                              capture_output=True, text=True)
    assert finished.returncode == 0, finished.stdout + finished.stderr
