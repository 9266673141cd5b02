"""Checks of Lecture 3: 局部极小值与鞍点 (``l03_critical_points.py``): Taylor expansion,
Hessian, the second-order test and the way out of a saddle point."""

from __future__ import annotations

import torch
from hypothesis import assume, example, given
from hypothesis import strategies as st

from grader import strategies as tst
from grader.checks import check, reference
from grader.checks.common import (
    expect_gradients,
    expect_inputs_unchanged,
    expect_value_error,
)
from grader.expect import Described, expect_close, expect_equal, expect_tensor
from grader.feedback import Failure
from grader.i18n import N_, _
from grader.verdict import Role

ref = reference("l03_critical_points")

DIMS = st.integers(1, 4)


def _eps(dtype: torch.dtype) -> float:
    return torch.finfo(dtype).eps


# ---- second_order_approx ----------------------------------------------------------


@tst.built_once
@st.composite
def taylor_inputs(draw, dtype=None):
    """(loss0, grad, H, delta) of one dtype, H a symmetric (Hessian-like) matrix."""
    dtype = draw(tst.dtypes()) if dtype is None else dtype
    d = draw(DIMS)
    loss0 = draw(tst.tensors((), dtype, -10.0, 10.0))
    grad = draw(tst.tensors((d,), dtype, -10.0, 10.0))
    H = draw(tst.symmetric_matrices(d, dtype, eigenvalues=st.floats(-10.0, 10.0)))[0]
    delta = draw(tst.tensors((d,), dtype, -3.0, 3.0))
    return loss0, grad, H, delta


def _taylor_atol(loss0, grad, H, delta) -> float:
    """Rounding a correct sum of these terms may cost, in any order of operations."""
    a = [t.double().abs() for t in (loss0, grad, H, delta)]
    scale = float(a[0] + a[1] @ a[3] + 0.5 * a[3] @ a[2] @ a[3])
    return 16 * _eps(loss0.dtype) * max(scale, 1.0)


@check("second_order_approx", N_("matches the reference on random inputs"), weight=3,
       hint=N_("L(θ') + gᵀδ + ½ δᵀHδ: a 0-dim tensor. Mind the ½ and that δᵀHδ is a number, "
            "not the vector Hδ."))
@given(inputs=taylor_inputs())
def second_order_approx_matches_reference(student, inputs):
    """second_order_approx(loss0, g, H, δ) = loss0 + gᵀδ + ½ δᵀHδ, a 0-dim tensor of the
    inputs' dtype."""
    expect_close(student(*inputs), ref.second_order_approx(*inputs), atol=_taylor_atol(*inputs))


@check("second_order_approx", N_("is exact for a quadratic loss"), weight=2,
       hint=N_("For L(θ) = c + bᵀθ + ½θᵀAθ the gradient at θ' is b + Aθ' and the Hessian A; the "
            "Taylor formula then gives L(θ' + δ) exactly."))
@given(dtype=tst.dtypes(), data=st.data())
def second_order_approx_exact_for_quadratics(student, dtype, data):
    """For a quadratic loss L, second_order_approx(L(θ'), ∇L(θ'), H, δ) equals L(θ' + δ)."""
    d = data.draw(DIMS)
    A = data.draw(tst.symmetric_matrices(d, torch.float64, eigenvalues=st.floats(-5.0, 5.0)))[0]
    b = data.draw(tst.tensors((d,), torch.float64, -3.0, 3.0))
    c = data.draw(tst.tensors((), torch.float64, -3.0, 3.0))
    start = data.draw(tst.tensors((d,), torch.float64, -2.0, 2.0))
    delta = data.draw(tst.tensors((d,), torch.float64, -2.0, 2.0))
    loss = lambda theta: c + b @ theta + 0.5 * theta @ A @ theta
    inputs = tuple(t.to(dtype) for t in (loss(start), b + A @ start, A, delta))
    expected = loss(start + delta).to(dtype)
    expect_close(student(*inputs), expected, _("the approximation of a quadratic loss"),
                 atol=_taylor_atol(*inputs) + 64 * _eps(dtype) * 50)


@check("second_order_approx", N_("gradient in delta matches the reference"), role=Role.GRADIENT, weight=2,
       hint=N_("Build the result from delta with tensor operations only (no .item(), .detach() or "
            "NumPy): its gradient in delta is g + ½(H + Hᵀ)δ."))
