"""Functions and models the grader hands to student code.

Some exercises take a callable: ``hessian(f, theta)``, ``momentum_descent(grad_fn,
...)``, ``cross_validation_loss(fit, loss, ...)``, the attacks' ``model``. Student
code runs in a separate worker process, so the grader cannot pass the callable
itself: it passes a ``Fixture`` (a factory name and its tensor parameters) that
the worker builds from this module, and the grader builds the same one to run the
reference. A fixture's ``repr`` is the Python line that rebuilds it, so a failing
input can be pasted into a session.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable

import torch
from torch import Tensor


@dataclass(frozen=True)
class Fixture:
    factory: str  # a function of this module
    params: dict[str, Any] = field(default_factory=dict)

    def build(self) -> Callable:
        built = globals()[self.factory](**self.params)
        built.fixture = self  # what it was built from: a recorded answer is found by it
        return built


# ---- scalar functions of a 1-D θ (Lecture 3) ------------------------------------


def smooth_function(A: Tensor, B: Tensor, C: Tensor, Q: Tensor) -> Callable[[Tensor], Tensor]:
    """f(θ) = Σ_k C_k sin(A_k·θ + B_k) + (θᵀQθ)² / 4: smooth and not quadratic."""

    def f(theta: Tensor) -> Tensor:
        quadratic = theta @ Q @ theta
        return (C * torch.sin(A @ theta + B)).sum() + quadratic**2 / 4

    return f


def affine_function(a: Tensor, c: Tensor) -> Callable[[Tensor], Tensor]:
    """f(θ) = a·θ + c, whose Hessian is zero."""
    return lambda theta: a @ theta + c


def constant_function(c: Tensor) -> Callable[[Tensor], Tensor]:
    """f(θ) = c, which does not depend on θ at all."""
    return lambda theta: c


# ---- gradients of loss surfaces (Lectures 4 and 5) ------------------------------


def quadratic_gradient(H: Tensor, center: Tensor) -> Callable[[Tensor], Tensor]:
    """The gradient H(θ - center) of the bowl (or saddle) ½(θ-center)ᵀH(θ-center)."""
    return lambda theta: H @ (theta - center)


def nonlinear_gradient(A: Tensor, B: Tensor, H: Tensor) -> Callable[[Tensor], Tensor]:
    """The gradient of L(θ) = Σ_k cos(A_k·θ + B_k) + ½θᵀHθ: a surface with many bumps."""
    return lambda theta: -(torch.sin(A @ theta + B) @ A) + H @ theta


def constant_gradient(g: Tensor) -> Callable[[Tensor], Tensor]:
    """The gradient g of the plane L(θ) = g·θ, the same everywhere (a fresh tensor each call)."""
    return lambda theta: g.clone()


# ---- models and fitting (Lectures 2 and 23) -------------------------------------


def least_squares_fit(ridge: float) -> Callable[[Tensor, Tensor], Callable[[Tensor], Tensor]]:
    """fit(x, y): ridge regression with a bias, returning the model as a callable."""

    def fit(x: Tensor, y: Tensor) -> Callable[[Tensor], Tensor]:
        features = torch.cat([x, torch.ones(len(x), 1, dtype=x.dtype)], dim=1)
        gram = features.T @ features + ridge * torch.eye(features.shape[1], dtype=x.dtype)
        weights = torch.linalg.solve(gram, features.T @ y)
        return lambda x_new: torch.cat([x_new, torch.ones(len(x_new), 1, dtype=x.dtype)], 1) @ weights

    return fit


def mean_fit() -> Callable[[Tensor, Tensor], Callable[[Tensor], Tensor]]:
    """fit(x, y): the model that always predicts the mean of the training targets."""

    def fit(x: Tensor, y: Tensor) -> Callable[[Tensor], Tensor]:
        mean = y.mean()
        return lambda x_new: mean.expand(len(x_new))

    return fit


def squared_error_loss() -> Callable[[Tensor, Tensor], Tensor]:
    """loss(pred, target): the mean squared error."""
    return lambda pred, target: ((pred - target) ** 2).mean()


def mlp_classifier(W1: Tensor, b1: Tensor, W2: Tensor, b2: Tensor) -> torch.nn.Module:
    """A small two-layer classifier whose parameters are the given tensors themselves.

    The tensors are used in place (not copied), so the grader can tell whether
    student code changed the model's parameters.
    """
    model = torch.nn.Sequential(
        torch.nn.Flatten(),
        torch.nn.Linear(W1.shape[1], W1.shape[0]),
        torch.nn.Tanh(),
        torch.nn.Linear(W2.shape[1], W2.shape[0]),
    ).to(W1.dtype)
    state = {"1.weight": W1, "1.bias": b1, "3.weight": W2, "3.bias": b2}
    model.load_state_dict(state, assign=True)
    return model


def digits_classifier(**state: Tensor) -> torch.nn.Module:
    """The course's trained digits classifier, with the given weights used in place."""
    from grader.classifier import DigitsClassifier

    model = DigitsClassifier()
    model.load_state_dict(state, assign=True)
    return model.eval()


# ---- more of Lectures 2 and 3 ----------------------------------------------------


def quadratic_function(A: Tensor, b: Tensor, c: Tensor) -> Callable[[Tensor], Tensor]:
    """f(θ) = ½θᵀAθ + b·θ + c, whose Hessian is A (for a symmetric A) everywhere."""
    return lambda theta: 0.5 * (theta @ A @ theta) + b @ theta + c


def pinball_loss(q: float) -> Callable[[Tensor, Tensor], Tensor]:
    """loss(pred, target): the mean pinball (quantile) loss, max(q·r, (q-1)·r) with
    r = target - pred. Not symmetric in its arguments unless q = 0.5."""

    def loss(pred: Tensor, target: Tensor) -> Tensor:
        r = target - pred
        return torch.maximum(q * r, (q - 1) * r).mean()

    return loss


# ---- large values the course ships: written as the call that loads them ---------------

LARGE = 200  # elements: below this a tensor is written out as a literal


@functools.cache
def _shipped_values() -> list[tuple[Any, str]]:
    """Loaded once per process: every failing input of the attacks is compared with them."""
    from grader import classifier

    images, labels = classifier.load_attack_set()
    return [
        (images, "grader.classifier.load_attack_set()[0]"),
        (labels, "grader.classifier.load_attack_set()[1]"),
        (classifier.attack_targets(labels), "grader.classifier.attack_targets(grader.classifier.load_attack_set()[1])"),
    ]


@functools.cache
def _trained_state() -> dict[str, Tensor]:
    from grader import classifier

    return classifier.load_classifier().state_dict()


def known_source(value: Any) -> tuple[str, str] | None:
    """``(module, expression)`` that loads ``value`` if it is one the course ships (the
    digits to attack, the trained classifier), so that a failing input is pasted as an
    importable call, never as pages of numbers; None for anything else."""
    if isinstance(value, Fixture) and value.factory == "digits_classifier":
        trained = _trained_state()
        if value.params.keys() == trained.keys() and all(
                torch.equal(value.params[k], trained[k]) for k in trained):
            return "grader.classifier", "grader.classifier.load_classifier()"
        return None
    if type(value) is not Tensor or value.numel() < LARGE:
        return None
    for shipped, expression in _shipped_values():
        if value.shape == shipped.shape and value.dtype == shipped.dtype and torch.equal(value, shipped):
            return "grader.classifier", expression
    return None
