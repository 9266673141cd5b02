"""Wrong: root of the SUM of squares (torch.optim.Adagrad's form), not the notes' root mean square."""

from __future__ import annotations

import torch


def adagrad_step(theta, grad, sq_sum, t, lr, eps=1e-8):
    sq_sum_next = sq_sum + grad**2
    return theta - lr * grad / (torch.sqrt(sq_sum_next) + eps), sq_sum_next
