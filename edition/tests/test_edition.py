"""The student edition's own tests: it is whole, it holds no reference code, and its
grader checks with the recorded references."""

from __future__ import annotations

import ast
import gzip
import json
import shutil
from pathlib import Path

import pytest

from grader import course, layout, recorded
from grader.runner import grade_exercise
from grader.verdict import Status

ROOT = Path(__file__).resolve().parent.parent


def test_the_edition_grades_with_recorded_references() -> None:
    assert not (ROOT / "solutions").exists()
    assert recorded.in_use()


def test_installed_versions_draw_the_recorded_inputs() -> None:
    assert recorded.version_problem() is None


def test_the_record_is_plain_data() -> None:
    with gzip.open(recorded.RECORD, "rt", encoding="utf-8") as file:
        document = json.load(file)  # JSON: no code, no pickle
    assert document["format"] == recorded.FORMAT
    assert set(document["signatures"]) == set(course.BY_NAME)


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_recorded_signature_is_the_stubs(exercise: course.Exercise) -> None:
    tree = ast.parse((ROOT / "exercises" / f"{exercise.module}.py").read_text(encoding="utf-8"))
    stub = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == exercise.name)
    names = [a.arg for a in stub.args.posonlyargs + stub.args.args + stub.args.kwonlyargs]
    assert [p[0] for p in layout.handout_parameters(exercise)] == names


def test_a_stub_is_not_yet_implemented() -> None:
    result = grade_exercise(course.BY_NAME["mse"], ROOT / "exercises")
    assert result.status is Status.NOT_WRITTEN


def test_a_wrong_answer_fails_with_an_example(tmp_path: Path) -> None:
    shutil.copy(ROOT / "exercises" / "l01_regression.py", tmp_path)
    path = tmp_path / "l01_regression.py"
    source = path.read_text(encoding="utf-8")
    start = source.index("def mse(")
    body = source.index("    raise NotImplementedError(", start)
    end = source.index("    )\n", body) + len("    )\n")
    path.write_text(source[:body] + "    return (pred - target).sum() * 0 + 1\n" + source[end:], encoding="utf-8")
    result = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert result.status is Status.FAILED
    assert result.lead is not None and result.lead.counterexample is not None
