"""Lecture 3: 局部极小值与鞍点 (local minima and saddle points) — exercises.

Replace each ``raise NotImplementedError(...)`` with your code, then check it:

    python -m grader check l03_critical_points
"""

from __future__ import annotations
from typing import Callable
import torch
from torch import Tensor


# --8<-- [start:second_order_approx]
def second_order_approx(loss0: Tensor, grad: Tensor, H: Tensor, delta: Tensor) -> Tensor:
    """The notes' Taylor formula ``L(θ) ≈ L(θ') + (θ-θ')ᵀg + ½(θ-θ')ᵀH(θ-θ')``.

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
        "second_order_approx is not written yet: read Lecture 3: 局部极小值与鞍点, exercise “second_order_approx” (docs/l03_critical_points.md#second_order_approx), which builds on the section “泰勒展开”"
    )
# --8<-- [end:second_order_approx]


# --8<-- [start:hessian]
def hessian(f: Callable[[Tensor], Tensor], theta: Tensor) -> Tensor:
    """The (d, d) Hessian of a scalar function ``f`` at ``theta``, by autograd.

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

    Must not call: anything in ``torch.autograd.functional``, anything in
    ``torch.func`` (the grader stops at them: write it with tensor operations
    yourself).
    """
    raise NotImplementedError(
        "hessian is not written yet: read Lecture 3: 局部极小值与鞍点, exercise “hessian” (docs/l03_critical_points.md#hessian), which builds on the section “海塞矩阵”"
    )
# --8<-- [end:hessian]


# --8<-- [start:classify_critical_point]
def classify_critical_point(H: Tensor, tol: float = 1e-6) -> str:
    """What kind of critical point the Hessian ``H`` shows.

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
        "classify_critical_point is not written yet: read Lecture 3: 局部极小值与鞍点, exercise “classify_critical_point” (docs/l03_critical_points.md#classify_critical_point), which builds on the section “判断极小值与鞍点”"
    )
# --8<-- [end:classify_critical_point]


# --8<-- [start:escape_direction]
def escape_direction(H: Tensor, tol: float = 1e-6) -> Tensor | None:
    """A direction that leads out of a saddle point, or None.

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
        "escape_direction is not written yet: read Lecture 3: 局部极小值与鞍点, exercise “escape_direction” (docs/l03_critical_points.md#escape_direction), which builds on the section “走出鞍点”"
    )
# --8<-- [end:escape_direction]
