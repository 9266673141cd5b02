"""Wrong: counts t from 1 (σ averages one gradient too many)."""

from __future__ import annotations

import torch


def adagrad(grad_fn, theta0, lr, steps, eps=1e-8):
    rows, theta, sq_sum = [theta0], theta0, torch.zeros_like(theta0)
    for t in range(1, steps + 1):
        g = grad_fn(theta)
        sq_sum = sq_sum + g**2
        theta = theta - lr * g / (torch.sqrt(sq_sum / (t + 1)) + eps)
        rows.append(theta)
    return torch.stack(rows)
