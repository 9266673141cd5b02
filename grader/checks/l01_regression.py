"""Checks of Lecture 1: Regression (``l01_regression.py``)."""

from __future__ import annotations

import torch
from hypothesis import assume, example, given
from hypothesis import strategies as st

from grader import strategies as tst
from grader.checks import check, reference
from grader.checks.common import (
    cotangent_like,
    expect_gradients,
    expect_inputs_unchanged,
    expect_value_error,
)
from grader.expect import expect_close, expect_scalar, expect_tensor, expect_tensor_list
from grader.feedback import Failure
from grader.i18n import N_, _
from grader.verdict import Role

ref = reference("l01_regression")


# ---- mae and mse: the same rules, one loss apart ----------------------------------

def _loss_checks(name: str, first_hint: str) -> None:
    """The checks of a loss (mae, mse); the first check's hint marked by the caller."""
    reference_loss = getattr(ref, name)

    @check(name, N_("matches the reference on random inputs"), weight=3, hint=first_hint)
    @given(pair=tst.same_shape_pairs())
    def matches_reference(student, pair):
        """The loss is the mean of the elementwise errors, a 0-dim tensor of the inputs' dtype."""
        expect_close(student(*pair), reference_loss(*pair))

    @check(name, N_("gradients reach pred and target"), role=Role.GRADIENT, weight=2,
           hint=N_("Build the loss from tensor operations only, with no .item() or NumPy in between."))
    @given(pair=tst.same_shape_pairs(), offset=st.floats(0.5, 10.0))
    def gradients(student, pair, offset):
        """The loss is differentiable in pred and target, with the reference's gradients."""
        pred, target = pair
        target = pred + offset  # away from the kink of |pred - target| at 0
        expect_gradients(student, reference_loss, (pred, target), [0, 1], torch.ones((), dtype=pred.dtype))

    @check(name, N_("is zero exactly when pred equals target"),
           hint=N_("A loss measures how far apart pred and target are: never negative."))
    @given(pred=tst.tensors(), shift=st.floats(0.01, 10.0))
    def zero_iff_equal(student, pred, shift):
        """loss(pred, pred) is 0, and loss(pred, pred + shift) > 0."""
        same = expect_scalar(student(pred, pred.clone()), pred.dtype, _("the loss"))
        if float(same) != 0.0:
            raise Failure(_("the loss of a perfect prediction should be exactly 0"),
                          expected=torch.zeros((), dtype=pred.dtype), received=same)
        apart = expect_scalar(student(pred, pred + shift), pred.dtype, _("the loss"))
        if not float(apart) > 0.0:
            raise Failure(_("the loss should be positive when pred and target differ"),
                          received=apart)

    @check(name, N_("raises ValueError for different shapes or empty input"), role=Role.SIDE,
           hint=N_("Compare pred.shape with target.shape first: broadcasting (N,) against (N, 1) "
                "silently builds an (N, N) matrix of errors."))
    @given(shapes=tst.different_shapes(), dtype=tst.dtypes())
    def value_errors(student, shapes, dtype):
        """Shapes that differ (even broadcastable ones) and empty inputs are a ValueError."""
        first, second = shapes
        expect_value_error(student, torch.ones(first, dtype=dtype), torch.ones(second, dtype=dtype))
        expect_value_error(student, torch.ones(0, dtype=dtype), torch.ones(0, dtype=dtype))

    @check(name, N_("does not modify its inputs"), role=Role.SIDE,
           hint=N_("Use out-of-place operations: `pred - target`, not `pred.sub_(target)` or `-=`."))
    @given(pair=tst.same_shape_pairs())
    def inputs_unchanged(student, pair):
        """pred and target hold the same values after the call."""
        expect_inputs_unchanged(student, *pair)


_loss_checks("mae", N_("Average the absolute errors over all elements: the mean, not the sum."))
_loss_checks("mse", N_("Average the squared errors over all elements: the mean, not the sum."))


# ---- hard_sigmoid -----------------------------------------------------------------


def _hard_sigmoid_parameters(dtype: torch.dtype):
    """c, b, w as Python floats or 0-dim tensors of ``dtype``."""
    number = st.floats(-5.0, 5.0).filter(lambda v: abs(v) > 0.05)
    as_tensor = number.map(lambda v: torch.tensor(v, dtype=dtype))
    return st.one_of(number, as_tensor)


