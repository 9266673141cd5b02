"""grader.replay: a check's recorded inputs stand in for hypothesis only when that
changes nothing. (tests/test_mutants.py grades every mutant both ways.)"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import assume, given, seed
from hypothesis import strategies as st

from grader import course, replay
from grader.checks import checks_for
from grader.runner import grade_exercise
from grader.verdict import Status

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"


@dataclass
class FakeCheck:
    name: str


class FakeStudent:
    """Stands in for grader.checks.Student: counts calls, answers x + 1."""

    def __init__(self, wrong_from: int | None = None) -> None:
        self.calls = 0
        self.wrong_from = wrong_from

    def __call__(self, x: int) -> int:
        self.calls += 1
        return x + 2 if self.wrong_from is not None and x >= self.wrong_from else x + 1


def _recorded(test, name: str) -> bool:
    check = FakeCheck(name)
    replay.run(test, check, 0, FakeStudent())
    return replay.replay(test, check, 0, FakeStudent())


def test_a_passing_check_is_replayed_with_the_same_calls() -> None:
    seen: list[int] = []

    @seed(0)  # the same examples in every run of the suite
    @given(x=st.integers(0, 1000), data=st.data())
    def adds_one(student, x, data):
        y = data.draw(st.integers(0, 5))
        assume(y != 3)  # rejected examples are replayed as rejected
        seen.append(x + y)
        assert student(x + y) == x + y + 1

    check = FakeCheck("adds one")
    replay.run(adds_one, check, 0, FakeStudent())
    drawn = list(seen)
    seen.clear()
    student = FakeStudent()
    assert replay.replay(adds_one, check, 0, student)
    assert seen == drawn and student.calls == len(drawn)


def test_a_wrong_answer_on_a_replayed_input_is_a_miss() -> None:
    @seed(0)  # the same examples in every run of the suite
    @given(x=st.integers(0, 1000))
    def adds_one(student, x):
        assert student(x) == x + 1

    check = FakeCheck("adds one, wrongly")
    replay.run(adds_one, check, 0, FakeStudent())
    with pytest.raises(replay.Missed):
        replay.replay(adds_one, check, 0, FakeStudent(wrong_from=0))


def test_a_check_that_draws_after_calling_the_student_is_never_replayed() -> None:
    @seed(0)  # the same examples in every run of the suite
    @given(x=st.integers(0, 10), data=st.data())
    def draws_late(student, x, data):
        answer = student(x)
        data.draw(st.integers(0, answer))  # could depend on the answer

    assert not _recorded(draws_late, "draws late")


def test_a_check_that_rejects_after_calling_the_student_is_never_replayed() -> None:
    @seed(0)  # the same examples in every run of the suite
    @given(x=st.integers(0, 10))
    def rejects_late(student, x):
        assume(student(x) % 2 == 0)  # rejects every other example, after the call

    assert not _recorded(rejects_late, "rejects late")


def test_a_check_that_uses_the_global_random_generator_is_a_miss() -> None:
    """Hypothesis reseeds Python's random before each example; a replay seeds it once."""

    @seed(0)  # the same examples in every run of the suite
    @given(x=st.integers(0, 10))
    def uses_random(student, x):
        student(x + random.randint(0, 3))

    check = FakeCheck("uses random")
    replay.run(uses_random, check, 0, FakeStudent())
    with pytest.raises(replay.Missed):
        replay.replay(uses_random, check, 0, FakeStudent())


def test_every_check_of_the_course_is_replayable() -> None:
    """Once the solutions pass, every hypothesis check has its inputs recorded: a check
    that loses this (a draw after calling the student...) makes grade-batch slow."""
    for exercise in course.EXERCISES:
        assert grade_exercise(exercise, SOLUTIONS).status == Status.PASSED
        for check in checks_for(exercise):
            if hasattr(check.test, "hypothesis"):
                assert (check.name, 0) in replay._records, check.name
