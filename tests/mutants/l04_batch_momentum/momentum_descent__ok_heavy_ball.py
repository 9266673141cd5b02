"""Correct: the heavy-ball recurrence θⁱ⁺¹ = θⁱ + λ(θⁱ - θⁱ⁻¹) - η g(θⁱ), with no m."""

from __future__ import annotations

import torch


def momentum_descent(grad_fn, theta0, lr, lam, steps):
    rows = [theta0]
    previous = theta0
    for _ in range(steps):
        current = rows[-1]
        rows.append(current + lam * (current - previous) - lr * grad_fn(current))
        previous = current
    return torch.stack(rows, dim=0)