@check("hard_sigmoid", N_("matches the reference on random inputs"), weight=3,
       hint=N_("The ramp (w·x + b)/6 + 1/2 is clamped to [0, 1] first, then scaled by c: a ramp from "
               "0 to c, flat on both sides. b is added before dividing by 6."))
@given(data=st.data(), dtype=tst.dtypes())
def hard_sigmoid_matches_reference(student, data, dtype):
    """hard_sigmoid(x, c, b, w) = c * clamp((w*x + b)/6 + 1/2, 0, 1), elementwise."""
    x = data.draw(tst.tensors(dtype=dtype, low=-20, high=20))
    c, b, w = (data.draw(_hard_sigmoid_parameters(dtype)) for _ in range(3))
    expect_close(student(x, c, b, w), ref.hard_sigmoid(x, c, b, w))


@check("hard_sigmoid", N_("equals torch's hardsigmoid with the default parameters"),
       hint=N_("With c=1, b=0, w=1 the ramp runs from x=-3 to x=3."))
@given(x=tst.tensors(low=-10, high=10))
def hard_sigmoid_defaults(student, x):
    """With c=1, b=0, w=1 it equals torch.nn.functional.hardsigmoid (kinks at ±3 included)."""
    x = torch.cat([x.reshape(-1), torch.tensor([-3.0, 3.0, 0.0], dtype=x.dtype)])
    expect_close(student(x), torch.nn.functional.hardsigmoid(x))


@check("hard_sigmoid", N_("gradients reach x, c, b and w"), role=Role.GRADIENT, weight=2,
       hint=N_("Keep c, b and w in the tensor expression so autograd can follow them."))
@given(x=tst.tensors(dtype=torch.float64, low=-20, high=20), data=st.data())
def hard_sigmoid_gradients(student, x, data):
    """Differentiable in x, c, b, w, with the reference's gradients away from the kinks."""
    c, b, w = (torch.tensor(data.draw(st.floats(0.2, 3.0)), dtype=x.dtype) for _ in range(3))
    inner = (w * x + b) / 6 + 0.5
    assume(bool(((inner - 0).abs() > 1e-3).all() and ((inner - 1).abs() > 1e-3).all()))
    expect_gradients(student, ref.hard_sigmoid, (x, c, b, w), [0, 1, 2, 3], cotangent_like(x))


@check("hard_sigmoid", N_("does not modify its inputs"), role=Role.SIDE,
       hint=N_("Write `w * x + b`, not `x.mul_(w)`."))
@given(x=tst.tensors())
def hard_sigmoid_unchanged(student, x):
    """x holds the same values after the call."""
    expect_inputs_unchanged(student, x, torch.tensor(2.0, dtype=x.dtype), 0.5, 1.5)


# ---- piecewise_linear -------------------------------------------------------------


@tst.built_once
@st.composite
def knots(draw, dtype=None, min_k=2):
    dtype = draw(tst.dtypes()) if dtype is None else dtype
    k = draw(st.integers(min_k, 6))
    start = draw(st.floats(-10.0, 10.0))
    gaps = draw(st.lists(st.floats(0.1, 5.0), min_size=k - 1, max_size=k - 1))
    xs = torch.tensor([start], dtype=torch.float64).repeat(k)
    xs[1:] += torch.tensor(gaps, dtype=torch.float64).cumsum(0)
    ys = draw(tst.tensors((k,), dtype, -10.0, 10.0))
    return xs.to(dtype), ys


@check("piecewise_linear", N_("matches the reference on random inputs"), weight=3,
       hint=N_("Start from knots_y[0] and add one ramp per segment, each climbing "
            "knots_y[i+1] - knots_y[i] between knots_x[i] and knots_x[i+1]."))
@given(data=st.data())
def piecewise_linear_matches_reference(student, data):
    """The red curve: through every knot, linear between knots, constant beyond both ends."""
    knots_x, knots_y = data.draw(knots())
    x = data.draw(tst.tensors(dtype=knots_x.dtype, low=-40, high=40))
    # The exact curve (computed in float64), with a tolerance for rounding that grows
    # with the conditioning: a ramp (x - x0) / (x1 - x0) over a short segment far from 0
    # loses digits in float32 whichever correct way it is written.
    exact = ref.piecewise_linear(x.double(), knots_x.double(), knots_y.double()).to(x.dtype)
    reach = 1 + max(float(x.abs().max()), float(knots_x.abs().max()))
    shortest = float((knots_x[1:] - knots_x[:-1]).min())
    climb = 1 + float((knots_y[1:] - knots_y[:-1]).abs().sum())
    unit = 1e-6 if x.dtype == torch.float32 else 1e-15
    expect_close(student(x, knots_x, knots_y), exact, atol=max(unit * reach / shortest * climb, 1e-9))


