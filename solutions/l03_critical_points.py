"""Lecture 3: 局部极小值与鞍点 (local minima and saddle points) — reference solutions.

Where the gradient is zero, the second-order Taylor expansion tells what kind of
critical point we are at: the eigenvalues of the Hessian H decide, and at a
saddle point the eigenvector of a negative eigenvalue shows the way out.
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
    d = delta.shape[0] if delta.ndim == 1 else -1
    if loss0.ndim != 0 or delta.ndim != 1 or grad.shape != (d,) or H.shape != (d, d):
        raise ValueError(
            "expected loss0 0-dim, grad (d,), H (d, d), delta (d,); got "
            f"{tuple(loss0.shape)}, {tuple(grad.shape)}, {tuple(H.shape)}, {tuple(delta.shape)}"
        )
    return loss0 + grad @ delta + 0.5 * (delta @ H @ delta)
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
    """
    if theta.ndim != 1:
        raise ValueError(f"theta must be 1-D, got shape {tuple(theta.shape)}")
    d = theta.shape[0]
    # A fresh leaf: gradients are taken with respect to it, and the caller's
    # tensor is left exactly as it was.
    theta = theta.detach().clone().requires_grad_(True)
    value = torch.as_tensor(f(theta))
    if value.numel() != 1:
        raise ValueError(f"f must return a scalar, got shape {tuple(value.shape)}")

    H = torch.zeros(d, d, dtype=theta.dtype)
    if not value.requires_grad:  # f does not depend on theta at all
        return H
    (grad,) = torch.autograd.grad(value.reshape(()), theta, create_graph=True)
    for i in range(d):
        if grad[i].requires_grad:  # otherwise g_i is constant: row i stays zero
            (row,) = torch.autograd.grad(grad[i], theta, retain_graph=True, allow_unused=True)
            if row is not None:
                H[i] = row
    return H
# --8<-- [end:hessian]


def _eigenvalue_input_check(H: Tensor) -> None:
    if H.ndim != 2 or H.shape[0] != H.shape[1]:
        raise ValueError(f"H must be a square matrix, got shape {tuple(H.shape)}")
    if H.numel() == 0:
        raise ValueError("H is 0×0: there is no parameter to test")
    if not bool(torch.isfinite(H).all()):
        raise ValueError("H holds a NaN or an infinity")
    asymmetry = (H - H.T).abs().max().item()
    if asymmetry > 1e-6:
        raise ValueError(
            f"H must be symmetric (a Hessian is), but max |H - Hᵀ| = {asymmetry:.3g}"
        )


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
    _eigenvalue_input_check(H)
    eigenvalues = torch.linalg.eigvalsh(H)
    positive = eigenvalues > tol
    negative = eigenvalues < -tol
    if bool(positive.all()):
        return "local_min"
    if bool(negative.all()):
        return "local_max"
    if bool(positive.any()) and bool(negative.any()):
        return "saddle"
    return "unknown"
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
    _eigenvalue_input_check(H)
    eigenvalues, eigenvectors = torch.linalg.eigh(H)  # eigenvalues ascending
    if eigenvalues[0] < -tol:
        return eigenvectors[:, 0].clone()
    return None
# --8<-- [end:escape_direction]
