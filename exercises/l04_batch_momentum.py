"""Lecture 4: 分批(batch)和动量方法 (batches and momentum) — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l04_batch_momentum
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:momentum_step]
def momentum_step(
    theta: Tensor,
    grad: Tensor,
    m: Tensor,
    lr: float | Tensor,
    lam: float | Tensor,
) -> tuple[Tensor, Tensor]:
    """One step of gradient descent with momentum, as in the notes.

    ``m_next = lam*m - lr*grad`` and ``theta_next = theta + m_next``.
    With ``lam = 0`` this is plain gradient descent.

    Args:
        theta: parameters θⁱ.
        grad: gradient gⁱ at θⁱ, the shape of ``theta``.
        m: previous movement mⁱ, the shape of ``theta``.
        lr: learning rate η.
        lam: momentum factor λ.

    Returns:
        ``(theta_next, m_next)``.

    Raises:
        ValueError: if ``grad`` or ``m`` is not the shape of ``theta``.

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it
    with tensor operations yourself).
    """
    raise NotImplementedError(
        "momentum_step is not written yet: read Lecture 4: 分批(batch)和动量方法, exercise “momentum_step” (docs/l04_batch_momentum.md#momentum_step), which builds on the section “Momentum”"
    )
# --8<-- [end:momentum_step]


# --8<-- [start:momentum_descent]
def momentum_descent(
    grad_fn: Callable[[Tensor], Tensor],
    theta0: Tensor,
    lr: float | Tensor,
    lam: float | Tensor,
    steps: int,
) -> Tensor:
    """``steps`` momentum steps from ``theta0``, starting with ``m⁰ = 0``.

    Args:
        grad_fn: ``grad_fn(theta)`` returns the gradient of the loss at theta.
        theta0: (d,) starting point.
        lr: learning rate η.
        lam: momentum factor λ.
        steps: number of steps.

    Returns:
        The trajectory, a (steps+1, d) tensor whose row 0 is ``theta0`` and
        row i is θⁱ.

    Raises:
        ValueError: if ``theta0`` is not 1-D or ``steps < 0``.

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it
    with tensor operations yourself).
    """
    raise NotImplementedError(
        "momentum_descent is not written yet: read Lecture 4: 分批(batch)和动量方法, exercise “momentum_descent” (docs/l04_batch_momentum.md#momentum_descent), which builds on the section “Momentum”"
    )
# --8<-- [end:momentum_descent]
