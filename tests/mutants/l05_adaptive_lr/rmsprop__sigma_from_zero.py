"""Wrong: starts σ at 0 and applies the running formula from the first step."""

from __future__ import annotations

import torch


def rmsprop(grad_fn, theta0, lr, steps, alpha=0.9, eps=1e-8):
    rows, theta, sigma = [theta0], theta0, torch.zeros_like(theta0)
    for _ in range(steps):
        g = grad_fn(theta)
        sigma = torch.sqrt(alpha * sigma**2 + (1 - alpha) * g**2)
        theta = theta - lr * g / (sigma + eps)
        rows.append(theta)
    return torch.stack(rows)