@given(inputs=taylor_inputs())
def second_order_approx_gradient(student, inputs):
    """The result is differentiable in delta, with the reference's gradient g + ½(H + Hᵀ)δ."""
    expect_gradients(student, ref.second_order_approx, inputs, [3], torch.ones((), dtype=inputs[0].dtype))


@check("second_order_approx", N_("does not modify its inputs"), role=Role.SIDE,
       hint=N_("Use out-of-place operations: `H @ delta`, not `delta.mul_(...)`."))
@given(inputs=taylor_inputs())
def second_order_approx_unchanged(student, inputs):
    """loss0, grad, H and delta hold the same values after the call."""
    expect_inputs_unchanged(student, *inputs)


# ---- hessian ----------------------------------------------------------------------


def _expect_matrix(received, expected: torch.Tensor, what: str) -> None:
    """Close up to rounding relative to the matrix's largest entry."""
    scale = float(expected.double().abs().max()) if expected.numel() else 0.0
    expect_close(received, expected, what, atol=256 * _eps(expected.dtype) * max(scale, 1.0))


@check("hessian", N_("matches the reference on smooth non-quadratic functions"), weight=3,
       hint=N_("Differentiate twice with autograd: the first gradient must keep its own graph "
               "(create_graph) so that each of its components can be differentiated again; row i of "
               "the Hessian is the gradient of component i. Finite differences are not accurate "
               "enough."))
@given(dtype=tst.dtypes(), data=st.data())
def hessian_matches_reference(student, dtype, data):
    """hessian(f, θ)[i, j] = ∂²f/∂θ_i∂θ_j at θ, for f(θ) = Σ C sin(Aθ + B) + (θᵀQθ)²/4,
    in θ's dtype."""
    d = data.draw(DIMS)
    f = data.draw(tst.smooth_functions(d, dtype))
    theta = data.draw(tst.tensors((d,), dtype, -1.5, 1.5))
    _expect_matrix(student(f, theta), ref.hessian(f.build(), theta), _("the Hessian"))


@check("hessian", N_("is the matrix A of a quadratic ½θᵀAθ + bᵀθ + c, everywhere"), weight=1,
       hint=N_("The second derivatives of ½θᵀAθ + bᵀθ + c are the entries of A (symmetric), "
            "whatever θ is."))
@given(dtype=tst.dtypes(), data=st.data())
def hessian_of_quadratic(student, dtype, data):
    """For f(θ) = ½θᵀAθ + bᵀθ + c with A symmetric, hessian(f, θ) = A at every θ."""
    d = data.draw(DIMS)
    f, A = data.draw(tst.quadratic_functions(d, dtype))
    theta = data.draw(tst.tensors((d,), dtype, -3.0, 3.0))
    _expect_matrix(student(f, theta), A, _("the Hessian of a quadratic"))


@check("hessian", N_("affine and constant functions give a zero matrix"), weight=2,
       hint=N_("When f(θ) or a gradient entry does not depend on θ (requires_grad is False), "
            "there is nothing to differentiate: that row is zero (allow_unused=True gives None)."))
@given(dtype=tst.dtypes(), data=st.data())
def hessian_of_flat_functions(student, dtype, data):
    """For f(θ) = a·θ + c and for f(θ) = c the Hessian is the (d, d) zero matrix (not an error)."""
    d = data.draw(DIMS)
    f = data.draw(tst.flat_functions(d, dtype))
    theta = data.draw(tst.tensors((d,), dtype, -3.0, 3.0))
    expect_close(student(f, theta), torch.zeros(d, d, dtype=dtype),
                 _("the Hessian of a linear function") if f.factory == "affine_function"
                 else _("the Hessian of a constant function"))


@check("hessian", N_("does not modify theta or f's tensors"), role=Role.SIDE,
       hint=N_("Differentiate with respect to a fresh leaf, a detached copy of theta that requires "
               "grad; never add to theta in place."))
@given(dtype=tst.dtypes(), data=st.data())
def hessian_unchanged(student, dtype, data):
    """theta and the tensors f is built from hold the same values after the call."""
    d = data.draw(DIMS)
    f = data.draw(tst.smooth_functions(d, dtype))
    theta = data.draw(tst.tensors((d,), dtype, -1.5, 1.5))
    expect_inputs_unchanged(student, f, theta)


# ---- classify_critical_point and escape_direction: shared pieces --------------------


