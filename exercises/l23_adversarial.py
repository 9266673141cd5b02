"""《Lecture 23：对抗攻击》的练习。

把每个 ``raise NotImplementedError(...)`` 换成你自己的代码，然后检查：

    python -m grader check l23_adversarial

---- English ----

Lecture 23: Adversarial attacks — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l23_adversarial
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:cross_entropy]
def cross_entropy(logits: Tensor, target: Tensor) -> Tensor:
    """交叉熵 ``e(logits, target)``：``-log softmax(logits[n])[target[n]]`` 在 batch 上的平均值。

    模型的输出在前、类别在后，和笔记中的 ``e(y, ŷ)``（其中 ``y = f(x)`` 是输出）
    以及下面攻击中的 ``e(model(x), y)`` 一致。

    用 log-sum-exp 技巧来写：``log Σ exp(z) = M + log Σ exp(z - M)``，
    其中 ``M = max z``，这样 logits 大到 ±1e4 时结果仍然有限且精确
    （直接算 ``exp(1e4)`` 会溢出成 inf）。

    参数：
        logits: (N, C) 浮点分数，每行一个样本。
        target: (N,) int64 类别下标，取值在 ``[0, C)`` 内。

    返回：
        一个 0 维张量，对 ``logits`` 可微。

    异常：
        ValueError: 形状不对（包括 N = 0）、``target`` 不是 int64，
            或某个目标类别越界时。

    禁止调用：``torch.nn.functional.cross_entropy``、``torch.nn.CrossEntropyLoss``、
    ``torch.nn.functional.nll_loss``、``torch.nn.NLLLoss``、
    ``torch.nn.functional.log_softmax``、``torch.nn.LogSoftmax``、
    ``torch.log_softmax``、``torch.logsumexp``、``torch.special.log_softmax``、
    ``torch.special.logsumexp``、``torch.Tensor.log_softmax``、
    ``torch.Tensor.logsumexp``（评分器会当场拦下：请自己用张量运算写出来）。

    ---- English ----

    Cross entropy ``e(logits, target)``: the batch mean of ``-log softmax(logits[n])[target[n]]``.

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

    Must not call: ``torch.nn.functional.cross_entropy``, ``torch.nn.CrossEntropyLoss``,
    ``torch.nn.functional.nll_loss``, ``torch.nn.NLLLoss``,
    ``torch.nn.functional.log_softmax``, ``torch.nn.LogSoftmax``, ``torch.log_softmax``,
    ``torch.logsumexp``, ``torch.special.log_softmax``, ``torch.special.logsumexp``,
    ``torch.Tensor.log_softmax``, ``torch.Tensor.logsumexp`` (the grader stops at them:
    write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "cross_entropy 还没有写：请阅读 Lecture 23：对抗攻击，练习“cross_entropy”"
        "（docs/l23_adversarial.md#cross_entropy），它建立在“无目标攻击”一节的基础"
        "上。网站上的位置：http://127.0.0.1:8000/l23_adversarial/#cross_entropy\n"
        "cross_entropy is not written yet: read Lecture 23: Adversarial attacks, "
        "exercise “cross_entropy” (docs/l23_adversarial.en.md#cross_entropy), which "
        "builds on the section “Untargeted attacks”. On the site: "
        "http://127.0.0.1:8000/en/l23_adversarial/#cross_entropy"
    )
# --8<-- [end:cross_entropy]


# --8<-- [start:distance]
def distance(x0: Tensor, x: Tensor, norm: str) -> Tensor:
    """两批形状相同 (N, ...) 的样本之间逐个样本的距离。

    每个样本展平成向量 Δ = x - x0（(N,) 输入的每个样本就是一个数），然后：

    - ``norm="l2"``：``sqrt(Σ Δ²)``。笔记里的“平方和”是它的平方。
    - ``norm="linf"``：``max |Δ|``，任何一个像素的最大改变量，
      更接近人眼能察觉到的差别。

    参数：
        x0: (N, ...) 原始样本，至少 1 维。
        x: (N, ...) 改动后的样本，形状与 ``x0`` 相同。
        norm: ``"l2"`` 或 ``"linf"``。

    返回：
        (N,) 距离。

    异常：
        ValueError: norm 为其他值，或形状不同时。

    禁止调用：``torch.norm``、``torch.linalg.norm``、``torch.linalg.vector_norm``、
    ``torch.dist``、``torch.cdist``（评分器会当场拦下：请自己用张量运算写出来）。

    ---- English ----

    Per-sample distance between two batches of the same shape (N, ...).

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

    Must not call: ``torch.norm``, ``torch.linalg.norm``, ``torch.linalg.vector_norm``,
    ``torch.dist``, ``torch.cdist`` (the grader stops at them: write it with tensor
    operations yourself).
    """
    raise NotImplementedError(
        "distance 还没有写：请阅读 Lecture 23：对抗攻击，练习“distance”"
        "（docs/l23_adversarial.md#distance），它建立在“距离：2-范数与无穷范数”一节"
        "的基础上。网站上的位置：http://127.0.0.1:8000/l23_adversarial/#distance\n"
        "distance is not written yet: read Lecture 23: Adversarial attacks, exercise "
        "“distance” (docs/l23_adversarial.en.md#distance), which builds on the "
        "section “Distance: the 2-norm and the infinity norm”. On the site: "
        "http://127.0.0.1:8000/en/l23_adversarial/#distance"
    )
