"""Why ``ATTACK_EPS``, ``ATTACK_ALPHA`` and ``ATTACK_STEPS`` in ``grader/classifier.py`` are what they are.

    python scripts/attack_calibration.py            # the table for the chosen constants
    python scripts/attack_calibration.py --sweep    # reference success rates over a grid of (eps, alpha, steps)

On the real classifier and attack set, runs the reference attacks
(``solutions/l23_adversarial.py``) and plausible buggy versions of them, and prints
for each: the success rate, and the share of images that break the constraint
(farther than eps from the original, or a pixel outside [0, 1]). The constants are
good when the reference succeeds on some images but not all, every bug differs from
it by far more than the grader's 2 points (in success or in constraint), and the
"accepted" variants (other correct ways to write the same attack) stay within them.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F
from torch import Tensor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.classifier import (  # noqa: E402
    ATTACK_ALPHA,
    ATTACK_EPS,
    ATTACK_STEPS,
    attack_targets,
    load_attack_set,
    load_classifier,
)


def load_reference():
    """``solutions/l23_adversarial.py`` as a module, imported by path."""
    path = ROOT / "solutions" / "l23_adversarial.py"
    spec = importlib.util.spec_from_file_location("l23_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REF = load_reference()

# ---- One generic iterative attack, with a switch for each bug -------------------------
# direction +1 climbs the loss (untargeted), -1 descends it (targeted).


def iterate(
    loss_fn: Callable[[Tensor], Tensor],
    x0: Tensor,
    eps: float,
    alpha: float,
    steps: int,
    direction: int,
    *,
    project: bool = True,
    clamp: bool = True,
    random_start: bool = False,
) -> Tensor:
    x = x0.clone()
    if random_start:
        g = torch.Generator().manual_seed(0)
        x = x0 + (torch.rand(x0.shape, generator=g, dtype=x0.dtype) * 2 - 1) * eps
        x = x.clamp(0, 1)
    for _ in range(steps):
        x.requires_grad_(True)
        (grad,) = torch.autograd.grad(loss_fn(x), x)
        x = x.detach() + direction * alpha * grad.sign()
        if project:
            x = torch.clamp(x, x0 - eps, x0 + eps)
        if clamp:
            x = x.clamp(0, 1)
    return x.detach()


def untargeted_variants(model, ce) -> dict[str, Callable]:
    """name -> attack(x0, y, eps, alpha, steps); ``ce`` is the cross entropy to use."""

    def loss(y):
        return lambda x: ce(model(x), y)

    return {
        "reference": lambda x0, y, e, a, s: REF.untargeted_attack(model, x0, y, e, a, s),
        "accepted: F.cross_entropy": lambda x0, y, e, a, s: iterate(
            lambda x: F.cross_entropy(model(x), y), x0, e, a, s, +1
        ),
        "accepted: summed loss": lambda x0, y, e, a, s: iterate(
            lambda x: F.cross_entropy(model(x), y, reduction="sum"), x0, e, a, s, +1
        ),
        "bug: wrong sign": lambda x0, y, e, a, s: iterate(loss(y), x0, e, a, s, -1),
        "bug: one step of alpha": lambda x0, y, e, a, s: iterate(loss(y), x0, e, a, 1, +1),
        "bug: one step of eps (FGSM)": lambda x0, y, e, a, s: iterate(loss(y), x0, e, e, 1, +1),
        "bug: no projection": lambda x0, y, e, a, s: iterate(loss(y), x0, e, a, s, +1, project=False),
        "bug: no clamp to [0,1]": lambda x0, y, e, a, s: iterate(loss(y), x0, e, a, s, +1, clamp=False),
        "bug: random start": lambda x0, y, e, a, s: iterate(loss(y), x0, e, a, s, +1, random_start=True),
    }


def targeted_variants(model, ce) -> dict[str, Callable]:
    """name -> attack(x0, y, t, eps, alpha, steps)."""

    def loss(y, t):
        return lambda x: -ce(model(x), y) + ce(model(x), t)

    return {
        "reference": lambda x0, y, t, e, a, s: REF.targeted_attack(model, x0, y, t, e, a, s),
        "accepted: F.cross_entropy": lambda x0, y, t, e, a, s: iterate(
            lambda x: -F.cross_entropy(model(x), y) + F.cross_entropy(model(x), t), x0, e, a, s, -1
        ),
        "bug: wrong sign": lambda x0, y, t, e, a, s: iterate(loss(y, t), x0, e, a, s, +1),
        "bug: one step of alpha": lambda x0, y, t, e, a, s: iterate(loss(y, t), x0, e, a, 1, -1),
        "bug: one step of eps (FGSM)": lambda x0, y, t, e, a, s: iterate(loss(y, t), x0, e, e, 1, -1),
        "bug: no projection": lambda x0, y, t, e, a, s: iterate(loss(y, t), x0, e, a, s, -1, project=False),
        "bug: no clamp to [0,1]": lambda x0, y, t, e, a, s: iterate(loss(y, t), x0, e, a, s, -1, clamp=False),
        "bug: random start": lambda x0, y, t, e, a, s: iterate(loss(y, t), x0, e, a, s, -1, random_start=True),
        "bug: target term only": lambda x0, y, t, e, a, s: iterate(
            lambda x: ce(model(x), t), x0, e, a, s, -1
        ),
        "bug: -e(y) term only": lambda x0, y, t, e, a, s: iterate(
            lambda x: -ce(model(x), y), x0, e, a, s, -1
        ),
    }


# ---- Measuring -------------------------------------------------------------------------


def constraint_broken(x: Tensor, x0: Tensor, eps: float) -> Tensor:
    """(N,) bool: the grader's constraint, as for ``project_linf``."""
    tol = 2 * torch.finfo(x.dtype).eps
    far = (x - x0).abs().flatten(1).amax(1) > eps + tol
    outside = ((x < 0) | (x > 1)).flatten(1).any(1)
    return far | outside


