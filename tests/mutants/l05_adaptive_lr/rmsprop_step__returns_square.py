"""Wrong: returns σ² (the running mean of squares) instead of σ."""

from __future__ import annotations

import torch


def rmsprop_step(theta, grad, sigma, t, lr, alpha=0.9, eps=1e-8):
    if t == 0:
        v = grad**2
    else:
        v = alpha * sigma + (1 - alpha) * grad**2
    return theta - lr * grad / (torch.sqrt(v) + eps), v
