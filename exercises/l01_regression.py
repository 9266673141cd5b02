"""《Lecture 1：Regression（回归）》的练习。

把每个 ``raise NotImplementedError(...)`` 换成你自己的代码，然后检查：

    python -m grader check l01_regression

---- English ----

Lecture 1: Regression — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l01_regression
"""

from __future__ import annotations
import torch
from torch import Tensor


# --8<-- [start:mae]
def mae(pred: Tensor, target: Tensor) -> Tensor:
    """平均绝对误差：对所有元素求 ``|pred - target|`` 的平均值。

    参数：
        pred: 预测值，任意形状。
        target: 真实值，形状和 dtype 与 ``pred`` 相同。

    返回：
        一个 0 维张量，对 ``pred`` 和 ``target`` 可微。

    异常：
        ValueError: 形状不同（即使能够广播）或输入为空时。

    禁止调用：``torch.nn.functional.l1_loss``、``torch.nn.L1Loss``（评分器会当场拦下：请
    自己用张量运算写出来）。

    ---- English ----

    Mean absolute error: the mean of ``|pred - target|`` over all elements.

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
        "mae 还没有写：请阅读 Lecture 1：Regression（回归），练习“mae”"
        "（docs/l01_regression.md#mae），它建立在“MAE 与 MSE”一节的基础上。网站上的"
        "位置：http://127.0.0.1:8000/l01_regression/#mae\n"
        "mae is not written yet: read Lecture 1: Regression, exercise “mae” "
        "(docs/l01_regression.en.md#mae), which builds on the section “MAE and MSE”. "
        "On the site: http://127.0.0.1:8000/en/l01_regression/#mae"
    )
# --8<-- [end:mae]


# --8<-- [start:mse]
def mse(pred: Tensor, target: Tensor) -> Tensor:
    """均方误差：对所有元素求 ``(pred - target)**2`` 的平均值。

    笔记里说的是“平方和”；本课程（和 PyTorch 的 ``MSELoss`` 一样）用平均值，
    这样损失不会随样本数增长。

    参数：
        pred: 预测值，任意形状。
        target: 真实值，形状和 dtype 与 ``pred`` 相同。

    返回：
        一个 0 维张量，对 ``pred`` 和 ``target`` 可微。

    异常：
        ValueError: 形状不同（即使能够广播）或输入为空时。

    禁止调用：``torch.nn.functional.mse_loss``、``torch.nn.MSELoss``（评分器会当场拦下：
    请自己用张量运算写出来）。

    ---- English ----

    Mean squared error: the mean of ``(pred - target)**2`` over all elements.

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

    Must not call: ``torch.nn.functional.mse_loss``, ``torch.nn.MSELoss`` (the grader
    stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "mse 还没有写：请阅读 Lecture 1：Regression（回归），练习“mse”"
        "（docs/l01_regression.md#mse），它建立在“MAE 与 MSE”一节的基础上。网站上的"
        "位置：http://127.0.0.1:8000/l01_regression/#mse\n"
        "mse is not written yet: read Lecture 1: Regression, exercise “mse” "
        "(docs/l01_regression.en.md#mse), which builds on the section “MAE and MSE”. "
        "On the site: http://127.0.0.1:8000/en/l01_regression/#mse"
    )
# --8<-- [end:mse]


