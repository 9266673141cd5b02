"""Checks of Lecture 23: 对抗攻击 (``l23_adversarial.py``)."""

from __future__ import annotations

from functools import cache

import torch
import torch.nn.functional as F
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from grader import classifier
from grader import strategies as tst
from grader.checks import check, reference
from grader.checks.common import (
    expect_gradients,
    expect_inputs_unchanged,
    expect_value_error,
)
from grader.expect import Described, expect_close, expect_like, expect_tensor
from grader.feedback import Failure
from grader.i18n import N_, _
from grader.fixtures import Fixture
from grader.recorded import recorded
from grader.verdict import Role

ref = reference("l23_adversarial")


# ---- cross_entropy ----------------------------------------------------------------


@check("cross_entropy", N_("matches the reference on random logits"), weight=3,
       hint=N_("For each row: log Σ_c exp(logits[n, c]) - logits[n, target[n]], then the mean over rows."))
@given(pair=tst.logits_and_targets())
def cross_entropy_matches_reference(student, pair):
    """cross_entropy(logits, target) is the batch mean of -log softmax(logits[n])[target[n]],
    a 0-dim tensor of the logits' dtype."""
    expect_close(student(*pair), ref.cross_entropy(*pair))


@tst.built_once
@st.composite
def _large_logits(draw):
    """Logits up to ±1e4, with the target's logit often far below the row's largest."""
    dtype = draw(tst.dtypes())
    logits, target = draw(tst.logits_and_targets(dtype, -1e4, 1e4, min_classes=2))
    spread = draw(st.sampled_from([1.0, 50.0, 1e3, 1e4]))
    logits = (logits / 1e4 * spread).clamp(-1e4, 1e4)  # some rows close together, some far apart
    if draw(st.booleans()):  # a row of huge equal logits: exp() of each overflows
        logits[0] = torch.full_like(logits[0], draw(st.sampled_from([1e4, -1e4])))
    return logits, target


@check("cross_entropy", N_("finite and correct for logits as large as ±1e4"), weight=2,
       hint=N_("exp(1e4) overflows to inf, and softmax of a logit 1e4 below the largest underflows "
            "to 0 (log 0 = -inf). Subtract each row's largest logit M first: "
            "log Σ exp(z) = M + log Σ exp(z - M), and never take the log of a softmax."))
@given(pair=_large_logits())
@example(pair=(torch.tensor([[1e4, -1e4, 0.0]]), torch.tensor([1])))
@example(pair=(torch.tensor([[-1e4, -1e4], [1e4, 1e4]], dtype=torch.float64), torch.tensor([0, 1])))
def cross_entropy_large_logits(student, pair):
    """For logits up to ±1e4 the result is finite and equals torch.nn.functional.cross_entropy
    (up to the rounding of numbers as large as the logits)."""
    logits, target = pair
    expected = F.cross_entropy(logits.double(), target).to(logits.dtype)
    # An answer written as (M + log Σ exp(z - M)) - z_t rounds M: allow a few ulps of max |z|.
    scale = float(logits.abs().max()) * torch.finfo(logits.dtype).eps
    expect_close(student(logits, target), expected, atol=4 * scale + 1e-6, rtol=1e-5)


@check("cross_entropy", N_("is log C for equal logits and ignores a shift of a row"),
       hint=N_("Softmax depends only on differences of logits: adding the same number to a whole "
            "row changes nothing, and C equal logits give probability 1/C to each class."))
@given(pair=tst.logits_and_targets(torch.float64, -10.0, 10.0), shift=st.floats(-5e3, 5e3))
def cross_entropy_properties(student, pair, shift):
    """cross_entropy(c·ones(N, C), target) = log C, and adding a constant to every logit of a
    row (as large as ±5e3) does not change the loss."""
    logits, target = pair
    n, c = logits.shape
    flat = expect_tensor(student(torch.full_like(logits, shift), target))
    expect_close(flat, torch.log(torch.tensor(float(c), dtype=logits.dtype)),
                 _("the loss for equal logits"), atol=1e-9 + 1e-15 * abs(shift))
    shifted = logits + torch.linspace(-1.0, 1.0, n, dtype=logits.dtype).unsqueeze(1) * shift
    expect_close(student(shifted, target), ref.cross_entropy(logits, target),
                 _("the loss of the shifted logits"), atol=1e-9 + 1e-13 * abs(shift), rtol=1e-7)


