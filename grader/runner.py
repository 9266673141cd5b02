"""Run the checks of an exercise against one submission and score them.

One worker process per exercise: what one function does to its process (a crash,
an endless loop, a monkeypatched torch) cannot touch the next function. The
verdicts are the grader's alone: the worker only sends back what the student's
function returned.
"""

from __future__ import annotations

import inspect
import os
import pickle
import time
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import hypothesis
from hypothesis.errors import Flaky

from grader import course, forkserver
from grader import layout, replay, source_check
from grader.checks import BannedCallMade, Check, NotImplementedYet, Student, checks_for, reference
from grader.feedback import Failure
from grader.report_text import failure_text, lost_text
from grader.sandbox import Worker, WorkerLost, on_one_cpu

DEFAULT_SEED = 0

PASSED, FAILED, NOT_IMPLEMENTED, MISSING = "passed", "failed", "not yet implemented", "missing"


@dataclass
class TestResult:
    check_name: str  # "<module>.<function>: <title>"
    score: float
    max_score: float
    passed: bool
    output: str


@dataclass
class ExerciseResult:
    exercise: course.Exercise
    status: str  # passed | failed | not yet implemented | missing
    tests: list[TestResult] = field(default_factory=list)
    seconds: float = 0.0
    isolation: str = ""  # how the worker was locked down (grader.isolation)

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if not t.passed), None)


@cache
def _reference_function(exercise: course.Exercise):
    return getattr(reference(exercise.module), exercise.name)


def _points(check: Check, checks: list[Check]) -> float:
    """The check's share of its exercise's points, by weight. Shares are rounded to
    four decimals and the last one takes the remainder, so they add up exactly."""
    total = sum(c.weight for c in checks)
    shares = [round(check.exercise.points * c.weight / total, 4) for c in checks[:-1]]
    shares.append(round(check.exercise.points - sum(shares), 4))
    return shares[checks.index(check)]


def _all_fail(exercise: course.Exercise, checks: list[Check], status: str, message: str) -> ExerciseResult:
    tests = [TestResult(c.name, 0.0, _points(c, checks), False, message) for c in checks]
    return ExerciseResult(exercise, status, tests)


def _seeded(check: Check, seed: int):
    """The check's test with its own seed: derandomised, varied by ``--seed``."""
    test = check.test
    if hasattr(test, "hypothesis"):
        hypothesis.seed(zlib.crc32(check.name.encode()) + seed)(test)
    return test


def grade_exercise(exercise: course.Exercise, submission: Path, seed: int = DEFAULT_SEED,
                   replaying: bool = True) -> ExerciseResult:
    """Grade one exercise. Checks that passed before in this process run on their
    recorded inputs (``grader.replay``) unless ``replaying`` is False; the result is
    the same either way, only faster."""
    started = time.perf_counter()
    result = _grade(exercise, submission, seed, replaying)
    result.seconds = time.perf_counter() - started
    return result


def _grade(exercise: course.Exercise, submission: Path, seed: int, replaying: bool) -> ExerciseResult:
    checks = checks_for(exercise)
    path = submission / f"{exercise.module}.py"
    if not os.path.lexists(path):  # a link or a non-regular file is refused by the worker's loader
        return _all_fail(exercise, checks, MISSING, layout.missing_file_problem(submission, exercise))
    try:
        return _run_in_worker(exercise, checks, path, seed, replaying)
    except replay.Missed:
        pass  # not as recorded: grade it from scratch below, as a fresh process would
    return _run_in_worker(exercise, checks, path, seed, replaying=False)


def _run_in_worker(exercise: course.Exercise, checks: list[Check], path: Path, seed: int,
                   replaying: bool) -> ExerciseResult:
    try:
        worker = Worker(path, exercise.module)
    except WorkerLost as lost:
        return _all_fail(exercise, checks, FAILED, f"loading {path.name} failed: {lost.reason}")
    try:
        result = _run_checks(exercise, checks, worker, path, seed, replaying)
        result.isolation = worker.isolation
        return result
    finally:
        worker.close()


def _load_problem(worker: Worker, path: Path, exercise: course.Exercise) -> str | None:
    loaded = worker.loaded
    status = loaded.get("status")
    if status == "load_exited":
        return f"{path.name} called sys.exit({loaded.get('code')}) while being loaded"
    if status == "load_failed":
        return (f"{path.name} could not be loaded: {loaded.get('type')}: {loaded.get('message')}\n"
                f"{loaded.get('where', '')}").rstrip()
    # What the grader expected to find, in one sentence (a renamed, nested or moved
    # function; different parameters than the handout's): grader.layout says it.
    if exercise.name not in worker.functions:
        return layout.missing_function_problem(path, exercise, worker.functions)
    return layout.signature_problem(exercise, layout.student_parameters(loaded, exercise.name))


