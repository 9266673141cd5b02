"""《Lecture 5：有适应性的学习率》的练习。

把每个 ``raise NotImplementedError(...)`` 换成你自己的代码，然后检查：

    python -m grader check l05_adaptive_lr

---- English ----

Lecture 5: Adaptive learning rates — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l05_adaptive_lr
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:adagrad_step]
def adagrad_step(
    theta: Tensor,
    grad: Tensor,
    sq_sum: Tensor,
    t: int,
    lr: float | Tensor,
    eps: float | Tensor = 1e-8,
) -> tuple[Tensor, Tensor]:
    """Adagrad 的一步，用笔记中的均方根形式。

    ``sq_sum`` 是 ``Σ_{j<t} (gʲ)²``（``t = 0`` 时为零）。然后
    ``sq_sum_next = sq_sum + grad**2``，``σ = sqrt(sq_sum_next / (t+1))``，
    ``theta_next = theta - lr * grad / (σ + eps)``。

    过去梯度大的地方 σ 大，步子就小。

    参数：
        theta: 参数 θᵗ。
        grad: 梯度 gᵗ，形状与 ``theta`` 相同。
        sq_sum: 之前各个梯度的平方和。
        t: 步数编号，从 0 开始。
        lr: 学习率 η。
        eps: 在 σ = 0 处让除法保持有限。

    返回：
        ``(theta_next, sq_sum_next)``。

    异常：
        ValueError: 形状不同或 ``t < 0`` 时。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    One Adagrad step in the notes' root-mean-square form.

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

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "adagrad_step 还没有写：请阅读 Lecture 5：有适应性的学习率，练习"
        "“adagrad_step”（docs/l05_adaptive_lr.md#adagrad_step），它建立在“Adagrad”一"
        "节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l05_adaptive_lr/#adagrad_step\n"
        "adagrad_step is not written yet: read Lecture 5: Adaptive learning rates, "
        "exercise “adagrad_step” (docs/l05_adaptive_lr.en.md#adagrad_step), which "
        "builds on the section “Adagrad”. On the site: "
        "http://127.0.0.1:8000/en/l05_adaptive_lr/#adagrad_step"
    )
# --8<-- [end:adagrad_step]


