"""Run the checks of an exercise against one submission and score them: a verdict each.

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
from functools import cache
from pathlib import Path

import hypothesis
from hypothesis.errors import Flaky

from grader import course, forkserver
from grader import layout, replay, source_check
from grader.checks import BannedCallMade, Check, NotImplementedYet, Student, checks_for, reference
from grader.feedback import Failure, describe, expectation
from grader.i18n import N_, _
from grader.sandbox import Worker, WorkerLost, on_one_cpu
from grader.verdict import FOUND_BY_A_CHECK, MALFORMED, CheckVerdict, ExerciseVerdict, Role, Status

DEFAULT_SEED = 0

# One cause for every check of a function that calls what the handout bans.
BANNED_MESSAGE = N_("{name} called {call}, which the handout asks you to write yourself. This function "
                    "scores 0 until it no longer calls it (directly or through another name).")


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


def _verdict(check: Check, checks: list[Check], status: Status, **found) -> CheckVerdict:
    """The verdict in the language being spoken; its ``key`` is the check's English title."""
    points = _points(check, checks)
    return CheckVerdict(check.exercise.module, check.exercise.name, _(check.title), status,
                        points if status is Status.PASSED else 0.0, points,
                        role=check.role, statement=_(check.description), key=check.title, **found)


def _one_cause(exercise: course.Exercise, checks: list[Check], status: Status, message: str,
               waiting_on: str = "") -> ExerciseVerdict:
    """Every check ends for the same reason (not written, missing, banned, did not load):
    the exercise has that status, and its checks too, or "not run" where the reason is
    not a check's own finding (a file that did not load, a changed signature)."""
    each = Status.NOT_RUN if status in FOUND_BY_A_CHECK else status
    verdicts = [_verdict(c, checks, each, message=message, waiting_on=waiting_on) for c in checks]
    return ExerciseVerdict(exercise, status, verdicts, message=message, waiting_on=waiting_on)


def _seeded(check: Check, seed: int):
    """The check's test with its own seed: derandomised, varied by ``--seed``."""
    test = check.test
    if hasattr(test, "hypothesis"):
        hypothesis.seed(zlib.crc32(check.name.encode()) + seed)(test)
    return test


def grade_exercise(exercise: course.Exercise, submission: Path, seed: int = DEFAULT_SEED,
                   replaying: bool = True) -> ExerciseVerdict:
    """Grade one exercise. Checks that passed before in this process run on their
    recorded inputs (``grader.replay``) unless ``replaying`` is False; the result is
    the same either way, only faster."""
    started = time.perf_counter()
    result = _grade(exercise, submission, seed, replaying)
    result.seconds = time.perf_counter() - started
    return result


def _grade(exercise: course.Exercise, submission: Path, seed: int, replaying: bool) -> ExerciseVerdict:
    checks = checks_for(exercise)
    path = submission / f"{exercise.module}.py"
    if not os.path.lexists(path):  # a link or a non-regular file is refused by the worker's loader
        return _one_cause(exercise, checks, Status.MISSING, layout.missing_file_problem(submission, exercise))
    try:
        return _run_in_worker(exercise, checks, path, seed, replaying)
    except replay.Missed:
        pass  # not as recorded: grade it from scratch below, as a fresh process would
    return _run_in_worker(exercise, checks, path, seed, replaying=False)


def _run_in_worker(exercise: course.Exercise, checks: list[Check], path: Path, seed: int,
                   replaying: bool) -> ExerciseVerdict:
    try:
        worker = Worker(path, exercise.module)
    except WorkerLost as lost:
        status = Status.TIMED_OUT if lost.timed_out else Status.CRASHED
        return _one_cause(exercise, checks, status,
                          _("loading {file} failed: {reason}").format(file=path.name, reason=lost.reason))
    try:
        result = _run_checks(exercise, checks, worker, path, seed, replaying)
        result.isolation = worker.isolation
        return result
    finally:
        worker.close()


def _load_problem(worker: Worker, path: Path, exercise: course.Exercise) -> tuple[Status, str] | None:
    loaded = worker.loaded
    status = loaded.get("status")
    if status == "load_exited":
        return Status.CRASHED, _("{file} called sys.exit({code}) while being loaded").format(
            file=path.name, code=loaded.get("code"))
    if status == "load_failed":
        return Status.CRASHED, (_("{file} could not be loaded: {error}").format(
            file=path.name, error=f"{loaded.get('type')}: {loaded.get('message')}")
            + f"\n{loaded.get('where', '')}").rstrip()
    # What the grader expected to find, in one sentence (a renamed, nested or moved
    # function; different parameters than the handout's): grader.layout says it.
    if exercise.name not in worker.functions:
        return Status.MISSING, layout.missing_function_problem(path, exercise, worker.functions)
    problem = layout.signature_problem(exercise, layout.student_parameters(loaded, exercise.name))
    return None if problem is None else (Status.FAILED, problem)


def _in_running_order(checks: list[Check]) -> list[Check]:
    """What the function computes first: side conditions are awarded only once it
    returns well-formed answers, and a crash is best met on the most telling check."""
    order = {Role.VALUE: 0, Role.GRADIENT: 1, Role.SIDE: 2}
    return sorted(checks, key=lambda c: order[c.role])


