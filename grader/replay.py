"""Replay a check's inputs for the next submission instead of drawing them again.

Drawing inputs is most of what grading costs: hypothesis' own work, not the
student's code (see ``scripts/bench_batch.py``). Yet with a fixed seed, hypothesis
draws the same inputs for every submission that passes a check: its choices
depend on the seed and on the choices it made before, never on whether an example
passed. So a process that grades many submissions (``grade-batch``, ``watch``)
records the inputs of each check the first time the check passes, and for the next
submission calls the check's body on those inputs directly.

Scores and feedback stay exactly those of a fresh run:

- a replay passes only if every recorded example passes again exactly as it did
  (the same draws consumed, the same examples rejected by ``assume``); the student's
  function then received the very calls a fresh run would have made;
- anything else (a wrong answer, a crash, a draw the record does not hold) is a
  ``Missed`` replay, and the runner grades that exercise again from scratch, in a
  fresh worker, with hypothesis (so a failure is shrunk and explained as usual);
- a check that draws or rejects *after* calling the student (its inputs could
  depend on the student's answers) is never recorded, so never replayed.
"""

from __future__ import annotations

import copy
import functools
import pickle
import warnings
from dataclasses import dataclass
from typing import Any

import torch
from hypothesis.errors import HypothesisDeprecationWarning, StopTest, UnsatisfiedAssumption

from grader.checks import BannedCallMade, Check, NotImplementedYet, Student
from grader.fixtures import Fixture
from grader.hypothesis_internals import RANDOMS_TO_MANAGE, DataObject, deterministic_PRNG


class Missed(Exception):
    """The check did not pass its recorded inputs exactly as recorded."""


@dataclass
class _Example:
    arguments: dict[str, Any]  # as hypothesis passed them; st.data() as _DATA
    drawn: list[Any]  # what data.draw() returned, in order
    rejected: bool  # by assume() or an invalid draw, before any call to the student


_DATA = object()  # stands for the st.data() argument in a recorded example
_records: dict[tuple[str, int], list[_Example]] = {}


def run(test: Any, check: Check, seed: int, student: Student) -> None:
    """Run the (seeded) hypothesis test as usual, recording its inputs if it passes."""
    if not hasattr(test, "hypothesis"):
        test(student)
        return
    examples: list[_Example] | None = []
    inner = test.hypothesis.inner_test

    @functools.wraps(inner)  # hypothesis names the test after it in its messages
    def recording(student: Student, **arguments: Any) -> None:
        nonlocal examples
        example = _Example({}, [], False)
        calls_before = student.calls
        for name, value in arguments.items():
            if isinstance(value, DataObject):
                arguments[name] = _RecordingData(value, example.drawn, student, calls_before)
                example.arguments[name] = _DATA
            else:
                example.arguments[name] = _copy(value)
        try:
            inner(student, **arguments)
        except (UnsatisfiedAssumption, StopTest):  # assume() failed, or a draw was invalid
            example.rejected = True
            if student.calls != calls_before:  # rejected in view of the student's answer
                examples = None
            raise
        except BaseException:  # a failure: nothing is kept
            examples = None
            raise
        finally:
            if examples is not None:
                examples.append(example)

    test.hypothesis.inner_test = recording
    try:
        test(student)
    finally:
        test.hypothesis.inner_test = inner
    if examples is not None and all(_copied_whole(e) for e in examples):
        _records[(check.name, seed)] = examples


def replay(test: Any, check: Check, seed: int, student: Student) -> bool:
    """Run the check's body on its recorded inputs. False if there is no record;
    raises ``Missed`` unless every example passes again exactly as recorded."""
    examples = _records.get((check.name, seed))
    if examples is None:
        return False
    with warnings.catch_warnings(), deterministic_PRNG():
        # assume() outside hypothesis' own run warns (it still raises as in a run).
        warnings.simplefilter("ignore", HypothesisDeprecationWarning)
        # Hypothesis seeds the global random generators (Python's, NumPy's) before each
        # example. Seeding them once for all the examples is the same as long as no
        # example draws from them, which the checks never do: checked, to be sure.
        seeded = _global_random_states()
        _replay_examples(test.hypothesis.inner_test, examples, student)
        if _global_random_states() != seeded:
            raise Missed("the check drew from a global random generator")
    return True


def _global_random_states() -> bytes:
    return pickle.dumps([r.getstate() for r in list(RANDOMS_TO_MANAGE.values())])


def _replay_examples(inner: Any, examples: list[_Example], student: Student) -> None:
    for example in examples:
        data = _ReplayedData(example.drawn)
        arguments = {name: data if value is _DATA else _copy(value)
                     for name, value in example.arguments.items()}
        try:
            inner(student, **arguments)
            rejected = False
        except UnsatisfiedAssumption:
            rejected = True
        except (NotImplementedYet, BannedCallMade):
            raise  # a fresh run stops at this very call, with the same verdict
        except Exception as error:  # noqa: BLE001 - any other outcome: grade afresh
            raise Missed(f"{type(error).__name__} on a replayed example") from error
        if rejected != example.rejected or data.left:
            raise Missed("the example did not run as recorded")


_UNCOPIABLE = object()  # a value that cannot be recorded: the record is dropped
_REJECTED = object()  # a draw that ended the example (rejected by a filter, or overran)


def _copy(value: Any) -> Any:
    """A copy the check may change freely (a check body may write into its inputs)."""
    if value is None or type(value) in (bool, int, float, str, torch.dtype):
        return value  # immutable
    if type(value) is torch.Tensor and value.is_leaf:  # as deepcopy does, several times faster
        return value.detach().clone().requires_grad_(value.requires_grad)
    if type(value) is Fixture:
        params = {name: _copy(param) for name, param in value.params.items()}
        uncopiable = any(param is _UNCOPIABLE for param in params.values())
        return _UNCOPIABLE if uncopiable else Fixture(value.factory, params)
    if type(value) in (tuple, list):
        items = [_copy(item) for item in value]
        return _UNCOPIABLE if any(item is _UNCOPIABLE for item in items) else type(value)(items)
    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - e.g. a tensor inside an autograd graph
        return _UNCOPIABLE


def _copied_whole(example: _Example) -> bool:
    values = [*example.arguments.values(), *example.drawn]
    return not any(value is _UNCOPIABLE for value in values)


class _RecordingData:
    """Hypothesis' ``data`` argument, keeping a copy of what each draw returned."""

    def __init__(self, data: DataObject, drawn: list[Any], student: Student, calls_before: int) -> None:
        self._data, self._drawn, self._student, self._calls_before = data, drawn, student, calls_before

    def draw(self, strategy: Any, label: Any = None) -> Any:
        try:
            value = self._data.draw(strategy, label)
        except (UnsatisfiedAssumption, StopTest):  # the strategy rejected (a filter) or overran
            self._drawn.append(_REJECTED)
            raise
        # A draw after the student was called could depend on the answer: not replayable.
        self._drawn.append(_copy(value) if self._student.calls == self._calls_before else _UNCOPIABLE)
        return value


class _ReplayedData:
    """Stands in for ``data``: returns the recorded draws, in order."""

    def __init__(self, drawn: list[Any]) -> None:
        self._drawn, self._next = drawn, 0

    @property
    def left(self) -> int:
        return len(self._drawn) - self._next

    def draw(self, strategy: Any, label: Any = None) -> Any:
        if self._next == len(self._drawn):
            raise Missed("the check drew more than the record holds")
        self._next += 1
        value = self._drawn[self._next - 1]
        if value is _REJECTED:
            raise UnsatisfiedAssumption()
        return _copy(value)
