"""Wrong: returns the bias-corrected moments m̂, v̂ instead of exp_avg, exp_avg_sq."""

from __future__ import annotations

import torch


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m_hat = (beta1 * m + (1 - beta1) * grad) / (1 - beta1 ** (t + 1))
    v_hat = (beta2 * v + (1 - beta2) * grad**2) / (1 - beta2 ** (t + 1))
    return theta - lr * m_hat / (torch.sqrt(v_hat) + eps), m_hat, v_hat
