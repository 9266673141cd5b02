"""What the grader found, as data: one model from the check to every screen and file.

A check ends in a ``CheckVerdict``; an exercise's checks, with the exercise's own
status, make an ``ExerciseVerdict``. Every output renders these objects (the
terminal, ``watch``, ``progress``, the notebook's HTML, ``results.json``, JUnit,
the gradebook, the results cache, the class report); nothing reads a rendered
message back. ``to_dict``/``from_dict`` are the one way they are stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from grader import course


class Status(StrEnum):
    """The outcome of a check, and of an exercise as a whole."""

    PASSED = "passed"
    FAILED = "failed"  # a property does not hold (wrong value, wrong type, an exception)
    CRASHED = "crashed"  # the process running the function died, or the file did not load
    TIMED_OUT = "timed out"
    BANNED = "banned call"  # called what the handout asks students to write themselves
    NOT_WRITTEN = "not yet implemented"  # still raises the stub's NotImplementedError (GRADER.md's words)
    WAITING = "waiting"  # written, but calls another exercise that is still a stub
    MISSING = "missing"  # no such file or function in the submission
    NOT_RUN = "not run"  # a check that could not run because of an earlier finding


# What one check can find; every other status but PASSED is one cause for a whole exercise.
FOUND_BY_A_CHECK = (Status.FAILED, Status.CRASHED, Status.TIMED_OUT)
# Statuses that say the function has not been (fully) written yet: neither done nor wrong.
UNSTARTED = (Status.NOT_WRITTEN, Status.MISSING)


class Role(StrEnum):
    """What a check is about; the feedback leads with values, then gradients, then the rest."""

    VALUE = "value"  # what the function computes
    GRADIENT = "gradient"  # that autograd reaches the inputs with the right gradients
    SIDE = "side"  # side conditions: inputs unchanged, ValueErrors, global random state


class Kind(StrEnum):
    """How a failed check's answer was wrong."""

    WRONG = "wrong"  # well formed, wrong values
    WRONG_TYPE = "wrong_type"  # not the kind of object the contract returns
    WRONG_SHAPE = "wrong_shape"  # a tensor, of another shape than the contract's
    RAISED = "raised"  # the function raised an exception on a valid input


# An answer of these kinds is not well formed: side conditions are not awarded on it.
MALFORMED = (Kind.WRONG_TYPE, Kind.WRONG_SHAPE, Kind.RAISED)


@dataclass(frozen=True)
class Argument:
    """One argument of the failing call: its parameter name and Python that rebuilds it."""

    name: str
    source: str
    positional: bool = True


@dataclass(frozen=True)
class Counterexample:
    """The smallest failing call, as hypothesis shrank it."""

    module: str  # the submission file the function lives in, without .py
    function: str
    arguments: tuple[Argument, ...]
    imports: tuple[str, ...] = ("import torch",)  # what the sources need

    def snippet(self) -> str:
        """Python to paste at a ``python`` prompt started in the submission's folder:
        the imports, one line per argument, then the call with every argument named."""
        lines = [*self.imports, f"from {self.module} import {self.function}"]
        lines += [f"{a.name} = {a.source}" for a in self.arguments]
        call = ", ".join(f"{a.name}={a.name}" for a in self.arguments)
        return "\n".join(lines + [f"{self.function}({call})"])


class Form(StrEnum):
    """How a reproduction decides that the failing call now gives the right answer."""

    CLOSE = "close"  # the answer equals ``expected`` up to (rtol, atol), same shape and dtype
    RAISES = "raises"  # the call raises ``error``
    UNCHANGED = "unchanged"  # the call leaves its tensor arguments' values as they were


@dataclass(frozen=True)
class Expectation:
    """What the failing call should have done, as a reproduction script checks it.
    A failure without one (a success rate, a property over several calls) is
    reproduced by running the check again."""

    form: Form
    expected: str = ""  # CLOSE: Python that rebuilds the expected answer
    imports: tuple[str, ...] = ()  # what ``expected`` needs
    rtol: float = 0.0
    atol: float = 0.0
    error: str = ""  # RAISES: the exception's class name

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "form": str(self.form)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Expectation:
        return cls(**{**data, "form": Form(data["form"]), "imports": tuple(data.get("imports", ()))})


