"""Wrong: alpha weighs the new gradient instead of the past σ."""

from __future__ import annotations

import torch


def rmsprop_step(theta, grad, sigma, t, lr, alpha=0.9, eps=1e-8):
    if t == 0:
        s = grad.abs()
    else:
        s = torch.sqrt((1 - alpha) * sigma**2 + alpha * grad**2)
    return theta - lr * grad / (s + eps), s
