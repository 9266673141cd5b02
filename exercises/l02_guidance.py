"""Lecture 2: 整体指导 (general guidance) — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l02_guidance
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:kfold]
def kfold(
    n: int,
    k: int,
    *,
    shuffle: bool = False,
    seed: int | None = None,
) -> list[tuple[Tensor, Tensor]]:
    """k-fold cross validation: ``k`` pairs ``(train_idx, val_idx)``.

    The validation folds partition ``range(n)``. Without shuffle fold ``i`` is
    the ``i``-th contiguous block; the first ``n % k`` folds hold
    ``n // k + 1`` samples and the rest ``n // k`` (scikit-learn's ``KFold``
    convention). With shuffle the same blocks are cut from the permutation
    ``torch.randperm(n, generator=torch.Generator().manual_seed(seed))``
    (``torch.randperm(n)`` from the global random state when ``seed`` is None).
    ``train_idx`` is the complement of ``val_idx``. Both are 1-D int64 tensors,
    sorted ascending.

    Args:
        n: number of samples.
        k: number of folds.
        shuffle: shuffle the samples before cutting the folds.
        seed: seed of a private random generator (used only with shuffle).

    Returns:
        A list of ``k`` pairs ``(train_idx, val_idx)``.

    Raises:
        ValueError: if ``k < 2`` or ``k > n``.
    """
    raise NotImplementedError(
        "kfold is not written yet: read Lecture 2: 整体指导, exercise “kfold” (docs/l02_guidance.md#kfold), which builds on the section “交叉验证”"
    )
# --8<-- [end:kfold]


# --8<-- [start:cross_validation_loss]
def cross_validation_loss(
    fit: Callable[[Tensor, Tensor], Callable[[Tensor], Tensor]],
    loss: Callable[[Tensor, Tensor], Tensor],
    x: Tensor,
    y: Tensor,
    k: int,
) -> Tensor:
    """The mean validation loss of k-fold cross validation.

    For each of the ``k`` folds of ``kfold(len(x), k)`` (no shuffle), fit a
    model on the training part, ``model = fit(x[train], y[train])``, and
    measure ``loss(model(x[val]), y[val])`` on the validation part. The result
    is the mean of these ``k`` losses.

    Args:
        fit: trains a model on ``(x, y)`` and returns it as a callable.
        loss: ``loss(pred, target)``, a 0-dim tensor.
        x: inputs, one sample per row (first dimension).
        y: targets, one per sample.
        k: number of folds.

    Returns:
        A 0-dim tensor.

    Raises:
        ValueError: if ``x`` and ``y`` hold different numbers of samples
            (and those of ``kfold``).
    """
    raise NotImplementedError(
        "cross_validation_loss is not written yet: read Lecture 2: 整体指导, exercise “cross_validation_loss” (docs/l02_guidance.md#cross_validation_loss), which builds on the section “交叉验证”"
    )
# --8<-- [end:cross_validation_loss]
