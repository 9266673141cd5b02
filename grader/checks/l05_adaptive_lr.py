"""Checks of Lecture 5: 有适应性的学习率 (``l05_adaptive_lr.py``).

The contract lists no ValueError for these functions, so none is required (the
reference raises some for bad shapes or t < 0; a submission that does not is not
penalised). Hyper-parameters come as Python floats and as 0-dim tensors of the
inputs' dtype; defaults (``eps``, ``alpha``, Adam's) are sometimes left out.
Nothing in ``torch.optim`` may be called by the student (the worker's tripwires);
the grader uses ``torch.optim.Adam`` in its own process as the gold standard.
"""

from __future__ import annotations


import torch
from torch.optim.adam import adam as torch_adam
from hypothesis import given
from hypothesis import strategies as st

from grader import strategies as tst
from grader.checks import check, reference
from grader.checks.common import built, expect_inputs_unchanged, expect_trajectory_start
from grader.expect import Described, expect_close, expect_results, expect_tuple
from grader.feedback import Failure
from grader.i18n import N_, _, ngettext
from grader.verdict import Role

ref = reference("l05_adaptive_lr")

STEP_T = st.integers(0, 30)
STEPS = st.integers(0, 6)
TRAJECTORY_LR = (0.0, 0.5)





@tst.built_once
@st.composite
def optional_eps(draw, dtype, as_tensor):
    """() to use the default eps, or (eps,): tiny like the default, or large enough to matter."""
    if draw(st.booleans()):
        return ()
    return (draw(st.one_of(tst.scalars(1e-8, 1e-6, dtype, as_tensor), tst.scalars(1e-3, 1.0, dtype, as_tensor))),)


def _shape(draw):
    return draw(tst.shapes(max_dims=2, max_side=4))


# ---- adagrad_step ----------------------------------------------------------------

ADAGRAD_STEP_NAMES = ("theta_next", "sq_sum_next")


@tst.built_once
@st.composite
def adagrad_step_inputs(draw, as_tensor: bool | None = False):
    """theta, grad, sq_sum (zeros at t = 0, as the contract says), t, lr[, eps]."""
    dtype = draw(tst.dtypes())
    shape = _shape(draw)
    theta, grad = (draw(tst.tensors(shape, dtype, -10.0, 10.0)) for _ in range(2))
    t = draw(STEP_T)
    sq_sum = torch.zeros(shape, dtype=dtype) if t == 0 else draw(tst.tensors(shape, dtype, 0.0, 100.0))
    lr = draw(tst.scalars(0.0, 1.0, dtype, as_tensor))
    return (theta, grad, sq_sum, t, lr) + draw(optional_eps(dtype, as_tensor))


@check("adagrad_step", N_("matches the reference on random inputs"), weight=3,
       hint=N_("The notes' root MEAN square: add this gradient's square to the running sum, divide "
               "the sum by t+1 before the square root (t counts from 0, so t+1 gradients so far), "
               "and step by lr · grad / (σ + eps)."))
@given(inputs=adagrad_step_inputs())
def adagrad_step_matches_reference(student, inputs):
    """(theta_next, sq_sum_next) as the contract's formulas give them, with lr and eps as
    Python floats (eps sometimes left to its default 1e-8)."""
    expect_results(student(*inputs), ref.adagrad_step(*inputs), ADAGRAD_STEP_NAMES)


@check("adagrad_step", N_("accepts lr and eps as 0-dim tensors"), weight=1,
       hint=N_("Use lr and eps in tensor arithmetic, which works for Python numbers and 0-dim "
            "tensors alike (no math.sqrt or float-only calls on them)."))
@given(inputs=adagrad_step_inputs(as_tensor=True))
def adagrad_step_tensor_hyper_parameters(student, inputs):
    """The same results when lr and eps are 0-dim tensors of the inputs' dtype."""
    expect_results(student(*inputs), ref.adagrad_step(*inputs), ADAGRAD_STEP_NAMES)


