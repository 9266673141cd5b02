"""Wrong: alpha weighs the new gradient instead of the past σ."""

from __future__ import annotations

import torch


def rmsprop(grad_fn, theta0, lr, steps, alpha=0.9, eps=1e-8):
    rows, theta, sigma = [theta0], theta0, None
    for t in range(steps):
        g = grad_fn(theta)
        sigma = g.abs() if t == 0 else torch.sqrt((1 - alpha) * sigma**2 + alpha * g**2)
        theta = theta - lr * g / (sigma + eps)
        rows.append(theta)
    return torch.stack(rows)