@check("cross_entropy", N_("gradients reach logits"), role=Role.GRADIENT, weight=2,
       hint=N_("Build the loss from tensor operations on logits (no .item(), .tolist() or NumPy). "
            "Its gradient with respect to logits[n] is (softmax(logits[n]) - onehot(target[n])) / N."))
@given(pair=tst.logits_and_targets(), large=st.booleans())
def cross_entropy_gradients(student, pair, large):
    """Differentiable in logits, with the reference's gradient (for logits up to ±1e4 too)."""
    logits, target = pair
    if large:
        logits = logits * 100  # up to ±2000: exp overflows without the shift
    expect_gradients(student, ref.cross_entropy, (logits, target), [0], torch.tensor(1.5, dtype=logits.dtype))


@check("cross_entropy", N_("raises ValueError for wrong shapes, dtypes or targets"), role=Role.SIDE,
       hint=N_("Check first: logits is (N, C) with N >= 1, target is (N,), target.dtype is "
            "torch.int64 and every target lies in [0, C)."))
@settings(max_examples=5)  # many calls per example; the inputs matter little
@given(pair=tst.logits_and_targets())
def cross_entropy_value_errors(student, pair):
    """ValueError for: logits not 2-D, N = 0, target not (N,), target not int64, a target
    below 0 or at least C."""
    logits, target = pair
    n, c = logits.shape
    expect_value_error(student, logits[0], target[:1])  # 1-D logits
    expect_value_error(student, logits.unsqueeze(0), target)  # 3-D logits
    expect_value_error(student, logits[:0], target[:0])  # N = 0
    expect_value_error(student, logits, torch.cat([target, target[:1]]))  # N + 1 targets
    expect_value_error(student, logits, target.unsqueeze(1))  # (N, 1) targets
    expect_value_error(student, logits, target.to(torch.int32))
    expect_value_error(student, logits, target.to(logits.dtype))
    bad = target.clone()
    bad[-1] = c
    expect_value_error(student, logits, bad)
    bad[-1] = -1
    expect_value_error(student, logits, bad)


@check("cross_entropy", N_("does not modify its inputs"), role=Role.SIDE,
       hint=N_("Subtract the row maximum out of place (`logits - m`), not with `logits -= m` or `sub_`."))
@given(pair=tst.logits_and_targets())
def cross_entropy_unchanged(student, pair):
    """logits and target hold the same values after the call."""
    expect_inputs_unchanged(student, *pair)


# ---- distance ---------------------------------------------------------------------

NORMS = st.sampled_from(["l2", "linf"])


@tst.built_once
@st.composite
def _batch_pairs(draw, dtype=None):
    """Two batches (N, ...) of one shape, at least 1-D."""
    dtype = draw(tst.dtypes()) if dtype is None else dtype
    shape = draw(tst.shapes(min_dims=1, max_dims=4, max_side=4))
    return draw(tst.tensors(shape, dtype, -10.0, 10.0)), draw(tst.tensors(shape, dtype, -10.0, 10.0))


@check("distance", N_("matches the reference on random batches"), weight=3,
       hint=N_("One number per sample: flatten every dimension but the first (a 1-D batch has one "
            "number per sample), then sqrt of the sum of squares (l2) or the largest |Δ| (linf)."))
@given(pair=_batch_pairs(), norm=NORMS)
def distance_matches_reference(student, pair, norm):
    """distance(x0, x, "l2") is sqrt(Σ Δ²) and distance(x0, x, "linf") is max |Δ| over each sample
    Δ = x[n] - x0[n]; the result is (N,) of the inputs' dtype."""
    expect_close(student(*pair, norm), ref.distance(*pair, norm))


@check("distance", N_("zero for equal batches, symmetric, linf <= l2"),
       hint=N_("A distance is never negative, 0 from a sample to itself, the same in both directions; "
            "the largest change of one pixel is at most the 2-norm of all changes."))