@tst.built_once
@st.composite
def increasing_sums(draw, d: int, dtype: torch.dtype):
    """d sums of squares, strictly increasing with gaps of at least 1."""
    start = draw(st.floats(0.0, 10.0))
    gaps = draw(st.lists(st.floats(1.0, 30.0), min_size=d - 1, max_size=d - 1))
    values = [start]
    for gap in gaps:
        values.append(values[-1] + gap)
    return torch.tensor(values, dtype=dtype)


@check("adagrad_step", N_("the step is smaller where past gradients were larger"), weight=1,
       hint=N_("σ is computed per coordinate (elementwise), not one number for the whole vector: "
            "a coordinate whose past gradients were large gets a small step."))
@given(d=st.integers(2, 4), data=st.data())
def adagrad_step_per_coordinate(student, d, data):
    """With the same current gradient in every coordinate, |theta_next - theta| strictly
    decreases as sq_sum (the past squared gradients) increases, coordinate by coordinate."""
    dtype = torch.float64
    sq_sum = data.draw(increasing_sums(d, dtype), "sq_sum")
    g = data.draw(tst.nonzero_values(dtype, 0.1, 10.0), "g")
    theta = data.draw(tst.tensors((d,), dtype, -10.0, 10.0), "theta")
    t = data.draw(st.integers(1, 20), "t")
    lr = data.draw(st.floats(0.01, 1.0), "lr")
    grad = torch.full((d,), g, dtype=dtype)
    theta_next, _sq_sum_next = expect_tuple(student(theta, grad, sq_sum, t, lr), ADAGRAD_STEP_NAMES)
    expect_close(theta_next, ref.adagrad_step(theta, grad, sq_sum, t, lr)[0], "theta_next")
    steps = (theta_next - theta).abs()
    if not bool((steps[1:] < steps[:-1]).all()):
        raise Failure(_("with the same gradient everywhere, the coordinates with larger past "
                        "gradients (larger sq_sum) should take smaller steps"),
                      expected=Described(_("step sizes decreasing along sq_sum")), received=steps)


@check("adagrad_step", N_("does not modify its inputs"), role=Role.SIDE, weight=1,
       hint=N_("`theta -= lr * grad / (sigma + eps)` or `sq_sum += grad**2` change the caller's "
            "tensors: build new ones (theta_next = theta - ...)."))
@given(inputs=adagrad_step_inputs(as_tensor=None))
def adagrad_step_unchanged(student, inputs):
    """theta, grad, sq_sum (and lr, eps when tensors) hold the same values after the call."""
    expect_inputs_unchanged(student, *inputs)


# ---- trajectories: adagrad and rmsprop ---------------------------------------------


@tst.built_once
@st.composite
def trajectory_inputs(draw, with_alpha: bool, as_tensor: bool | None = False, constant: bool = False):
    """grad_fn (a loss-surface Fixture), theta0 (d,), lr, steps[, alpha][, eps]."""
    dtype = draw(tst.dtypes())
    d = draw(st.integers(1, 4))
    if constant:
        grad_fn = draw(tst.constant_gradients(d, dtype))
    else:
        grad_fn = draw(tst.loss_surface_gradients(d, dtype))
    theta0 = draw(tst.tensors((d,), dtype, -3.0, 3.0))
    lr = draw(tst.scalars(*TRAJECTORY_LR, dtype, as_tensor))
    args = (grad_fn, theta0, lr, draw(STEPS))
    eps = draw(optional_eps(dtype, as_tensor))
    if with_alpha and (eps or draw(st.booleans())):
        args += (draw(tst.scalars(0.0, 1.0, dtype, as_tensor)),)
    return args + eps


