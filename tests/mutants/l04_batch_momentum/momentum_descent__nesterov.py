"""Wrong: Nesterov's look-ahead gradient, grad_fn(theta + lam*m), not the notes' momentum."""

from __future__ import annotations

import torch


def momentum_descent(grad_fn, theta0, lr, lam, steps):
    rows, theta, m = [theta0], theta0, torch.zeros_like(theta0)
    for _ in range(steps):
        m = lam * m - lr * grad_fn(theta + lam * m)
        theta = theta + m
        rows.append(theta)
    return torch.stack(rows)
