"""Lecture 1: Regression — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l01_regression
"""

from __future__ import annotations
import torch
from torch import Tensor


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

    Must not call: ``torch.nn.functional.l1_loss``, ``torch.nn.L1Loss`` (the grader
    stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "mae is not written yet: read Lecture 1: Regression, exercise “mae” (docs/l01_regression.md#mae), which builds on the section “MAE 与 MSE”"
    )
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

    Must not call: ``torch.nn.functional.mse_loss``, ``torch.nn.MSELoss`` (the
    grader stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "mse is not written yet: read Lecture 1: Regression, exercise “mse” (docs/l01_regression.md#mse), which builds on the section “MAE 与 MSE”"
    )
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

    Must not call: ``torch.nn.functional.hardsigmoid``, ``torch.nn.Hardsigmoid``
    (the grader stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "hard_sigmoid is not written yet: read Lecture 1: Regression, exercise “hard_sigmoid” (docs/l01_regression.md#hard_sigmoid), which builds on the section “分段线性曲线 (hard sigmoid)”"
    )
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

    Must not call: ``numpy.interp`` (the grader stops at it: write it with tensor
    operations yourself).
    """
    raise NotImplementedError(
        "piecewise_linear is not written yet: read Lecture 1: Regression, exercise “piecewise_linear” (docs/l01_regression.md#piecewise_linear), which builds on the section “分段线性曲线 (hard sigmoid)”"
    )
# --8<-- [end:piecewise_linear]


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
    raise NotImplementedError(
        "one_hidden_layer is not written yet: read Lecture 1: Regression, exercise “one_hidden_layer” (docs/l01_regression.md#one_hidden_layer), which builds on the section “神经网络”"
    )
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

    Must not call: ``torch.utils.data.DataLoader``,
    ``torch.utils.data.BatchSampler`` (the grader stops at them: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "minibatches is not written yet: read Lecture 1: Regression, exercise “minibatches” (docs/l01_regression.md#minibatches), which builds on the section “迭代(Epoch) vs 更新(update)”"
    )
# --8<-- [end:minibatches]
