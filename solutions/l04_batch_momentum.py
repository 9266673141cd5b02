"""Lecture 4: 分批(batch)和动量方法 (batches and momentum) — reference solutions.

Momentum: each step moves along the previous movement scaled by λ, minus η
times the gradient. The notes' form:

    m⁰ = 0,   mⁱ⁺¹ = λ mⁱ − η gⁱ,   θⁱ⁺¹ = θⁱ + mⁱ⁺¹
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
    """
    if grad.shape != theta.shape or m.shape != theta.shape:
        raise ValueError(
            f"theta, grad and m must have one shape, got {tuple(theta.shape)}, "
            f"{tuple(grad.shape)} and {tuple(m.shape)}"
        )
    m_next = lam * m - lr * grad
    theta_next = theta + m_next
    return theta_next, m_next
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
    """
    if theta0.ndim != 1:
        raise ValueError(f"theta0 must be 1-D, got shape {tuple(theta0.shape)}")
    if steps < 0:
        raise ValueError(f"steps must be at least 0, got {steps}")
    theta = theta0
    m = torch.zeros_like(theta0)
    trajectory = [theta0]
    for _ in range(steps):
        theta, m = momentum_step(theta, grad_fn(theta), m, lr, lam)
        trajectory.append(theta)
    return torch.stack(trajectory)
# --8<-- [end:momentum_descent]
