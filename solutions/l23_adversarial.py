"""Lecture 23: 对抗攻击 (adversarial attacks) — reference solutions.

An attack looks for an input x close to the original x⁰ (``d(x⁰, x) ≤ ε``)
that the classifier gets wrong: untargeted (any wrong class, by making the
loss of the true class large) or targeted (one chosen class).
"""

from __future__ import annotations

from typing import Callable

import torch
from torch import Tensor


# --8<-- [start:cross_entropy]
def cross_entropy(logits: Tensor, target: Tensor) -> Tensor:
    """Cross entropy ``e(logits, target)``: the batch mean of ``-log softmax(logits[n])[target[n]]``.

    The model's output comes first and the class second, as in the notes' ``e(y, ŷ)``
    (there ``y = f(x)`` is the output) and in ``e(model(x), y)`` of the attacks below.

    Written with the log-sum-exp trick, ``log Σ exp(z) = M + log Σ exp(z - M)``
    with ``M = max z``, so that logits as large as ±1e4 give finite, exact
    results (a naive ``exp(1e4)`` overflows to inf).

    Args:
        logits: (N, C) floating scores, one row per sample.
        target: (N,) int64 class indices in ``[0, C)``.

    Returns:
        A 0-dim tensor, differentiable in ``logits``.

    Raises:
        ValueError: if the shapes are wrong (N = 0 included), ``target`` is
            not int64, or a target is out of range.
    """
    if logits.ndim != 2 or logits.shape[0] == 0 or logits.shape[1] == 0:
        raise ValueError(f"logits must be (N, C) with N, C >= 1, got shape {tuple(logits.shape)}")
    if target.shape != logits.shape[:1]:
        raise ValueError(
            f"target must be ({logits.shape[0]},), one class per row of logits, "
            f"got shape {tuple(target.shape)}"
        )
    if target.dtype != torch.int64:
        raise ValueError(f"target must hold int64 class indices, got {target.dtype}")
    n_classes = logits.shape[1]
    if bool(((target < 0) | (target >= n_classes)).any()):
        raise ValueError(f"targets must lie in [0, {n_classes}), got {target.tolist()}")

    # The shift cancels out of the result, so no gradient needs to flow through it.
    shift = logits.max(dim=1, keepdim=True).values.detach()
    shifted = logits - shift
    log_sum_exp = torch.log(torch.exp(shifted).sum(dim=1))
    true_class = shifted.gather(1, target.unsqueeze(1)).squeeze(1)
    return (log_sum_exp - true_class).mean()
# --8<-- [end:cross_entropy]


# --8<-- [start:distance]
def distance(x0: Tensor, x: Tensor, norm: str) -> Tensor:
    """Per-sample distance between two batches of the same shape (N, ...).

    Each sample is flattened to a vector Δ = x - x0 (for (N,) inputs each
    sample is a single number), then:

    - ``norm="l2"``: ``sqrt(Σ Δ²)``. The notes' "平方和" (sum of squares) is
      its square.
    - ``norm="linf"``: ``max |Δ|``, the largest change of any one pixel,
      closer to what a human eye notices.

    Args:
        x0: (N, ...) original samples, at least 1-D.
        x: (N, ...) changed samples, the shape of ``x0``.
        norm: ``"l2"`` or ``"linf"``.

    Returns:
        (N,) distances.

    Raises:
        ValueError: for another norm, or shapes that differ.
    """
    if norm not in ("l2", "linf"):
        raise ValueError(f"unknown norm {norm!r}: use 'l2' or 'linf'")
    if x0.shape != x.shape:
        raise ValueError(f"x0 has shape {tuple(x0.shape)} but x has {tuple(x.shape)}")
    if x.ndim == 0:
        raise ValueError("x0 and x must be batches, at least 1-D")
    delta = x - x0
    delta = delta.flatten(start_dim=1) if delta.ndim > 1 else delta.unsqueeze(1)
    if norm == "l2":
        return torch.sqrt((delta**2).sum(dim=1))
    return delta.abs().amax(dim=1)
# --8<-- [end:distance]


