"""Lecture 1: Regression — reference solutions.

Losses (MAE, MSE), the "blue curve" (hard sigmoid), the "red curve" (a
piecewise-linear function built from hard sigmoids), the one-hidden-layer model,
and the batches of one epoch.
"""

from __future__ import annotations

import torch
from torch import Tensor


def _check_same_shape(pred: Tensor, target: Tensor) -> None:
    # Broadcasting (N,) against (N, 1) silently builds an (N, N) matrix of
    # errors: a classic bug, so any shape difference is an error here.
    if pred.shape != target.shape:
        raise ValueError(
            f"pred has shape {tuple(pred.shape)} but target has shape "
            f"{tuple(target.shape)}: they must be exactly the same"
        )
    if pred.numel() == 0:
        raise ValueError("pred and target are empty: the mean of no errors is undefined")


# --8<-- [start:mae]
def mae(pred: Tensor, target: Tensor) -> Tensor:
    """Mean absolute error: the mean of ``|pred - target|`` over all elements.

    Args:
        pred: predictions, any shape.
        target: true values, the same shape and dtype as ``pred``.

    Returns:
        A 0-dim tensor, differentiable in ``pred`` and ``target``.

    Raises:
        ValueError: if the shapes differ (even if they would broadcast) or the
            inputs are empty.
    """
    _check_same_shape(pred, target)
    return (pred - target).abs().mean()
# --8<-- [end:mae]


# --8<-- [start:mse]
def mse(pred: Tensor, target: Tensor) -> Tensor:
    """Mean squared error: the mean of ``(pred - target)**2`` over all elements.

    The notes say "sum of squares"; the course (like PyTorch's ``MSELoss``)
    uses the mean, so the loss does not grow with the number of samples.

    Args:
        pred: predictions, any shape.
        target: true values, the same shape and dtype as ``pred``.

    Returns:
        A 0-dim tensor, differentiable in ``pred`` and ``target``.

    Raises:
        ValueError: if the shapes differ (even if they would broadcast) or the
            inputs are empty.
    """
    _check_same_shape(pred, target)
    return ((pred - target) ** 2).mean()
# --8<-- [end:mse]


# --8<-- [start:hard_sigmoid]
def hard_sigmoid(
    x: Tensor,
    c: float | Tensor = 1.0,
    b: float | Tensor = 0.0,
    w: float | Tensor = 1.0,
) -> Tensor:
    """The "blue curve": ``c * clamp((w*x + b)/6 + 1/2, 0, 1)``, elementwise.

    A ramp from 0 up to ``c``: flat, then linear, then flat again. With
    ``c=1, b=0, w=1`` it equals ``torch.nn.functional.hardsigmoid``.
    ``w`` sets the steepness of the ramp (its slope is ``c*w/6``), ``b``
    shifts it (its middle is at ``x = -b/w``), ``c`` sets its height.

    Args:
        x: input, any shape.
        c: height of the ramp (Python float or 0-dim tensor).
        b: shift (Python float or 0-dim tensor).
        w: slope (Python float or 0-dim tensor).

    Returns:
        A tensor of the shape of ``x``, differentiable in ``x`` and in
        ``c``, ``b``, ``w`` where they are tensors.
    """
    return c * torch.clamp((w * x + b) / 6 + 0.5, 0.0, 1.0)
# --8<-- [end:hard_sigmoid]


# --8<-- [start:piecewise_linear]
def piecewise_linear(x: Tensor, knots_x: Tensor, knots_y: Tensor) -> Tensor:
    """The "red curve": the piecewise-linear function through K knots.

    It passes through every point ``(knots_x[i], knots_y[i])``, is linear
    between neighbouring knots, and is constant beyond both ends
    (``knots_y[0]`` on the left, ``knots_y[-1]`` on the right).

    As in the lecture, it is a constant plus K-1 hard-sigmoid ramps: the ramp
    of segment i climbs by ``knots_y[i+1] - knots_y[i]`` while x goes from
    ``knots_x[i]`` to ``knots_x[i+1]``.

    Args:
        x: points to evaluate at, any shape.
        knots_x: (K,) strictly increasing x positions of the knots.
        knots_y: (K,) values at the knots.

    Returns:
        A tensor of the shape of ``x``, differentiable in ``knots_y``.

    Raises:
        ValueError: if ``knots_x`` or ``knots_y`` is not 1-D, their lengths
            differ, K < 2, or ``knots_x`` is not strictly increasing.
    """
    if knots_x.ndim != 1 or knots_y.ndim != 1:
        raise ValueError(
            f"knots_x and knots_y must be 1-D, got shapes {tuple(knots_x.shape)} "
            f"and {tuple(knots_y.shape)}"
        )
    if len(knots_x) != len(knots_y):
        raise ValueError(f"{len(knots_x)} knots_x but {len(knots_y)} knots_y: one y per x")
    if len(knots_x) < 2:
        raise ValueError(f"need at least 2 knots to draw a line, got {len(knots_x)}")
    if not bool((knots_x[1:] > knots_x[:-1]).all()):
        raise ValueError("knots_x must be strictly increasing")

    x0, x1 = knots_x[:-1], knots_x[1:]
    heights = knots_y[1:] - knots_y[:-1]
    # hard_sigmoid(x, c, b, w) climbs from 0 to c while (w*x + b)/6 + 1/2 goes
    # from 0 to 1, i.e. while x goes from x0 to x1 when:
    w = 6 / (x1 - x0)
    b = -3 - w * x0
    ramps = hard_sigmoid(x.unsqueeze(-1), c=heights, b=b, w=w)  # (..., K-1)
    return knots_y[0] + ramps.sum(dim=-1)
