"""Checks of Lecture 2: 整体指导 (``l02_guidance.py``): k-fold cross validation."""

from __future__ import annotations

import torch
from hypothesis import example, given
from hypothesis import strategies as st

from grader import strategies as tst
from grader.checks import check, reference
from grader.checks.common import built, expect_inputs_unchanged, expect_value_error
from grader.expect import Described, expect_close, expect_tensor, expect_tensor_list
from grader.feedback import Failure
from grader.i18n import N_, _
from grader.verdict import Role

ref = reference("l02_guidance")

SEEDS = st.integers(0, 2**31 - 1)


# ---- kfold ------------------------------------------------------------------------


def fold_sizes(n: int, k: int) -> list[int]:
    """scikit-learn's KFold sizes: the first n % k folds hold one sample more."""
    return [n // k + 1] * (n % k) + [n // k] * (k - n % k)


def _expect_folds(received, n: int, k: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """The structure every answer of kfold(n, k, ...) has, whatever the shuffle:
    k pairs of sorted 1-D int64 tensors; the validation folds have scikit-learn's
    sizes and partition range(n); each train part is the complement of its fold."""
    folds = expect_tensor_list(received, _("the folds"))
    if len(folds) != k:
        raise Failure(_("expected k = {k} pairs (train_idx, val_idx), got {count}").format(k=k, count=len(folds)),
                      expected=Described(_("a list of {k} pairs").format(k=k)), received=folds)
    everything = torch.arange(n)
    seen = torch.zeros(n, dtype=torch.int64)
    pairs = []
    for i, pair in enumerate(folds):
        # The contract says tuple; a pair given as a 2-element list unpacks the same way.
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise Failure(_("fold {i} should be a pair (train_idx, val_idx)").format(i=i), received=pair,
                          kind="wrong_type")
        train, val = (expect_tensor(part, _("{name} of fold {i}").format(name=name, i=i)) for part, name in
                      zip(pair, ("train_idx", "val_idx")))
        for part, name in ((train, "train_idx"), (val, "val_idx")):
            if part.dtype != torch.int64 or part.ndim != 1:
                raise Failure(_("{name} of fold {i} should be a 1-D int64 tensor, got a {ndim}-D {dtype} "
                                "tensor").format(name=name, i=i, ndim=part.ndim, dtype=part.dtype),
                              received=part, kind="wrong_type")
            if part.numel() > 1 and not bool((part[1:] > part[:-1]).all()):
                raise Failure(_("{name} of fold {i} should be sorted ascending, without repeats").format(
                              name=name, i=i),
                              expected=part.sort().values.unique(), received=part)
            if part.numel() and not bool(((part >= 0) & (part < n)).all()):
                raise Failure(_("{name} of fold {i} holds indices outside range({n})").format(name=name, i=i, n=n),
                              received=part)
        if len(val) != fold_sizes(n, k)[i]:
            raise Failure(
                _("fold {i} validates on {count} samples, expected {expected}: with n = {n}, k = {k} "
                  "the first n % k = {extra} folds hold n // k + 1 = {longer} samples and the others "
                  "n // k = {shorter}").format(i=i, count=len(val), expected=fold_sizes(n, k)[i], n=n, k=k,
                                               extra=n % k, longer=n // k + 1, shorter=n // k),
                expected=fold_sizes(n, k)[i], received=len(val))
        in_val = torch.zeros(n, dtype=torch.bool)
        in_val[val] = True
        expect_close(train, everything[~in_val], _("train_idx of fold {i} (the complement of val_idx)").format(i=i))
        seen[val] += 1
        pairs.append((train, val))
    if not bool((seen == 1).all()):
        raise Failure(_("the validation folds should partition range(n): every index in exactly one fold"),
                      expected=torch.ones(n, dtype=torch.int64), received=seen,
                      details=_("received: how many validation folds hold each index"))
    return pairs


def _expect_same_folds(received, expected, n: int, k: int) -> None:
    pairs = _expect_folds(received, n, k)
    for i, ((train, val), (want_train, want_val)) in enumerate(zip(pairs, expected)):
        expect_close(val, want_val, _("{name} of fold {i}").format(name="val_idx", i=i))
        expect_close(train, want_train, _("{name} of fold {i}").format(name="train_idx", i=i))


@check("kfold", N_("without shuffle: contiguous blocks of scikit-learn's sizes"), weight=3,
       hint=N_("Fold i validates on one contiguous block; the first n % k blocks are one longer "
            "than n // k. The seed only matters with shuffle=True."))
@given(counts=tst.fold_counts(), seed=st.one_of(st.none(), SEEDS), explicit=st.booleans())
@example(counts=(10, 3), seed=None, explicit=False)
@example(counts=(7, 7), seed=None, explicit=True)
def kfold_contiguous(student, counts, seed, explicit):
    """Without shuffle (the default, whatever the seed), fold i validates on the i-th
    contiguous block of range(n); the first n % k blocks hold n // k + 1 samples."""
    n, k = counts
    kwargs = {"shuffle": False} if explicit else {}
    if seed is not None:
        kwargs["seed"] = seed
    _expect_same_folds(student(n, k, **kwargs), ref.kfold(n, k), n, k)


@check("kfold", N_("with a seed: the same blocks cut from the seeded permutation"), weight=3,
       hint=N_("The contract's permutation is torch.randperm(n) drawing from a torch.Generator of "
               "your own, seeded with seed; fold i takes the i-th block of it (the same sizes as "
               "without shuffle), then sorts it."))
@given(counts=tst.fold_counts(), seed=SEEDS)
def kfold_seeded(student, counts, seed):
    """With shuffle and a seed, fold i validates on the i-th block of the contract's
    permutation, sorted; train_idx is the rest, sorted."""
    n, k = counts
    expected = ref.kfold(n, k, shuffle=True, seed=seed)
    _expect_same_folds(student(n, k, shuffle=True, seed=seed), expected, n, k)


@check("kfold", N_("the folds partition range(n), train is the complement, all sorted int64"), weight=2,
       hint=N_("Each sample is validated on exactly once; train_idx holds every other index. "
            "Sort both (torch.sort or a boolean mask) and keep them int64."))
@given(counts=tst.fold_counts(), mode=st.sampled_from(["no shuffle", "seed", "global"]), seed=SEEDS)
def kfold_partition(student, counts, mode, seed):
    """With or without shuffle, the k validation folds partition range(n), have
    scikit-learn's sizes, and each train_idx is the complement of its val_idx;
    both are sorted 1-D int64 tensors."""
    n, k = counts
    kwargs = {"no shuffle": {}, "seed": {"shuffle": True, "seed": seed}, "global": {"shuffle": True}}[mode]
    _expect_folds(student(n, k, **kwargs), n, k)


@check("kfold", N_("with a seed: the same folds each time, global random state untouched"),
       hint=N_("Draw the permutation from a torch.Generator of your own, seeded with seed, "
            "not from the global one (no torch.manual_seed)."))
@given(counts=tst.fold_counts(), seed=SEEDS)
def kfold_seed_is_private(student, counts, seed):
    """Two calls with the same seed give the same folds, and a call with a seed does
    not consume or reset the global random state."""
    n, k = counts
    # First move the global state with an unseeded shuffle, so that a call which resets it
    # (torch.manual_seed(seed)) cannot land on the very state it had before.
    student.returned(student.run(n, k, shuffle=True))
    answer = student.run(n, k, shuffle=True, seed=seed)
    first = _expect_folds(student.returned(answer), n, k)
    if answer.global_rng_changed:
        raise Failure(_("the call with a seed changed the global random state "
                        "(torch.manual_seed or torch.randperm without a generator?)"))
    _expect_same_folds(student(n, k, shuffle=True, seed=seed), first, n, k)


@check("kfold", N_("shuffle without a seed draws from the global random state"),
       hint=N_("With seed=None the contract shuffles with torch.randperm(n), from the global "
            "random state (a fresh torch.Generator() always gives the same order)."))
@given(counts=tst.fold_counts())
def kfold_global_shuffle(student, counts):
    """kfold(n, k, shuffle=True) without a seed takes its permutation from the global
    random state (torch.randperm(n)), so it draws from it."""
    n, k = counts
    answer = student.run(n, k, shuffle=True)
    _expect_folds(student.returned(answer), n, k)
    if not answer.global_rng_changed:
        raise Failure(_("shuffle=True without a seed left the global random state as it was: "
                        "the permutation should come from torch.randperm(n) (the global generator)"))


@check("kfold", N_("raises ValueError for k < 2 or k > n"), role=Role.SIDE,
       hint=N_("Check k first: at least 2 folds, and no more folds than samples."))
@given(n=st.integers(2, 30), small=st.integers(-3, 1), extra=st.integers(1, 5), shuffle=st.booleans())
def kfold_value_errors(student, n, small, extra, shuffle):
    """k < 2 (no fold left to train on) and k > n (an empty fold): ValueError."""
    expect_value_error(student, n, small, shuffle=shuffle)
    expect_value_error(student, n, n + extra, shuffle=shuffle)


# ---- cross_validation_loss --------------------------------------------------------


@tst.built_once
@st.composite
def cross_validation_problems(draw, fit=None, loss=None, uneven=None):
    """(fit, loss, x, y, k): a fit and a loss fixture, data of n samples, k folds."""
    dtype = draw(tst.dtypes())
    n, k = draw(tst.fold_counts(max_n=14, uneven=uneven, min_n=4, max_k=5))
    x, y = draw(tst.regression_data(n, dtype))
    return (draw(tst.fits() if fit is None else fit), draw(tst.losses() if loss is None else loss), x, y, k)


def _reference_loss(problem) -> torch.Tensor:
    """The reference's answer, with the fixtures built here as the worker builds them."""
    return ref.cross_validation_loss(*built(problem))


@check("cross_validation_loss", N_("matches the reference (ridge regression or mean, squared error)"),
       weight=3,
       hint=N_("Fit a fresh model on the training rows of each fold of kfold(len(x), k), measure the "
               "loss of its predictions on that fold's validation rows, and return the mean of the k "
               "losses as a 0-dim tensor."))
@given(problem=cross_validation_problems(loss=tst.losses(symmetric=True)))
def cross_validation_loss_matches_reference(student, problem):
    """The mean over the k folds (no shuffle) of the loss of the model fitted on the
    other folds, measured on the fold; a 0-dim tensor of x's dtype."""
    expect_close(student(*problem), _reference_loss(problem))


@check("cross_validation_loss", N_("averages the k fold losses, each fold counting once"), weight=2,
       hint=N_("When the folds differ in size, the mean of the k fold losses differs from the "
            "loss of all predictions pooled together: average the k losses."))
@given(problem=cross_validation_problems(loss=tst.losses(symmetric=True), uneven=True))
def cross_validation_loss_fold_mean(student, problem):
    """With folds of two sizes (k does not divide n), the result is the plain mean of the
    k fold losses, not the loss over all validation predictions pooled."""
    expect_close(student(*problem), _reference_loss(problem))


@check("cross_validation_loss", N_("calls loss(prediction, target) in that order"),
       hint=N_("Call the loss with the prediction first and the target second."))
@given(problem=cross_validation_problems(loss=tst.losses(symmetric=False)))
def cross_validation_loss_argument_order(student, problem):
    """With a loss that is not symmetric (the pinball loss), the result is still the
    mean of loss(model(x[val]), y[val]) over the folds."""
    expect_close(student(*problem), _reference_loss(problem))


@check("cross_validation_loss", N_("does not modify x or y"), role=Role.SIDE,
       hint=N_("Index with x[train_idx] (a copy) and leave x and y as they are."))
@given(problem=cross_validation_problems())
def cross_validation_loss_unchanged(student, problem):
    """x and y hold the same values after the call."""
    expect_inputs_unchanged(student, *problem)


# ---- hints: `python -m grader hint NAME [--level K]`, `h` in `watch`, the site -----------
# From a nudge (which idea of the lecture) to the shape of the answer, never the
# solution; grader/hints.py adds the link to the exercise's section of the site.
# Plain string literals only: `hint` reads this block without importing torch.
# English here; the Chinese is in grader/locale (`make catalogs` extracts new hints).

HINTS: dict[str, list[str]] = {
    "kfold": [
        "Lecture 2's cross-validation (交叉验证; k-fold, the notes' N-fold): cut the training set into k folds; each fold "
        "takes its turn as the 验证集 (validation set) while the others form the training set.",
        "Decide the fold sizes first, as scikit-learn's KFold does: the first n % k folds hold "
        "n // k + 1 samples, the others n // k. A running total of the sizes gives where each fold "
        "starts and ends in the order of the indices (shuffled or not).",
        "Once val_idx is known, train_idx is every other index. A boolean mask over range(n), True "
        "inside the fold, gives both of them sorted at once; both must be sorted ascending and "
        "int64, even when shuffled. k < 2 (no fold left to train on) and k > n (an empty fold) are "
        "ValueErrors.",
        "The shape of the answer: validate 2 ≤ k ≤ n; build the order (in sequence, or the seeded "
        "permutation); walk through the blocks with a running start; return the k pairs "
        "(train_idx, val_idx).",
    ],
    "cross_validation_loss": [
        "Lecture 2's k-fold cross-validation (k 折交叉验证, the notes' N-fold) score of a model: the mean of the k "
        "validation losses, each from a model trained without that fold.",
        "Reuse your kfold (without shuffling) for the k pairs of (train, validation) indices. "
        "fit(x, y) returns a model, itself a function: calling it on the validation rows gives the "
        "predictions. loss(prediction, target) returns a 0-dim tensor, prediction first.",
        "What goes wrong: fitting on all of x (the validation rows leak in), measuring the loss on "
        "the training rows, swapping the loss's arguments, or pooling all validation errors instead "
        "of averaging the k fold losses (they differ when the folds differ in size).",
        "The shape of the answer: for each fold, fit on the training rows only, predict the "
        "validation rows and keep the loss on them; return the mean of the k losses as a 0-dim "
        "tensor (collect them in a list, then stack).",
    ],
}