def _with_tol(tol: float) -> dict:
    """Pass tol by keyword, or leave it out to test the default of 1e-6."""
    return {} if tol == 1e-6 else {"tol": tol}


def _symmetric(values, dtype) -> torch.Tensor:
    return torch.tensor(values, dtype=dtype)


# Matrices whose eigenvalues are exact: (matrix, its kind with tol = 1e-6).
EXACT_CASES = [
    ([[0.0, 0.0], [0.0, 0.0]], "unknown"),  # all zero
    ([[1.0, 1.0], [1.0, 1.0]], "unknown"),  # 0 and 2
    ([[-1.0, 1.0], [1.0, -1.0]], "unknown"),  # 0 and -2: not a local maximum
    ([[1.0, 2.0], [2.0, 4.0]], "unknown"),  # 0 and 5
    ([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, -3.0]], "saddle"),  # 2, 0, -3
    ([[0.0, 1.0], [1.0, 0.0]], "saddle"),  # 1 and -1
    ([[2.0, -1.0], [-1.0, 2.0]], "local_min"),  # 1 and 3
    ([[-5.0]], "local_max"),
]


def _bad_hessians(H: torch.Tensor):
    """(matrix, what is wrong with it): each must raise ValueError."""
    d, dtype = H.shape[0], H.dtype
    skewed = H.clone()
    if d > 1:
        skewed[0, -1] += 1e-3  # max |H - Hᵀ| = 1e-3 > 1e-6
    else:
        skewed = torch.tensor([[1.0, 2e-3], [0.0, 1.0]], dtype=dtype)
    large = (1e4 * torch.tensor([[1.0, 2.0], [2.0, -3.0]], dtype=torch.float64))
    large[0, 1] += 1e-3  # relatively tiny (1e-7), absolutely 1e-3: still not symmetric
    with_nan, with_inf = H.clone(), H.clone()
    with_nan[d - 1, d - 1] = float("nan")
    with_inf[0, 0] = float("inf")
    return [
        (H[0], "a 1-D tensor"),
        (H.unsqueeze(0), "a 3-D tensor"),
        (torch.cat([H, H[:1]], dim=0), "a matrix that is not square"),
        (torch.zeros(0, 0, dtype=dtype), "a 0×0 matrix"),
        (skewed, "a matrix with max |H - Hᵀ| = 1e-3"),
        (large, "a matrix with max |H - Hᵀ| = 1e-3 (and entries of 1e4)"),
        (with_nan, "a matrix holding a NaN"),
        (with_inf, "a matrix holding an infinity"),
    ]


def _value_error_check(name: str) -> None:
    @check(name, N_("raises ValueError for a bad H"), role=Role.SIDE, weight=2,
           hint=N_("Check before computing: H.ndim == 2 and square, not 0×0, every entry finite "
                "(torch.isfinite), and (H - H.T).abs().max() <= 1e-6 (absolute, not relative)."))
    @given(case=tst.critical_point_hessians())
    def value_errors(student, case):
        """H not 2-D and square, 0×0, not symmetric (max |H - Hᵀ| > 1e-6, absolute), or
        holding a NaN or an infinity: ValueError."""
        H = case[0]
        for bad, _why in _bad_hessians(H):
            expect_value_error(student, bad)

    @check(name, N_("accepts H symmetric up to rounding (max |H - Hᵀ| <= 1e-6)"), role=Role.SIDE,
           hint=N_("Symmetric means max |H - Hᵀ| <= 1e-6, not exactly equal: a Hessian computed in "
                "floating point is symmetric only up to rounding."))
    @given(case=tst.critical_point_hessians(d=2))
    def nearly_symmetric(student, case):
        """A matrix whose asymmetry is within rounding (at most 5e-7) is accepted."""
        H, _lam, tol, _kind = case
        nudged = H.clone()
        if H.dtype == torch.float64:
            nudged[0, 1] = H[0, 1] + 5e-7
        else:  # the next float32 after H[0, 1], if that is within 5e-7
            nudged[0, 1] = torch.nextafter(H[0, 1], torch.tensor(float("inf")))
            assume(float((nudged - nudged.T).abs().max()) <= 5e-7)
        student(nudged, **_with_tol(tol))

    @check(name, N_("does not modify H"), role=Role.SIDE,
           hint=N_("Work on H, not in it: no in-place operations on H."))
    @given(case=tst.critical_point_hessians())
    def unchanged(student, case):
        """H holds the same values after the call."""
        H, _lam, tol, _kind = case
        expect_inputs_unchanged(student, H, **_with_tol(tol))


