"""Wrong: no bias correction (m and v used as they are)."""

from __future__ import annotations

import torch


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad**2
    return theta - lr * m_next / (torch.sqrt(v_next) + eps), m_next, v_next
