"""《Lecture 4：分批(batch)和动量方法》的练习。

把每个 ``raise NotImplementedError(...)`` 换成你自己的代码，然后检查：

    python -m grader check l04_batch_momentum

---- English ----

Lecture 4: Batches and momentum — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l04_batch_momentum
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:momentum_step]
def momentum_step(
    theta: Tensor,
    grad: Tensor,
    m: Tensor,
    lr: float | Tensor,
    lam: float | Tensor,
) -> tuple[Tensor, Tensor]:
    """带动量的梯度下降的一步，和笔记中一样。

    ``m_next = lam*m - lr*grad``，``theta_next = theta + m_next``。
    ``lam = 0`` 时就是普通的梯度下降。

    参数：
        theta: 参数 θⁱ。
        grad: θⁱ 处的梯度 gⁱ，形状与 ``theta`` 相同。
        m: 上一次的移动量 mⁱ，形状与 ``theta`` 相同。
        lr: 学习率 η。
        lam: 动量系数 λ。

    返回：
        ``(theta_next, m_next)``。

    异常：
        ValueError: ``grad`` 或 ``m`` 的形状与 ``theta`` 不同时。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    One step of gradient descent with momentum, as in the notes.

    ``m_next = lam*m - lr*grad`` and ``theta_next = theta + m_next``.
    With ``lam = 0`` this is plain gradient descent.

    Args:
        theta: parameters θⁱ.
        grad: gradient gⁱ at θⁱ, the shape of ``theta``.
        m: previous movement mⁱ, the shape of ``theta``.
        lr: learning rate η.
        lam: momentum factor λ.

    Returns:
        ``(theta_next, m_next)``.

    Raises:
        ValueError: if ``grad`` or ``m`` is not the shape of ``theta``.

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "momentum_step 还没有写：请阅读 Lecture 4：分批(batch)和动量方法，练习"
        "“momentum_step”（docs/l04_batch_momentum.md#momentum_step），它建立在"
        "“Momentum”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l04_batch_momentum/#momentum_step\n"
        "momentum_step is not written yet: read Lecture 4: Batches and momentum, "
        "exercise “momentum_step” (docs/l04_batch_momentum.en.md#momentum_step), "
        "which builds on the section “Momentum”. On the site: "
        "http://127.0.0.1:8000/en/l04_batch_momentum/#momentum_step"
    )
# --8<-- [end:momentum_step]


# --8<-- [start:momentum_descent]
def momentum_descent(
    grad_fn: Callable[[Tensor], Tensor],
    theta0: Tensor,
    lr: float | Tensor,
    lam: float | Tensor,
    steps: int,
) -> Tensor:
    """从 ``theta0`` 出发、以 ``m⁰ = 0`` 开始的 ``steps`` 步动量梯度下降。

    参数：
        grad_fn: ``grad_fn(theta)`` 返回损失在 theta 处的梯度。
        theta0: (d,) 起点。
        lr: 学习率 η。
        lam: 动量系数 λ。
        steps: 步数。

    返回：
        轨迹：一个 (steps+1, d) 张量，第 0 行是 ``theta0``，
        第 i 行是 θⁱ。

    异常：
        ValueError: ``theta0`` 不是 1 维或 ``steps < 0`` 时。

    禁止调用：``torch.optim`` 中的任何函数或类（评分器会当场拦下：请自己用张量运算写出
    来）。

    ---- English ----

    ``steps`` momentum steps from ``theta0``, starting with ``m⁰ = 0``.

    Args:
        grad_fn: ``grad_fn(theta)`` returns the gradient of the loss at theta.
        theta0: (d,) starting point.
        lr: learning rate η.
        lam: momentum factor λ.
        steps: number of steps.

    Returns:
        The trajectory, a (steps+1, d) tensor whose row 0 is ``theta0`` and
        row i is θⁱ.

    Raises:
        ValueError: if ``theta0`` is not 1-D or ``steps < 0``.

    Must not call: anything in ``torch.optim`` (the grader stops at it: write it with
    tensor operations yourself).
    """
    raise NotImplementedError(
        "momentum_descent 还没有写：请阅读 Lecture 4：分批(batch)和动量方法，练习"
        "“momentum_descent”（docs/l04_batch_momentum.md#momentum_descent），它建立在"
        "“Momentum”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l04_batch_momentum/#momentum_descent\n"
        "momentum_descent is not written yet: read Lecture 4: Batches and momentum, "
        "exercise “momentum_descent” "
        "(docs/l04_batch_momentum.en.md#momentum_descent), which builds on the "
        "section “Momentum”. On the site: "
        "http://127.0.0.1:8000/en/l04_batch_momentum/#momentum_descent"
    )
# --8<-- [end:momentum_descent]