def _run_checks(exercise: course.Exercise, checks: list[Check], worker: Worker, path: Path,
                seed: int, replaying: bool) -> ExerciseVerdict:
    """Run the checks, values first. With ``replaying``, a check that passed before in
    this process is run on its recorded inputs (``grader.replay``): ``replay.Missed`` is
    raised as soon as one does not pass exactly as recorded."""
    problem = _load_problem(worker, path, exercise)
    if problem is not None:
        return _one_cause(exercise, checks, *problem)
    parameters = list(_signature_names(exercise))
    found: dict[int, CheckVerdict] = {}  # by index in ``checks``: verdicts keep the course's order
    ended: CheckVerdict | None = None  # a crash or time-out: the worker is gone
    malformed: CheckVerdict | None = None  # a value check got an answer that is not well formed
    for check in _in_running_order(checks):
        index = checks.index(check)
        if ended is not None or (malformed is not None and check.role is Role.SIDE):
            cause = ended or malformed
            why = (_("can't check until then: your function crashed or hung on an earlier check "
                     "(“{check}”)") if cause is ended else
                   _("can't check until then: your function does not yet return a well-formed answer "
                     "on valid inputs (“{check}”)"))
            found[index] = _verdict(check, checks, Status.NOT_RUN, message=why.format(check=cause.title))
            continue
        student = Student(worker, exercise, parameters)
        test = _seeded(check, seed)
        try:
            if not (replaying and replay.replay(test, check, seed, student)):
                replay.run(test, check, seed, student)
        except replay.Missed:
            raise
        except NotImplementedYet as stub:
            if stub.raised_in == exercise.name:
                return _one_cause(exercise, checks, Status.NOT_WRITTEN,
                                  _("not yet implemented: {name} still raises the stub's "
                                    "NotImplementedError. Write it; read {reading}: {url}").format(
                                      name=exercise.name, reading=exercise.reading, url=exercise.url))
            first = course.BY_NAME[stub.raised_in]
            return _one_cause(exercise, checks, Status.WAITING,
                              _("{name} calls {first}, which is still a stub: write {first} first "
                                "(and check it: {command}).").format(
                                  name=exercise.name, first=first.name,
                                  command=f"python -m grader check {first.name}"),
                              waiting_on=first.name)
        except BannedCallMade as banned:
            return _one_cause(exercise, checks, Status.BANNED,
                              _(BANNED_MESSAGE).format(name=exercise.name, call=banned.call))
        except WorkerLost as lost:
            ended = found[index] = _verdict(
                check, checks, Status.TIMED_OUT if lost.timed_out else Status.CRASHED,
                message=lost.reason, counterexample=student.last_call, printed=student.last_printed)
            # No hint: it was written for a wrong answer to this property, not for a crash.
            continue
        except Failure as failure:
            found[index] = _failed(check, checks, failure, student)
            if check.role is Role.VALUE and failure.kind in MALFORMED and malformed is None:
                malformed = found[index]
            continue
        except Flaky:
            found[index] = _failed(check, checks, _flaky_failure(), student)
            continue
        except Exception:  # noqa: BLE001 - a fault of the grader, not of the student
            found[index] = _verdict(check, checks, Status.FAILED,
                                    message=_("the grader itself failed on this check; please tell your "
                                              "teaching assistant and include this:")
                                    + "\n" + traceback.format_exc(limit=4))
            continue
        found[index] = _verdict(check, checks, Status.PASSED)
    # Ways around the banned-call guards, read from the source where the submission
    # cannot reach them (a banned call the guards caught was reported above).
    findings = source_check.findings(worker.source, exercise.name)
    if findings:
        return _one_cause(exercise, checks, Status.BANNED, findings[0].sentence(exercise.name))
    verdicts = [found[i] for i in range(len(checks))]
    result = ExerciseVerdict(exercise, Status.PASSED, verdicts)
    lead = result.lead
    if lead is not None:
        result.status = lead.status if lead.status in (Status.CRASHED, Status.TIMED_OUT) else Status.FAILED
    return result


def _failed(check: Check, checks: list[Check], failure: Failure, student: Student) -> CheckVerdict:
    return _verdict(
        check, checks, Status.FAILED,
        kind=failure.kind, message=failure.problem, counterexample=student.last_call,
        compared=failure.compared,
        expected=None if failure.expected is None else describe(failure.expected),
        received=None if failure.received is None else describe(failure.received),
        expected_key=None if failure.expected is None else describe(failure.expected, "en"),
        received_key=None if failure.received is None else describe(failure.received, "en"),
        details=failure.details, printed=student.last_printed, hint=_(check.hint),
        expectation=expectation(failure),
    )


def _flaky_failure() -> Failure:
    # Hypothesis' own message names objects by memory address: not shown, so that a
    # results file is the same run after run.
    return Failure(_(
        "your function gave different answers for the same input (does it use the global "
        "random state, or keep state between calls?): it failed on one call and not on a "
        "repeat of that same call"
    ))


def _signature_names(exercise: course.Exercise) -> list[str]:
    return list(inspect.signature(_reference_function(exercise)).parameters)


def grade_submission(
    submission: Path,
    seed: int = DEFAULT_SEED,
    exercises: list[course.Exercise] | None = None,
    on_result: Callable[[ExerciseVerdict], None] | None = None,
    split: bool = True,
) -> list[ExerciseVerdict]:
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


def _grade_in_two_processes(exercises, submission, seed, on_result) -> list[ExerciseVerdict]:
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
    results: list[ExerciseVerdict] = []
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
