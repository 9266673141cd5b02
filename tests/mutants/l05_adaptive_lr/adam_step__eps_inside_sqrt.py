"""Wrong: eps inside the square root."""

from __future__ import annotations

import torch


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad**2
    m_hat = m_next / (1 - beta1 ** (t + 1))
    v_hat = v_next / (1 - beta2 ** (t + 1))
    return theta - lr * m_hat / torch.sqrt(v_hat + eps), m_next, v_next
