"""《Lecture 2：整体指导》的练习。

把每个 ``raise NotImplementedError(...)`` 换成你自己的代码，然后检查：

    python -m grader check l02_guidance

---- English ----

Lecture 2: General guidance — exercises.

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
    """k 折交叉验证：``k`` 对 ``(train_idx, val_idx)``。

    各个验证折恰好划分 ``range(n)``。不打乱时，第 ``i`` 折是第 ``i`` 个连续块；
    前 ``n % k`` 折各有 ``n // k + 1`` 个样本，其余各有 ``n // k`` 个
    （scikit-learn 的 ``KFold`` 的约定）。打乱时，同样的块从排列
    ``torch.randperm(n, generator=torch.Generator().manual_seed(seed))`` 中切出
    （``seed`` 为 None 时，用全局随机状态的 ``torch.randperm(n)``）。
    ``train_idx`` 是 ``val_idx`` 的补集。两者都是按升序排列的 1 维 int64 张量。

    参数：
        n: 样本数。
        k: 折数。
        shuffle: 切分之前先打乱样本。
        seed: 私有随机数生成器的种子（只在 shuffle 时使用）。

    返回：
        ``k`` 对 ``(train_idx, val_idx)`` 组成的列表。

    异常：
        ValueError: ``k < 2`` 或 ``k > n`` 时。

    ---- English ----

    k-fold cross validation: ``k`` pairs ``(train_idx, val_idx)``.

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
        "kfold 还没有写：请阅读 Lecture 2：整体指导，练习“kfold”"
        "（docs/l02_guidance.md#kfold），它建立在“交叉验证”一节的基础上。网站上的位"
        "置：http://127.0.0.1:8000/l02_guidance/#kfold\n"
        "kfold is not written yet: read Lecture 2: General guidance, exercise "
        "“kfold” (docs/l02_guidance.en.md#kfold), which builds on the section "
        "“Cross-validation”. On the site: "
        "http://127.0.0.1:8000/en/l02_guidance/#kfold"
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
    """k 折交叉验证的平均验证损失。

    对 ``kfold(len(x), k)``（不打乱）的 ``k`` 折中的每一折，在训练部分上拟合一个模型
    ``model = fit(x[train], y[train])``，再在验证部分上计算
    ``loss(model(x[val]), y[val])``。结果是这 ``k`` 个损失的平均值。

    参数：
        fit: 在 ``(x, y)`` 上训练一个模型，并以可调用对象的形式返回它。
        loss: ``loss(pred, target)``，一个 0 维张量。
        x: 输入，每行（第一维）一个样本。
        y: 目标值，每个样本一个。
        k: 折数。

    返回：
        一个 0 维张量。

    异常：
        ValueError: ``x`` 和 ``y`` 的样本数不同时（以及 ``kfold`` 的那些情况）。

    ---- English ----

    The mean validation loss of k-fold cross validation.

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
        "cross_validation_loss 还没有写：请阅读 Lecture 2：整体指导，练习"
        "“cross_validation_loss”（docs/l02_guidance.md#cross_validation_loss），它建"
        "立在“交叉验证”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l02_guidance/#cross_validation_loss\n"
        "cross_validation_loss is not written yet: read Lecture 2: General guidance, "
        "exercise “cross_validation_loss” "
        "(docs/l02_guidance.en.md#cross_validation_loss), which builds on the "
        "section “Cross-validation”. On the site: "
        "http://127.0.0.1:8000/en/l02_guidance/#cross_validation_loss"
    )
# --8<-- [end:cross_validation_loss]