def _trajectory_checks(name: str, with_alpha: bool, tensor_title: str, first_hint: str) -> None:
    """The checks of a trajectory (adagrad, rmsprop); titles and hints marked by the caller."""
    reference_function = getattr(ref, name)

    @check(name, N_("matches the reference on random loss surfaces"), weight=3, hint=first_hint)
    @given(inputs=trajectory_inputs(with_alpha))
    def matches_reference(student, inputs):
        """The trajectory θ⁰, θ¹, ..., θ^steps of the method from its start (Adagrad:
        sq_sum = 0, t = 0, 1, ...; RMSProp: σ⁰ = |g⁰| at t = 0) on bowls, saddles and bumpy
        surfaces, with hyper-parameters as Python floats (sometimes left to their defaults)."""
        expect_close(student(*inputs), reference_function(*built(inputs)), _("the trajectory"))

    @check(name, tensor_title, weight=1,
           hint=N_("Use the hyper-parameters in tensor arithmetic, which works for Python numbers "
                "and 0-dim tensors alike."))
    @given(inputs=trajectory_inputs(with_alpha, as_tensor=True))
    def tensor_hyper_parameters(student, inputs):
        """The same trajectory when the hyper-parameters are 0-dim tensors of theta0's dtype."""
        expect_close(student(*inputs), reference_function(*built(inputs)), _("the trajectory"))

    @check(name, N_("the trajectory is (steps+1, d) and starts at theta0"), weight=1,
           hint=N_("Put theta0 itself in the trajectory first, then one row after each step: "
                "steps = 0 gives a single row."))
    @given(inputs=trajectory_inputs(with_alpha, as_tensor=None))
    def shape(student, inputs):
        """The result has shape (steps+1, d), theta0's dtype, and row 0 equal to theta0."""
        theta0, steps = inputs[1], inputs[3]
        expect_trajectory_start(student(*inputs), theta0, steps, reference_function(*built(inputs)))

    @check(name, N_("on a constant gradient every step is the same, about lr long"), weight=1,
           hint=N_("When every gradient is g, σ is exactly |g| at every step (a root mean square of "
                "equal numbers), so each step moves each coordinate by lr * g / (|g| + eps)."))
    @given(inputs=trajectory_inputs(with_alpha, as_tensor=None, constant=True))
    def constant_gradient(student, inputs):
        """On the plane L(θ) = g·θ, σᵗ = |g| at every t, so θᵏ = θ⁰ - k·lr·g/(|g| + eps): a straight
        line of equal steps (not shrinking like 1/sqrt(t+1))."""
        grad_fn, theta0, lr, steps = inputs[:4]
        eps = inputs[-1] if len(inputs) == (6 if with_alpha else 5) else 1e-8
        g = grad_fn.params["g"]
        step = lr * g / (g.abs() + eps)
        rows = [theta0]
        for _step in range(steps):
            rows.append(rows[-1] - step)
        expect_close(student(*inputs), torch.stack(rows), _("the trajectory"))

    @check(name, N_("does not modify its inputs"), role=Role.SIDE, weight=1,
           hint=N_("`theta = theta0` then `theta -= ...` changes theta0 (and every row already "
                "stored): write theta = theta - ...."))
    @given(inputs=trajectory_inputs(with_alpha, as_tensor=None))
    def unchanged(student, inputs):
        """theta0, the gradient's parameters (and the hyper-parameters when tensors) are unchanged."""
        expect_inputs_unchanged(student, *inputs)


_trajectory_checks(
    "adagrad", False, N_("accepts lr and eps as 0-dim tensors"),
    N_("The running sum of squared gradients starts at zero; step t (from 0) hands your "
       "adagrad_step that t and the gradient at the current theta, and the trajectory keeps "
       "theta0 first, then every theta after it."),
)
_trajectory_checks(
    "rmsprop", True, N_("accepts lr, alpha and eps as 0-dim tensors"),
    N_("σ starts as None; step t (from 0) hands your rmsprop_step that t, the gradient at the "
       "current theta and the σ the previous step returned; the trajectory keeps theta0 first, "
       "then every theta after it."),
)


