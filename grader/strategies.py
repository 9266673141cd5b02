"""Hypothesis strategies for the course's inputs, shared by every check.

Tensors are drawn through ``hypothesis.extra.numpy`` so that they shrink well
(towards small shapes and simple values such as 0 and 1). Values are bounded so
that a correct answer computed in another order stays within the tolerances of
``grader.expect``.
"""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.fixtures import Fixture

FLOAT_DTYPES = (torch.float64, torch.float32)
_NUMPY = {torch.float32: np.float32, torch.float64: np.float64}


def dtypes() -> st.SearchStrategy[torch.dtype]:
    return st.sampled_from(FLOAT_DTYPES)


def shapes(min_dims: int = 0, max_dims: int = 3, min_side: int = 1, max_side: int = 5):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def values(dtype: torch.dtype, low: float = -100.0, high: float = 100.0):
    """Finite numbers in [low, high], exactly representable in ``dtype``."""
    width = 32 if dtype == torch.float32 else 64
    return st.floats(low, high, width=width, allow_nan=False, allow_infinity=False)


@st.composite
def tensors(draw, shape=None, dtype=None, low: float = -100.0, high: float = 100.0, elements=None):
    """A float tensor; ``shape`` and ``dtype`` are drawn when not given."""
    dtype = draw(dtypes()) if dtype is None else dtype
    shape = draw(shapes()) if shape is None else shape
    array = draw(hnp.arrays(_NUMPY[dtype], shape, elements=elements or values(dtype, low, high)))
    return torch.from_numpy(np.array(array, dtype=_NUMPY[dtype]))


@st.composite
def same_shape_pairs(draw, low: float = -100.0, high: float = 100.0, min_side: int = 1):
    """Two tensors of one shape and dtype, like ``pred`` and ``target``."""
    dtype = draw(dtypes())
    shape = draw(shapes(min_side=min_side))
    return draw(tensors(shape, dtype, low, high)), draw(tensors(shape, dtype, low, high))


@st.composite
def different_shapes(draw):
    """Two shapes that differ, including ones that broadcast together."""
    first = draw(shapes(max_dims=2))
    second = draw(
        st.one_of(
            shapes(max_dims=2),
            st.just(first + (1,)),  # (N,) against (N, 1): broadcasts to (N, N)
            st.just((1,) + first),
        )
    )
    if first == second:
        second = first + (2,)
    return first, second


@st.composite
def orthogonal_matrices(draw, d: int, dtype: torch.dtype):
    """A random d×d orthogonal matrix (from a QR decomposition)."""
    raw = draw(tensors((d, d), torch.float64, -1.0, 1.0))
    q, r = torch.linalg.qr(raw + 1e-3 * torch.eye(d, dtype=torch.float64))
    return q.to(dtype)


@st.composite
def symmetric_matrices(draw, d: int | None = None, dtype=None, eigenvalues=None):
    """A symmetric matrix Q diag(λ) Qᵀ with chosen eigenvalues.

    Returns ``(H, λ)`` with λ sorted ascending, so checks know the true answer.
    By default every |λ| is at least 0.1: clearly positive or negative for the
    second-order test (no eigenvalue near the tolerance).
    """
    dtype = draw(dtypes()) if dtype is None else dtype
    d = draw(st.integers(1, 4)) if d is None else d
    away_from_zero = st.one_of(st.floats(0.1, 10.0), st.floats(-10.0, -0.1))
    spectrum = draw(st.lists(eigenvalues or away_from_zero, min_size=d, max_size=d))
    lam = torch.tensor(sorted(spectrum), dtype=torch.float64)
    q = draw(orthogonal_matrices(d, torch.float64))
    H = q @ torch.diag(lam) @ q.T
    H = (H + H.T) / 2  # exactly symmetric
    return H.to(dtype), lam


def hyper_parameters(low: float, high: float):
    """A positive hyper-parameter (lr, eps...) as a Python float."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


# ---- functions handed to the student's code --------------------------------------


@st.composite
def smooth_functions(draw, d: int, dtype: torch.dtype):
    """A ``Fixture`` for f(θ) = Σ C sin(Aθ + B) + (θᵀQθ)²/4, with its pieces drawn."""
    k = draw(st.integers(1, 3))
    return Fixture(
        "smooth_function",
        {
            "A": draw(tensors((k, d), dtype, -2.0, 2.0)),
            "B": draw(tensors((k,), dtype, -2.0, 2.0)),
            "C": draw(tensors((k,), dtype, -2.0, 2.0)),
            "Q": draw(symmetric_matrices(d, dtype))[0],
        },
    )


@st.composite
def loss_surface_gradients(draw, d: int, dtype: torch.dtype):
    """A ``Fixture`` for the gradient of a loss surface: a quadratic bowl or saddle, or a bumpy one."""
    H = draw(symmetric_matrices(d, dtype, eigenvalues=st.floats(-2.0, 5.0)))[0]
    if draw(st.booleans()):
        return Fixture("quadratic_gradient", {"H": H, "center": draw(tensors((d,), dtype, -3.0, 3.0))})
    k = draw(st.integers(1, 3))
    return Fixture(
        "nonlinear_gradient",
        {"A": draw(tensors((k, d), dtype, -1.0, 1.0)), "B": draw(tensors((k,), dtype, -2.0, 2.0)), "H": H},
    )
