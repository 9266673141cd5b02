"""Failures the checks raise, and values written as Python.

A check that finds a problem raises ``Failure``; the runner turns it into a
``grader.verdict.CheckVerdict`` (which property broke, the smallest input that
shows it as a ``Counterexample``, expected against received), which every screen
and file renders.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from grader import recorded
from grader.fixtures import Fixture, known_source
from grader.i18n import _, translate
from grader.verdict import Argument, Counterexample, Expectation, Form, Kind

MAX_ELEMENTS_SHOWN = 12  # in a one-line summary of a value


class Failure(AssertionError):
    """A property of the contract does not hold for the student's function."""

    def __init__(
        self,
        problem: str,
        *,
        expected: Any = None,
        received: Any = None,
        details: str = "",
        kind: str = Kind.WRONG,
        compared: str = "",
        tolerance: tuple[float, float] | None = None,
        expected_error: str = "",
        unchanged: bool = False,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.expected = expected
        self.received = received
        self.details = recorded.bank_note(details)  # says so when the example is from the bank
        self.kind = Kind(kind)
        # The quantity compared when it is not the answer itself ("residual Hv - λv"): the
        # feedback then says "Expected residual ..." and "Your residual ...".
        self.compared = compared
        # What a reproduction checks (grader.verdict.Expectation): (rtol, atol) when
        # ``expected`` is the answer itself; the exception the call should raise; or that
        # the call should leave its inputs unchanged.
        self.tolerance = tolerance
        self.expected_error = expected_error
        self.unchanged = unchanged


def expectation(failure: Failure) -> Expectation | None:
    """What the failing call should have done, as data a reproduction script can check."""
    if failure.unchanged:
        return Expectation(Form.UNCHANGED)
    if failure.expected_error:
        return Expectation(Form.RAISES, error=failure.expected_error)
    if failure.tolerance is not None and type(failure.expected) is torch.Tensor:
        imports: set[str] = set()
        source = python_literal(failure.expected, imports)
        rtol, atol = failure.tolerance
        return Expectation(Form.CLOSE, source, import_lines(imports), float(rtol), float(atol))
    return None


# ---- values written as Python -----------------------------------------------------


def _number(x: float | int | bool) -> str:
    if isinstance(x, float):
        if math.isnan(x):
            return "float('nan')"
        if math.isinf(x):
            return "float('inf')" if x > 0 else "-float('inf')"
    return repr(x)


def _nested(values: Any) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_nested(v) for v in values) + "]"
    return _number(values)


def python_literal(value: Any, imports: set[str] | None = None) -> str:
    """Python source that rebuilds ``value`` exactly (tensors with their dtype). A large
    value the course ships (the digits and their classifier) is written as the call that
    loads it; the imports that source needs are added to ``imports``."""
    imports = set() if imports is None else imports
    known = known_source(value)
    if known is not None:
        module, expression = known
        imports.add(f"import {module}")
        return expression
    if type(value) is torch.Tensor:
        imports.add("import torch")
        if value.numel() == 0 and value.ndim > 1:  # [] would lose the shape: (0, 3) is not (0,)
            return f"torch.zeros({tuple(value.shape)}, dtype={value.dtype})"
        data = _nested(value.detach().tolist())
        return f"torch.tensor({data}, dtype={value.dtype})"
    if isinstance(value, Fixture):
        imports.add(f"from grader.fixtures import {value.factory}")
        args = ", ".join(f"{k}={python_literal(v, imports)}" for k, v in value.params.items())
        return f"{value.factory}({args})"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(python_literal(v, imports) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, float | int | bool):
        return _number(value)
    if isinstance(value, torch.dtype):
        imports.add("import torch")
    return repr(value)


def counterexample(module: str, function: str, parameter_names: list[str], args: tuple,
                   kwargs: dict) -> Counterexample:
    """A call as data: each argument by its parameter name, with Python that rebuilds it."""
    imports: set[str] = set()
    arguments = [Argument(name, python_literal(value, imports), True) for name, value in zip(parameter_names, args)]
    arguments += [Argument(name, python_literal(value, imports), False) for name, value in kwargs.items()]
    return Counterexample(module, function, tuple(arguments), import_lines(imports))


def import_lines(imports: set[str]) -> tuple[str, ...]:
    """``import x`` lines first, then ``from x import y``, as isort would put them."""
    return tuple(sorted(imports, key=lambda line: (line.startswith("from "), line)))


def describe(value: Any, lang: str | None = None) -> str:
    """A one-line summary of a value, in ``lang`` (default: the language being spoken):
    type, shape and dtype for a tensor."""
    if type(value) is torch.Tensor:
        if value.numel() <= MAX_ELEMENTS_SHOWN:
            return translate("tensor of shape {shape}, {dtype}: {values}", lang).format(
                shape=tuple(value.shape), dtype=value.dtype, values=python_literal(value))
        return translate("tensor of shape {shape}, {dtype}", lang).format(shape=tuple(value.shape), dtype=value.dtype)
    if isinstance(value, list | tuple):
        inner = ", ".join(describe(v, lang) for v in value[:4])
        more = ", ..." if len(value) > 4 else ""
        summary = (translate("list of {count}: [{items}]", lang) if isinstance(value, list)
                   else translate("tuple of {count}: [{items}]", lang))
        return summary.format(count=len(value), items=inner + more)
    return repr(value)


def largest_error(received: torch.Tensor, expected: torch.Tensor) -> str:
    diff = (received.double() - expected.double()).abs()
    diff = torch.where(torch.isnan(received.double()) != torch.isnan(expected.double()),
                       torch.full_like(diff, math.inf), diff)
    # NaN where both are NaN counts as equal; an infinity stays one (not 1.8e+308).
    diff = torch.nan_to_num(diff, nan=0.0, posinf=math.inf)
    if diff.numel() == 0:
        return ""
    flat = int(diff.argmax())
    index = tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), diff.shape)) if diff.ndim else ()
    got = received.reshape(-1)[flat].item() if received.numel() else None
    want = expected.reshape(-1)[flat].item() if expected.numel() else None
    error = f"{diff.reshape(-1)[flat].item():.3g}"
    if index:
        return _("largest error {error} at index {index} (expected {expected!r}, received {received!r})").format(
            error=error, index=list(index), expected=want, received=got)
    return _("largest error {error} (expected {expected!r}, received {received!r})").format(
        error=error, expected=want, received=got)
