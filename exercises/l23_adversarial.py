"""Lecture 23: 对抗攻击 (adversarial attacks) — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l23_adversarial
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

    Must not call: ``torch.nn.functional.cross_entropy``,
    ``torch.nn.CrossEntropyLoss``, ``torch.nn.functional.nll_loss``,
    ``torch.nn.NLLLoss``, ``torch.nn.functional.log_softmax``,
    ``torch.nn.LogSoftmax``, ``torch.log_softmax``, ``torch.logsumexp``,
    ``torch.special.log_softmax``, ``torch.special.logsumexp``,
    ``torch.Tensor.log_softmax``, ``torch.Tensor.logsumexp`` (the grader stops at
    them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "cross_entropy is not written yet: read Lecture 23: 对抗攻击, exercise “cross_entropy” (docs/l23_adversarial.md#cross_entropy), which builds on the section “无目标攻击”"
    )
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

    Must not call: ``torch.norm``, ``torch.linalg.norm``,
    ``torch.linalg.vector_norm``, ``torch.dist``, ``torch.cdist`` (the grader stops
    at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "distance is not written yet: read Lecture 23: 对抗攻击, exercise “distance” (docs/l23_adversarial.md#distance), which builds on the section “距离：2-范数与无穷范数”"
    )
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
    raise NotImplementedError(
        "project_linf is not written yet: read Lecture 23: 对抗攻击, exercise “project_linf” (docs/l23_adversarial.md#project_linf), which builds on the section “距离：2-范数与无穷范数”"
    )
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
    raise NotImplementedError(
        "untargeted_attack is not written yet: read Lecture 23: 对抗攻击, exercise “untargeted_attack” (docs/l23_adversarial.md#untargeted_attack), which builds on the section “无目标攻击”"
    )
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
    raise NotImplementedError(
        "targeted_attack is not written yet: read Lecture 23: 对抗攻击, exercise “targeted_attack” (docs/l23_adversarial.md#targeted_attack), which builds on the section “有目标攻击”"
    )
# --8<-- [end:targeted_attack]
