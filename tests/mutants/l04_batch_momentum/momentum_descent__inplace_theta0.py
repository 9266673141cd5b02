"""Wrong: `theta = theta0` then `theta += m` changes theta0 (rows are cloned, so only that shows)."""

from __future__ import annotations

import torch


def momentum_descent(grad_fn, theta0, lr, lam, steps):
    rows = [theta0.clone()]
    theta, m = theta0, torch.zeros_like(theta0)
    for _ in range(steps):
        m = lam * m - lr * grad_fn(theta)
        theta += m
        rows.append(theta.clone())
    return torch.stack(rows)
