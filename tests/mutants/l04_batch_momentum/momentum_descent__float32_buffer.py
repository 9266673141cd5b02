"""Wrong: preallocates the trajectory with torch.zeros (float32), losing float64."""

from __future__ import annotations

import torch


def momentum_descent(grad_fn, theta0, lr, lam, steps):
    out = torch.zeros(steps + 1, theta0.shape[0])
    out[0] = theta0
    theta, m = theta0, torch.zeros_like(theta0)
    for i in range(steps):
        m = lam * m - lr * grad_fn(theta)
        theta = theta + m
        out[i + 1] = theta
    return out