# ---- classify_critical_point ------------------------------------------------------


@check("classify_critical_point", N_("names the kind of a critical point from the eigenvalues"), weight=3,
       hint=N_("Eigenvalues of a symmetric matrix: torch.linalg.eigvalsh. All > tol: local_min; "
            "all < -tol: local_max; some of each: saddle; anything else: unknown."))
@given(case=tst.critical_point_hessians(with_zero=False))
@example(case=(torch.tensor([[0.0, 1.0], [1.0, 0.0]], dtype=torch.float64),
               torch.tensor([-1.0, 1.0], dtype=torch.float64), 1e-6, "saddle"))
def classify_kinds(student, case):
    """For a symmetric H with eigenvalues λ: "local_min" if every λ > tol, "local_max" if
    every λ < -tol, "saddle" if some λ > tol and some λ < -tol, else "unknown"."""
    H, lam, tol, kind = case
    expect_equal(student(H, **_with_tol(tol)), kind,
                 _("the kind of a point whose Hessian has eigenvalues {eigenvalues} (tol={tol})").format(
                     eigenvalues=[round(v, 7) for v in lam.tolist()], tol=tol))


@check("classify_critical_point", N_("an eigenvalue within tol of 0 leaves it unknown (unless a saddle)"),
       weight=2,
       hint=N_("An eigenvalue with |λ| <= tol is neither > tol nor < -tol: it spoils local_min and "
            "local_max, but a positive and a negative eigenvalue still make a saddle. Use the "
            "tol argument, not a fixed 1e-6."))
@given(case=tst.critical_point_hessians(kinds=("unknown", "saddle"), with_zero=True),
       exact=st.sampled_from(EXACT_CASES), dtype=tst.dtypes())
def classify_near_zero(student, case, exact, dtype):
    """With some eigenvalue in [-tol, tol]: "saddle" if other eigenvalues are > tol and
    < -tol, otherwise "unknown" (exact cases such as [[1, 1], [1, 1]] included)."""
    H, lam, tol, kind = case
    expect_equal(student(H, **_with_tol(tol)), kind,
                 _("the kind of a point whose Hessian has eigenvalues {eigenvalues} (tol={tol})").format(
                     eigenvalues=[round(v, 7) for v in lam.tolist()], tol=tol))
    matrix, exact_kind = exact
    # Default tol in float64; in float32 (which rounds a 0 eigenvalue to ~1e-7) tol = 1e-3.
    exact_tol = {} if dtype == torch.float64 else {"tol": 1e-3}
    expect_equal(student(_symmetric(matrix, dtype), **exact_tol), exact_kind,
                 _("the kind of H = {matrix} (tol={tol})").format(matrix=matrix, tol=exact_tol.get("tol", 1e-6)))
    # An eigenvalue far above 1e-6 yet within tol: only the tol argument can tell.
    probe = torch.diag(torch.tensor([5e-3, 1.0], dtype=dtype))
    expect_equal(student(probe, tol=1e-2), "unknown",
                 _("the kind of H = diag(0.005, 1) with tol=0.01 (0.005 is within tol of 0)"))


_value_error_check("classify_critical_point")


# ---- escape_direction -------------------------------------------------------------


def _expect_direction(v, H: torch.Tensor) -> torch.Tensor:
    """v is a finite (d,) tensor of H's dtype."""
    v = expect_tensor(v, _("the escape direction"))
    d = H.shape[0]
    if v.shape != (d,):
        raise Failure(_("the escape direction should have shape {expected}, got {shape}").format(
                      expected=(d,), shape=tuple(v.shape)),
                      received=v, kind="wrong_type")
    if v.dtype != H.dtype:
        raise Failure(_("the escape direction has dtype {dtype}, expected {expected} (H's dtype)").format(
                      dtype=v.dtype, expected=H.dtype),
                      received=v)
    if not bool(torch.isfinite(v).all()):
        raise Failure(_("the escape direction holds a NaN or an infinity"), received=v)
    return v