# ---- rmsprop_step ----------------------------------------------------------------

RMSPROP_STEP_NAMES = ("theta_next", "sigma_next")


@tst.built_once
@st.composite
def rmsprop_step_inputs(draw, as_tensor: bool | None = False, t=None):
    """theta, grad, sigma (σᵗ⁻¹ > 0), t >= 1, lr[, alpha[, eps]]."""
    dtype = draw(tst.dtypes())
    shape = _shape(draw)
    theta, grad = (draw(tst.tensors(shape, dtype, -10.0, 10.0)) for _ in range(2))
    sigma = draw(tst.tensors(shape, dtype, 0.01, 10.0))
    t = draw(st.integers(1, 30)) if t is None else t
    args = (theta, grad, sigma, t, draw(tst.scalars(0.0, 1.0, dtype, as_tensor)))
    eps = draw(optional_eps(dtype, as_tensor))
    if eps or draw(st.booleans()):
        args += (draw(tst.scalars(0.0, 1.0, dtype, as_tensor)),)
    return args + eps


@check("rmsprop_step", N_("matches the reference for t >= 1"), weight=3,
       hint=N_("alpha weighs the PAST σ: σᵗ is the square root of alpha times the old σ squared "
               "plus (1 - alpha) times the new gradient squared; the step divides by σᵗ + eps. "
               "Return σᵗ, not its square."))
@given(inputs=rmsprop_step_inputs())
def rmsprop_step_matches_reference(student, inputs):
    """For t >= 1, σᵗ = sqrt(alpha·(σᵗ⁻¹)² + (1-alpha)·(gᵗ)²) and theta_next = theta - lr·g/(σᵗ + eps),
    with the hyper-parameters as Python floats (sometimes left to their defaults)."""
    expect_results(student(*inputs), ref.rmsprop_step(*inputs), RMSPROP_STEP_NAMES)


@check("rmsprop_step", N_("at t = 0, σ⁰ = |g⁰| and sigma is ignored (None allowed)"), weight=2,
       hint=N_("The first step has no past: σ⁰ = |g⁰|, whatever sigma is (it may be None, so "
            "check t == 0 before touching sigma)."))
@given(inputs=rmsprop_step_inputs(as_tensor=None, t=0))
def rmsprop_step_first(student, inputs):
    """rmsprop_step(theta, grad, sigma, 0, ...) returns (theta - lr·g/(|g| + eps), |g|) both
    for sigma = None and for any other sigma."""
    theta, grad, sigma = inputs[:3]
    rest = inputs[3:]
    expected = ref.rmsprop_step(theta, grad, None, *rest)
    expect_results(student(theta, grad, None, *rest), expected, RMSPROP_STEP_NAMES)
    expect_results(student(theta, grad, sigma, *rest), expected, RMSPROP_STEP_NAMES)


@check("rmsprop_step", N_("accepts lr, alpha and eps as 0-dim tensors"), weight=1,
       hint=N_("Use the hyper-parameters in tensor arithmetic (alpha * sigma**2), which works for "
            "Python numbers and 0-dim tensors alike."))
@given(inputs=rmsprop_step_inputs(as_tensor=True))
def rmsprop_step_tensor_hyper_parameters(student, inputs):
    """The same results when lr, alpha and eps are 0-dim tensors of the inputs' dtype."""
    expect_results(student(*inputs), ref.rmsprop_step(*inputs), RMSPROP_STEP_NAMES)


@check("rmsprop_step", N_("does not modify its inputs"), role=Role.SIDE, weight=1,
       hint=N_("`sigma.mul_(alpha)` or `theta -= ...` change the caller's tensors: build new ones."))
