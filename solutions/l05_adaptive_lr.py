"""Lecture 5: 有适应性的学习率 (adaptive learning rates) — reference solutions.

Every parameter gets its own learning rate ``η / σᵢᵗ``:

    θᵢᵗ⁺¹ = θᵢᵗ − η / σᵢᵗ · gᵢᵗ

Adagrad takes σ as the root mean square of all past gradients, RMSProp as an
exponentially weighted one, and Adam adds momentum to RMSProp.

None of these may call anything in ``torch.optim``.
"""

from __future__ import annotations

from typing import Callable

import torch
from torch import Tensor


def _check_same_shape(theta: Tensor, **others: Tensor) -> None:
    for name, other in others.items():
        if other.shape != theta.shape:
            raise ValueError(
                f"{name} has shape {tuple(other.shape)} but theta has {tuple(theta.shape)}"
            )


def _check_start(theta0: Tensor, steps: int) -> None:
    if theta0.ndim != 1:
        raise ValueError(f"theta0 must be 1-D, got shape {tuple(theta0.shape)}")
    if steps < 0:
        raise ValueError(f"steps must be at least 0, got {steps}")


# --8<-- [start:adagrad_step]
def adagrad_step(
    theta: Tensor,
    grad: Tensor,
    sq_sum: Tensor,
    t: int,
    lr: float | Tensor,
    eps: float | Tensor = 1e-8,
) -> tuple[Tensor, Tensor]:
    """One Adagrad step in the notes' root-mean-square form.

    ``sq_sum`` is ``Σ_{j<t} (gʲ)²`` (zeros at ``t = 0``). Then
    ``sq_sum_next = sq_sum + grad**2``, ``σ = sqrt(sq_sum_next / (t+1))`` and
    ``theta_next = theta - lr * grad / (σ + eps)``.

    Where gradients have been large σ is large and the step is small.

    Args:
        theta: parameters θᵗ.
        grad: gradient gᵗ, the shape of ``theta``.
        sq_sum: sum of the squares of the earlier gradients.
        t: step number, counted from 0.
        lr: learning rate η.
        eps: keeps the division finite where σ = 0.

    Returns:
        ``(theta_next, sq_sum_next)``.

    Raises:
        ValueError: if the shapes differ or ``t < 0``.
    """
    _check_same_shape(theta, grad=grad, sq_sum=sq_sum)
    if t < 0:
        raise ValueError(f"t counts steps from 0, got {t}")
    sq_sum_next = sq_sum + grad**2
    sigma = torch.sqrt(sq_sum_next / (t + 1))
    theta_next = theta - lr * grad / (sigma + eps)
    return theta_next, sq_sum_next
# --8<-- [end:adagrad_step]


# --8<-- [start:adagrad]
def adagrad(
    grad_fn: Callable[[Tensor], Tensor],
    theta0: Tensor,
    lr: float | Tensor,
    steps: int,
    eps: float | Tensor = 1e-8,
) -> Tensor:
    """``steps`` Adagrad steps from ``theta0``.

    Args:
        grad_fn: ``grad_fn(theta)`` returns the gradient at theta.
        theta0: (d,) starting point.
        lr: learning rate η.
        steps: number of steps.
        eps: as in ``adagrad_step``.

    Returns:
        The trajectory, a (steps+1, d) tensor whose row 0 is ``theta0``.

    Raises:
        ValueError: if ``theta0`` is not 1-D or ``steps < 0``.
    """
    _check_start(theta0, steps)
    theta = theta0
    sq_sum = torch.zeros_like(theta0)
    trajectory = [theta0]
    for t in range(steps):
        theta, sq_sum = adagrad_step(theta, grad_fn(theta), sq_sum, t, lr, eps)
        trajectory.append(theta)
    return torch.stack(trajectory)
# --8<-- [end:adagrad]


