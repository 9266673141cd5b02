"""Wrong: averages over t gradients instead of t+1 (t counts from 0)."""

from __future__ import annotations

import torch


def adagrad_step(theta, grad, sq_sum, t, lr, eps=1e-8):
    sq_sum_next = sq_sum + grad**2
    sigma = torch.sqrt(sq_sum_next / max(t, 1))
    return theta - lr * grad / (sigma + eps), sq_sum_next