# --8<-- [start:project_linf]
def project_linf(x: Tensor, x0: Tensor, eps: float | Tensor) -> Tensor:
    """The point nearest to ``x`` that is within ``eps`` of ``x0`` and a valid image.

    The constraint ``max |x - x0| <= eps`` and the pixel range ``[0, 1]`` are
    both boxes, one interval per element, so the nearest point clips each
    element: first into ``[x0 - eps, x0 + eps]``, then into ``[0, 1]``
    (``x0`` lies in ``[0, 1]``, so the two intervals overlap).

    Args:
        x: the point to project, any shape.
        x0: the original image, the shape of ``x``, elements in ``[0, 1]``.
        eps: the radius ε ≥ 0.

    Returns:
        The projected point, the shape of ``x``.

    Raises:
        ValueError: if the shapes differ or ``eps < 0``.
    """
    if x.shape != x0.shape:
        raise ValueError(f"x has shape {tuple(x.shape)} but x0 has {tuple(x0.shape)}")
    if eps < 0:
        raise ValueError(f"eps must be >= 0, got {eps}")
    return torch.clamp(torch.clamp(x, x0 - eps, x0 + eps), 0.0, 1.0)
# --8<-- [end:project_linf]


# --8<-- [start:untargeted_attack]
def untargeted_attack(
    model: Callable[[Tensor], Tensor],
    x0: Tensor,
    y: Tensor,
    eps: float,
    alpha: float,
    steps: int,
) -> Tensor:
    """Untargeted attack: iterative FGSM without random start.

    Push the loss of the true class up: ``x⁰ = x0``, then
    ``xᵗ⁺¹ = project_linf(xᵗ + alpha * sign(∇ₓ e(model(xᵗ), y)), x0, eps)``,
    where ``e`` is ``cross_entropy``.
    ``x0`` and the model's parameters keep their values.

    Args:
        model: maps a batch of images to (N, C) logits.
        x0: (N, ...) original images, pixels in ``[0, 1]``.
        y: (N,) int64 true classes.
        eps: the L∞ radius ε.
        alpha: the size of one step.
        steps: number of steps.

    Returns:
        ``x^steps``, detached from the graph.
    """
    x = x0.detach().clone()
    for _ in range(steps):
        x.requires_grad_(True)
        loss = cross_entropy(model(x), y)
        (grad,) = torch.autograd.grad(loss, x)
        x = project_linf(x.detach() + alpha * grad.sign(), x0.detach(), eps)
    return x.detach()
# --8<-- [end:untargeted_attack]


# --8<-- [start:targeted_attack]
def targeted_attack(
    model: Callable[[Tensor], Tensor],
    x0: Tensor,
    y: Tensor,
    y_target: Tensor,
    eps: float,
    alpha: float,
    steps: int,
) -> Tensor:
    """Targeted attack: make the model answer ``y_target``.

    Minimise ``L(x) = -e(model(x), y) + e(model(x), y_target)``, ``e`` being
    ``cross_entropy`` (the notes' ``-e(y, ŷ) + e(y, y^target)`` with ``y = f(x)``): far from the
    true class, close to the target class, subject to ``max |x - x0| <= eps``
    and pixels in ``[0, 1]``. From ``x⁰ = x0``:
    ``xᵗ⁺¹ = project_linf(xᵗ - alpha * sign(∇ₓ L(xᵗ)), x0, eps)``.
    ``x0`` and the model's parameters keep their values.

    Args:
        model: maps a batch of images to (N, C) logits.
        x0: (N, ...) original images, pixels in ``[0, 1]``.
        y: (N,) int64 true classes.
        y_target: (N,) int64 classes to reach.
        eps: the L∞ radius ε.
        alpha: the size of one step.
        steps: number of steps.

    Returns:
        ``x^steps``, detached from the graph.
    """
    x = x0.detach().clone()
    for _ in range(steps):
        x.requires_grad_(True)
        logits = model(x)
        loss = -cross_entropy(logits, y) + cross_entropy(logits, y_target)
        (grad,) = torch.autograd.grad(loss, x)
        x = project_linf(x.detach() - alpha * grad.sign(), x0.detach(), eps)
    return x.detach()
# --8<-- [end:targeted_attack]