@check("piecewise_linear", N_("passes through every knot and is flat outside"),
       hint=N_("At x = knots_x[i] exactly i ramps are complete and the others have not started."))
@given(data=st.data())
def piecewise_linear_knots(student, data):
    """f(knots_x[i]) = knots_y[i]; f = knots_y[0] left of the first knot and knots_y[-1] right of the last."""
    knots_x, knots_y = data.draw(knots(dtype=torch.float64))
    outside = torch.stack([knots_x[0] - 5, knots_x[-1] + 5])
    received = expect_tensor(student(torch.cat([knots_x, outside]), knots_x, knots_y))
    expected = torch.cat([knots_y, knots_y[[0, -1]]])
    expect_close(received, expected, _("the values at the knots (then left and right of them)"), atol=1e-9)


@check("piecewise_linear", N_("gradients reach knots_y"), role=Role.GRADIENT,
       hint=N_("Let the ramp heights come from knots_y as tensors, so autograd can follow them."))
@given(data=st.data())
def piecewise_linear_gradients(student, data):
    """Differentiable in knots_y, with the reference's gradient."""
    knots_x, knots_y = data.draw(knots(dtype=torch.float64))
    x = data.draw(tst.tensors((5,), torch.float64, -20, 20))
    assume(bool((x.unsqueeze(1) - knots_x).abs().min() > 1e-3))
    expect_gradients(student, ref.piecewise_linear, (x, knots_x, knots_y), [2], cotangent_like(x))


@check("piecewise_linear", N_("raises ValueError for bad knots"), role=Role.SIDE,
       hint=N_("Check the knots first: 1-D, equal lengths, at least 2, strictly increasing x."))
@given(dtype=tst.dtypes())
def piecewise_linear_value_errors(student, dtype):
    """Knots not 1-D, of different lengths, fewer than 2, or not strictly increasing: ValueError."""
    x = torch.zeros(3, dtype=dtype)
    t = lambda *v: torch.tensor(v, dtype=dtype)
    column = lambda *v: t(*v).reshape(-1, 1)
    expect_value_error(student, x, t([0.0, 1.0]), t([0.0, 1.0]))  # 2-D knots, (1, 2)
    # Shapes where only the 1-D rule is broken (the lengths agree, K >= 2, x increases):
    expect_value_error(student, x, t(0.0, 1.0, 2.0), column(0.0, 1.0, 2.0))  # knots_y (3, 1)
    expect_value_error(student, x, column(0.0, 1.0, 2.0), t(0.0, 1.0, 2.0))  # knots_x (3, 1)
    expect_value_error(student, x, t(0.0, 1.0, 2.0), t(0.0, 1.0))  # lengths differ
    expect_value_error(student, x, t(0.0), t(1.0))  # one knot
    expect_value_error(student, x, t(), t())  # no knot at all
    expect_value_error(student, x, t(0.0, 1.0, 1.0), t(0.0, 1.0, 2.0))  # repeated x
    expect_value_error(student, x, t(2.0, 1.0), t(0.0, 1.0))  # decreasing x
    expect_value_error(student, x, t(0.0, 2.0, 1.0), t(0.0, 1.0, 2.0))  # increasing, then not


@check("piecewise_linear", N_("does not modify its inputs"), role=Role.SIDE)
@given(data=st.data())
def piecewise_linear_unchanged(student, data):
    """x, knots_x and knots_y hold the same values after the call."""
    knots_x, knots_y = data.draw(knots())
    x = data.draw(tst.tensors(dtype=knots_x.dtype, low=-20, high=20))
    expect_inputs_unchanged(student, x, knots_x, knots_y)


# ---- one_hidden_layer -------------------------------------------------------------

ACTIVATIONS = st.sampled_from(["sigmoid", "relu", "hard_sigmoid"])