def _expect_eigenvector(v, H: torch.Tensor, lam_min: float) -> torch.Tensor:
    """v is a (d,) tensor of H's dtype, of unit length, with Hv = λ_min v up to rounding."""
    v = _expect_direction(v, H)
    d = H.shape[0]
    tolerance = 64 * d * _eps(H.dtype) * max(1.0, float(H.double().abs().sum(1).max()))
    length = float(v.double().norm())
    if abs(length - 1.0) > 64 * d * _eps(H.dtype):
        raise Failure(_("the escape direction should be a unit vector, but its length is {length}").format(
                      length=f"{length:.6g}"), expected=1.0, received=length, compared=_("length ‖v‖"))
    residual = H.double() @ v.double() - lam_min * v.double()
    if float(residual.abs().max()) > tolerance:
        raise Failure(
            _("the escape direction is not an eigenvector of the smallest eigenvalue λ_min = {lam_min}: "
              "Hv - λ_min·v should be 0").format(lam_min=f"{lam_min:.6g}"),
            expected=torch.zeros(d, dtype=torch.float64), received=residual, compared=_("residual Hv - λ_min·v"),
            details=_("largest entry of |Hv - λ_min·v|: {largest} (allowed: {allowed})").format(
                largest=f"{float(residual.abs().max()):.3g}", allowed=f"{tolerance:.3g}"))
    return v


@check("escape_direction", N_("a unit eigenvector of the smallest eigenvalue when it is < -tol"), weight=3,
       hint=N_("torch.linalg.eigh returns the eigenvalues in ascending order and the eigenvectors "
               "as the COLUMNS of its second result, in the same order."))
@given(case=tst.critical_point_hessians(kinds=("saddle", "local_max", "unknown")))
@example(case=(torch.tensor([[1.0, 0.0], [0.0, -2.0]], dtype=torch.float64),
               torch.tensor([-2.0, 1.0], dtype=torch.float64), 1e-6, "saddle"))
def escape_eigenvector(student, case):
    """When λ_min < -tol, escape_direction(H) is a (d,) unit vector v of H's dtype with
    Hv = λ_min v (either sign, any vector of a repeated eigenvalue's eigenspace)."""
    H, lam, tol, _kind = case
    lam_min = float(lam[0])
    got = student(H, **_with_tol(tol))
    if lam_min >= -tol:  # an "unknown" point without a clearly negative eigenvalue
        expect_equal(got, None, _("the escape direction when the smallest eigenvalue is {lam_min}").format(
            lam_min=f"{lam_min:.3g}"))
        return
    _expect_eigenvector(got, H, lam_min)


# A constant None passes this one alone: awarded only with well-formed answers elsewhere.
@check("escape_direction", N_("None when no eigenvalue is below -tol"), role=Role.SIDE, weight=2,
       hint=N_("If λ_min >= -tol there is no direction of negative curvature: return None "
            "(use the tol argument, not 0 and not a fixed 1e-6)."))
@given(case=tst.critical_point_hessians(kinds=("local_min", "unknown")))
def escape_none(student, case):
    """At a local minimum, or where every eigenvalue is > -tol (some within tol of 0),
    escape_direction returns None."""
    H, lam, tol, _kind = case
    lam_min = float(lam[0])
    got = student(H, **_with_tol(tol))
    if lam_min < -tol:  # an "unknown" point with negative eigenvalues: there is a way out
        _expect_eigenvector(got, H, lam_min)
        return
    expect_equal(got, None, _("the escape direction when the smallest eigenvalue is {lam_min} (tol={tol})").format(
        lam_min=f"{lam_min:.3g}", tol=tol))


@check("escape_direction", N_("walking along it lowers the second-order approximation"),
       hint=N_("Along an eigenvector v of λ_min < 0 the Taylor term ½(tv)ᵀH(tv) = ½t²λ_min is "
            "negative: the loss goes down either way."))
@given(case=tst.critical_point_hessians(kinds=("saddle",)), t=st.sampled_from([-1.0, -0.1, 0.5, 2.0]))
def escape_lowers_loss(student, case, t):
    """At a saddle (gradient 0), second_order_approx(0, 0, H, t·v) < 0 for the returned v
    and any step t ≠ 0."""
    H, _lam, tol, _kind = case
    v = _expect_direction(student(H, **_with_tol(tol)), H)
    step = t * v.double()
    change = 0.5 * (step @ H.double() @ step)  # the Taylor term; the others are 0 at a saddle
    if not float(change) < 0:
        raise Failure(_("a step t·v with t = {t} along your direction does not lower the second-order "
                        "approximation at the saddle: ½(tv)ᵀH(tv) = {change}").format(
                          t=t, change=f"{float(change):.3g}"),
                      expected=Described(_("a negative number")), received=float(change))