# --8<-- [start:adagrad]
def adagrad(
    grad_fn: Callable[[Tensor], Tensor],
    theta0: Tensor,
    lr: float | Tensor,
    steps: int,
    eps: float | Tensor = 1e-8,
) -> Tensor:
    """从 ``theta0`` 出发的 ``steps`` 步 Adagrad。

    参数：
        grad_fn: ``grad_fn(theta)`` 返回 theta 处的梯度。
        theta0: (d,) 起点。
        lr: 学习率 η。
        steps: 步数。
        eps: 同 ``adagrad_step``。

    返回：
        轨迹：一个 (steps+1, d) 张量，第 0 行是 ``theta0``。

    异常：
        ValueError: ``theta0`` 不是 1 维或 ``steps < 0`` 时。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    ``steps`` Adagrad steps from ``theta0``.

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

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "adagrad 还没有写：请阅读 Lecture 5：有适应性的学习率，练习“adagrad”"
        "（docs/l05_adaptive_lr.md#adagrad），它建立在“Adagrad”一节的基础上。网站上"
        "的位置：http://127.0.0.1:8000/l05_adaptive_lr/#adagrad\n"
        "adagrad is not written yet: read Lecture 5: Adaptive learning rates, "
        "exercise “adagrad” (docs/l05_adaptive_lr.en.md#adagrad), which builds on "
        "the section “Adagrad”. On the site: "
        "http://127.0.0.1:8000/en/l05_adaptive_lr/#adagrad"
    )
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
    """RMSProp 的一步。

    ``σ⁰ = |g⁰|``（``t = 0`` 时不看 ``sigma``，它可以是 None），
    之后 ``σᵗ = sqrt(alpha*(σᵗ⁻¹)² + (1-alpha)*(gᵗ)²)``，
    ``theta_next = theta - lr * grad / (σᵗ + eps)``。

    和 Adagrad 不同，旧的梯度会逐渐淡出：``alpha`` 小时，σ 跟着最近的梯度走，
    所以误差曲面变平坦时，步长可以重新变大。

    参数：
        theta: 参数 θᵗ。
        grad: 梯度 gᵗ，形状与 ``theta`` 相同。
        sigma: σᵗ⁻¹（``t = 0`` 时可以是 None）。
        t: 步数编号，Python int，从 0 开始。
        lr: 学习率 η。
        alpha: 过去所占的权重。
        eps: 在 σ = 0 处让除法保持有限。

    返回：
        ``(theta_next, σᵗ)``。

    异常：
        ValueError: 形状不同、``t < 0``，或 ``t > 0`` 时 ``sigma`` 为 None。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    One RMSProp step.

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

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "rmsprop_step 还没有写：请阅读 Lecture 5：有适应性的学习率，练习"
        "“rmsprop_step”（docs/l05_adaptive_lr.md#rmsprop_step），它建立在“RMSProp”一"
        "节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l05_adaptive_lr/#rmsprop_step\n"
        "rmsprop_step is not written yet: read Lecture 5: Adaptive learning rates, "
        "exercise “rmsprop_step” (docs/l05_adaptive_lr.en.md#rmsprop_step), which "
        "builds on the section “RMSProp”. On the site: "
        "http://127.0.0.1:8000/en/l05_adaptive_lr/#rmsprop_step"
    )
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
    """从 ``theta0`` 出发的 ``steps`` 步 RMSProp。

    参数：
        grad_fn: ``grad_fn(theta)`` 返回 theta 处的梯度。
        theta0: (d,) 起点。
        lr: 学习率 η。
        steps: 步数。
        alpha: 同 ``rmsprop_step``。
        eps: 同 ``rmsprop_step``。

    返回：
        轨迹：一个 (steps+1, d) 张量，第 0 行是 ``theta0``。

    异常：
        ValueError: ``theta0`` 不是 1 维或 ``steps < 0`` 时。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    ``steps`` RMSProp steps from ``theta0``.

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

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "rmsprop 还没有写：请阅读 Lecture 5：有适应性的学习率，练习“rmsprop”"
        "（docs/l05_adaptive_lr.md#rmsprop），它建立在“RMSProp”一节的基础上。网站上"
        "的位置：http://127.0.0.1:8000/l05_adaptive_lr/#rmsprop\n"
        "rmsprop is not written yet: read Lecture 5: Adaptive learning rates, "
        "exercise “rmsprop” (docs/l05_adaptive_lr.en.md#rmsprop), which builds on "
        "the section “RMSProp”. On the site: "
        "http://127.0.0.1:8000/en/l05_adaptive_lr/#rmsprop"
    )
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
    """Adam 的一步：动量加上 RMSProp，再做偏差修正。

    ``m_next = beta1*m + (1-beta1)*grad``（动量），
    ``v_next = beta2*v + (1-beta2)*grad**2``（梯度平方的加权平均，类似 RMSProp 的 σ²；
    ``sqrt(v)`` 起 σ 的作用）。两者都从零开始，所以开头几步偏小；除以
    ``1 - beta**(t+1)`` 可以修正：``m̂ = m_next / (1 - beta1**(t+1))``，
    ``v̂ = v_next / (1 - beta2**(t+1))``。然后
    ``theta_next = theta - lr * m̂ / (sqrt(v̂) + eps)``。

    ``t`` 从 0 开始计数，所以连续运行它，结果与超参数相同的 ``torch.optim.Adam``
    一致。这部分超出了笔记的内容。

    参数：
        theta: 参数 θᵗ。
        grad: 梯度 gᵗ，形状与 ``theta`` 相同。
        m: 一阶矩（Adam 的 ``exp_avg``），``t = 0`` 时为零。
        v: 二阶矩（Adam 的 ``exp_avg_sq``），``t = 0`` 时为零。
        t: 步数编号，从 0 开始。
        lr: 学习率 η。
        beta1: 一阶矩的衰减率。
        beta2: 二阶矩的衰减率。
        eps: 让除法保持有限。

    返回：
        ``(theta_next, m_next, v_next)``，矩不做修正。

    异常：
        ValueError: 形状不同或 ``t < 0`` 时。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    One Adam step: momentum plus RMSProp, with bias correction.

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

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "adam_step 还没有写：请阅读 Lecture 5：有适应性的学习率，练习“adam_step”"
        "（docs/l05_adaptive_lr.md#adam_step），它建立在“Adam”一节的基础上。网站上的"
        "位置：http://127.0.0.1:8000/l05_adaptive_lr/#adam_step\n"
        "adam_step is not written yet: read Lecture 5: Adaptive learning rates, "
        "exercise “adam_step” (docs/l05_adaptive_lr.en.md#adam_step), which builds "
        "on the section “Adam”. On the site: "
        "http://127.0.0.1:8000/en/l05_adaptive_lr/#adam_step"
    )
# --8<-- [end:adam_step]