@settings(max_examples=5)  # many calls per example; the inputs matter little
@given(pair=_batch_pairs(torch.float64))
def distance_properties(student, pair):
    """d(x, x) = 0; d(x0, x) = d(x, x0); linf(x0, x) <= l2(x0, x) for every sample."""
    x0, x = pair
    zeros = torch.zeros(x0.shape[0], dtype=x0.dtype)
    for norm in ("l2", "linf"):
        expect_close(student(x0, x0.clone(), norm), zeros,
                     _("the {norm} distance of a batch to itself").format(norm=norm))
        expect_close(student(x, x0, norm), ref.distance(x0, x, norm),
                     _("the {norm} distance with x0 and x swapped").format(norm=norm))
    # Compared below: only (N,) tensors of the inputs' dtype can be (a complex one cannot).
    l2 = expect_like(student(x0, x, "l2"), zeros.shape, x0.dtype, _("the {norm} distance").format(norm="l2"))
    linf = expect_like(student(x0, x, "linf"), zeros.shape, x0.dtype, _("the {norm} distance").format(norm="linf"))
    # (+1e-150: differences below ~1e-154 have squares that underflow to 0)
    if not bool((linf <= l2 * (1 + 1e-12) + 1e-150).all()):
        raise Failure(_("the linf distance should never exceed the l2 distance of the same samples"),
                      expected=l2, received=linf)


@check("distance", N_("raises ValueError for another norm or different shapes"), role=Role.SIDE,
       hint=N_('Accept exactly "l2" and "linf", and compare x0.shape with x.shape before computing '
            "(broadcasting would silently compare the wrong samples)."))
@settings(max_examples=5)  # many calls per example; the inputs matter little
@given(shapes=tst.different_shapes(), dtype=tst.dtypes(),
       norm=st.sampled_from(["l1", "L2", "inf", "Linf", "fro", "", "l2 ", "max"]))
def distance_value_errors(student, shapes, dtype, norm):
    """A norm other than "l2" and "linf", or x0 and x of different shapes: ValueError."""
    first, second = shapes
    same = torch.ones((2, 3), dtype=dtype)
    expect_value_error(student, same, same * 2, norm)
    for valid in ("l2", "linf"):
        expect_value_error(student, torch.ones(first, dtype=dtype), torch.ones(second, dtype=dtype), valid)


@check("distance", N_("does not modify its inputs"), role=Role.SIDE,
       hint=N_("Compute Δ = x - x0 out of place: no `x -= x0`, `sub_`, `abs_` or `pow_`."))
@given(pair=_batch_pairs(), norm=NORMS)
def distance_unchanged(student, pair, norm):
    """x0 and x hold the same values after the call."""
    expect_inputs_unchanged(student, *pair, norm)


# ---- project_linf -----------------------------------------------------------------


@tst.built_once
@st.composite
def _projection_problems(draw, far: bool = False):
    """(x, x0, eps): x0 in [0, 1]; x anywhere around it (far outside with ``far``); eps a
    Python float or a 0-dim tensor, 0 included."""
    dtype = draw(tst.dtypes())
    shape = draw(tst.shapes(min_dims=1, max_dims=3, max_side=4))
    x0 = draw(tst.images(shape, dtype))
    bound = 1e3 if far else 2.0
    x = draw(tst.tensors(shape, dtype, -bound, 1.0 + bound))
    eps = draw(st.one_of(st.just(0.0), st.floats(0.01, 0.6), st.floats(1.0, 2.0)))
    if draw(st.booleans()):
        eps = torch.tensor(eps, dtype=dtype)
    return x, x0, eps


def _expect_feasible(received: torch.Tensor, x0: torch.Tensor, eps, what: str | None = None) -> None:
    """|received - x0| <= eps + 2 * finfo.eps and 0 <= received <= 1, elementwise
    (received: a tensor of x0's shape and dtype). NaN satisfies neither."""
    what = what or _("the result")
    slack = 2 * torch.finfo(x0.dtype).eps
    far = ~((received - x0).abs() <= float(eps) + slack)
    if bool(far.any()):
        largest = float((received - x0).abs().max())
        raise Failure(_("{what} is farther than eps = {eps} from x0 (max |x - x0| <= eps is the "
                        "constraint)").format(what=what, eps=float(eps)),
                      expected=Described(_("at most eps = {eps}").format(eps=float(eps))),
                      received=Described(repr(largest)), compared=_("largest |x - x0|"))
    if not bool(((received >= 0) & (received <= 1)).all()):
        raise Failure(_("{what} has pixels outside [0, 1]: every element must be a valid pixel").format(what=what),
                      expected=Described("min >= 0, max <= 1"),
                      received=Described(f"min {float(received.min())!r}, max {float(received.max())!r}"),
                      compared=_("pixel range"))