@given(inputs=rmsprop_step_inputs(as_tensor=None), first=st.booleans())
def rmsprop_step_unchanged(student, inputs, first):
    """theta, grad, sigma (and the hyper-parameters when tensors) are unchanged, at t = 0 too."""
    if first:
        inputs = inputs[:3] + (0,) + inputs[4:]
    expect_inputs_unchanged(student, *inputs)


# ---- adam_step -------------------------------------------------------------------

ADAM_NAMES = ("theta_next", "m_next", "v_next")


@tst.built_once
@st.composite
def adam_hyper_parameters(draw, dtype, as_tensor):
    """() for Adam's defaults, or (lr,), (lr, beta1), ... up to (lr, beta1, beta2, eps)."""
    ranges = [(1e-4, 1.0), (0.0, 0.99), (0.5, 0.999)]
    count = draw(st.one_of(st.just(4), st.integers(0, 3)))  # all four half of the time
    values = [draw(tst.scalars(*ranges[i], dtype, as_tensor)) for i in range(min(count, 3))]
    if count == 4:
        values.append(draw(st.one_of(tst.scalars(1e-8, 1e-6, dtype, as_tensor),
                                     tst.scalars(1e-3, 1.0, dtype, as_tensor))))
    return tuple(values)


@tst.built_once
@st.composite
def adam_step_inputs(draw, as_tensor: bool | None = False):
    """theta, grad, m, v (zeros at t = 0; v > 0 later), t, then some hyper-parameters."""
    dtype = draw(tst.dtypes())
    shape = _shape(draw)
    theta, grad = (draw(tst.tensors(shape, dtype, -10.0, 10.0)) for _ in range(2))
    t = draw(STEP_T)
    if t == 0:
        m, v = torch.zeros(shape, dtype=dtype), torch.zeros(shape, dtype=dtype)
    else:
        m, v = draw(tst.tensors(shape, dtype, -10.0, 10.0)), draw(tst.tensors(shape, dtype, 0.01, 100.0))
    return (theta, grad, m, v, t) + draw(adam_hyper_parameters(dtype, as_tensor))


@check("adam_step", N_("matches the reference on random inputs"), weight=3,
       hint=N_("Both moving averages put beta on the PAST (m on the gradients, v on their squares); "
               "correct the bias with 1 - beta**(t+1) (t counts from 0); return the uncorrected "
               "m_next and v_next."))
@given(inputs=adam_step_inputs())
def adam_step_matches_reference(student, inputs):
    """(theta_next, m_next, v_next) with m̂ = m_next/(1-beta1^(t+1)), v̂ = v_next/(1-beta2^(t+1)) and
    theta_next = theta - lr·m̂/(sqrt(v̂) + eps); hyper-parameters as Python floats or defaults."""
    expect_results(student(*inputs), ref.adam_step(*inputs), ADAM_NAMES)


@check("adam_step", N_("a run of it equals torch.optim.Adam"), weight=2,
       hint=N_("Feed each step the theta, m, v returned by the step before, t = 0, 1, 2, ...: "
            "torch.optim.Adam's exp_avg and exp_avg_sq are your m and v, and its bias "
            "correction at its k-th step uses beta**k."))
