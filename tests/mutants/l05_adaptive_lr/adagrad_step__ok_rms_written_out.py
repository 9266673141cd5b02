"""Correct: the same formula written another way."""

from __future__ import annotations

import torch


def adagrad_step(theta, grad, sq_sum, t, lr, eps=1e-8):
    total = torch.add(sq_sum, grad * grad)
    rms = (total / float(t + 1)).sqrt()
    scale = lr / (rms + eps)
    return (theta - scale * grad, total)