@check("project_linf", N_("returns the nearest valid point (matches the reference)"), weight=3,
       hint=N_("Both constraints are intervals, one per element: clip each element into "
            "[x0 - eps, x0 + eps], then into [0, 1]."))
@given(problem=_projection_problems())
def project_linf_matches_reference(student, problem):
    """project_linf(x, x0, eps) is the point nearest to x with max |x - x0| <= eps and every
    element in [0, 1]; the shape and dtype of x."""
    expect_close(student(*problem), ref.project_linf(*problem))


@check("project_linf", N_("the constraint holds: |x - x0| <= eps and 0 <= x <= 1"), weight=2,
       hint=N_("Clip to the eps-box around x0 AND to the valid pixel range [0, 1]; the second clip "
            "must come last or the two must be combined, so that nothing leaves [0, 1]."))
@given(problem=_projection_problems(far=True))
def project_linf_feasible(student, problem):
    """Every element of the result is within eps (+ 2 float eps of rounding) of x0, and in [0, 1] exactly."""
    x, x0, eps = problem
    _expect_feasible(expect_like(student(x, x0, eps), x.shape, x.dtype), x0, eps)


@check("project_linf", N_("is idempotent and keeps valid points"),
       hint=N_("A projection moves only what breaks the constraint: a point already within eps of x0 "
            "and in [0, 1] stays where it is, and projecting twice changes nothing."))
@given(problem=_projection_problems(), fraction=st.floats(-0.9, 0.9))
def project_linf_idempotent(student, problem, fraction):
    """project_linf(project_linf(x)) = project_linf(x), and a point inside both constraints is returned unchanged."""
    x, x0, eps = problem
    # Given back to the function as its x: first make sure it is an x (shape and dtype).
    once = expect_like(student(x, x0, eps), x.shape, x.dtype)
    expect_close(student(once, x0, eps), once, _("the projection of the projected point"))
    inside = (x0 + fraction * float(eps) * torch.linspace(-1, 1, x0.numel(), dtype=x0.dtype).reshape(x0.shape))
    inside = inside.clamp(0.0, 1.0)
    expect_close(student(inside, x0, eps), inside, _("the projection of a point that already satisfies the constraint"))


@check("project_linf", N_("projects each element on its own"), weight=2,
       hint=N_("The L∞ ball is a box: each element has its own interval [x0 - eps, x0 + eps]. "
            "An element inside its interval stays put even when another element is far out; "
            "scaling the whole change down moves it too."))
@given(data=st.data(), dtype=tst.dtypes(), eps=st.floats(0.05, 0.4))
def project_linf_elementwise(student, data, dtype, eps):
    """With one element far outside its box and the others inside, only that element moves:
    it goes to the edge of its box (within [0, 1]), the others keep their values."""
    n = data.draw(st.integers(2, 6), "n")
    x0 = torch.full((n,), 0.5, dtype=dtype)
    inside = data.draw(tst.tensors((n,), dtype, -0.9, 0.9), "inside") * eps
    x = x0 + inside
    far = data.draw(st.integers(0, n - 1), "far")
    x[far] = x0[far] + data.draw(st.sampled_from([-1.0, 1.0]), "side") * (eps + 0.3)
    expect_close(student(x, x0, eps), ref.project_linf(x, x0, eps))


@check("project_linf", N_("does not modify its inputs"), role=Role.SIDE,
       hint=N_("torch.clamp(x, ...) returns a new tensor; x.clamp_(...) overwrites the caller's x."))
@given(problem=_projection_problems())
def project_linf_unchanged(student, problem):
    """x, x0 (and a tensor eps) hold the same values after the call."""
    expect_inputs_unchanged(student, *problem)


# ---- the attacks: on a small model ------------------------------------------------

# A gradient element is "within rounding of 0" when it is this small relative to the
# largest of its sample: there another correct implementation may take the other sign.
NEAR_ZERO = {torch.float32: 1e-4, torch.float64: 1e-9}