# --8<-- [end:piecewise_linear]


_ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "hard_sigmoid": hard_sigmoid,
}


# --8<-- [start:one_hidden_layer]
def one_hidden_layer(
    x: Tensor,
    W: Tensor,
    b: Tensor,
    c: Tensor,
    b0: Tensor,
    activation: str = "sigmoid",
) -> Tensor:
    """The lecture's model ``y = b0 + sum_i c_i * a(b_i + sum_j W_ij x_j)``.

    Each of the m hidden units is one curve ``c_i * a(...)``; the model adds
    them up, plus a constant ``b0``.

    Args:
        x: (N, d) inputs, one row per sample.
        W: (m, d) weights of the hidden layer.
        b: (m,) biases of the hidden layer.
        c: (m,) heights of the curves.
        b0: 0-dim constant term.
        activation: ``"sigmoid"``, ``"relu"`` or ``"hard_sigmoid"``.

    Returns:
        (N,) predictions, differentiable in ``W``, ``b``, ``c``, ``b0``.

    Raises:
        ValueError: for an unknown activation, shapes that do not fit together,
            or ``b0`` not 0-dim.
    """
    if activation not in _ACTIVATIONS:
        raise ValueError(
            f"unknown activation {activation!r}: use one of {sorted(_ACTIVATIONS)}"
        )
    if x.ndim != 2 or W.ndim != 2:
        raise ValueError(
            f"x must be (N, d) and W (m, d), got {tuple(x.shape)} and {tuple(W.shape)}"
        )
    m, d = W.shape
    if x.shape[1] != d:
        raise ValueError(f"x has {x.shape[1]} features but W expects {d}")
    if b.shape != (m,) or c.shape != (m,):
        raise ValueError(
            f"b and c must both be ({m},) for {m} hidden units, "
            f"got {tuple(b.shape)} and {tuple(c.shape)}"
        )
    if b0.ndim != 0:
        raise ValueError(f"b0 must be 0-dim, got shape {tuple(b0.shape)}")

    hidden = _ACTIVATIONS[activation](x @ W.T + b)  # (N, m)
    return b0 + hidden @ c
# --8<-- [end:one_hidden_layer]


# --8<-- [start:minibatches]
def minibatches(
    n: int,
    batch_size: int,
    *,
    shuffle: bool = True,
    drop_last: bool = False,
    seed: int | None = None,
) -> list[Tensor]:
    """The batches of one epoch: each a 1-D int64 tensor of sample indices.

    One batch is one parameter update, so ``len(result)`` is the number of
    updates in the epoch. Without shuffle the batches are consecutive ranges
    ``[0..batch_size-1], [batch_size..], ...``. With shuffle they cut the
    permutation ``torch.randperm(n, generator=torch.Generator().manual_seed(seed))``
    into consecutive pieces (``torch.randperm(n)`` from the global random state
    when ``seed`` is None). With a seed the global random state is untouched.

    The last batch is smaller when ``batch_size`` does not divide ``n``; it is
    dropped when ``drop_last`` (so ``n < batch_size`` with ``drop_last`` gives
    no batch at all).

    Args:
        n: number of samples.
        batch_size: samples per batch.
        shuffle: shuffle the samples first.
        drop_last: drop a last, smaller batch.
        seed: seed of a private random generator (used only with shuffle).

    Returns:
        The list of batches.

    Raises:
        ValueError: if ``n < 1`` or ``batch_size < 1``.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")

    if not shuffle:
        order = torch.arange(n)
    elif seed is None:
        order = torch.randperm(n)
    else:
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))

    batches = [order[start : start + batch_size] for start in range(0, n, batch_size)]
    if drop_last and len(batches[-1]) < batch_size:
        batches.pop()
    return batches
# --8<-- [end:minibatches]
