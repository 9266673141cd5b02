"""Checks of Lecture 4: 分批(batch)和动量方法 (``l04_batch_momentum.py``).

The contract lists no ValueError for these functions, so none is required (the
reference raises some for bad shapes; a submission that does not is not penalised).
Hyper-parameters come as Python floats and as 0-dim tensors of the inputs' dtype.
"""

from __future__ import annotations


import torch
from hypothesis import given
from hypothesis import strategies as st

from grader import strategies as tst
from grader.checks import check, reference
from grader.checks.common import built, expect_inputs_unchanged, expect_trajectory_start
from grader.expect import expect_close, expect_results
from grader.i18n import N_, _
from grader.verdict import Role

ref = reference("l04_batch_momentum")

LR = (0.0, 1.0)  # momentum_step: any learning rate
LAM = (0.0, 0.99)
DESCENT_LR = (0.0, 0.2)  # momentum_descent: small steps keep trajectories tame
DESCENT_LAM = (0.0, 0.9)
STEPS = st.integers(0, 6)





# ---- momentum_step ---------------------------------------------------------------


@tst.built_once
@st.composite
def step_inputs(draw, dtype=None, as_tensor: bool | None = False):
    """theta, grad, m of one shape and dtype, and lr, lam."""
    dtype = draw(tst.dtypes()) if dtype is None else dtype
    shape = draw(tst.shapes(max_dims=2, max_side=4))
    theta, grad, m = (draw(tst.tensors(shape, dtype, -10.0, 10.0)) for _ in range(3))
    lr = draw(tst.scalars(*LR, dtype, as_tensor))
    lam = draw(tst.scalars(*LAM, dtype, as_tensor))
    return theta, grad, m, lr, lam


STEP_NAMES = ("theta_next", "m_next")


@check("momentum_step", N_("matches the reference on random inputs"), weight=3,
       hint=N_("The new movement is lam times the old one minus lr times the gradient; the new "
               "position is theta plus the new movement. Return both, in that order."))
@given(inputs=step_inputs())
def momentum_step_matches_reference(student, inputs):
    """(theta_next, m_next) with m_next = lam*m - lr*grad and theta_next = theta + m_next,
    of the inputs' dtype, for lr and lam given as Python floats."""
    expect_results(student(*inputs), ref.momentum_step(*inputs), STEP_NAMES)


@check("momentum_step", N_("accepts lr and lam as 0-dim tensors"), weight=1,
       hint=N_("Use lr and lam in tensor arithmetic (lam * m), which works for Python numbers and "
            "0-dim tensors alike; avoid float-only calls such as math functions or .is_integer()."))
@given(inputs=step_inputs(as_tensor=True))
def momentum_step_tensor_hyper_parameters(student, inputs):
    """The same results when lr and lam are 0-dim tensors of the inputs' dtype."""
    expect_results(student(*inputs), ref.momentum_step(*inputs), STEP_NAMES)


@check("momentum_step", N_("with lam = 0 it is plain gradient descent"), weight=1,
       hint=N_("With no momentum (λ = 0) the old movement m is forgotten: the step is -lr*grad."))
@given(inputs=step_inputs(as_tensor=None), zero_as_tensor=st.booleans())
def momentum_step_without_momentum(student, inputs, zero_as_tensor):
    """momentum_step(theta, grad, m, lr, 0) = (theta - lr*grad, -lr*grad), whatever m is."""
    theta, grad, m, lr, _lam = inputs
    lam = torch.zeros((), dtype=theta.dtype) if zero_as_tensor else 0.0
    step = -(lr * grad)
    expect_results(student(theta, grad, m, lr, lam), (theta + step, step), STEP_NAMES)


@check("momentum_step", N_("does not modify its inputs"), role=Role.SIDE, weight=1,
       hint=N_("`theta += ...` or `m.mul_(lam)` changes the caller's tensors: build new ones with "
               "out-of-place arithmetic."))
@given(inputs=step_inputs(as_tensor=None))
def momentum_step_unchanged(student, inputs):
    """theta, grad, m (and lr, lam when tensors) hold the same values after the call."""
    expect_inputs_unchanged(student, *inputs)


# ---- momentum_descent ------------------------------------------------------------


@tst.built_once
@st.composite
def descent_inputs(draw, dtype=None, as_tensor: bool | None = False, lam=None):
    """grad_fn (a loss-surface Fixture), theta0 (d,), lr, lam, steps."""
    dtype = draw(tst.dtypes()) if dtype is None else dtype
    d = draw(st.integers(1, 4))
    grad_fn = draw(tst.loss_surface_gradients(d, dtype))
    theta0 = draw(tst.tensors((d,), dtype, -3.0, 3.0))
    lr = draw(tst.scalars(*DESCENT_LR, dtype, as_tensor))
    lam = draw(tst.scalars(*DESCENT_LAM, dtype, as_tensor)) if lam is None else lam
    return grad_fn, theta0, lr, lam, draw(STEPS)


