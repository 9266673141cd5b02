"""Words for a student: failures the checks raise, and inputs written as Python.

A check that finds a problem raises ``Failure``; the runner turns it into the
text a student reads: which property broke, the smallest input that shows it
(as Python to paste), expected against received, a hint and where to read.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from grader.fixtures import Fixture

MAX_ELEMENTS_SHOWN = 200


class Failure(AssertionError):
    """A property of the contract does not hold for the student's function."""

    def __init__(
        self,
        problem: str,
        *,
        expected: Any = None,
        received: Any = None,
        details: str = "",
        kind: str = "wrong",
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.expected = expected
        self.received = received
        self.details = details
        self.kind = kind  # wrong | wrong_type | raised


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


def python_literal(value: Any) -> str:
    """Python source that rebuilds ``value`` (tensors with their dtype)."""
    if type(value) is torch.Tensor:
        if value.numel() > MAX_ELEMENTS_SHOWN:
            return (
                f"torch.zeros({tuple(value.shape)}, dtype={value.dtype})"
                f"  # stands for a tensor too large to print here"
            )
        data = _nested(value.detach().tolist())
        return f"torch.tensor({data}, dtype={value.dtype})"
    if isinstance(value, Fixture):
        args = ", ".join(f"{k}={python_literal(v)}" for k, v in value.params.items())
        return f"{value.factory}({args})"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(python_literal(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, float | int | bool):
        return _number(value)
    return repr(value)


def render_call(function: str, parameter_names: list[str], args: tuple, kwargs: dict) -> str:
    """The lines that repeat a call: one assignment per tensor, then the call."""
    lines: list[str] = []
    imports = {"import torch"}
    shown_args = []
    named = list(zip(parameter_names, args)) + list(kwargs.items())
    for index, (name, value) in enumerate(named):
        if isinstance(value, Fixture):
            imports.add(f"from grader.fixtures import {value.factory}")
        if isinstance(value, torch.Tensor | Fixture):
            lines.append(f"{name} = {python_literal(value)}")
            text = name
        else:
            text = python_literal(value)
        shown_args.append(text if index < len(args) else f"{name}={text}")
    call = f"{function}({', '.join(shown_args)})"
    return "\n".join(sorted(imports) + lines + [call])


def describe(value: Any) -> str:
    """A one-line summary of a value: type, shape and dtype for a tensor."""
    if type(value) is torch.Tensor:
        text = f"tensor of shape {tuple(value.shape)}, {value.dtype}"
        if value.numel() <= 12:
            text += f": {python_literal(value)}"
        return text
    if isinstance(value, list | tuple):
        kind = type(value).__name__
        inner = ", ".join(describe(v) for v in value[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"{kind} of {len(value)}: [{inner}{more}]"
    return repr(value)


def largest_error(received: torch.Tensor, expected: torch.Tensor) -> str:
    diff = (received.double() - expected.double()).abs()
    diff = torch.where(torch.isnan(received.double()) != torch.isnan(expected.double()),
                       torch.full_like(diff, math.inf), diff)
    diff = torch.nan_to_num(diff, nan=0.0)
    if diff.numel() == 0:
        return ""
    flat = int(diff.argmax())
    index = tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), diff.shape)) if diff.ndim else ()
    where = f" at index {list(index)}" if index else ""
    got = received.reshape(-1)[flat].item() if received.numel() else None
    want = expected.reshape(-1)[flat].item() if expected.numel() else None
    return f"largest error {diff.reshape(-1)[flat].item():.3g}{where} (expected {want!r}, received {got!r})"
