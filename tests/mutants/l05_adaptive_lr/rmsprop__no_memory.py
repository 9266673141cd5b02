"""Wrong: σ = |g| at every step (calls the first-step rule each time: no memory of the past)."""

from __future__ import annotations

import torch


def rmsprop(grad_fn, theta0, lr, steps, alpha=0.9, eps=1e-8):
    rows, theta = [theta0], theta0
    for _ in range(steps):
        g = grad_fn(theta)
        theta = theta - lr * g / (g.abs() + eps)
        rows.append(theta)
    return torch.stack(rows)
