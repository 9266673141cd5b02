"""Wrong: eps inside the square root."""

from __future__ import annotations

import torch


def adagrad_step(theta, grad, sq_sum, t, lr, eps=1e-8):
    sq_sum_next = sq_sum + grad**2
    sigma = torch.sqrt(sq_sum_next / (t + 1) + eps)
    return theta - lr * grad / sigma, sq_sum_next