# --8<-- [end:distance]


# --8<-- [start:project_linf]
def project_linf(x: Tensor, x0: Tensor, eps: float | Tensor) -> Tensor:
    """离 ``x`` 最近的、与 ``x0`` 相差不超过 ``eps`` 且是合法图像的点。

    约束 ``max |x - x0| <= eps`` 和像素范围 ``[0, 1]`` 都是盒子（每个元素一个区间），
    所以最近的点就是逐元素截断：先截到 ``[x0 - eps, x0 + eps]``，再截到 ``[0, 1]``
    （``x0`` 在 ``[0, 1]`` 内，所以两个区间有交集）。

    参数：
        x: 要投影的点，任意形状。
        x0: 原始图像，形状与 ``x`` 相同，元素在 ``[0, 1]`` 内。
        eps: 半径 ε ≥ 0。

    返回：
        投影后的点，形状与 ``x`` 相同。

    异常：
        ValueError: 形状不同或 ``eps < 0`` 时。

    ---- English ----

    The point nearest to ``x`` that is within ``eps`` of ``x0`` and a valid image.

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
        "project_linf 还没有写：请阅读 Lecture 23：对抗攻击，练习“project_linf”"
        "（docs/l23_adversarial.md#project_linf），它建立在“距离：2-范数与无穷范数”"
        "一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l23_adversarial/#project_linf\n"
        "project_linf is not written yet: read Lecture 23: Adversarial attacks, "
        "exercise “project_linf” (docs/l23_adversarial.en.md#project_linf), which "
        "builds on the section “Distance: the 2-norm and the infinity norm”. On the "
        "site: http://127.0.0.1:8000/en/l23_adversarial/#project_linf"
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
    """无目标攻击：不带随机起点的迭代 FGSM。

    把真实类别的损失往上推：``x⁰ = x0``，然后
    ``xᵗ⁺¹ = project_linf(xᵗ + alpha * sign(∇ₓ e(model(xᵗ), y)), x0, eps)``，
    其中 ``e`` 是 ``cross_entropy``。
    ``x0`` 和模型的参数保持原值。

    参数：
        model: 把一批图像映射为 (N, C) 的 logits。
        x0: (N, ...) 原始图像，像素在 ``[0, 1]`` 内。
        y: (N,) int64 真实类别。
        eps: L∞ 半径 ε。
        alpha: 每一步的大小。
        steps: 步数。

    返回：
        ``x^steps``，已从计算图上分离（detach）。

    ---- English ----

    Untargeted attack: iterative FGSM without random start.

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
        "untargeted_attack 还没有写：请阅读 Lecture 23：对抗攻击，练习"
        "“untargeted_attack”（docs/l23_adversarial.md#untargeted_attack），它建立在"
        "“无目标攻击”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l23_adversarial/#untargeted_attack\n"
        "untargeted_attack is not written yet: read Lecture 23: Adversarial attacks, "
        "exercise “untargeted_attack” "
        "(docs/l23_adversarial.en.md#untargeted_attack), which builds on the section "
        "“Untargeted attacks”. On the site: "
        "http://127.0.0.1:8000/en/l23_adversarial/#untargeted_attack"
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
    """有目标攻击：让模型回答 ``y_target``。

    最小化 ``L(x) = -e(model(x), y) + e(model(x), y_target)``，其中 ``e`` 是
    ``cross_entropy``（即笔记中 ``y = f(x)`` 时的 ``-e(y, ŷ) + e(y, y^target)``）：
    离真实类别远，离目标类别近，同时满足 ``max |x - x0| <= eps`` 且像素在
    ``[0, 1]`` 内。从 ``x⁰ = x0`` 开始：
    ``xᵗ⁺¹ = project_linf(xᵗ - alpha * sign(∇ₓ L(xᵗ)), x0, eps)``。
    ``x0`` 和模型的参数保持原值。

    参数：
        model: 把一批图像映射为 (N, C) 的 logits。
        x0: (N, ...) 原始图像，像素在 ``[0, 1]`` 内。
        y: (N,) int64 真实类别。
        y_target: (N,) int64 要达到的类别。
        eps: L∞ 半径 ε。
        alpha: 每一步的大小。
        steps: 步数。

    返回：
        ``x^steps``，已从计算图上分离（detach）。

    ---- English ----

    Targeted attack: make the model answer ``y_target``.

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
        "targeted_attack 还没有写：请阅读 Lecture 23：对抗攻击，练习"
        "“targeted_attack”（docs/l23_adversarial.md#targeted_attack），它建立在“有目"
        "标攻击”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l23_adversarial/#targeted_attack\n"
        "targeted_attack is not written yet: read Lecture 23: Adversarial attacks, "
        "exercise “targeted_attack” (docs/l23_adversarial.en.md#targeted_attack), "
        "which builds on the section “Targeted attacks”. On the site: "
        "http://127.0.0.1:8000/en/l23_adversarial/#targeted_attack"
    )
# --8<-- [end:targeted_attack]