_value_error_check("escape_direction")


# ---- hints: `python -m grader hint NAME [--level K]`, `h` in `watch`, the site -----------
# From a nudge (which idea of the lecture) to the shape of the answer, never the
# solution; grader/hints.py adds the link to the exercise's section of the site.
# Plain string literals only: `hint` reads this block without importing torch.
# English here; the Chinese is in grader/locale (`make catalogs` extracts new hints).

HINTS: dict[str, list[str]] = {
    "second_order_approx": [
        "Lecture 3's 泰勒展开 (Taylor expansion) around θ′: L(θ) ≈ L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′), "
        "with g the gradient and H the 海塞矩阵 (Hessian) at θ′.",
        "delta is θ − θ′. Between two 1-D tensors @ is the inner product, and vector @ matrix @ "
        "vector is the quadratic form vᵀHv: a number, not the vector Hv.",
        "At a critical point g = 0 and only the quadratic term is left: its sign along each "
        "direction is what classify_critical_point reads from the eigenvalues. The result must stay "
        "differentiable in delta (no .item(), .detach() or NumPy).",
        "The shape of the answer: check the shapes (loss0 0-dim, grad and delta (d,), H (d, d), else "
        "ValueError), then return one 0-dim tensor: the constant, plus the linear term, plus half "
        "the quadratic term.",
    ],
    "hessian": [
        "Lecture 3's 海塞矩阵 (Hessian) H: the matrix of second derivatives, H_ij = ∂²L/∂θ_i∂θ_j. "
        "Autograd gives it by differentiating twice (反向传播两次).",
        "The first derivative must itself be differentiable: work on a fresh copy of theta that "
        "requires grad, and ask torch.autograd.grad to build a graph for the gradient it returns "
        "(its create_graph option). Then each component g_i of that gradient can be differentiated "
        "again: its gradient with respect to theta is one row of H.",
        "The graph must survive several second passes (retain_graph), and a component that does "
        "not depend on theta gives None (allow_unused): that row stays zero. A linear or constant f "
        "is not an error; its gradient may not even require grad. torch.autograd.functional and "
        "torch.func are banned, and finite differences are not accurate enough for the checks.",
        "The shape of the answer: validate theta (1-D) and f(theta) (a scalar), else ValueError; "
        "start from a (d, d) zero matrix in theta's dtype; fill it row by row from the second pass.",
    ],
    "classify_critical_point": [
        "Lecture 3's “Telling minima from saddle points”: at a critical point (临界点, gradient zero) the signs of the "
        "Hessian's 特征值 (eigenvalues) decide: all positive, a local minimum; all negative, a local "
        "maximum; both signs, a 鞍点 (saddle point).",
        "H is symmetric, so torch.linalg.eigvalsh fits: it is made for symmetric matrices and "
        "returns real eigenvalues in ascending order. Compare them with ±tol, not with 0: "
        "eigenvalues within tol of zero count as zero. Use the tol argument, not a fixed 1e-6.",
        "Check the input first: H must be 2-D and square, not 0×0, without NaN or infinity, and "
        "symmetric within 1e-6 (the largest |H − Hᵀ|, absolute), else ValueError. Then test in the "
        "right order: a near-zero eigenvalue next to all-positive ones is \"unknown\" (the "
        "second-order test cannot tell), but next to a positive and a negative one it is still a "
        "\"saddle\".",
        "The shape of the answer: validate H; compute the eigenvalues once; then decide among the "
        "four answers of the contract in the order of the previous hint, by how many eigenvalues "
        "lie above tol, below −tol, and in between.",
    ],
    "escape_direction": [
        "Lecture 3's 走出鞍点 (escaping a saddle point): along an eigenvector u of H whose eigenvalue "
        "λ is negative, the Taylor term ½uᵀHu = ½λ‖u‖² is negative, so a step along ±u lowers the "
        "loss.",
        "torch.linalg.eigh gives the eigenvalues in ascending order and the eigenvectors together, "
        "as the COLUMNS of a matrix (in the same order), each already of unit length.",
        "Common slips: a row instead of a column of the eigenvector matrix, comparing with 0 "
        "instead of −tol, or a vector that is not of unit length. The input checks are those of "
        "classify_critical_point.",
        "The shape of the answer: validate H as classify_critical_point does; if the smallest "
        "eigenvalue is below −tol, return its eigenvector as a (d,) tensor (either sign); otherwise "
        "return None.",
    ],
}