@recorded
def _reference_run(problem: dict, targeted: bool) -> tuple[torch.Tensor, bool]:
    """The reference iterate x^steps, and whether every gradient along the way was clearly
    away from 0 (so that the sign of each element is the same for every correct answer)."""
    model = problem["model"].build()
    x0, y, eps, alpha = problem["x0"], problem["y"], problem["eps"], problem["alpha"]
    x, clear = x0.clone(), True
    for _step in range(problem["steps"]):
        x.requires_grad_(True)
        logits = model(x)
        if targeted:
            loss = -ref.cross_entropy(logits, y) + ref.cross_entropy(logits, problem["y_target"])
        else:
            loss = ref.cross_entropy(logits, y)
        (grad,) = torch.autograd.grad(loss, x)
        per_sample = grad.flatten(1).abs()
        largest = per_sample.amax(1, keepdim=True)
        clear &= bool((largest > 0).all() and (per_sample > NEAR_ZERO[x0.dtype] * largest).all())
        step = -alpha * grad.sign() if targeted else alpha * grad.sign()
        x = ref.project_linf(x.detach() + step, x0, eps)
    if targeted:
        expected = ref.targeted_attack(model, x0, y, problem["y_target"], eps, alpha, problem["steps"])
    else:
        expected = ref.untargeted_attack(model, x0, y, eps, alpha, problem["steps"])
    return expected, clear


def _expect_iterate(received, expected: torch.Tensor) -> None:
    """The student's x^steps equals the reference's, but for at most 1% of the elements."""
    received = expect_tensor(received, _("the attacked images"))
    if received.shape != expected.shape or received.dtype != expected.dtype:
        raise Failure(_("the attacked images are {shape} {dtype}, expected {want_shape} {want_dtype}: "
                        "the shape and dtype of x0").format(
            shape=tuple(received.shape), dtype=received.dtype, want_shape=tuple(expected.shape),
            want_dtype=expected.dtype), expected=expected, received=received)
    slack = 8 * torch.finfo(expected.dtype).eps
    differ = ~torch.isclose(received, expected, rtol=0, atol=slack)
    if int(differ.sum()) > int(0.01 * expected.numel()):
        raise Failure(
            _("{count} of {total} pixels differ from the reference iterate x^steps").format(
                count=int(differ.sum()), total=expected.numel()),
            expected=expected,
            received=received,
            details=_("first differing pixel at index {index}").format(
                index=[int(i) for i in differ.nonzero()[0]]),
        )


def _attack_checks(name: str, targeted: bool) -> None:
    args = ["model", "x0", "y"] + (["y_target"] if targeted else []) + ["eps", "alpha", "steps"]

    # First: on the real task, a success rate far from the reference's says more than a pixel count.
    @check(name, N_("on the real digits classifier: within the constraint, success as the reference's"),
           weight=3,
           hint=N_("Every returned image must be within eps of x0 in every pixel and in [0, 1]; "
                "a success rate far from the reference's points to a wrong sign, a random start, "
                "a missing step or a wrong loss."))
    def on_real_classifier(student):
        """On 200 held-out digits, the attacked images satisfy the constraint and fool the
        trained classifier as often as the reference attack does (within 2 percentage points)."""
        model, x0, y, t, expected_rate = _real_problem(targeted)
        call = [_digits_fixture(), x0, y] + ([t] if targeted else [])
        call += [classifier.ATTACK_EPS, classifier.ATTACK_ALPHA, classifier.ATTACK_STEPS]
        received = expect_tensor(student(*call), _("the attacked images"))
        if received.shape != x0.shape or received.dtype != x0.dtype:
            raise Failure(_("the attacked images are {shape} {dtype}, expected {want_shape} {want_dtype}: "
                            "the shape and dtype of x0").format(
                shape=tuple(received.shape), dtype=received.dtype, want_shape=tuple(x0.shape), want_dtype=x0.dtype))
        _expect_feasible(received, x0, classifier.ATTACK_EPS, _("an attacked image"))
        rate = _success_rate(model, received, y, t, targeted)
        if abs(rate - expected_rate) > 0.02 + 1e-9:  # 2 points: 4 of the 200 images
            raise Failure(
                _("the attack succeeds on {rate} of the images, the reference attack on {expected}: "
                  "more than 2 percentage points apart").format(rate=f"{rate:.1%}", expected=f"{expected_rate:.1%}"),
                expected=Described(_("{expected} (the reference's), give or take 2 points").format(
                    expected=f"{expected_rate:.1%}")),
                received=Described(f"{rate:.1%}"), compared=_("success rate"),
                details=(_("success = the classifier's answer is the target class") if targeted
                         else _("success = the classifier's answer is no longer the true class")),
            )

    @check(name, N_("matches the reference iterate on a small model"), weight=4,
           hint=N_("Start at x0 itself (no random start) and take exactly `steps` steps. Each step "
                   "follows the sign of the gradient with respect to the current x (up for the "
                   "untargeted attack, down for the targeted one), then projects back around x0, "
                   "never around the previous x."))
    @given(problem=tst.attack_problems(targeted=targeted))
    def matches_reference(student, problem):
        """The result is x^steps of the contract's iteration (at most 1% of the pixels may differ,
        and only where a gradient is within rounding of 0); the shape and dtype of x0."""
        expected, clear = _reference_run(problem, targeted)
        assume(clear)
        _expect_iterate(student(*(problem[a] for a in args)), expected)

    @check(name, N_("leaves x0 and the model unchanged"), role=Role.SIDE,
           hint=N_("Work on a detached copy of x0 and update it out of place; never write into x0 "
                   "or the model's parameters (filling their .grad is allowed)."))
    @given(problem=tst.attack_problems(targeted=targeted))
    def unchanged(student, problem):
        """x0, y and the model's parameters keep their values."""
        expect_inputs_unchanged(student, *(problem[a] for a in args))

    @check(name, N_("returns a detached tensor"), role=Role.SIDE,
           hint=N_("Return the attacked images detached from the autograd graph of the last "
                   "step."))
    def detached(student):
        """On a small fixed problem, the result is a plain tensor that no longer requires grad."""
        problem = _fixed_problem(targeted)
        answer = student.run(*(problem[a] for a in args))
        expect_tensor(student.returned(answer), _("the attacked images"))
        if answer.requires_grad:
            raise Failure(_("the attacked images still require grad (they are attached to the "
                            "attack's autograd graph): return a detached tensor"))