# --8<-- [start:rmsprop_step]
def rmsprop_step(
    theta: Tensor,
    grad: Tensor,
    sigma: Tensor | None,
    t: int,
    lr: float | Tensor,
    alpha: float | Tensor = 0.9,
    eps: float | Tensor = 1e-8,
) -> tuple[Tensor, Tensor]:
    """One RMSProp step.

    ``σ⁰ = |g⁰|`` (``sigma`` is ignored at ``t = 0`` and may be None there),
    then ``σᵗ = sqrt(alpha*(σᵗ⁻¹)² + (1-alpha)*(gᵗ)²)``, and
    ``theta_next = theta - lr * grad / (σᵗ + eps)``.

    Unlike Adagrad, old gradients fade: with ``alpha`` small, σ follows the
    latest gradients, so the step size can grow again when the surface
    flattens.

    Args:
        theta: parameters θᵗ.
        grad: gradient gᵗ, the shape of ``theta``.
        sigma: σᵗ⁻¹ (None allowed at ``t = 0``).
        t: step number, a Python int counted from 0.
        lr: learning rate η.
        alpha: weight of the past.
        eps: keeps the division finite where σ = 0.

    Returns:
        ``(theta_next, σᵗ)``.

    Raises:
        ValueError: if the shapes differ, ``t < 0``, or ``sigma`` is None at ``t > 0``.
    """
    if t < 0:
        raise ValueError(f"t counts steps from 0, got {t}")
    _check_same_shape(theta, grad=grad)
    if t == 0:
        sigma_next = grad.abs()
    else:
        if sigma is None:
            raise ValueError(f"sigma is needed at t = {t} > 0")
        _check_same_shape(theta, sigma=sigma)
        sigma_next = torch.sqrt(alpha * sigma**2 + (1 - alpha) * grad**2)
    theta_next = theta - lr * grad / (sigma_next + eps)
    return theta_next, sigma_next
# --8<-- [end:rmsprop_step]


# --8<-- [start:rmsprop]
def rmsprop(
    grad_fn: Callable[[Tensor], Tensor],
    theta0: Tensor,
    lr: float | Tensor,
    steps: int,
    alpha: float | Tensor = 0.9,
    eps: float | Tensor = 1e-8,
) -> Tensor:
    """``steps`` RMSProp steps from ``theta0``.

    Args:
        grad_fn: ``grad_fn(theta)`` returns the gradient at theta.
        theta0: (d,) starting point.
        lr: learning rate η.
        steps: number of steps.
        alpha: as in ``rmsprop_step``.
        eps: as in ``rmsprop_step``.

    Returns:
        The trajectory, a (steps+1, d) tensor whose row 0 is ``theta0``.

    Raises:
        ValueError: if ``theta0`` is not 1-D or ``steps < 0``.
    """
    _check_start(theta0, steps)
    theta = theta0
    sigma = None
    trajectory = [theta0]
    for t in range(steps):
        theta, sigma = rmsprop_step(theta, grad_fn(theta), sigma, t, lr, alpha, eps)
        trajectory.append(theta)
    return torch.stack(trajectory)
# --8<-- [end:rmsprop]


# --8<-- [start:adam_step]
def adam_step(
    theta: Tensor,
    grad: Tensor,
    m: Tensor,
    v: Tensor,
    t: int,
    lr: float | Tensor = 1e-3,
    beta1: float | Tensor = 0.9,
    beta2: float | Tensor = 0.999,
    eps: float | Tensor = 1e-8,
) -> tuple[Tensor, Tensor, Tensor]:
    """One Adam step: momentum plus RMSProp, with bias correction.

    ``m_next = beta1*m + (1-beta1)*grad`` (momentum) and
    ``v_next = beta2*v + (1-beta2)*grad**2`` (a weighted mean of squared
    gradients, like RMSProp's σ²; ``sqrt(v)`` plays the part of σ). Both
    start at zero, so early on they are too small; dividing by
    ``1 - beta**(t+1)`` corrects that: ``m̂ = m_next / (1 - beta1**(t+1))``,
    ``v̂ = v_next / (1 - beta2**(t+1))``. Then
    ``theta_next = theta - lr * m̂ / (sqrt(v̂) + eps)``.

    ``t`` counts from 0, so a run of it equals ``torch.optim.Adam`` with the
    same hyper-parameters. This goes beyond the notes.

    Args:
        theta: parameters θᵗ.
        grad: gradient gᵗ, the shape of ``theta``.
        m: first moment (Adam's ``exp_avg``), zeros at ``t = 0``.
        v: second moment (Adam's ``exp_avg_sq``), zeros at ``t = 0``.
        t: step number, counted from 0.
        lr: learning rate η.
        beta1: decay of the first moment.
        beta2: decay of the second moment.
        eps: keeps the division finite.

    Returns:
        ``(theta_next, m_next, v_next)``, the moments uncorrected.

    Raises:
        ValueError: if the shapes differ or ``t < 0``.
    """
    _check_same_shape(theta, grad=grad, m=m, v=v)
    if t < 0:
        raise ValueError(f"t counts steps from 0, got {t}")
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad**2
    m_hat = m_next / (1 - beta1 ** (t + 1))
    v_hat = v_next / (1 - beta2 ** (t + 1))
    theta_next = theta - lr * m_hat / (torch.sqrt(v_hat) + eps)
    return theta_next, m_next, v_next
# --8<-- [end:adam_step]