@given(data=st.data(), k=st.integers(1, 4))
def adam_step_equals_torch_adam(student, data, k):
    """Starting from m = v = 0, k calls of adam_step (t = 0..k-1) on the same gradients give the
    parameters, exp_avg and exp_avg_sq of k steps of torch.optim.Adam (same lr, betas, eps)."""
    dtype = data.draw(tst.dtypes(), "dtype")
    d = data.draw(st.integers(1, 4), "d")
    theta0 = data.draw(tst.tensors((d,), dtype, -5.0, 5.0), "theta0")
    grads = [data.draw(tst.tensors((d,), dtype, -10.0, 10.0), f"grad {t}") for t in range(k)]
    lr = data.draw(st.floats(1e-3, 0.5), "lr")
    beta1 = data.draw(st.floats(0.0, 0.99), "beta1")
    beta2 = data.draw(st.floats(0.5, 0.999), "beta2")
    eps = data.draw(st.one_of(st.just(1e-8), st.floats(1e-8, 1e-2)), "eps")

    # torch.optim.Adam's own update (the function its step() calls), without the
    # Optimizer class, whose first use imports torch._dynamo: seconds per process.
    param, exp_avg, exp_avg_sq = theta0.clone(), torch.zeros_like(theta0), torch.zeros_like(theta0)
    step = torch.zeros((), dtype=dtype)
    theta, m, v = theta0, torch.zeros_like(theta0), torch.zeros_like(theta0)
    for t, grad in enumerate(grads):
        torch_adam([param], [grad.clone()], [exp_avg], [exp_avg_sq], [], [step], foreach=False,
                   capturable=False, differentiable=False, fused=None, grad_scale=None, found_inf=None,
                   has_complex=False, amsgrad=False, beta1=beta1, beta2=beta2, lr=lr, weight_decay=0.0,
                   eps=eps, maximize=False)
        received = expect_tuple(student(theta, grad, m, v, t, lr, beta1, beta2, eps), ADAM_NAMES)
        after = dict(steps=t + 1, last=t)
        expect_close(received[0], param, ngettext(
            "theta_next (torch.optim.Adam's parameter) after {steps} step (t = 0..{last})",
            "theta_next (torch.optim.Adam's parameter) after {steps} steps (t = 0..{last})", t + 1).format(**after))
        expect_close(received[1], exp_avg, ngettext(
            "m_next (torch.optim.Adam's exp_avg) after {steps} step (t = 0..{last})",
            "m_next (torch.optim.Adam's exp_avg) after {steps} steps (t = 0..{last})", t + 1).format(**after))
        expect_close(received[2], exp_avg_sq, ngettext(
            "v_next (torch.optim.Adam's exp_avg_sq) after {steps} step (t = 0..{last})",
            "v_next (torch.optim.Adam's exp_avg_sq) after {steps} steps (t = 0..{last})", t + 1).format(**after))
        theta, m, v = received


@check("adam_step", N_("accepts the hyper-parameters as 0-dim tensors"), weight=1,
       hint=N_("Use lr, beta1, beta2 and eps in tensor arithmetic (beta1 ** (t+1) works for a 0-dim "
            "tensor too)."))
@given(inputs=adam_step_inputs(as_tensor=True))
def adam_step_tensor_hyper_parameters(student, inputs):
    """The same results when lr, beta1, beta2 and eps are 0-dim tensors of the inputs' dtype."""
    expect_results(student(*inputs), ref.adam_step(*inputs), ADAM_NAMES)


@check("adam_step", N_("does not modify its inputs"), role=Role.SIDE, weight=1,
       hint=N_("`m.mul_(beta1)` or `theta -= ...` change the caller's tensors: build new ones with "
               "out-of-place arithmetic."))
@given(inputs=adam_step_inputs(as_tensor=None))
def adam_step_unchanged(student, inputs):
    """theta, grad, m, v (and the hyper-parameters when tensors) are unchanged."""
    expect_inputs_unchanged(student, *inputs)


# ---- hints: `python -m grader hint NAME [--level K]`, `h` in `watch`, the site -----------
# From a nudge (which idea of the lecture) to the shape of the answer, never the
# solution; grader/hints.py adds the link to the exercise's section of the site.
# Plain string literals only: `hint` reads this block without importing torch.
# English here; the Chinese is in grader/locale (`make catalogs` extracts new hints).