def _fixed_problem(targeted: bool) -> dict:
    """A small attack problem, the same every time (two 2×2 images, three classes)."""
    generator = torch.Generator().manual_seed(23)

    def uniform(*shape):
        return torch.rand(shape, generator=generator, dtype=torch.float64) * 2 - 1

    model = Fixture("mlp_classifier", {"W1": 2 * uniform(3, 4), "b1": uniform(3), "W2": 2 * uniform(3, 3),
                                       "b2": uniform(3)})
    x0 = (uniform(2, 1, 2, 2) + 1) / 2
    problem = {"model": model, "x0": x0, "y": torch.tensor([0, 2]), "y_target": torch.tensor([1, 0]),
               "eps": 0.1, "alpha": 0.05, "steps": 3}
    if not targeted:
        del problem["y_target"]
    return problem


def _success_rate(model, x: torch.Tensor, y: torch.Tensor, t: torch.Tensor, targeted: bool) -> float:
    with torch.no_grad():
        predicted = model(x).argmax(1)
    return float(((predicted == t) if targeted else (predicted != y)).double().mean())


@cache
def _digits_state() -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in classifier.load_classifier().state_dict().items()}


def _digits_fixture() -> Fixture:
    return Fixture("digits_classifier", {k: v.clone() for k, v in _digits_state().items()})


@cache
def _real_problem(targeted: bool):
    model = classifier.load_classifier()
    x0, y = classifier.load_attack_set()
    t = classifier.attack_targets(y)
    eps, alpha, steps = classifier.ATTACK_EPS, classifier.ATTACK_ALPHA, classifier.ATTACK_STEPS
    if targeted:
        x = ref.targeted_attack(model, x0, y, t, eps, alpha, steps)
    else:
        x = ref.untargeted_attack(model, x0, y, eps, alpha, steps)
    return model, x0, y, t, _success_rate(model, x, y, t, targeted)


_attack_checks("untargeted_attack", targeted=False)
_attack_checks("targeted_attack", targeted=True)


# ---- hints: `python -m grader hint NAME [--level K]`, `h` in `watch`, the site -----------
# From a nudge (which idea of the lecture) to the shape of the answer, never the
# solution; grader/hints.py adds the link to the exercise's section of the site.
# Plain string literals only: `hint` reads this block without importing torch.
# English here; the Chinese is in grader/locale (`make catalogs` extracts new hints).