@tst.built_once
@st.composite
def networks(draw, dtype=None):
    dtype = draw(tst.dtypes()) if dtype is None else dtype
    n, d, m = draw(st.integers(1, 5)), draw(st.integers(1, 4)), draw(st.integers(1, 5))
    x = draw(tst.tensors((n, d), dtype, -5, 5))
    W = draw(tst.tensors((m, d), dtype, -3, 3))
    b = draw(tst.tensors((m,), dtype, -3, 3))
    c = draw(tst.tensors((m,), dtype, -3, 3))
    b0 = draw(tst.tensors((), dtype, -3, 3))
    return x, W, b, c, b0


@check("one_hidden_layer", N_("matches the reference on random inputs"), weight=3,
       hint=N_("The hidden values form an (N, m) matrix, one row per sample and one column per "
               "neuron: the activation of x times the transpose of W, plus b. Weight them by c, sum "
               "over the neurons, add b0."))
@given(net=networks(), activation=ACTIVATIONS)
def one_hidden_layer_matches_reference(student, net, activation):
    """y = b0 + Σ_i c_i a(b_i + Σ_j W_ij x_j), one value per row of x."""
    expect_close(student(*net, activation=activation), ref.one_hidden_layer(*net, activation=activation))


@check("one_hidden_layer", N_("gradients reach W, b, c and b0"), role=Role.GRADIENT, weight=2,
       hint=N_("Every parameter must stay in the tensor expression that autograd follows."))
@given(net=networks(dtype=torch.float64), activation=ACTIVATIONS)
def one_hidden_layer_gradients(student, net, activation):
    """Differentiable in W, b, c, b0, with the reference's gradients (away from the kinks)."""
    x, W, b, _c, _b0 = net
    z = x @ W.T + b
    kinks = {"relu": [0.0], "hard_sigmoid": [-3.0, 3.0], "sigmoid": []}[activation]
    assume(all(bool(((z - k).abs() > 1e-3).all()) for k in kinks))
    expect_gradients(student, ref.one_hidden_layer, net, [1, 2, 3, 4], cotangent_like(x[:, 0]),
                     activation=activation)


@check("one_hidden_layer", N_("raises ValueError for an unknown activation or misfit shapes"), role=Role.SIDE,
       hint=N_("Check the activation name and every shape before computing."))
@given(net=networks())
def one_hidden_layer_value_errors(student, net):
    """Unknown activation, W not matching x, b or c not (m,) (even when they would
    broadcast), b0 not 0-dim: ValueError."""
    x, W, b, c, b0 = net
    expect_value_error(student, x, W, b, c, b0, activation="tanh!")
    expect_value_error(student, torch.cat([x, x[:, :1]], dim=1), W, b, c, b0)
    expect_value_error(student, x, W, torch.cat([b, b[:1]]), c, b0)
    expect_value_error(student, x, W, b, torch.cat([c, c[:1]]), b0)
    expect_value_error(student, x, W, torch.cat([b, b[:1]]), torch.cat([c, c[:1]]), b0)  # both m+1
    expect_value_error(student, x, W, b.reshape(-1, 1), c, b0)  # (m, 1) instead of (m,)
    expect_value_error(student, x, W, b, c.reshape(-1, 1), b0)
    if len(b) > 1:
        expect_value_error(student, x, W, b[:1], c, b0)  # (1,) broadcasts silently
    expect_value_error(student, x, W, b, c, b0.reshape(1))


@check("one_hidden_layer", N_("does not modify its inputs"), role=Role.SIDE)
@given(net=networks(), activation=ACTIVATIONS)
def one_hidden_layer_unchanged(student, net, activation):
    """x, W, b, c and b0 hold the same values after the call."""
    expect_inputs_unchanged(student, *net, activation=activation)


# ---- minibatches ------------------------------------------------------------------

SIZES = st.one_of(
    st.tuples(st.integers(1, 60), st.integers(1, 25)),
    # batch_size divides n: no smaller last batch, so drop_last drops nothing
    st.tuples(st.integers(1, 6), st.integers(1, 10)).map(lambda kb: (kb[0] * kb[1], kb[1])),
    # n < batch_size: one short batch, and no batch at all with drop_last
    st.tuples(st.integers(1, 10), st.integers(1, 15)).map(lambda nk: (nk[0], nk[0] + nk[1])),
)
# seed=0 is a seed like any other (`if seed:` would take it for None)
SEEDS = st.one_of(st.just(0), st.integers(0, 2**31 - 1))