HINTS: dict[str, list[str]] = {
    "adagrad_step": [
        "Lecture 5's Adagrad (定制化的学习率, a learning rate per parameter): each parameter steps by "
        "η/σ_i, where σ_i is the 均方根 (root mean square) of all its gradients so far. Large past "
        "gradients, small steps.",
        "Keep a running sum of squared gradients. t counts from 0: at step t there are already t+1 "
        "gradients g⁰ … gᵗ, so σ is the square root of that sum divided by t+1. eps sits next to σ "
        "in the denominator.",
        "Everything is elementwise, per parameter: no norms, no sums over coordinates. Dividing by t "
        "instead of t+1, or returning the old sum, are the usual slips.",
        "The shape of the answer: check t ≥ 0 and the shapes (ValueError); add this gradient's "
        "square to the sum; compute σ; step theta against the gradient scaled by lr / (σ + eps); "
        "return (theta_next, sq_sum_next).",
    ],
    "adagrad": [
        "Lecture 5's Adagrad over several steps from θ⁰: the trajectory of descent with an adaptive "
        "learning rate (有适应性的学习率).",
        "The running sum of squared gradients starts as zeros shaped like θ⁰. At step t (0, 1, 2, …) "
        "hand your adagrad_step that t, the gradient grad_fn gives at the current θ, the sum, lr and "
        "eps; carry θ and the sum on to the next step.",
        "The shape of the answer: validate theta0 (1-D) and steps (≥ 0); collect θ⁰ and every θ after "
        "it; return them stacked into a (steps+1, d) tensor.",
    ],
    "rmsprop_step": [
        "Lecture 5's RMSProp: like Adagrad, but σ is an exponentially weighted (指数加权) root mean "
        "square, so old gradients fade and the step can grow again when the surface flattens.",
        "α weighs the PAST: σᵗ is the square root of α·(σᵗ⁻¹)² + (1 − α)·(gᵗ)². With α = 0.9 the new "
        "gradient counts for only 10%. t = 0 is special: there is no past, σ⁰ = |g⁰|, and the sigma "
        "argument (which may be None then) must not be touched.",
        "For t > 0 a sigma of None is a ValueError. Comparing with torch.optim.RMSprop needs care: "
        "PyTorch starts its average at 0, the course at σ⁰ = |g⁰|, so the first steps differ (and "
        "torch.optim is banned in your file anyway).",
        "The shape of the answer: validate t ≥ 0 and the shapes (ValueError); compute σᵗ (two "
        "cases, t == 0 or not); step theta by lr·g / (σᵗ + eps); return (theta_next, σᵗ), not its "
        "square.",
    ],
    "rmsprop": [
        "Lecture 5's RMSProp over several steps from θ⁰ (有适应性的学习率, adaptive learning rate): "
        "the trajectory of steps RMSProp steps.",
        "σ starts as None. At step t (0, 1, …) hand your rmsprop_step that t, the gradient at the "
        "current θ and the σ the previous call returned, with lr, alpha and eps.",
        "The shape of the answer: validate theta0 (1-D) and steps (≥ 0); collect θ⁰ and each new θ; "
        "stack them into a (steps+1, d) tensor.",
    ],
    "adam_step": [
        "Adam (Lecture 5, beyond the notes) is Momentum (动量, Lecture 4: which way to go) plus "
        "RMSProp (how big a step for each parameter) plus 偏差修正 (bias correction), all "
        "elementwise.",
        "Two moving averages: m of the gradients (weight beta1 on the past) and v of the squared "
        "gradients (weight beta2). Both start at zero, so early on they are too small: dividing by "
        "1 − beta^(t+1) corrects that. t counts from 0, so the exponent is t+1: with t the first "
        "step would divide by zero.",
        "The corrected copies m̂ and v̂ serve this step only; the step returns, and the next call goes "
        "on from, the UNcorrected moments. Test yourself against torch.optim.Adam in a scratch file "
        "or notebook cell, with the same lr, betas and eps: a few steps should agree to the last "
        "digits. Your submission itself must not use torch.optim.",
        "The shape of the answer: validate the shapes and t ≥ 0; compute the new m and v; compute "
        "their bias-corrected copies; step theta by lr · m̂ / (√v̂ + eps); return "
        "(theta_next, m_next, v_next).",
    ],
}
