"""Wrong: the original paper's sqrt of the sum, not the notes' root mean square."""

from __future__ import annotations

import torch


def adagrad(grad_fn, theta0, lr, steps, eps=1e-8):
    rows, theta, sq_sum = [theta0], theta0, torch.zeros_like(theta0)
    for _ in range(steps):
        g = grad_fn(theta)
        sq_sum = sq_sum + g**2
        theta = theta - lr * g / (torch.sqrt(sq_sum) + eps)
        rows.append(theta)
    return torch.stack(rows)