def _run_checks(exercise: course.Exercise, checks: list[Check], worker: Worker, path: Path,
                seed: int, replaying: bool) -> ExerciseResult:
    """Run the checks in order. With ``replaying``, a check that passed before in this
    process is run on its recorded inputs (``grader.replay``): ``replay.Missed`` is raised
    as soon as one does not pass exactly as recorded."""
    problem = _load_problem(worker, path, exercise)
    if problem is not None:
        status = MISSING if "has no function" in problem else FAILED
        return _all_fail(exercise, checks, status, problem)
    parameters = list(_signature_names(exercise))
    lost = None  # why the worker was lost: after a crash or a hang, the rest is not run
    tests: list[TestResult] = []
    for check in checks:
        points = _points(check, checks)
        if lost is not None:
            tests.append(TestResult(check.name, 0.0, points, False,
                                    f"not run: your function crashed or hung on an earlier check ({lost})"))
            continue
        student = Student(worker, exercise, parameters)
        test = _seeded(check, seed)
        try:
            if not (replaying and replay.replay(test, check, seed, student)):
                replay.run(test, check, seed, student)
        except replay.Missed:
            raise
        except NotImplementedYet:
            return _all_fail(exercise, checks, NOT_IMPLEMENTED,
                             f"not yet implemented: {exercise.name} still raises the stub's "
                             f"NotImplementedError. Read {exercise.reading}.")
        except BannedCallMade as banned:
            return _all_fail(exercise, checks, FAILED,
                             f"banned call: {exercise.name} called {banned.call}, which the handout "
                             f"asks you to write yourself. This function scores 0 until it no longer "
                             f"calls it (directly or through another name).")
        except WorkerLost as error:
            lost = error.reason
            tests.append(TestResult(check.name, 0.0, points, False, lost_text(check, error, student)))
            continue
        except Failure as failure:
            tests.append(TestResult(check.name, 0.0, points, False, failure_text(check, failure, student)))
            continue
        except Flaky:
            tests.append(TestResult(check.name, 0.0, points, False,
                                    failure_text(check, _flaky_failure(), student)))
            continue
        except Exception:  # noqa: BLE001 - a fault of the grader, not of the student
            tests.append(TestResult(check.name, 0.0, points, False,
                                    "the grader itself failed on this check; please tell your "
                                    "teaching assistant and include this:\n" + traceback.format_exc(limit=4)))
            continue
        tests.append(TestResult(check.name, points, points, True, "passed"))
    # Ways around the banned-call guards, read from the source where the submission
    # cannot reach them (a banned call the guards caught was reported above).
    found = source_check.findings(worker.source, exercise.name)
    if found:
        return _all_fail(exercise, checks, FAILED, found[0].sentence(exercise.name))
    status = PASSED if all(t.passed for t in tests) else FAILED
    return ExerciseResult(exercise, status, tests)


def _flaky_failure() -> Failure:
    # Hypothesis' own message names objects by memory address: not shown, so that a
    # results file is the same run after run.
    return Failure(
        "your function gave different answers for the same input (does it use the global "
        "random state, or keep state between calls?): it failed on one call and not on a "
        "repeat of that same call"
    )


def _signature_names(exercise: course.Exercise) -> list[str]:
    return list(inspect.signature(_reference_function(exercise)).parameters)


def grade_submission(
    submission: Path,
    seed: int = DEFAULT_SEED,
    exercises: list[course.Exercise] | None = None,
    on_result: Callable[[ExerciseResult], None] | None = None,
    split: bool = True,
) -> list[ExerciseResult]:
    """Grade the exercises (all by default) of one submission, in course order.

    With ``split``, when the fork server has a second control connection
    (``check`` and ``grade`` start it so), a forked copy of this process grades
    every other exercise: the checks' own work (hypothesis, the references) is
    pure Python, so two processes use two cores. Results are the same either
    way. (``grade-batch`` splits by student instead.)
    """
    exercises = list(course.EXERCISES if exercises is None else exercises)
    on_result = on_result or (lambda result: None)
    if not split or forkserver.server().connections < 2 or len(exercises) < 2:
        results = []
        for exercise in exercises:
            results.append(grade_exercise(exercise, submission, seed))
            on_result(results[-1])
        return results
    return _grade_in_two_processes(exercises, submission, seed, on_result)


def _grade_in_two_processes(exercises, submission, seed, on_result) -> list[ExerciseResult]:
    theirs = exercises[1::2]
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: grade the odd ones, send each result as it is done
        os.close(reader)
        forkserver.server().use_connection(1)
        with os.fdopen(writer, "wb") as channel, on_one_cpu(1, 2):
            for exercise in theirs:
                pickle.dump(grade_exercise(exercise, submission, seed), channel)
                channel.flush()
        os._exit(0)
    os.close(writer)
    results: list[ExerciseResult] = []
    with os.fdopen(reader, "rb") as channel, on_one_cpu(0, 2):
        for index, exercise in enumerate(exercises):
            if index % 2 == 0:
                result = grade_exercise(exercise, submission, seed)
            else:
                try:
                    result = pickle.load(channel)  # our own fork's data: trusted
                except (EOFError, pickle.UnpicklingError):
                    result = grade_exercise(exercise, submission, seed)  # the helper died
            results.append(result)
            on_result(result)
    os.waitpid(pid, 0)
    return results
