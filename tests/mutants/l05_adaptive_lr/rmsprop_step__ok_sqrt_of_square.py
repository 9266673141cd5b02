"""Correct: σ⁰ as sqrt(g²), products instead of powers."""

from __future__ import annotations

import torch


def rmsprop_step(theta, grad, sigma, t, lr, alpha=0.9, eps=1e-8):
    if t > 0:
        mean_square = alpha * sigma * sigma + (1 - alpha) * grad * grad
    else:
        mean_square = grad * grad
    s = torch.sqrt(mean_square)
    return theta - grad * (lr / (s + eps)), s
