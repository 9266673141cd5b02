"""Wrong: `sq_sum += grad**2` changes the caller's running sum."""

from __future__ import annotations

import torch


def adagrad_step(theta, grad, sq_sum, t, lr, eps=1e-8):
    sq_sum += grad**2
    sigma = torch.sqrt(sq_sum / (t + 1))
    return theta - lr * grad / (sigma + eps), sq_sum