def _expect_indices(batch, i: int) -> torch.Tensor:
    """Batch i, which must be a 1-D int64 tensor (of sample indices)."""
    batch = expect_tensor(batch, _("batch {i}").format(i=i))
    if batch.dtype != torch.int64 or batch.ndim != 1:
        raise Failure(_("batch {i} should be a 1-D int64 tensor, got {ndim}-D {dtype}").format(
                      i=i, ndim=batch.ndim, dtype=batch.dtype),
                      received=batch, kind="wrong_type")
    return batch


def _expect_batches(received, expected) -> None:
    batches = expect_tensor_list(received, _("the batches"))
    if len(batches) != len(expected):
        raise Failure(_("expected {expected} batches (updates in the epoch), got {received}").format(
                      expected=len(expected), received=len(batches)),
                      expected=expected, received=batches)
    for i, (got, want) in enumerate(zip(batches, expected)):
        expect_close(got, want, _("batch {i}").format(i=i))


@check("minibatches", N_("without shuffle: consecutive ranges"), weight=2,
       hint=N_("range(0, n, batch_size) gives the start of each batch; drop_last removes only a "
            "last batch shorter than batch_size (so n < batch_size leaves no batch at all)."))
@given(sizes=SIZES, seed=st.one_of(st.none(), SEEDS))
@example(sizes=(3, 5), seed=None)
@example(sizes=(6, 3), seed=None)
def minibatches_in_order(student, sizes, seed):
    """Batches [0..B-1], [B..2B-1], ...; a smaller last batch, dropped with drop_last
    (tried both ways). A seed given with shuffle=False changes nothing."""
    n, batch_size = sizes
    for drop_last in (False, True):
        expected = ref.minibatches(n, batch_size, shuffle=False, drop_last=drop_last)
        _expect_batches(student(n, batch_size, shuffle=False, drop_last=drop_last, seed=seed), expected)


@check("minibatches", N_("with a seed: the seeded permutation, cut in order"), weight=2,
       hint=N_("The contract's permutation: torch.randperm(n) drawing from a torch.Generator of "
               "your own, seeded with seed; the batches cut it in order."))
@given(sizes=SIZES, seed=SEEDS)
def minibatches_seeded(student, sizes, seed):
    """With shuffle and a seed, the batches cut the contract's permutation (with and
    without drop_last)."""
    n, batch_size = sizes
    for drop_last in (False, True):
        expected = ref.minibatches(n, batch_size, shuffle=True, drop_last=drop_last, seed=seed)
        _expect_batches(student(n, batch_size, shuffle=True, drop_last=drop_last, seed=seed), expected)


@check("minibatches", N_("one epoch covers every sample once"),
       hint=N_("Shuffle the indices, then cut them: no index repeats, none is lost."))
@given(sizes=SIZES, seed=st.one_of(st.none(), st.integers(0, 1000)))
def minibatches_epoch(student, sizes, seed):
    """Without drop_last the batches partition range(n), each int64 and 1-D."""
    n, batch_size = sizes
    batches = expect_tensor_list(student(n, batch_size, shuffle=True, seed=seed), _("the batches"))
    batches = [_expect_indices(batch, i) for i, batch in enumerate(batches)]
    everything = torch.cat(batches) if batches else torch.zeros(0, dtype=torch.int64)
    expect_close(everything.sort().values, torch.arange(n), _("all indices of the epoch, sorted"))


@check("minibatches", N_("raises ValueError for n < 1 or batch_size < 1"), role=Role.SIDE)
@given(bad=st.integers(-3, 0), good=st.integers(1, 10))
def minibatches_value_errors(student, bad, good):
    """n < 1 or batch_size < 1: ValueError."""
    expect_value_error(student, bad, good)
    expect_value_error(student, good, bad)


@check("minibatches", N_("with a seed, leaves the global random state alone"), role=Role.SIDE,
       hint=N_("Draw from a torch.Generator of your own, not from the global one."))
@given(sizes=SIZES, seed=SEEDS)
def minibatches_global_state(student, sizes, seed):
    """Two seeded calls give the same batches, and the global RNG is neither consumed nor reset."""
    n, batch_size = sizes
    # First a call with another seed: a torch.manual_seed(seed) inside would leave the
    # global state where the next call with that same seed puts it again, unseen.
    student(n, batch_size, seed=seed + 1)
    answer = student.run(n, batch_size, seed=seed)
    first = expect_tensor_list(student.returned(answer), _("the batches"))
    second = student(n, batch_size, seed=seed)
    # The first call's batches are what the second must equal: tensors, checked as such.
    _expect_batches(second, [expect_tensor(b, _("batch {i}").format(i=i)) for i, b in enumerate(first)])
    if answer.global_rng_changed:
        raise Failure(_("the call with a seed changed the global random state "
                        "(torch.manual_seed or torch.randperm without a generator?)"))


