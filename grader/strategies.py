"""Hypothesis strategies for the course's inputs, shared by every check.

Tensors are drawn through ``hypothesis.extra.numpy`` so that they shrink well
(towards small shapes and simple values such as 0 and 1). Values are bounded so
that a correct answer computed in another order stays within the tolerances of
``grader.expect``.
"""

from __future__ import annotations

import functools

import numpy as np
import torch
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.fixtures import Fixture

FLOAT_DTYPES = (torch.float64, torch.float32)
_NUMPY = {torch.float32: np.float32, torch.float64: np.float64}


def built_once(factory):
    """Build each strategy once per arguments: strategies are immutable, and a new
    strategy object is validated again at its first draw (in the checks' composite
    strategies, that was a fifth of all the drawing time). Unhashable arguments
    (a list) build a new one."""
    cached = functools.lru_cache(maxsize=4096)(factory)

    @functools.wraps(factory)
    def build(*args, **kwargs):
        try:
            hash((args, tuple(kwargs.items())))
        except TypeError:
            return factory(*args, **kwargs)
        return cached(*args, **kwargs)

    return build



@functools.cache
def dtypes() -> st.SearchStrategy[torch.dtype]:
    return st.sampled_from(FLOAT_DTYPES)


@functools.cache
def shapes(min_dims: int = 0, max_dims: int = 3, min_side: int = 1, max_side: int = 5):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


@functools.cache  # strategies are immutable: build (and validate) each one once
def values(dtype: torch.dtype, low: float = -100.0, high: float = 100.0):
    """Finite numbers in [low, high], exactly representable in ``dtype`` (bounds such as
    0.1 that float32 cannot hold are rounded inward to the nearest float32)."""
    width = 32 if dtype == torch.float32 else 64
    if width == 32:
        low32, high32 = np.float32(low), np.float32(high)
        low = float(low32 if low32 >= low else np.nextafter(low32, np.float32(np.inf)))
        high = float(high32 if high32 <= high else np.nextafter(high32, np.float32(-np.inf)))
    return st.floats(low, high, width=width, allow_nan=False, allow_infinity=False)


@functools.cache
def _arrays(dtype: torch.dtype, shape: tuple[int, ...], low: float, high: float):
    return hnp.arrays(_NUMPY[dtype], shape, elements=values(dtype, low, high))


@built_once
@st.composite
def tensors(draw, shape=None, dtype=None, low: float = -100.0, high: float = 100.0, elements=None):
    """A float tensor; ``shape`` and ``dtype`` are drawn when not given."""
    dtype = draw(dtypes()) if dtype is None else dtype
    shape = draw(shapes()) if shape is None else tuple(shape)
    if elements is None:
        array = draw(_arrays(dtype, shape, float(low), float(high)))
    else:
        array = draw(hnp.arrays(_NUMPY[dtype], shape, elements=elements))
    return torch.from_numpy(np.array(array, dtype=_NUMPY[dtype]))


@built_once
@st.composite
def same_shape_pairs(draw, low: float = -100.0, high: float = 100.0, min_side: int = 1):
    """Two tensors of one shape and dtype, like ``pred`` and ``target``."""
    dtype = draw(dtypes())
    shape = draw(shapes(min_side=min_side))
    return draw(tensors(shape, dtype, low, high)), draw(tensors(shape, dtype, low, high))


@built_once
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


@built_once
@st.composite
def orthogonal_matrices(draw, d: int, dtype: torch.dtype):
    """A d×d orthogonal matrix: a random rotation (from the QR decomposition of a
    Gaussian matrix made from a drawn seed) three times in four, else the identity,
    which is what a failing input shrinks to (a diagonal H is the easiest to read).
    A rotation has nothing simpler to shrink to: drawing its d² entries one by one
    through hypothesis only made shrinking slow."""
    if draw(st.integers(0, 3)) == 0:
        return torch.eye(d, dtype=dtype)
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**32 - 1)))
    q, r = torch.linalg.qr(torch.randn(d, d, generator=generator, dtype=torch.float64))
    return (q * torch.sign(torch.diagonal(r))).to(dtype)  # the sign fix makes it uniform


