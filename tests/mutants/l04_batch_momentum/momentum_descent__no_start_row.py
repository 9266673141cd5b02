"""Wrong: the trajectory leaves out theta0 (steps rows, not steps+1)."""

from __future__ import annotations

import torch


def momentum_descent(grad_fn, theta0, lr, lam, steps):
    theta, m, rows = theta0, torch.zeros_like(theta0), []
    for _ in range(steps):
        m = lam * m - lr * grad_fn(theta)
        theta = theta + m
        rows.append(theta)
    return torch.stack(rows) if rows else theta0.new_zeros((0, theta0.shape[0]))