@dataclass(frozen=True)
class CheckVerdict:
    """The outcome of one check of one exercise.

    ``key`` names the check whatever the language: the English title (the catalog's
    msgid); ``expected_key`` and ``received_key`` are the values described in English.
    Grouping, caching, comparing and reproducing use them; ``title``,
    ``statement``, ``hint`` and ``message`` are in the language the check was graded in.
    """

    module: str  # the exercise's submission file, without .py
    function: str  # the exercise
    title: str  # the property, short, as shown: "matches the reference on random inputs"
    status: Status
    score: float
    max_score: float
    role: Role = Role.VALUE
    statement: str = ""  # the property in a sentence (the check's docstring)
    kind: Kind | None = None  # for a failure: how the answer was wrong
    message: str = ""  # what went wrong, in a sentence or two
    counterexample: Counterexample | None = None
    compared: str = ""  # the quantity compared when it is not the answer itself
    expected: str | None = None  # the values, as the feedback shows them
    received: str | None = None
    details: str = ""  # the largest error, or where in the student's file it raised
    printed: str = ""  # what the student's code printed during the failing call
    hint: str = ""
    waiting_on: str = ""  # WAITING: the exercise to write first
    expectation: Expectation | None = None  # what a reproduction of the failure checks
    key: str = ""  # the English title; the title itself when not given (an English verdict)
    # The values described in English, whatever the language graded in: what the class
    # report groups by. The shown ones themselves when not given (an English verdict).
    expected_key: str | None = None
    received_key: str | None = None

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.title)
        if self.expected_key is None:
            object.__setattr__(self, "expected_key", self.expected)
        if self.received_key is None:
            object.__setattr__(self, "received_key", self.received)

    @property
    def exercise(self) -> course.Exercise:
        return course.BY_NAME[self.function]

    @property
    def name(self) -> str:
        """As the student reads it in the results file: ``<module>.<function>: <title>``."""
        return f"{self.module}.{self.function}: {self.title}"

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        data["role"] = str(self.role)
        data["kind"] = None if self.kind is None else str(self.kind)
        data["expectation"] = None if self.expectation is None else self.expectation.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckVerdict:
        data = dict(data)
        example = data.get("counterexample")
        if example is not None:
            arguments = tuple(Argument(**a) for a in example["arguments"])
            data["counterexample"] = Counterexample(example["module"], example["function"], arguments,
                                                    tuple(example.get("imports", ())))
        data["status"] = Status(data["status"])
        data["role"] = Role(data.get("role", Role.VALUE))
        data["kind"] = None if data.get("kind") is None else Kind(data["kind"])
        if data.get("expectation") is not None:
            data["expectation"] = Expectation.from_dict(data["expectation"])
        return cls(**data)


@dataclass
class ExerciseVerdict:
    """The outcome of one exercise: its status, and each check's verdict in course order."""

    exercise: course.Exercise
    status: Status
    checks: list[CheckVerdict] = field(default_factory=list)
    message: str = ""  # one cause for the whole exercise (not written, missing, banned...)
    waiting_on: str = ""  # WAITING: the exercise to write first
    seconds: float = 0.0
    isolation: str = ""  # how the worker was locked down (grader.isolation)

    @property
    def score(self) -> float:
        return sum(c.score for c in self.checks)

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def failed(self) -> list[CheckVerdict]:
        """The checks that did not pass, the most telling first (see ``lead``)."""
        order = {Role.VALUE: 0, Role.GRADIENT: 1, Role.SIDE: 2}
        bad = [c for c in self.checks if c.status in FOUND_BY_A_CHECK]
        # A crash or time-out ends the run: it is what happened, whatever the check's role.
        ended = [c for c in bad if c.status in (Status.CRASHED, Status.TIMED_OUT)]
        rest = sorted((c for c in bad if c not in ended), key=lambda c: order[c.role])
        return ended + rest

    @property
    def lead(self) -> CheckVerdict | None:
        """The failure to show first: a crash, else a wrong value before the gradient and
        side-condition checks that probably fail because of it."""
        failed = self.failed
        return failed[0] if failed else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "module": self.exercise.module,
            "function": self.exercise.name,
            "status": str(self.status),
            "message": self.message,
            "waiting_on": self.waiting_on,
            "seconds": round(self.seconds, 3),
            "isolation": self.isolation,
            "checks": [c.to_dict() for c in self.checks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExerciseVerdict:
        """The verdict stored by ``to_dict``; KeyError or ValueError if it is not one."""
        exercise = course.BY_NAME[data["function"]]
        if exercise.module != data["module"]:
            raise KeyError(data["function"])
        return cls(
            exercise,
            Status(data["status"]),
            [CheckVerdict.from_dict(c) for c in data["checks"]],
            message=str(data.get("message", "")),
            waiting_on=str(data.get("waiting_on", "")),
            seconds=float(data.get("seconds", 0.0)),
            isolation=str(data.get("isolation", "")),
        )


def points(value: float) -> str:
    """A score as people read it: two decimals at most (the exact value stays in the files)."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