def untargeted_success(model, x: Tensor, y: Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(1) != y).double().mean().item()


def targeted_success(model, x: Tensor, t: Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(1) == t).double().mean().item()


def table(eps: float, alpha: float, steps: int) -> None:
    model = load_classifier()
    x0, y = load_attack_set()
    t = attack_targets(y)
    ce = REF.cross_entropy
    print(f"eps={eps}  alpha={alpha}  steps={steps}  N={len(y)}  threads={torch.get_num_threads()}")
    print(f"{'attack':<11}{'variant':<30}{'success':>9}{'Δ ref':>8}{'broken':>8}{'time':>9}")
    for kind, variants in (("untargeted", untargeted_variants(model, ce)), ("targeted", targeted_variants(model, ce))):
        ref = None
        for name, attack in variants.items():
            start = time.perf_counter()
            if kind == "untargeted":
                x = attack(x0, y, eps, alpha, steps)
                success = untargeted_success(model, x, y)
            else:
                x = attack(x0, y, t, eps, alpha, steps)
                success = targeted_success(model, x, t)
            seconds = time.perf_counter() - start
            ref = success if ref is None else ref
            broken = constraint_broken(x, x0, eps).double().mean().item()
            print(
                f"{kind:<11}{name:<30}{success:>8.1%}{(success - ref) * 100:>+7.1f}{broken:>8.0%}"
                f"{seconds * 1000:>7.1f}ms"
            )
        print()


def sweep() -> None:
    model = load_classifier()
    x0, y = load_attack_set()
    t = attack_targets(y)
    print(f"{'eps':>6}{'alpha':>7}{'steps':>6}{'untargeted':>12}{'targeted':>10}{'one-step u':>12}{'rand u':>8}{'rand t':>8}")
    ce = REF.cross_entropy
    for eps in (0.05, 0.075, 0.1, 0.125, 0.15, 0.2):
        for ratio in (0.1, 0.2, 0.25, 0.5):
            alpha = round(eps * ratio, 4)
            for steps in (5, 10, 20):
                u = untargeted_success(model, REF.untargeted_attack(model, x0, y, eps, alpha, steps), y)
                tg = targeted_success(model, REF.targeted_attack(model, x0, y, t, eps, alpha, steps), t)
                one = untargeted_success(model, REF.untargeted_attack(model, x0, y, eps, alpha, 1), y)
                loss_u = lambda x: ce(model(x), y)  # noqa: E731
                loss_t = lambda x: -ce(model(x), y) + ce(model(x), t)  # noqa: E731
                ru = untargeted_success(model, iterate(loss_u, x0, eps, alpha, steps, +1, random_start=True), y)
                rt = targeted_success(model, iterate(loss_t, x0, eps, alpha, steps, -1, random_start=True), t)
                print(f"{eps:>6}{alpha:>7}{steps:>6}{u:>12.1%}{tg:>10.1%}{one:>12.1%}{ru:>8.1%}{rt:>8.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="reference success over a grid of constants")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.sweep:
        sweep()
    else:
        table(ATTACK_EPS, ATTACK_ALPHA, ATTACK_STEPS)


if __name__ == "__main__":
    main()
