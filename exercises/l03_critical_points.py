"""《Lecture 3：局部极小值与鞍点——梯度为 0》的练习。

把每个 ``raise NotImplementedError(...)`` 换成你自己的代码，然后检查：

    python -m grader check l03_critical_points

---- English ----

Lecture 3: Local minima and saddle points — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l03_critical_points
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:second_order_approx]
def second_order_approx(loss0: Tensor, grad: Tensor, H: Tensor, delta: Tensor) -> Tensor:
    """笔记中的泰勒公式 ``L(θ) ≈ L(θ') + (θ-θ')ᵀg + ½(θ-θ')ᵀH(θ-θ')``。

    参数：
        loss0: 0 维，展开点处的损失 ``L(θ')``。
        grad: (d,) ``θ'`` 处的梯度 ``g``。
        H: (d, d) ``θ'`` 处的海塞矩阵。
        delta: (d,) 步长 ``θ - θ'``。

    返回：
        一个 0 维张量，对 ``delta`` 可微。

    异常：
        ValueError: 形状之间对不上时。

    ---- English ----

    The notes' Taylor formula ``L(θ) ≈ L(θ') + (θ-θ')ᵀg + ½(θ-θ')ᵀH(θ-θ')``.

    Args:
        loss0: 0-dim, the loss ``L(θ')`` at the expansion point.
        grad: (d,) the gradient ``g`` at ``θ'``.
        H: (d, d) the Hessian at ``θ'``.
        delta: (d,) the step ``θ - θ'``.

    Returns:
        A 0-dim tensor, differentiable in ``delta``.

    Raises:
        ValueError: if the shapes do not fit together.
    """
    raise NotImplementedError(
        "second_order_approx 还没有写：请阅读 Lecture 3：局部极小值与鞍点——梯度为 "
        "0，练习“second_order_approx”"
        "（docs/l03_critical_points.md#second_order_approx），它建立在“泰勒展开”一节"
        "的基础上。网站上的位置："
        "http://127.0.0.1:8000/l03_critical_points/#second_order_approx\n"
        "second_order_approx is not written yet: read Lecture 3: Local minima and "
        "saddle points, exercise “second_order_approx” "
        "(docs/l03_critical_points.en.md#second_order_approx), which builds on the "
        "section “Taylor expansion”. On the site: "
        "http://127.0.0.1:8000/en/l03_critical_points/#second_order_approx"
    )
# --8<-- [end:second_order_approx]


# --8<-- [start:hessian]
def hessian(f: Callable[[Tensor], Tensor], theta: Tensor) -> Tensor:
    """标量函数 ``f`` 在 ``theta`` 处的 (d, d) 海塞矩阵，用 autograd 求。

    做两次反向传播：第一次带 ``create_graph=True``，得到梯度 g(θ)，它本身是 θ 的
    可微函数；对每个分量 g_i 再求一次导，得到海塞矩阵的第 i 行。线性或常数的 ``f``
    得到零矩阵（它的梯度与 θ 无关）。

    参数：
        f: 从 (d,) 张量到标量的二阶可微函数。
        theta: (d,) 求值的点。

    返回：
        二阶导数组成的 (d, d) 矩阵，dtype 与 ``theta`` 相同。

    异常：
        ValueError: ``theta`` 不是 1 维，或 ``f(theta)`` 不是标量时。

    禁止调用：``torch.autograd.functional`` 中的任何函数或类、``torch.func`` 中的任何函
    数或类（评分器会当场拦下：请自己用张量运算写出来）。

    ---- English ----

    The (d, d) Hessian of a scalar function ``f`` at ``theta``, by autograd.

    Two passes of backward: the first, with ``create_graph=True``, gives the
    gradient g(θ) as a differentiable function of θ; differentiating each
    entry g_i again gives row i of the Hessian. A linear or constant ``f``
    gives a zero matrix (its gradient does not depend on θ).

    Args:
        f: a twice-differentiable function from a (d,) tensor to a scalar.
        theta: (d,) the point.

    Returns:
        The (d, d) matrix of second derivatives, in the dtype of ``theta``.

    Raises:
        ValueError: if ``theta`` is not 1-D or ``f(theta)`` is not a scalar.

    Must not call: anything in ``torch.autograd.functional``, anything in ``torch.func``
    (the grader stops at them: write it with tensor operations yourself).
    """
    raise NotImplementedError(
        "hessian 还没有写：请阅读 Lecture 3：局部极小值与鞍点——梯度为 0，练习"
        "“hessian”（docs/l03_critical_points.md#hessian），它建立在“海塞矩阵”一节的"
        "基础上。网站上的位置：http://127.0.0.1:8000/l03_critical_points/#hessian\n"
        "hessian is not written yet: read Lecture 3: Local minima and saddle points, "
        "exercise “hessian” (docs/l03_critical_points.en.md#hessian), which builds "
        "on the section “The Hessian matrix”. On the site: "
        "http://127.0.0.1:8000/en/l03_critical_points/#hessian"
    )
# --8<-- [end:hessian]


# --8<-- [start:classify_critical_point]
def classify_critical_point(H: Tensor, tol: float = 1e-6) -> str:
    """海塞矩阵 ``H`` 所显示的临界点类型。

    根据对称矩阵 ``H`` 的特征值 λ：

    - 所有 λ > tol（H 正定）时为 ``"local_min"``，
    - 所有 λ < -tol（H 负定）时为 ``"local_max"``，
    - 有的 λ > tol、有的 λ < -tol 时为 ``"saddle"``，
    - 其他情况为 ``"unknown"``：某个 λ 与零相差不超过 ``tol``，
      二阶判别法无法判断。

    参数：
        H: (d, d) 临界点处的对称海塞矩阵。
        tol: 与零相差不超过 ``tol`` 的特征值视为零。

    返回：
        ``"local_min"``、``"local_max"``、``"saddle"``、``"unknown"`` 之一。

    异常：
        ValueError: ``H`` 不是 2 维方阵、是 0×0、不对称
            （``max |H - Hᵀ| > 1e-6``，绝对误差），或含有 NaN 或无穷大时。

    ---- English ----

    What kind of critical point the Hessian ``H`` shows.

    From the eigenvalues λ of the symmetric matrix ``H``:

    - ``"local_min"`` if every λ > tol (H positive definite),
    - ``"local_max"`` if every λ < -tol (H negative definite),
    - ``"saddle"`` if some λ > tol and some λ < -tol,
    - ``"unknown"`` otherwise: some λ is within ``tol`` of zero and the
      second-order test cannot tell.

    Args:
        H: (d, d) symmetric Hessian at a critical point.
        tol: eigenvalues within ``tol`` of zero count as zero.

    Returns:
        One of ``"local_min"``, ``"local_max"``, ``"saddle"``, ``"unknown"``.

    Raises:
        ValueError: if ``H`` is not 2-D and square, is 0×0, is not symmetric
            (``max |H - Hᵀ| > 1e-6``, absolute), or holds a NaN or infinity.
    """
    raise NotImplementedError(
        "classify_critical_point 还没有写：请阅读 Lecture 3：局部极小值与鞍点——梯度"
        "为 0，练习“classify_critical_point”"
        "（docs/l03_critical_points.md#classify_critical_point），它建立在“判断极小"
        "值与鞍点”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l03_critical_points/#classify_critical_point\n"
        "classify_critical_point is not written yet: read Lecture 3: Local minima "
        "and saddle points, exercise “classify_critical_point” "
        "(docs/l03_critical_points.en.md#classify_critical_point), which builds on "
        "the section “Telling minima from saddle points”. On the site: "
        "http://127.0.0.1:8000/en/l03_critical_points/#classify_critical_point"
    )
# --8<-- [end:classify_critical_point]


# --8<-- [start:escape_direction]
def escape_direction(H: Tensor, tol: float = 1e-6) -> Tensor | None:
    """一个走出鞍点的方向，或 None。

    当 ``H`` 的最小特征值 λ_min 小于 ``-tol`` 时，返回它的一个单位特征向量 ``u``
    （``Hu = λ_min u``）。沿着 ``u``，二阶项 ``½ uᵀHu = ½ λ_min`` 是负的，所以朝
    任一方向走一步都会让损失下降。否则返回 None。（讲义页面用 ``v`` 表示步长
    ``θ - θ'``，用 ``u`` 表示这个特征向量。）

    参数：
        H: (d, d) 对称海塞矩阵。
        tol: 与零相差不超过 ``tol`` 的特征值视为零。

    返回：
        一个 (d,) 单位向量（正负号皆可），或 None。

    异常：
        ValueError: 同 ``classify_critical_point``。

    ---- English ----

    A direction that leads out of a saddle point, or None.

    When the smallest eigenvalue λ_min of ``H`` is below ``-tol``, return a
    unit eigenvector ``u`` of it (``Hu = λ_min u``). Along ``u`` the
    second-order term ``½ uᵀHu = ½ λ_min`` is negative, so a step either way
    lowers the loss. Otherwise return None. (The lecture page writes ``v`` for
    the step ``θ - θ'`` and ``u`` for this eigenvector.)

    Args:
        H: (d, d) symmetric Hessian.
        tol: eigenvalues within ``tol`` of zero count as zero.

    Returns:
        A (d,) unit vector (either sign), or None.

    Raises:
        ValueError: as ``classify_critical_point``.
    """
    raise NotImplementedError(
        "escape_direction 还没有写：请阅读 Lecture 3：局部极小值与鞍点——梯度为 0，练"
        "习“escape_direction”（docs/l03_critical_points.md#escape_direction），它建"
        "立在“走出鞍点”一节的基础上。网站上的位置："
        "http://127.0.0.1:8000/l03_critical_points/#escape_direction\n"
        "escape_direction is not written yet: read Lecture 3: Local minima and "
        "saddle points, exercise “escape_direction” "
        "(docs/l03_critical_points.en.md#escape_direction), which builds on the "
        "section “Escaping a saddle point”. On the site: "
        "http://127.0.0.1:8000/en/l03_critical_points/#escape_direction"
    )
# --8<-- [end:escape_direction]