@check("minibatches", N_("without a seed, shuffles with the global random state"),
       hint=N_("With shuffle and no seed, torch.randperm(n) draws from the global random state."))
@given(n=st.integers(8, 60), batch_size=st.integers(1, 25))
def minibatches_unseeded(student, n, batch_size):
    """With shuffle and seed=None, the order is drawn from torch's global RNG (which
    therefore moves on), and the epoch still covers every sample once."""
    answer = student.run(n, batch_size, shuffle=True)
    batches = expect_tensor_list(student.returned(answer), _("the batches"))
    if not answer.global_rng_changed:
        raise Failure(_("with shuffle=True and no seed, the permutation should come from the global "
                        "random state (torch.randperm(n)), but the global state was not used"))
    # Concatenated and sorted below: only 1-D int64 batches can be (a complex one cannot).
    parts = [_expect_indices(b, i) for i, b in enumerate(batches)]
    everything = torch.cat(parts) if parts else torch.zeros(0, dtype=torch.int64)
    expect_close(everything.sort().values, torch.arange(n), _("all indices of the epoch, sorted"))


# ---- hints: `python -m grader hint NAME [--level K]`, `h` in `watch`, the site -----------
# From a nudge (which idea of the lecture) to the shape of the answer, never the
# solution; grader/hints.py adds the link to the exercise's section of the site.
# Plain string literals only: `hint` reads this block without importing torch.
# English here; the Chinese is in grader/locale (`make catalogs` extracts new hints).