@check("momentum_descent", N_("matches the reference on random loss surfaces"), weight=3,
       hint=N_("Start with zero movement; at each step take the gradient at the current theta and "
               "make one momentum step. The trajectory holds theta0 first, then every theta after "
               "it."))
@given(inputs=descent_inputs())
def momentum_descent_matches_reference(student, inputs):
    """The trajectory θ⁰, θ¹, ..., θ^steps of momentum from m⁰ = 0, on bowls, saddles and
    bumpy surfaces, with lr and lam as Python floats."""
    expect_close(student(*inputs), ref.momentum_descent(*built(inputs)), _("the trajectory"))


@check("momentum_descent", N_("accepts lr and lam as 0-dim tensors"), weight=1,
       hint=N_("Use lr and lam in tensor arithmetic, which works for Python numbers and 0-dim "
            "tensors alike."))
@given(inputs=descent_inputs(as_tensor=True))
def momentum_descent_tensor_hyper_parameters(student, inputs):
    """The same trajectory when lr and lam are 0-dim tensors of theta0's dtype."""
    expect_close(student(*inputs), ref.momentum_descent(*built(inputs)), _("the trajectory"))


@check("momentum_descent", N_("the trajectory is (steps+1, d) and starts at theta0"), weight=1,
       hint=N_("Put theta0 itself in the trajectory first, then one row after each step: "
            "steps = 0 gives a single row."))
@given(inputs=descent_inputs(as_tensor=None))
def momentum_descent_shape(student, inputs):
    """The result has shape (steps+1, d), theta0's dtype, and row 0 equal to theta0."""
    theta0, steps = inputs[1], inputs[4]
    expect_trajectory_start(student(*inputs), theta0, steps, ref.momentum_descent(*built(inputs)))


@check("momentum_descent", N_("with lam = 0 it is plain gradient descent"), weight=1,
       hint=N_("With λ = 0 each step is theta - lr * grad_fn(theta)."))
@given(inputs=descent_inputs(as_tensor=None, lam=0.0))
def momentum_descent_without_momentum(student, inputs):
    """With lam = 0 the trajectory is gradient descent: θⁱ⁺¹ = θⁱ - lr * grad_fn(θⁱ)."""
    grad_fn, theta0, lr, _lam, steps = inputs
    g = grad_fn.build()
    rows = [theta0]
    for _step in range(steps):
        rows.append(rows[-1] - lr * g(rows[-1]))
    expect_close(student(*inputs), torch.stack(rows), _("the trajectory"))


@check("momentum_descent", N_("does not modify its inputs"), role=Role.SIDE, weight=1,
       hint=N_("`theta = theta0` then `theta += m` changes theta0 (and every row you stored): "
            "write theta = theta + m."))
@given(inputs=descent_inputs(as_tensor=None))
def momentum_descent_unchanged(student, inputs):
    """theta0, the gradient's parameters (and lr, lam when tensors) are unchanged."""
    expect_inputs_unchanged(student, *inputs)


# ---- hints: `python -m grader hint NAME [--level K]`, `h` in `watch`, the site -----------
# From a nudge (which idea of the lecture) to the shape of the answer, never the
# solution; grader/hints.py adds the link to the exercise's section of the site.
# Plain string literals only: `hint` reads this block without importing torch.
# English here; the Chinese is in grader/locale (`make catalogs` extracts new hints).

HINTS: dict[str, list[str]] = {
    "momentum_step": [
        "Lecture 4's Momentum (动量): like a ball rolling downhill, each move is the previous move "
        "scaled by λ plus a step against the gradient. From the notes: mⁱ⁺¹ = λmⁱ − ηgⁱ and "
        "θⁱ⁺¹ = θⁱ + mⁱ⁺¹.",
        "Compute the new movement first, then the new position from it; both are new tensors. With "
        "λ = 0 it must be plain gradient descent. lr and lam may be Python floats or 0-dim tensors: "
        "plain arithmetic handles both.",
        "No in-place updates (theta += …, m.mul_(lam)): they would change the caller's tensors, and "
        "the checks look at them after the call.",
        "The shape of the answer: check that grad and m have theta's shape (ValueError); return the "
        "pair (theta_next, m_next), in that order.",
    ],
    "momentum_descent": [
        "Lecture 4's Momentum (动量) over several steps: the trajectory θ⁰, θ¹, …, θ^steps of gradient "
        "descent with momentum, starting from θ⁰ with m⁰ = 0.",
        "Reuse your momentum_step in a loop: the movement starts as zeros shaped like theta0; at "
        "each step ask grad_fn for the gradient at the current θ, take the step, and carry both θ "
        "and m on to the next step.",
        "Row 0 is theta0 itself, and the gradient is taken at the current θ: not at theta0 every "
        "time, and not at the next θ. steps = 0 gives a single row.",
        "The shape of the answer: validate theta0 (1-D) and steps (≥ 0), else ValueError; keep a "
        "list that starts with theta0 and grows by one θ a step; stack it into a (steps+1, d) "
        "tensor.",
    ],
}
