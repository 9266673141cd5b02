"""Wrong: starts from σ = 0 at t = 0 instead of σ⁰ = |g⁰|."""

from __future__ import annotations

import torch


def rmsprop_step(theta, grad, sigma, t, lr, alpha=0.9, eps=1e-8):
    if sigma is None or t == 0:
        sigma = torch.zeros_like(grad)
    s = torch.sqrt(alpha * sigma**2 + (1 - alpha) * grad**2)
    return theta - lr * grad / (s + eps), s
