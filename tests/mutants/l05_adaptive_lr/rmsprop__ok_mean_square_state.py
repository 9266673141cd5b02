"""Correct: keeps the mean square σ² as state and takes its root when needed."""

from __future__ import annotations

import torch


def rmsprop(grad_fn, theta0, lr, steps, alpha=0.9, eps=1e-8):
    rows = [theta0]
    mean_square = None
    for _ in range(steps):
        g = grad_fn(rows[-1])
        mean_square = g * g if mean_square is None else alpha * mean_square + (1 - alpha) * g * g
        rows.append(rows[-1] - lr * g / (mean_square.sqrt() + eps))
    return torch.stack(rows)
