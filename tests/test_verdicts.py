"""What a student is told: one status per situation, the telling failure first, all on request.

Every verdict here is read as data (grader.verdict), never from its rendered text.
"""

from __future__ import annotations

import ast
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from submissions import solve

from grader import course, progress
from grader.feedback import largest_error
from grader.report_text import PASTE_HEADER, check_text
from grader.results import results_json, verdicts
from grader.runner import grade_exercise
from grader.verdict import ExerciseVerdict, Role, Status, points

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "tests" / "mutants"


def _calls_to_other_exercises() -> list[tuple[str, list[str]]]:
    """(exercise, the exercises it calls), read from the reference solutions."""
    pairs = []
    for module in course.LECTURES:
        tree = ast.parse((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"))
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}

        def called(name: str, seen: set[str]) -> set[str]:
            found = set()
            for node in ast.walk(functions[name]):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                        and node.func.id in functions and node.func.id not in seen:
                    seen.add(node.func.id)
                    found |= {node.func.id} if node.func.id in course.BY_NAME else called(node.func.id, seen)
            return found

        for exercise in (e for e in course.EXERCISES if e.module == module):
            others = sorted(called(exercise.name, {exercise.name}))
            if others:
                pairs.append((exercise.name, others))
    return pairs


WAITING_PAIRS = _calls_to_other_exercises()


def test_the_course_has_exercises_that_build_on_others() -> None:
    assert len(WAITING_PAIRS) >= 5, WAITING_PAIRS  # the loops over their steps, the attacks


@pytest.mark.parametrize(("name", "callees"), WAITING_PAIRS, ids=[p[0] for p in WAITING_PAIRS])
def test_a_written_function_over_a_stub_waits_for_it(name: str, callees: list[str], tmp_path: Path) -> None:
    exercise = course.BY_NAME[name]
    submission = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", submission)
    solve(submission, exercise.module, [name])
    result = grade_exercise(exercise, submission)
    assert result.status is Status.WAITING, (result.status, result.message)
    assert result.waiting_on in callees
    assert result.score == 0 and result.lead is None
    assert all(c.status is Status.WAITING for c in result.checks)
    assert f"write {result.waiting_on} first" in result.message
    # Once the helper is written, it no longer waits.
    solve(submission, exercise.module, callees)
    assert grade_exercise(exercise, submission).status is Status.PASSED


def test_waiting_is_its_own_status_in_check_and_progress(tmp_path: Path) -> None:
    submission = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", submission)
    solve(submission, "l05_adaptive_lr", ["adagrad"])
    env = dict(os.environ, GRADER_CACHE_DIR=str(tmp_path / "cache"))
    checked = subprocess.run([sys.executable, "-m", "grader", "check", "adagrad", "--submission", str(submission)],
                             cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    line = next(l for l in checked.stdout.splitlines() if " adagrad " in l)
    assert "waiting" in line and "not yet implemented" not in line, checked.stdout
    assert "write adagrad_step first" in checked.stdout
    mapped = subprocess.run([sys.executable, "-m", "grader", "progress", "--submission", str(submission)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    line = next(l for l in mapped.stdout.splitlines() if l.strip()[2:].startswith("adagrad "))
    assert "waiting" in line and "adagrad_step" in line, mapped.stdout
    assert "not started" in next(l for l in mapped.stdout.splitlines() if l.strip()[2:].startswith("adagrad_step "))


def test_not_implemented_from_elsewhere_is_an_ordinary_error(tmp_path: Path) -> None:
    """Only a course function's own NotImplementedError means "not written": one raised by
    a helper of the student's (or by torch) is an exception like any other."""
    (tmp_path / "l01_regression.py").write_text(
        "def _later():\n    raise NotImplementedError('todo')\n\n"
        "def mse(pred, target):\n    return _later()\n", encoding="utf-8")
    result = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert result.status is Status.FAILED
    assert result.lead.kind == "raised" and "NotImplementedError: todo" in result.lead.message


def _graded_mutant(tmp_path: Path, module: str, mutant: str) -> ExerciseVerdict:
    shutil.copy(MUTANTS / module / mutant, tmp_path / f"{module}.py")
    return grade_exercise(course.BY_NAME[mutant.split("__")[0]], tmp_path)


def test_a_wrong_value_leads_before_the_checks_that_fail_because_of_it(tmp_path: Path) -> None:
    result = _graded_mutant(tmp_path, "l01_regression", "mse__sum_not_mean.py")
    roles = [c.role for c in result.failed]
    assert len(roles) > 1 and roles[0] is Role.VALUE and Role.GRADIENT in roles
    assert result.lead.title == "matches the reference on random inputs"
    assert [c.title for c in result.failed][1:] == [c.title for c in result.failed if c is not result.lead]


def test_the_attack_leads_with_its_success_rate(tmp_path: Path) -> None:
    result = _graded_mutant(tmp_path, "l23_adversarial", "targeted_attack__wrong_sign.py")
    assert len(result.failed) > 1
    assert "the attack succeeds on" in result.lead.message
    assert result.lead.compared == "success rate"


def test_a_crash_does_not_list_checks_that_never_ran_as_failing(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests" / "hostile" / "endless_loop.py", tmp_path / "l01_regression.py")
    result = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert result.status is Status.TIMED_OUT
    assert [c.status for c in result.failed] == [Status.TIMED_OUT]
    assert all(c.status is Status.NOT_RUN for c in result.checks if c is not result.lead)


@pytest.mark.parametrize("body", ["return None", "raise ValueError('no')"])
def test_side_conditions_are_not_awarded_without_well_formed_answers(body: str, tmp_path: Path) -> None:
    """A function that returns nothing (or only raises) earns nothing for leaving its
    inputs alone or for raising ValueError where it should."""
    for module in course.LECTURES:
        tree = ast.parse((ROOT / "exercises" / f"{module}.py").read_text(encoding="utf-8"))
        source = ["from __future__ import annotations", "import torch"]
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in course.BY_NAME:
                node.body = ast.parse(body).body
                node.decorator_list = []
                source.append(ast.unparse(node))
        (tmp_path / f"{module}.py").write_text("\n\n".join(source) + "\n", encoding="utf-8")
    for exercise in course.EXERCISES:
        result = grade_exercise(exercise, tmp_path)
        assert result.score == 0, (exercise.name, [(c.title, c.status) for c in result.checks if c.passed])
        side = [c for c in result.checks if c.role is Role.SIDE]
        assert all(c.status is Status.NOT_RUN and "well-formed" in c.message for c in side), exercise.name


def test_check_all_shows_every_failure_with_its_own_input(tmp_path: Path) -> None:
    shutil.copy(MUTANTS / "l01_regression" / "mse__sum_not_mean.py", tmp_path / "l01_regression.py")
    env = dict(os.environ, GRADER_CACHE_DIR=str(tmp_path / "cache"))

    def check(*extra: str) -> str:
        return subprocess.run([sys.executable, "-m", "grader", "check", "mse", "--submission", str(tmp_path), *extra],
                              cwd=ROOT, capture_output=True, text=True, timeout=600, env=env).stdout

    short, every = check(), check("--all")
    assert short.count(PASTE_HEADER) == 1 and "python -m grader check mse --all" in short
    result = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert every.count(PASTE_HEADER) == len(result.failed) > 1
    for verdict in result.failed:
        assert f"failed: {verdict.title}" in every
        assert verdict.hint in every


def test_results_file_round_trips_the_verdicts(tmp_path: Path) -> None:
    shutil.copy(MUTANTS / "l01_regression" / "mse__sum_not_mean.py", tmp_path / "l01_regression.py")
    graded = [grade_exercise(course.BY_NAME[n], tmp_path) for n in ("mse", "mae", "hard_sigmoid")]
    document = results_json(graded, 1.0, seed=0)
    back = verdicts(document)
    for before, after in zip(graded, back):
        assert (after.exercise, after.status, after.checks) == (before.exercise, before.status, before.checks)
    assert document["tests"][0]["output"] == check_text(graded[0].checks[0])
    with pytest.raises(ValueError):
        verdicts({"score": 1, "tests": []})


def test_infinities_are_shown_as_such() -> None:
    text = largest_error(torch.tensor([math.inf, 1.0]), torch.tensor([1.0, 1.0]))
    assert "inf" in text and "e+308" not in text


def test_scores_are_rounded_for_people() -> None:
    assert points(1.125) in ("1.12", "1.13") and points(4.4445) == "4.44" and points(3.0) == "3"
    assert points(0.0) == "0" and points(2.5) == "2.5"


def test_a_change_to_any_grader_file_makes_stored_verdicts_stale(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "grader"
    shutil.copytree(ROOT / "grader", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(progress, "GRADER", copy)
    progress.grader_digest.cache_clear()
    try:
        before = progress.grader_digest()
        for name in ("strategies.py", "expect.py", "checks/common.py", "fixtures.py"):
            path = copy / name
            original = path.read_bytes()
            path.write_bytes(original + b"\n# changed\n")
            progress.grader_digest.cache_clear()
            assert progress.grader_digest() != before, name
            path.write_bytes(original)
        progress.grader_digest.cache_clear()
        assert progress.grader_digest() == before
    finally:
        progress.grader_digest.cache_clear()
