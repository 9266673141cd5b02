"""How a check is written, and the ``student`` handle it calls.

A check is a function of ``student`` (usually a hypothesis test) registered with
``@check(name, title)``; its docstring states the property in plain words and
its ``hint`` helps a student who fails it. ``grader/checks/<module>.py`` holds
the checks of one lecture, as ``grader/course.py`` lists its exercises. The title and
the hint are written in English and marked with ``N_()``, the statement is the
docstring: ``scripts/catalogs.py`` extracts all three for translation, and the
student reads them in their language (``Check.shown_title``, ``statement``,
``shown_hint``)::

    @check("mse", N_("matches the reference on random inputs"), weight=2,
           hint=N_("Average the squared errors: the mean, not the sum."))
    @given(pair=strategies.same_shape_pairs())
    def mse_matches_reference(student, pair):
        \"\"\"mse(pred, target) is the mean of (pred - target)**2.\"\"\"
        expect_close(student(*pair), reference.mse(*pair))

``student(...)`` runs the submission's function in its worker and returns the
answer as plain data; a crash, a banned call or a stub ends the check at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import hypothesis
import torch
from hypothesis import HealthCheck

from grader import course, recorded
from grader.feedback import Failure, counterexample
from grader.hypothesis_internals import keep_local_constants_empty
from grader.i18n import _
from grader.sandbox import Answer, Worker, WorkerLost
from grader.verdict import Counterexample, Kind, Role
from grader.wire import Foreign

ROOT = Path(__file__).resolve().parent.parent.parent
SOLUTIONS = ROOT / "solutions"

# Grading must be reproducible: no example database, no timing-based health check
# or deadline (torch's first calls are slow), one failure reported, no noise.
hypothesis.settings.register_profile(
    "grader",
    database=None,
    deadline=None,
    max_examples=10,
    derandomize=False,  # each check gets a fixed seed instead (see grader.runner)
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate, hypothesis.Phase.shrink],
    verbosity=hypothesis.Verbosity.quiet,
    print_blob=False,
)
hypothesis.settings.load_profile("grader")

# Inputs depend on the submission and the seed alone (see keep_local_constants_empty).
keep_local_constants_empty()

# The checks' own tensors are tiny, and intra-op threads only cost: on a busy two-core
# machine a 4×4 torch.linalg.qr takes milliseconds with two threads, microseconds with one.
torch.set_num_threads(1)


@dataclass
class Check:
    """A check as registered. ``title``, ``hint`` and ``description`` are the English
    text of the code (the catalog's msgids); ``key`` names the check in any language,
    and ``shown_title``, ``statement`` and ``shown_hint`` are what the student reads,
    in the language being spoken."""

    exercise: course.Exercise
    title: str  # the property, short: "matches the reference on random inputs"
    test: Callable[["Student"], None]
    weight: float
    hint: str
    role: Role = Role.VALUE  # what the check is about: the feedback leads with values

    @property
    def key(self) -> str:
        """The check's identity whatever the language: its English title."""
        return self.title

    @property
    def name(self) -> str:
        """As in the results file: ``<module>.<function>: <title>`` (English: it seeds the
        check's inputs, which must not depend on the language)."""
        return f"{self.exercise.qualname}: {self.title}"

    @property
    def description(self) -> str:
        """The property in one paragraph, in English (the docstring's line breaks are not
        the student's; ``scripts/catalogs.py`` extracts it the same way)."""
        return " ".join((inspect.getdoc(self.test) or self.title).split())

    @property
    def shown_title(self) -> str:
        """The title in the language being spoken."""
        return _(self.title)

    @property
    def statement(self) -> str:
        """The property in the language being spoken."""
        return _(self.description)

    @property
    def shown_hint(self) -> str:
        """The hint in the language being spoken ("" for none)."""
        return _(self.hint)


_registry: dict[str, list[Check]] = {}


def check(function: str, title: str, *, weight: float = 1, hint: str = "",
          role: Role = Role.VALUE) -> Callable:
    """Register a check of the exercise ``function``. ``title`` and ``hint`` are English,
    marked with ``N_()`` where they are written; the docstring of the test is its statement.

    ``role``: VALUE for what the function computes, GRADIENT for what autograd gets from
    it, SIDE for side conditions (inputs unchanged, ValueErrors, the global random
    state). Side conditions are awarded only while the function returns well-formed
    answers on valid inputs: ``return None`` earns nothing for leaving its inputs alone.
    """
    exercise = course.BY_NAME[function]

    def register(test: Callable) -> Callable:
        _registry.setdefault(function, []).append(Check(exercise, title, test, weight, hint, Role(role)))
        return test

    return register


def checks_for(exercise: course.Exercise) -> list[Check]:
    importlib.import_module(f"grader.checks.{exercise.module}")
    return _registry.get(exercise.name, [])


def reference(module: str) -> ModuleType | recorded.RecordedModule:
    """The reference solutions of a lecture, loaded by path from ``solutions/``; in the
    student edition, which has none, their recorded answers (``grader.recorded``)."""
    path = SOLUTIONS / f"{module}.py"
    if not path.is_file() and recorded.available():
        return recorded.RecordedModule(module)
    spec = importlib.util.spec_from_file_location(f"reference_{module}", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    if recorded.recorder is not None:
        return recorded.recording_module(loaded, module)
    return loaded


# ---- what a check calls -----------------------------------------------------------


class NotImplementedYet(BaseException):
    """A stub's NotImplementedError: raised in the function itself, or in another exercise
    of the course that it calls (``raised_in``) and that is still a stub."""

    def __init__(self, raised_in: str) -> None:
        super().__init__(raised_in)
        self.raised_in = raised_in


class BannedCallMade(BaseException):
    """The function called something the handout says it must not call."""

    def __init__(self, call: str) -> None:
        super().__init__(call)
        self.call = call


def _copied(values: Any) -> tuple:
    return tuple(v.clone() if isinstance(v, torch.Tensor) else v for v in values)


def _first_foreign(value: Any) -> Foreign | None:
    if isinstance(value, Foreign):
        return value
    if isinstance(value, list | tuple):
        return next((f for f in map(_first_foreign, value) if f is not None), None)
    return None


class Student:
    """The student's function, running in its worker."""

    def __init__(self, worker: Worker, exercise: course.Exercise, parameter_names: list[str]) -> None:
        self.worker = worker
        self.exercise = exercise
        self.parameter_names = parameter_names
        self._last_arguments: tuple[tuple, dict] | None = None
        self.last_printed = ""
        self.calls = 0  # how many times the function was called (grader.replay watches it)

    @property
    def last_call(self) -> Counterexample | None:
        """The latest call as data (written only when a failure shows it)."""
        if self._last_arguments is None:
            return None
        args, kwargs = self._last_arguments
        return counterexample(self.exercise.module, self.exercise.name, self.parameter_names, args, kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the function; its return value, or a Failure if it raised."""
        return self.returned(self.run(*args, **kwargs))

    def run(self, *args: Any, grad_wrt: list[int] | None = None, cotangent: Any = None,
            inputs_after: bool = False, **kwargs: Any) -> Answer:
        """Call the function and get the whole answer: its value, the gradients with
        respect to the arguments at ``grad_wrt``, and with ``inputs_after`` the values
        of the tensor arguments after the call."""
        self.calls += 1
        # Copies, so that what is shown is what was sent even if the check reuses a tensor.
        self._last_arguments = (_copied(args), dict(zip(kwargs, _copied(kwargs.values()))))
        answer = self.worker.call(
            self.exercise.name, list(args), kwargs, grad_wrt=grad_wrt, cotangent=cotangent,
            inputs_after=inputs_after,
        )
        self.last_printed = answer.printed
        if answer.status == "banned":
            raise BannedCallMade(answer.message)
        if answer.status == "exited":
            raise WorkerLost(_("your code called sys.exit({code})").format(code=answer.message))
        if answer.status == "missing":
            raise WorkerLost(_("{name} is not defined in your file").format(name=self.exercise.name))
        # A stub's NotImplementedError, raised in a function of the course in the student's
        # file; from anywhere else (torch, a helper of the student's) it is an ordinary error.
        if answer.status == "raised" and answer.error_type == "NotImplementedError" \
                and answer.raised_in in course.BY_NAME:
            raise NotImplementedYet(answer.raised_in)
        return answer

    def returned(self, answer: Answer) -> Any:
        """The value the function returned; a Failure if it raised or returned a
        non-plain object (a tensor subclass, a custom class), whatever the check."""
        if answer.status == "raised":
            raise Failure(
                _("your function raised {error}: {message}").format(
                    error=answer.error_type, message=answer.message),
                details=answer.where.rstrip(),
                kind=Kind.RAISED,
            )
        foreign = _first_foreign(answer.value)
        if foreign is not None:
            raise Failure(
                _("your function returned {what}; return plain torch.Tensor objects (and lists "
                  "or tuples of them) only").format(what=foreign.description),
                kind="wrong_type",
            )
        return answer.value

    def raises(self, error: type[Exception], *args: Any, **kwargs: Any) -> None:
        """Fail unless the call raises ``error`` (a ValueError of the contract)."""
        answer = self.run(*args, **kwargs)
        if answer.status == "returned":
            raise Failure(
                _("expected {error}, but your function returned a value").format(error=error.__name__),
                expected=error.__name__,
                received=answer.value,
                expected_error=error.__name__,
            )
        if error.__name__ not in answer.error_bases:
            raise Failure(
                _("expected {error}, but your function raised {raised}: {message}").format(
                    error=error.__name__, raised=answer.error_type, message=answer.message),
                details=answer.where.rstrip(),
                kind=Kind.RAISED,
                expected_error=error.__name__,
            )