# --8<-- [start:hard_sigmoid]
def hard_sigmoid(
    x: Tensor,
    c: float | Tensor = 1.0,
    b: float | Tensor = 0.0,
    w: float | Tensor = 1.0,
) -> Tensor:
    """“蓝色曲线”：逐元素计算 ``c * clamp((w*x + b)/6 + 1/2, 0, 1)``。

    一段从 0 升到 ``c`` 的斜坡：先平，再线性上升，然后又平。
    ``c=1, b=0, w=1`` 时它等于 ``torch.nn.functional.hardsigmoid``。
    ``w`` 决定斜坡有多陡（斜率是 ``c*w/6``），``b`` 让它平移
    （斜坡的中点在 ``x = -b/w``），``c`` 决定它的高度。

    参数：
        x: 输入，任意形状。
        c: 斜坡的高度（Python float 或 0 维张量）。
        b: 平移量（Python float 或 0 维张量）。
        w: 斜率（Python float 或 0 维张量）。

    返回：
        形状与 ``x`` 相同的张量，对 ``x`` 可微；``c``、``b``、``w`` 是张量时，
        对它们也可微。

    禁止调用：``torch.nn.functional.hardsigmoid``、``torch.nn.Hardsigmoid``（评分器会当
    场拦下：请自己用张量运算写出来）。

    ---- English ----

    The "blue curve": ``c * clamp((w*x + b)/6 + 1/2, 0, 1)``, elementwise.

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

    Must not call: ``torch.nn.functional.hardsigmoid``, ``torch.nn.Hardsigmoid`` (the
    grader stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "hard_sigmoid 还没有写：请阅读 Lecture 1：Regression（回归），练习"
        "“hard_sigmoid”（docs/l01_regression.md#hard_sigmoid），它建立在“分段线性曲"
        "线 (hard sigmoid)”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l01_regression/#hard_sigmoid\n"
        "hard_sigmoid is not written yet: read Lecture 1: Regression, exercise "
        "“hard_sigmoid” (docs/l01_regression.en.md#hard_sigmoid), which builds on "
        "the section “Piecewise linear curves (hard sigmoid)”. On the site: "
        "http://127.0.0.1:8000/en/l01_regression/#hard_sigmoid"
    )
# --8<-- [end:hard_sigmoid]


# --8<-- [start:piecewise_linear]
def piecewise_linear(x: Tensor, knots_x: Tensor, knots_y: Tensor) -> Tensor:
    """“红色曲线”：穿过 K 个节点的分段线性函数。

    它经过每个点 ``(knots_x[i], knots_y[i])``，在相邻节点之间是线性的，
    在两端之外是常数（左边为 ``knots_y[0]``，右边为 ``knots_y[-1]``）。

    和课上讲的一样，它是一个常数加上 K-1 个 hard sigmoid 斜坡：第 i 段的斜坡
    在 x 从 ``knots_x[i]`` 走到 ``knots_x[i+1]`` 的过程中升高
    ``knots_y[i+1] - knots_y[i]``。

    参数：
        x: 要求值的点，任意形状。
        knots_x: (K,) 严格递增的节点 x 坐标。
        knots_y: (K,) 节点处的函数值。

    返回：
        形状与 ``x`` 相同的张量，对 ``knots_y`` 可微。

    异常：
        ValueError: ``knots_x`` 或 ``knots_y`` 不是 1 维、两者长度不同、K < 2，
            或 ``knots_x`` 不是严格递增时。

    禁止调用：``numpy.interp``（评分器会当场拦下：请自己用张量运算写出来）。

    ---- English ----

    The "red curve": the piecewise-linear function through K knots.

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
        "piecewise_linear 还没有写：请阅读 Lecture 1：Regression（回归），练习"
        "“piecewise_linear”（docs/l01_regression.md#piecewise_linear），它建立在“分"
        "段线性曲线 (hard sigmoid)”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l01_regression/#piecewise_linear\n"
        "piecewise_linear is not written yet: read Lecture 1: Regression, exercise "
        "“piecewise_linear” (docs/l01_regression.en.md#piecewise_linear), which "
        "builds on the section “Piecewise linear curves (hard sigmoid)”. On the "
        "site: http://127.0.0.1:8000/en/l01_regression/#piecewise_linear"
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
    """课上的模型 ``y = b0 + sum_i c_i * a(b_i + sum_j W_ij x_j)``。

    m 个隐藏单元各是一条曲线 ``c_i * a(...)``；模型把它们加起来，
    再加上常数 ``b0``。

    参数：
        x: (N, d) 输入，每行一个样本。
        W: (m, d) 隐藏层的权重。
        b: (m,) 隐藏层的偏置。
        c: (m,) 各条曲线的高度。
        b0: 0 维的常数项。
        activation: ``"sigmoid"``、``"relu"`` 或 ``"hard_sigmoid"``。

    返回：
        (N,) 预测值，对 ``W``、``b``、``c``、``b0`` 可微。

    异常：
        ValueError: 激活函数未知、形状之间对不上，或 ``b0`` 不是 0 维时。

    ---- English ----

    The lecture's model ``y = b0 + sum_i c_i * a(b_i + sum_j W_ij x_j)``.

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
        "one_hidden_layer 还没有写：请阅读 Lecture 1：Regression（回归），练习"
        "“one_hidden_layer”（docs/l01_regression.md#one_hidden_layer），它建立在“神"
        "经网络”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l01_regression/#one_hidden_layer\n"
        "one_hidden_layer is not written yet: read Lecture 1: Regression, exercise "
        "“one_hidden_layer” (docs/l01_regression.en.md#one_hidden_layer), which "
        "builds on the section “Neural networks”. On the site: "
        "http://127.0.0.1:8000/en/l01_regression/#one_hidden_layer"
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
    """一个 epoch 的各个 batch：每个都是样本下标组成的 1 维 int64 张量。

    一个 batch 就是一次参数更新，所以 ``len(result)`` 是这个 epoch 的更新次数。
    不打乱（shuffle）时，各个 batch 是连续的区间
    ``[0..batch_size-1], [batch_size..], ...``。打乱时，把排列
    ``torch.randperm(n, generator=torch.Generator().manual_seed(seed))``
    依次切成若干段（``seed`` 为 None 时，用全局随机状态的 ``torch.randperm(n)``）。
    给了 seed 时，全局随机状态不受影响。

    ``batch_size`` 不整除 ``n`` 时，最后一个 batch 较小；``drop_last`` 时丢掉它
    （所以 ``n < batch_size`` 且 ``drop_last`` 时，一个 batch 也没有）。

    参数：
        n: 样本数。
        batch_size: 每个 batch 的样本数。
        shuffle: 先打乱样本。
        drop_last: 丢掉最后一个较小的 batch。
        seed: 私有随机数生成器的种子（只在 shuffle 时使用）。

    返回：
        各个 batch 组成的列表。

    异常：
        ValueError: ``n < 1`` 或 ``batch_size < 1`` 时。

    禁止调用：``torch.utils.data.DataLoader``、``torch.utils.data.BatchSampler``（评分器
    会当场拦下：请自己用张量运算写出来）。

    ---- English ----

    The batches of one epoch: each a 1-D int64 tensor of sample indices.

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

    Must not call: ``torch.utils.data.DataLoader``, ``torch.utils.data.BatchSampler``
    (the grader stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "minibatches 还没有写：请阅读 Lecture 1：Regression（回归），练习"
        "“minibatches”（docs/l01_regression.md#minibatches），它建立在“迭代(Epoch) "
        "vs 更新(update)”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l01_regression/#minibatches\n"
        "minibatches is not written yet: read Lecture 1: Regression, exercise "
        "“minibatches” (docs/l01_regression.en.md#minibatches), which builds on the "
        "section “Epochs vs updates”. On the site: "
        "http://127.0.0.1:8000/en/l01_regression/#minibatches"
    )
# --8<-- [end:minibatches]