HINTS: dict[str, list[str]] = {
    "cross_entropy": [
        "Lecture 23's 交叉熵 (cross entropy) e(y, ŷ): softmax turns the logits into probabilities, and "
        "the loss is −ln of the probability given to the correct class (正确类别), averaged over the "
        "batch.",
        "−log softmax(z)_k = log Σ_i exp(z_i) − z_k. But exp(1e4) overflows to inf: use the "
        "log-sum-exp trick, subtracting each row's maximum M before exponentiating and adding it back "
        "after the log, log Σ_i exp(z_i) = M + log Σ_i exp(z_i − M); the largest exponent is then 0.",
        "Tensor.gather along dimension 1, with target as a column of indices, picks one entry per "
        "row (the correct class's). log_softmax, logsumexp and PyTorch's cross-entropy losses are "
        "banned: build it from max, exp, sum and log, and keep it differentiable in logits.",
        "The shape of the answer: validate (logits (N, C) with N ≥ 1; target (N,) int64 with classes "
        "in [0, C); else ValueError); per row, the log-sum-exp minus the target's logit; return the "
        "batch mean as a 0-dim tensor.",
    ],
    "distance": [
        "Lecture 23's 距离: the 2-范数 (L2 norm) is the square ROOT of the sum of squares (the notes "
        "forgot the root), the 无穷范数 (L-infinity norm) the largest ABSOLUTE change; both per "
        "sample.",
        "Flatten each sample's difference into one row, (N, ...) to (N, D), by flattening from "
        "dimension 1 on; a 1-D input holds one number per sample and needs a second axis of length "
        "1 instead. Then reduce along dimension 1 only (sum, or amax of the absolute values).",
        "torch.norm, torch.linalg.norm and vector_norm, torch.dist and torch.cdist are banned. "
        "Reducing over the whole batch instead of per sample gives one number instead of N.",
        "The shape of the answer: check equal shapes and norm in {\"l2\", \"linf\"} (ValueError); "
        "take the difference and flatten it per sample; reduce each row as the norm asks; return an "
        "(N,) tensor.",
    ],
    "project_linf": [
        "Lecture 23's constraint d(x⁰, x) ≤ ε with the 无穷范数 (L-infinity norm): every pixel stays "
        "within ε of the original, and pixels stay in [0, 1]. The 投影 (projection) brings x back "
        "inside.",
        "Both constraints are one interval per element, so the nearest point is found element by "
        "element: clip to the ε-box around x0, then to [0, 1]. torch.clamp accepts tensors as "
        "bounds.",
        "The shape of the answer: validate eps ≥ 0 and equal shapes (ValueError); clip twice; return "
        "a tensor of x's shape. A point already inside comes back unchanged, so projecting twice "
        "changes nothing.",
    ],
    "untargeted_attack": [
        "Lecture 23's 无目标攻击 (untargeted attack): change the INPUT, not the network, to make the "
        "cross entropy of the true class as large as possible, while staying within ε of x⁰ in the "
        "L-infinity norm.",
        "Each step needs the gradient of the loss with respect to the input x, not the weights: x "
        "must require grad, and torch.autograd.grad (rather than loss.backward(), which would also "
        "add into the model's .grad) returns it. Multi-step FGSM moves by α times the SIGN of that "
        "gradient.",
        "The centre of the projection is always the original x0, never the previous x. Leave x0 and "
        "the model's parameters as they were (work on a detached copy), and return a tensor that no "
        "longer requires grad.",
        "The shape of the answer: start from x0 (no random start); steps times: the gradient of your "
        "cross_entropy at the current x, a move UP by α·sign (we maximise), a projection back around "
        "x0 with your project_linf; return the last x.",
    ],
    "targeted_attack": [
        "Lecture 23's 有目标攻击 (targeted attack): minimise L(x) = −e(y, f(x)) + e(y_target, f(x)), "
        "away from the true class AND towards the target, while d(x⁰, x) ≤ ε.",
        "Both terms go through the network's output f(x), the logits (see the 记号 box on the page): "
        "in the notes' e(y, y^target), y is the network's output. The second term is the cross "
        "entropy between the logits and y_target, not between y and y_target.",
        "The sign: here L is MINIMISED, so each step goes against the sign of the gradient; the "
        "untargeted attack maximises and goes with it. If your attack behaves like the untargeted "
        "one, the target term probably does not depend on x; if it makes things worse, check the "
        "sign of the step.",
        "The shape of the answer: the loop of untargeted_attack, with the combined loss and a step "
        "DOWN by α·sign(∇ₓL), projected around x0; return the last x, detached.",
    ],
}
