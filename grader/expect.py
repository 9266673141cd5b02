"""Assertions the checks use to compare a student's answer with the reference.

Each raises ``Failure`` with the expected and the received value, so the student
sees shape, dtype and the largest error, never a bare ``AssertionError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

from grader.feedback import Failure, describe, largest_error
from grader.i18n import _
from grader.verdict import Kind
from grader.wire import Foreign

# Tolerances for answers computed in a different but correct order of operations.
RTOL = {torch.float16: 1e-2, torch.bfloat16: 1e-2, torch.float32: 1e-4, torch.float64: 1e-7}
ATOL = {torch.float16: 1e-3, torch.bfloat16: 1e-2, torch.float32: 1e-5, torch.float64: 1e-9}


def expect_tensor(received: Any, what: str | None = None) -> torch.Tensor:
    """The received value, which must be a plain ``torch.Tensor``. ``what`` names it in
    the feedback, already translated (default: "the result")."""
    if type(received) is torch.Tensor:
        return received
    if isinstance(received, Foreign):
        shown = received.description
    else:
        shown = _("a {type}: {value}").format(type=type(received).__name__, value=describe(received))
    raise Failure(
        _("{what} should be a torch.Tensor (a plain one, not a subclass), but it is {shown}").format(
            what=what or _("the result"), shown=shown),
        kind="wrong_type",
    )


@dataclass(frozen=True)
class Described:
    """An expected value given in words: the feedback shows the words as they are."""

    text: str

    def __repr__(self) -> str:
        return self.text


def expect_like(
    received: Any,
    shape: tuple[int, ...] | torch.Size,
    dtype: torch.dtype | None,
    what: str | None = None,
    *,
    expected: Any = None,
) -> torch.Tensor:
    """The received value, which must be a plain tensor of this shape and dtype
    (any dtype for ``None``); its values are left to the check.

    Call it before computing with a student's tensor (float(), .item(), indexing,
    arithmetic with the inputs): a tensor of another shape or dtype is then a wrong
    answer that says what was expected, not an error inside the grader.
    """
    what = what or _("the result")
    received = expect_tensor(received, what)
    shape = tuple(shape)
    if expected is None:
        expected = Described(_("tensor of shape {shape}, {dtype}").format(shape=shape, dtype=dtype)
                             if dtype is not None else _("tensor of shape {shape}").format(shape=shape))
    if tuple(received.shape) != shape:
        raise Failure(_("{what} has shape {shape}, expected {expected}").format(
                          what=what, shape=tuple(received.shape), expected=shape),
                      expected=expected, received=received, kind=Kind.WRONG_SHAPE)
    if dtype is not None and received.dtype != dtype:
        problem = (_("{what} has dtype {dtype}, expected {expected}: results keep the dtype of the "
                     "floating inputs") if dtype.is_floating_point
                   else _("{what} has dtype {dtype}, expected {expected}"))
        raise Failure(problem.format(what=what, dtype=received.dtype, expected=dtype),
                      expected=expected, received=received)
    return received


def expect_scalar(received: Any, dtype: torch.dtype, what: str | None = None) -> torch.Tensor:
    """The received value, which must be a 0-dim tensor of ``dtype`` (as a loss is):
    then ``float()`` of it is safe, whatever the student returned."""
    return expect_like(received, (), dtype, what)


def expect_close(
    received: Any,
    expected: torch.Tensor,
    what: str | None = None,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    check_dtype: bool = True,
) -> None:
    """Same shape, same dtype, and values equal up to rounding (NaN matches NaN)."""
    dtype = expected.dtype if check_dtype else None
    received = expect_like(received, expected.shape, dtype, what, expected=expected)
    if expected.dtype.is_floating_point:
        rtol = RTOL.get(expected.dtype, 1e-7) if rtol is None else rtol
        atol = ATOL.get(expected.dtype, 1e-9) if atol is None else atol
        close = torch.isclose(received.to(expected.dtype), expected, rtol=rtol, atol=atol, equal_nan=True)
    else:
        close = received.to(expected.dtype) == expected
    if not bool(close.all()):
        raise Failure(
            _("{what} has the wrong values").format(what=what or _("the result")),
            expected=expected,
            received=received,
            details=largest_error(received, expected),
            tolerance=(rtol, atol) if expected.dtype.is_floating_point else (0.0, 0.0),
        )


def expect_equal(received: Any, expected: Any, what: str | None = None) -> None:
    """Exactly equal plain values (strings, numbers, None)."""
    if type(received) is not type(expected) or received != expected:
        raise Failure(_("{what} is {received}, expected {expected}").format(
                          what=what or _("the result"), received=describe(received), expected=describe(expected)),
                      expected=expected, received=received,
                      kind=Kind.WRONG if type(received) is type(expected) else Kind.WRONG_TYPE)


def expect_tensor_list(received: Any, what: str | None = None) -> list:
    if not isinstance(received, list):
        raise Failure(_("{what} should be a list, but it is {received}").format(
            what=what or _("the result"), received=describe(received)), kind="wrong_type")
    return received


def expect_tuple(received: Any, names: tuple[str, ...]) -> tuple:
    """A tuple (or list) of len(names) plain tensors, as ``(theta_next, m_next)``."""
    if not isinstance(received, tuple | list) or len(received) != len(names):
        raise Failure(
            _("the result should be a tuple of {count} tensors ({names}), but it is {received}").format(
                count=len(names), names=", ".join(names), received=describe(received)),
            kind="wrong_type",
        )
    return tuple(expect_tensor(value, name) for value, name in zip(received, names))


def expect_results(received: Any, expected: tuple, names: tuple[str, ...], **tolerances: Any) -> None:
    """Each tensor of the returned tuple close to the expected one of the same name."""
    for got, want, name in zip(expect_tuple(received, names), expected, names):
        expect_close(got, want, name, **tolerances)