HINTS: dict[str, list[str]] = {
    "mae": [
        "Lecture 1's loss (损失, Loss): MAE, 平均绝对误差 (mean absolute error), averages the size of "
        "the errors |y_n − ŷ_n| over all N samples: one number that says how bad the parameters are.",
        "Work on whole tensors: the elementwise error, its absolute value, then one reduction that "
        "averages over every element. A tensor's own methods are enough, and they keep the result "
        "differentiable in pred and target; .item(), NumPy or a Python loop would cut the gradient. "
        "torch.nn.functional.l1_loss and torch.nn.L1Loss are banned.",
        "Check before computing: pred of shape (N,) minus target of shape (N, 1) broadcasts (广播) to "
        "an (N, N) matrix and silently gives a wrong number, and an empty input has no error to "
        "average. Leave the inputs alone: no sub_, abs_ or -= on them.",
        "The shape of the answer: raise ValueError naming both shapes when pred.shape differs from "
        "target.shape, and when there is no element; otherwise return one 0-dim tensor, the mean of "
        "the absolute errors.",
    ],
    "mse": [
        "Lecture 1's MSE, 均方误差 (mean squared error): the MEAN of the squared errors. The notes "
        "say 平方和 (sum of squares); the course, like torch.nn.MSELoss, takes the mean (see the correction (勘误) "
        "box in “MAE and MSE”): a sum grows with the number of samples, a mean does not.",
        "The same plan as mae with a square instead of an absolute value: the elementwise error, "
        "squared, then averaged over all elements. Squaring punishes an error twice as large four "
        "times as much. torch.nn.functional.mse_loss and torch.nn.MSELoss are banned.",
        "The broadcasting trap (广播): pred of shape (N,) minus target of shape (N, 1) is an (N, N) "
        "matrix, and its mean is a wrong number that raises no error. So shapes that differ must "
        "raise, not be subtracted. The checks also take gradients and look at pred and target after "
        "the call: stay out-of-place, and do not convert to float32 or to Python numbers on the way.",
        "The shape of the answer: raise ValueError when the shapes differ (even if they would "
        "broadcast) or the input is empty; otherwise return one 0-dim tensor of the inputs' dtype. "
        "Not the sum, not its square root (that would be RMSE), not half of it.",
    ],
    "hard_sigmoid": [
        "Lecture 1's “blue curve” (蓝色曲线, hard sigmoid): flat at 0, a linear ramp, flat at height "
        "c. The course writes it like PyTorch's hardsigmoid: (w·x + b)/6 + 1/2, clamped to the "
        "interval [0, 1], times c.",
        "Three pieces, inside out: the linear part (w and b act on x), the clamp to [0, 1] "
        "(torch.clamp or Tensor.clamp cuts every element into an interval, and autograd goes "
        "through it; at the two corners either one-sided gradient is fine), and the height c on the "
        "outside. c, b and w may be Python floats or 0-dim tensors: plain arithmetic handles both.",
        "Test yourself: with c = 1, b = 0, w = 1 the result must equal "
        "torch.nn.functional.hardsigmoid, with the ramp from x = −3 to x = 3. Compare in a scratch "
        "cell; your submission must not call it. Calling .item() on c cuts its gradient, and "
        "dividing by 3 instead of 6 doubles the slope (it is c·w/6).",
        "The shape of the answer: one elementwise expression with the shape of x, differentiable in "
        "x and in c, b, w where they are tensors. Mind where each parameter goes: b is added before "
        "dividing by 6, c multiplies after the clamp.",
    ],
    "piecewise_linear": [
        "Lecture 1's “red curve” (红色曲线, 分段线性曲线, piecewise linear curve) is a constant plus one "
        "hard sigmoid per segment: each ramp climbs while x crosses its segment, then stays up.",
        "For segment i (from knots_x[i] to knots_x[i+1]) the ramp's height c is the rise of y over "
        "that segment. Choose its w and b so that (w·x + b)/6 + 1/2 is exactly 0 at the left knot "
        "and exactly 1 at the right knot: two equations, two unknowns, solved on paper.",
        "All segments at once: give x a trailing axis of length 1, so that it broadcasts against the "
        "K−1 heights, slopes and shifts to (..., K−1), one ramp per segment; sum the ramps over that "
        "last axis. At x = knots_x[j] the curve equals knots_y[j]; left of all knots it is "
        "knots_y[0], right of them knots_y[-1]. numpy.interp is banned.",
        "The shape of the answer: validate the knots (1-D, the same length, K ≥ 2, strictly "
        "increasing knots_x, else ValueError); compute the K−1 heights, slopes and shifts as "
        "tensors; sum the ramps of your hard_sigmoid and add the left-most y.",
    ],
    "one_hidden_layer": [
        "Lecture 1's 神经网络 (neural network) with one 隐藏层 (hidden layer): y = b0 + Σ_i c_i · "
        "a(b_i + Σ_j W_ij x_j), where a is the 激活函数 (activation function). Each hidden unit "
        "(神经元, neuron) is one curve.",
        "Write it in matrix form for the whole batch at once: x is (N, d) and W is (m, d), so one "
        "matrix product of x with the transpose of W, plus b, gives an (N, m) matrix whose row n "
        "holds the inputs of the m neurons for sample n. Then the activation elementwise, the "
        "weights c with a sum over the units (or a product with c), and b0.",
        "Check every shape before computing: the columns of W must match those of x, b and c must "
        "have exactly m entries (a (1,) or (m, 1) tensor would broadcast silently), and b0 must be "
        "0-dim; an unknown activation name is a ValueError too. No Python loop over samples or units "
        "is needed, and nothing should be detached: the checks take gradients with respect to W, b, "
        "c and b0.",
        "The shape of the answer: check the activation's name (sigmoid, relu or hard_sigmoid) and "
        "the shapes, else ValueError; compute the (N, m) matrix of hidden outputs; return the (N,) "
        "predictions. A dict from names to functions keeps the choice of activation tidy.",
    ],
    "minibatches": [
        "Lecture 1's “Batch” and “Epochs vs updates” (分批, 迭代 vs 更新): one epoch cuts the n samples into "
        "batches of batch_size; each batch is one update, so an epoch has ⌈n / batch_size⌉ updates "
        "(one fewer with drop_last when the last batch is short).",
        "First build the order of the sample indices: 0 … n−1 as they are, or shuffled (洗牌). With "
        "a seed the contract fixes the permutation: torch.randperm drawing from a torch.Generator of "
        "your own, seeded with seed. Without a seed, torch.randperm draws from the global random "
        "state.",
        "A seeded call must leave the global random state alone: torch.manual_seed inside the "
        "function is the usual culprit. When n is not a multiple of batch_size the last batch is "
        "smaller; drop_last drops only that short batch, so n < batch_size leaves no batch at all.",
        "The shape of the answer: validate n ≥ 1 and batch_size ≥ 1 (ValueError); make the order; "
        "slice it into consecutive pieces of batch_size; drop the short last piece only when "
        "drop_last asks. Return a list of 1-D int64 tensors.",
    ],
}
