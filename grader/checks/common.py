"""Steps that many checks share: unchanged inputs, gradients against the reference."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import torch

from grader.checks import Student
from grader.expect import expect_close, expect_tensor
from grader.feedback import Failure, describe
from grader.fixtures import Fixture
from grader.i18n import _
from grader.recorded import recorded


def _bits(t: torch.Tensor) -> torch.Tensor:
    return t.detach().contiguous().reshape(-1).view(torch.uint8)


def _same_bits(a: Any, b: torch.Tensor) -> bool:
    """Equal to the last bit (so NaN equals NaN, and -0.0 differs from 0.0)."""
    return type(a) is torch.Tensor and a.shape == b.shape and a.dtype == b.dtype and torch.equal(_bits(a), _bits(b))


def expect_inputs_unchanged(student: Student, *args: Any, **kwargs: Any) -> Any:
    """Call the function and fail if any tensor it was given changed value."""
    originals = [a.clone() if isinstance(a, torch.Tensor) else a for a in args]
    answer = student.run(*args, inputs_after=True, **kwargs)
    student.returned(answer)
    for name, before, after in zip(student.parameter_names, originals, answer.inputs_after):
        if isinstance(before, torch.Tensor) and not _same_bits(after, before):
            raise Failure(
                _("your function changed its input `{name}` in place (an operation ending in `_`, "
                  "`+=`, or an assignment into {name}[...]); the contract forbids modifying inputs").format(name=name),
                expected=before,
                received=after,
                unchanged=True,
            )
        if isinstance(before, Fixture):
            for param, value in before.params.items():
                if isinstance(value, torch.Tensor) and not _same_bits(after.get(param), value):
                    raise Failure(
                        _("your function changed `{name}` (its tensor `{param}`) in place; "
                          "it must leave the values of what it is given unchanged").format(name=name, param=param),
                        expected=value,
                        received=after.get(param),
                        unchanged=True,
                    )
    return answer.value


def built(args: Sequence[Any]) -> tuple:
    """The arguments with every Fixture built, for calling the reference in the grader."""
    return tuple(a.build() if isinstance(a, Fixture) else a for a in args)


def expect_trajectory_start(received: Any, theta0: torch.Tensor, steps: int, expected: torch.Tensor) -> None:
    """A trajectory of shape (steps+1, d) whose row 0 is theta0 exactly."""
    trajectory = expect_tensor(received, _("the trajectory"))
    want = (steps + 1, theta0.shape[0])
    if tuple(trajectory.shape) != want:
        raise Failure(_("the trajectory has shape {shape}, expected {expected} "
                        "(steps + 1 rows: the start and one row after each step)").format(
                      shape=tuple(trajectory.shape), expected=want),
                      expected=expected, received=trajectory)
    expect_close(trajectory[0], theta0, _("row 0 of the trajectory (it should be theta0)"), rtol=0, atol=0)


@recorded
def reference_gradients(
    function: Callable, args: Sequence[Any], wrt: Sequence[int], cotangent: torch.Tensor, **kwargs: Any
) -> list[torch.Tensor | None]:
    """The gradients of ``<cotangent, function(*args)>`` with respect to ``args[i]`` for i in wrt."""
    args = list(args)
    leaves = []
    for i in wrt:
        args[i] = args[i].detach().clone().requires_grad_(True)
        leaves.append(args[i])
    out = function(*built(args), **kwargs)
    # The same product as grad_outputs=cotangent, without its slow first use.
    return list(torch.autograd.grad((out * cotangent).sum(), leaves, allow_unused=True))


def expect_gradients(
    student: Student,
    function: Callable,
    args: Sequence[Any],
    wrt: Sequence[int],
    cotangent: torch.Tensor,
    **kwargs: Any,
) -> None:
    """The student's gradients with respect to ``args[i]`` (i in wrt) match the reference's."""
    answer = student.run(*args, grad_wrt=list(wrt), cotangent=cotangent, **kwargs)
    student.returned(answer)
    if answer.grad_error:
        raise Failure(_("gradients do not reach the inputs: {error}").format(error=answer.grad_error))
    expected = reference_gradients(function, args, wrt, cotangent, **kwargs)
    for i, want, got in zip(wrt, expected, answer.grads or []):
        name = student.parameter_names[i] if i < len(student.parameter_names) else _("argument {i}").format(i=i)
        if want is None:
            want = torch.zeros_like(args[i])
        if got is None:
            if bool((want == 0).all()):
                continue
            raise Failure(
                _("no gradient reaches `{name}`: the result does not depend on it through autograd "
                  "(was it used through .detach(), .item(), .tolist() or NumPy?)").format(name=name),
                expected=want,
                received=None,
            )
        expect_close(got, want, _("the gradient with respect to `{name}`").format(name=name))


def cotangent_like(value: torch.Tensor) -> torch.Tensor:
    """A fixed upstream gradient of the shape of ``value``: unequal weights, so that a
    gradient sent to the wrong entry shows."""
    weights = torch.linspace(0.5, 1.5, value.numel(), dtype=torch.float64)
    return weights.reshape(value.shape).to(value.dtype)


def expect_value_error(student: Student, *args: Any, **kwargs: Any) -> None:
    student.raises(ValueError, *args, **kwargs)


__all__ = [
    "built",
    "cotangent_like",
    "expect_trajectory_start",
    "describe",
    "expect_gradients",
    "expect_inputs_unchanged",
    "expect_value_error",
    "reference_gradients",
]
