"""The class in numbers: totals, each exercise and each check, who is stuck, how it was graded."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from grader import course
from grader.class_report.misconceptions import check_key
from grader.class_report.reading import GradedClass, Submission
from grader.i18n import _
from grader.verdict import FOUND_BY_A_CHECK, UNSTARTED, Status

# A student is stuck below this share of the points they could have earned, or while
# an exercise of theirs waits on another one that is still a stub.
STUCK_SHARE = 0.4
FULL_MARKS_SLACK = 1e-6  # scores are sums of rounded shares


@dataclass(frozen=True)
class ExerciseStats:
    exercise: course.Exercise
    mean: float  # points
    full_marks: float  # share of the class
    not_written: float  # share of the class: still a stub, or no such function
    waiting: float  # share of the class: written, but calling a stub
    failing: float  # share of the class: written and wrong (failed, crashed, banned...)


@dataclass(frozen=True)
class CheckStats:
    exercise: course.Exercise
    key: str  # the check's language-independent identity (its English title)
    failed: float  # share of the class whose function fails this check
    failed_written: float  # the same among those who wrote the function (0 when none did)

    @property
    def title(self) -> str:
        """The check's title in the language being spoken."""
        return _(self.key)


@dataclass(frozen=True)
class StuckStudent:
    student: str
    score: float
    max_score: float
    not_written: list[str]  # exercises
    waiting: list[tuple[str, str]]  # (exercise, the stub it waits on)
    failing: list[str]  # exercises written but not passed


@dataclass(frozen=True)
class ClassStats:
    students: int
    max_score: float
    totals: list[float]
    mean: float
    median: float
    exercises: list[ExerciseStats]
    checks: list[CheckStats]
    stuck: list[StuckStudent]
    seconds: list[float]  # grading time of each submission
    isolation: Counter  # how workers were locked down -> number of submissions


def _is_full(score: float, points: float) -> bool:
    return score >= points - FULL_MARKS_SLACK


def exercise_stats(submissions: list[Submission]) -> list[ExerciseStats]:
    found = []
    count = len(submissions)
    for exercise in course.EXERCISES:
        results = [s.by_exercise.get(exercise.name) for s in submissions]
        graded = [r for r in results if r is not None]
        if not graded:
            continue
        statuses = Counter(r.status for r in graded)
        found.append(ExerciseStats(
            exercise,
            mean=sum(r.score for r in graded) / count,
            full_marks=sum(_is_full(r.score, exercise.points) for r in graded) / count,
            not_written=sum(statuses[s] for s in UNSTARTED) / count,
            waiting=statuses[Status.WAITING] / count,
            failing=sum(n for s, n in statuses.items()
                        if s not in (*UNSTARTED, Status.WAITING, Status.PASSED)) / count,
        ))
    return found


def check_stats(submissions: list[Submission]) -> list[CheckStats]:
    """Each check in course order, with the share of the class that fails it: a check is
    known by its key, so students graded in different languages count together."""
    failed: Counter = Counter()
    failed_written: Counter = Counter()
    written: Counter = Counter()
    order: dict[tuple[str, str], course.Exercise] = {}
    for submission in submissions:
        for result in submission.results:
            attempted = result.status not in (*UNSTARTED, Status.WAITING)
            written[result.exercise.name] += attempted
            for check in result.checks:
                key = (result.exercise.name, check_key(check))
                order.setdefault(key, result.exercise)
                if check.status in FOUND_BY_A_CHECK:
                    failed[key] += 1
                    failed_written[key] += attempted
    position = {e.name: i for i, e in enumerate(course.EXERCISES)}
    keys = sorted(order, key=lambda k: position[k[0]])  # stable: checks keep their order
    count = len(submissions)
    return [CheckStats(order[k], k[1], failed[k] / count,
                       failed_written[k] / written[k[0]] if written[k[0]] else 0.0) for k in keys]


def stuck_students(submissions: list[Submission]) -> list[StuckStudent]:
    """Students below STUCK_SHARE of their points, or waiting on a stub; lowest first."""
    stuck = []
    for s in submissions:
        waiting = [(r.exercise.name, r.waiting_on) for r in s.results if r.status is Status.WAITING]
        if s.max_score and s.score >= STUCK_SHARE * s.max_score and not waiting:
            continue
        stuck.append(StuckStudent(
            s.student, s.score, s.max_score,
            not_written=[r.exercise.name for r in s.results if r.status in UNSTARTED],
            waiting=waiting,
            failing=[r.exercise.name for r in s.results
                     if r.status not in (*UNSTARTED, Status.WAITING, Status.PASSED)],
        ))
    return sorted(stuck, key=lambda s: (s.score, s.student))


def class_stats(graded: GradedClass) -> ClassStats:
    submissions = graded.submissions
    totals = [s.score for s in submissions]
    isolation: Counter = Counter()
    for s in submissions:
        isolation[next((r.isolation for r in s.results if r.isolation), "")] += 1
    return ClassStats(
        students=len(submissions),
        max_score=max(s.max_score for s in submissions),
        totals=totals,
        mean=statistics.mean(totals),
        median=statistics.median(totals),
        exercises=exercise_stats(submissions),
        checks=check_stats(submissions),
        stuck=stuck_students(submissions),
        seconds=[s.seconds for s in submissions],
        isolation=isolation,
    )
