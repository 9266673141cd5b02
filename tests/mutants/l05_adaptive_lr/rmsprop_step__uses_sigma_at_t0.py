"""Wrong: uses sigma whenever it is given, even at t = 0 where the contract ignores it."""

from __future__ import annotations

import torch


def rmsprop_step(theta, grad, sigma, t, lr, alpha=0.9, eps=1e-8):
    if sigma is None:
        s = grad.abs()
    else:
        s = torch.sqrt(alpha * sigma**2 + (1 - alpha) * grad**2)
    return theta - lr * grad / (s + eps), s