@built_once
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
    spectrum = draw(st.lists(away_from_zero if eigenvalues is None else eigenvalues, min_size=d, max_size=d))
    lam = torch.tensor(sorted(spectrum), dtype=torch.float64)
    q = draw(orthogonal_matrices(d, torch.float64))
    H = q @ torch.diag(lam) @ q.T
    H = (H + H.T) / 2  # exactly symmetric
    return H.to(dtype), lam


@built_once
def hyper_parameters(low: float, high: float):
    """A positive hyper-parameter (lr, eps...) as a Python float."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


# ---- functions handed to the student's code --------------------------------------


@built_once
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


@built_once
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


# ---- Lecture 2: cross validation ------------------------------------------------


@built_once
@st.composite
def fold_counts(draw, max_n: int = 40, uneven: bool | None = None, min_n: int = 2, max_k: int | None = None):
    """``(n, k)`` with ``2 <= k <= n``, ``min_n <= n <= max_n``, ``k <= max_k``: the
    arguments of ``kfold``.

    ``uneven=True`` draws only pairs where ``k`` does not divide ``n`` (folds of two
    sizes), ``uneven=False`` only pairs where it does; None draws both.
    """
    n = draw(st.integers(max(min_n, 3 if uneven else 2), max_n))
    top = n if max_k is None else min(n, max_k)
    k = draw(st.integers(2, top))
    if uneven is not None and (n % k != 0) != uneven:
        # Move to the nearest k of the wanted kind.
        candidates = [j for j in range(2, top + 1) if (n % j != 0) == uneven]
        if not candidates:
            reject()
        k = min(candidates, key=lambda j: (abs(j - k), j))
    return n, k


@built_once
@st.composite
def regression_data(draw, n: int, dtype: torch.dtype, d: int | None = None):
    """``(x, y)``: x (n, d) in [-3, 3], y (n,) a noisy linear function of x."""
    d = draw(st.integers(1, 3)) if d is None else d
    x = draw(tensors((n, d), dtype, -3.0, 3.0))
    w = draw(tensors((d,), torch.float64, -2.0, 2.0))
    noise = draw(tensors((n,), torch.float64, -1.0, 1.0))
    y = (x.double() @ w + noise).to(dtype)
    return x, y


@built_once
def fits(ridge_low: float = 0.1, ridge_high: float = 2.0):
    """A ``Fixture`` for ``fit(x, y)``: ridge regression (well posed) or the mean predictor."""
    ridge = st.floats(ridge_low, ridge_high).map(lambda r: Fixture("least_squares_fit", {"ridge": r}))
    return st.one_of(ridge, st.just(Fixture("mean_fit", {})))


@built_once
def losses(symmetric: bool | None = None):
    """A ``Fixture`` for ``loss(pred, target)``: squared error (symmetric in its two
    arguments) or the pinball loss (not symmetric: swapped arguments show)."""
    squared = st.just(Fixture("squared_error_loss", {}))
    pinball = st.sampled_from([0.1, 0.25, 0.8]).map(lambda q: Fixture("pinball_loss", {"q": q}))
    if symmetric is True:
        return squared
    if symmetric is False:
        return pinball
    return st.one_of(squared, pinball)


# ---- Lecture 3: Hessians at critical points ------------------------------------

CRITICAL_POINT_KINDS = ("local_min", "local_max", "saddle", "unknown")


@built_once
def tolerances(dtype: torch.dtype):
    """The ``tol`` of the second-order test, well above the rounding of ``dtype``:
    the default 1e-6 only in float64 (float32 rounds a 0 eigenvalue to ~1e-6)."""
    if dtype == torch.float64:
        return st.sampled_from([1e-6, 1e-3, 1e-2])
    return st.sampled_from([1e-3, 1e-2])


@built_once
@st.composite
def critical_point_hessians(draw, kinds=CRITICAL_POINT_KINDS, dtype=None, d: int | None = None,
                            with_zero: bool | None = None):
    """A symmetric Hessian ``Q diag(λ) Qᵀ`` of a chosen kind, away from every boundary.

    Returns ``(H, λ, tol, kind)``: λ sorted ascending (float64, as constructed), the
    ``tol`` to test with, and the kind the second-order test gives ("local_min",
    "local_max", "saddle", "unknown"). "Clear" eigenvalues have |λ| in
    [max(0.1, 100·tol), 10]; "zero" eigenvalues lie in [-tol/10, tol/10] (0 included),
    so no eigenvalue is within rounding of ±tol. "unknown" holds at least one zero
    eigenvalue and clear ones of a single sign; a "saddle" may hold zero eigenvalues
    too (``with_zero=True`` forces one, ``False`` forbids them).
    """
    dtype = draw(dtypes()) if dtype is None else dtype
    kind = draw(st.sampled_from(list(kinds)))
    low_d = (3 if with_zero else 2) if kind == "saddle" else 1
    d = draw(st.integers(low_d, 4)) if d is None else max(d, low_d)
    tol = draw(tolerances(dtype))
    clear = st.floats(max(0.1, 100 * tol), 10.0)
    positive, negative = clear, clear.map(lambda v: -v)
    zero = st.one_of(st.just(0.0), st.floats(-tol / 10, tol / 10))

    def some(values, count):
        return draw(st.lists(values, min_size=count, max_size=count))

    if kind == "local_min":
        spectrum = some(positive, d)
    elif kind == "local_max":
        spectrum = some(negative, d)
    elif kind == "saddle":
        zeros = draw(st.integers(1 if with_zero else 0, 0 if with_zero is False else d - 2))
        spectrum = some(positive, 1) + some(negative, 1) + some(zero, zeros) + some(
            st.one_of(positive, negative), d - 2 - zeros)
    else:
        zeros = draw(st.integers(1, d))
        spectrum = some(zero, zeros) + some(draw(st.sampled_from([positive, negative])), d - zeros)
    lam = torch.tensor(sorted(spectrum), dtype=torch.float64)
    q = draw(orthogonal_matrices(len(spectrum), torch.float64))
    H = q @ torch.diag(lam) @ q.T
    H = (H + H.T) / 2  # exactly symmetric, also after rounding to float32
    return H.to(dtype), lam, tol, kind


@built_once
@st.composite
def quadratic_functions(draw, d: int, dtype: torch.dtype):
    """``(f, A)``: a ``Fixture`` for f(θ) = ½θᵀAθ + b·θ + c and its Hessian A (symmetric)."""
    A = draw(symmetric_matrices(d, dtype, eigenvalues=st.floats(-5.0, 5.0)))[0]
    b = draw(tensors((d,), dtype, -3.0, 3.0))
    c = draw(tensors((), dtype, -3.0, 3.0))
    return Fixture("quadratic_function", {"A": A, "b": b, "c": c}), A


@built_once
@st.composite
def flat_functions(draw, d: int, dtype: torch.dtype):
    """A ``Fixture`` for an affine f(θ) = a·θ + c or a constant f(θ) = c: Hessian zero."""
    c = draw(tensors((), dtype, -3.0, 3.0))
    if draw(st.booleans()):
        return Fixture("affine_function", {"a": draw(tensors((d,), dtype, -3.0, 3.0)), "c": c})
    return Fixture("constant_function", {"c": c})


# ---- optimiser inputs (Lectures 4 and 5) -----------------------------------------


@built_once
def scalars(low: float, high: float, dtype: torch.dtype, as_tensor: bool | None = None):
    """A hyper-parameter (lr, lam, alpha, eps...) in [low, high]: a Python float, or a
    0-dim tensor of ``dtype`` (the contract allows both). ``as_tensor`` None draws either."""
    number = st.floats(low, high, allow_nan=False, allow_infinity=False)
    tensor = number.map(lambda v: torch.tensor(v, dtype=dtype))
    if as_tensor is None:
        return st.one_of(number, tensor)
    return tensor if as_tensor else number


@built_once
def nonzero_values(dtype: torch.dtype, low: float = 0.1, high: float = 10.0):
    """Numbers with low <= |v| <= high, exactly representable in ``dtype`` (e.g. a
    gradient clearly away from 0, where g / (|g| + eps) would jump)."""
    magnitude = values(dtype, low, high)
    return st.one_of(magnitude, magnitude.map(lambda v: -v))


@built_once
@st.composite
def constant_gradients(draw, d: int, dtype: torch.dtype, low: float = 0.1, high: float = 10.0):
    """A ``Fixture`` for the constant gradient g of a tilted plane, every |g_i| in [low, high]."""
    g = draw(tensors((d,), dtype, elements=nonzero_values(dtype, low, high)))
    return Fixture("constant_gradient", {"g": g})


# ---- classification and attacks (Lecture 23) -------------------------------------


@built_once
@st.composite
def logits_and_targets(draw, dtype=None, low: float = -20.0, high: float = 20.0,
                       max_n: int = 5, min_classes: int = 1, max_classes: int = 5):
    """``(logits, target)``: (N, C) scores of ``dtype`` in [low, high] and (N,) int64
    classes in [0, C), N >= 1."""
    dtype = draw(dtypes()) if dtype is None else dtype
    n = draw(st.integers(1, max_n))
    c = draw(st.integers(min_classes, max_classes))
    logits = draw(tensors((n, c), dtype, low, high))
    target = torch.tensor(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)), dtype=torch.int64)
    return logits, target


@built_once
def images(shape, dtype: torch.dtype):
    """Images with every pixel in [0, 1] (0 and 1 themselves included: the edges of
    the valid range, where a clamp matters)."""
    return tensors(shape, dtype, 0.0, 1.0)


@built_once
@st.composite
def mlp_classifiers(draw, in_features: int, n_classes: int, dtype: torch.dtype, hidden: int | None = None):
    """A ``Fixture`` for ``fixtures.mlp_classifier``: Flatten, Linear, Tanh, Linear.

    Weights are uniform in [-2, 2] (biases in [-1, 1]), so that |logits| stay below ~15:
    softmax never saturates to an exact one-hot and the gradient with respect to the
    input is never exactly zero. They come from a drawn seed (drawing every weight
    through hypothesis is ten times slower, and weights have nothing useful to shrink to).
    """
    hidden = draw(st.integers(2, 4)) if hidden is None else hidden
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**32 - 1)))

    def uniform(shape, scale):
        return ((torch.rand(shape, generator=generator, dtype=torch.float64) * 2 - 1) * scale).to(dtype)

    return Fixture(
        "mlp_classifier",
        {
            "W1": uniform((hidden, in_features), 2.0),
            "b1": uniform((hidden,), 1.0),
            "W2": uniform((n_classes, hidden), 2.0),
            "b2": uniform((n_classes,), 1.0),
        },
    )


@built_once
@st.composite
def attack_problems(draw, targeted: bool = False, dtype=None):
    """An attack on a small classifier, as keyword arguments of the attacks:
    ``model`` (an ``mlp_classifiers`` Fixture with 3 to 5 classes), ``x0`` (N, 1, h, w)
    images in [0, 1], ``y`` (N,) int64, with ``targeted`` also ``y_target`` (never equal
    to ``y``), and ``eps``, ``alpha`` (Python floats), ``steps`` in 0..5. ``alpha * steps``
    often exceeds ``eps`` so that the projection matters."""
    dtype = draw(dtypes()) if dtype is None else dtype
    n = draw(st.integers(1, 4))
    h, w = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    n_classes = draw(st.integers(3, 5))
    problem = {
        "model": draw(mlp_classifiers(h * w, n_classes, dtype)),
        "x0": draw(images((n, 1, h, w), dtype)),
        "y": torch.tensor(draw(st.lists(st.integers(0, n_classes - 1), min_size=n, max_size=n)),
                          dtype=torch.int64),
    }
    if targeted:
        shifts = draw(st.lists(st.integers(1, n_classes - 1), min_size=n, max_size=n))
        problem["y_target"] = (problem["y"] + torch.tensor(shifts)) % n_classes
    problem["eps"] = draw(st.floats(0.02, 0.3))
    problem["alpha"] = draw(st.floats(0.01, 0.2))
    problem["steps"] = draw(st.integers(0, 5))
    return problem
