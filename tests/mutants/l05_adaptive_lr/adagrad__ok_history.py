"""Correct: keeps every gradient and takes their root mean square each step."""

from __future__ import annotations

import torch


def adagrad(grad_fn, theta0, lr, steps, eps=1e-8):
    history = []
    rows = [theta0]
    for _ in range(steps):
        g = grad_fn(rows[-1])
        history.append(g)
        sigma = torch.stack(history).pow(2).mean(dim=0).sqrt()
        rows.append(rows[-1] - lr * g / (sigma + eps))
    return torch.stack(rows)
