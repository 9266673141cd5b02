"""No answer a student can return makes the grader fail on its own.

For every exercise, submissions return an odd value instead of the right one: the
right result with an extra dimension, of another dtype, NaN, a Python number,
None, a list for a tuple... Each must be graded with a clear verdict (a wrong
answer is a failure with feedback), never with "the grader itself failed".

A submission file may import nothing the worker cannot: it holds the reference
module's source (torch and typing only), then redefines the exercise's function,
with the handout's signature, as ``_odd(<the reference's result>)``.

Each is graded exactly as a student is, shrinking included: the smallest failing
input hypothesis searches for (an empty tensor, a 0-dim one) is where a grader that
computes with an odd answer is most likely to break.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from grader import course
from grader.checks import checks_for, reference
from grader.report_text import check_text
from grader.runner import grade_exercise
from grader.verdict import Status

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
GRADER_FAILED = "the grader itself failed"

# Rebuilds the structure of a result with every tensor in it changed.
EACH_TENSOR = '''
def _each(value, change):
    if isinstance(value, torch.Tensor):
        return change(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_each(item, change) for item in value)
    return value
'''


@dataclass(frozen=True)
class Odd:
    """One kind of odd answer, made from the correct one."""

    name: str
    body: str  # the body of ``_odd(value)``, ``value`` being the correct result
    per_tensor: bool = False  # changes the tensors inside the result (not for a str result)
    may_pass: str = ""  # for which results the grader may rightly accept it: "tuple", "any"


ODD_ANSWERS = [
    # the wrong shape
    Odd("extra_dimension", "return _each(value, lambda t: t.unsqueeze(0))", per_tensor=True),
    Odd("flattened", "return _each(value, lambda t: t.reshape(-1) if t.ndim != 1 else t.reshape(-1, 1))",
        per_tensor=True),
    Odd("shape_3", "return _each(value, lambda t: torch.ones(3, dtype=t.dtype))", per_tensor=True),
    Odd("empty", "return _each(value, lambda t: t.reshape(-1)[:0])", per_tensor=True),
    # the wrong dtype
    Odd("integer", "return _each(value, lambda t: t.round().to(torch.int64) if t.is_floating_point() "
                   "else t.to(torch.int32))", per_tensor=True),
    Odd("bool", "return _each(value, lambda t: t != 0)", per_tensor=True),
    Odd("complex", "return _each(value, lambda t: t.to(torch.complex128))", per_tensor=True),
    # the wrong values (for indices: -1, which Python would take as an index)
    Odd("nan", "return _each(value, lambda t: torch.full_like(t, float('nan')) if t.is_floating_point() "
               "else torch.full_like(t, -1))", per_tensor=True),
    Odd("zeros", "return _each(value, torch.zeros_like)", per_tensor=True),
    Odd("off_by_one", "return _each(value, lambda t: t + 1 if t.is_floating_point() else t - 1)",
        per_tensor=True),
    # not tensors
    Odd("python_float", "return _each(value, lambda t: float(t.double().sum()))", per_tensor=True),
    Odd("tolist", "return _each(value, lambda t: t.tolist())", per_tensor=True),
    Odd("numpy", "return _each(value, lambda t: t.detach().numpy())", per_tensor=True),
    # right values, still attached to a graph (nothing in the contract forbids it but the attacks')
    Odd("requires_grad", "return _each(value, lambda t: t.detach().clone().requires_grad_(True) "
                         "if t.is_floating_point() else t)", per_tensor=True, may_pass="any"),
    # the wrong structure
    Odd("none", "return None"),
    Odd("float", "return 0.5"),
    Odd("string", "return value.upper() if isinstance(value, str) else 'local_min'"),
    Odd("wrapped_in_list", "return [value]"),
    # a list where a tuple is expected is accepted (the contract's tuples unpack the same)
    Odd("list_tuple_swapped", "return (list(value) if isinstance(value, tuple) else tuple(value) "
                              "if isinstance(value, list) else (value,))", may_pass="tuple"),
    Odd("one_more", "return type(value)(list(value) + [torch.zeros(1)]) if isinstance(value, (list, tuple)) "
                    "else (value, value)"),
    Odd("one_fewer", "return type(value)(list(value)[:-1]) if isinstance(value, (list, tuple)) else ()"),
]


@cache
def _reference_function(exercise: course.Exercise) -> Callable:
    return getattr(reference(exercise.module), exercise.name)


def _returns(exercise: course.Exercise) -> str:
    """The reference's return annotation, as written ("Tensor", "tuple[Tensor, Tensor]"...)."""
    return str(inspect.signature(_reference_function(exercise)).return_annotation)


def _submission_source(exercise: course.Exercise, odd: Odd) -> str:
    """The reference module, then the exercise's function redefined to return an odd value."""
    signature = inspect.signature(_reference_function(exercise))
    plain = signature.replace(
        parameters=[p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )
    call = ", ".join(
        p.name if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) else f"{p.name}={p.name}"
        for p in signature.parameters.values()
    )
    name = exercise.name
    return "\n".join([
        (SOLUTIONS / f"{exercise.module}.py").read_text(encoding="utf-8"),
        EACH_TENSOR,
        f"def _odd(value):\n    {odd.body}\n",
        f"_correct_{name} = {name}\n",
        f"def {name}{plain}:\n    return _odd(_correct_{name}({call}))\n",
    ])


def _cases() -> list[tuple[course.Exercise, Odd]]:
    return [
        (exercise, odd)
        for exercise in course.EXERCISES
        for odd in ODD_ANSWERS
        if not (odd.per_tensor and _returns(exercise) == "str")
    ]


@pytest.mark.parametrize(("exercise", "odd"), _cases(), ids=lambda v: getattr(v, "name", ""))
def test_odd_answer_gets_a_verdict(exercise: course.Exercise, odd: Odd, tmp_path: Path) -> None:
    (tmp_path / f"{exercise.module}.py").write_text(_submission_source(exercise, odd), encoding="utf-8")
    result = grade_exercise(exercise, tmp_path)
    for verdict in result.checks:
        assert GRADER_FAILED not in verdict.message, check_text(verdict)
    may_pass = odd.may_pass == "any" or (odd.may_pass == "tuple" and _returns(exercise).startswith("tuple"))
    if not may_pass:
        assert result.status != Status.PASSED, f"{exercise.name} returning {odd.name} was accepted"
