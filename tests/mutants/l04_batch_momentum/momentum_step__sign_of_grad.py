"""Wrong: adds the gradient (climbs the loss)."""

from __future__ import annotations

import torch


def momentum_step(theta, grad, m, lr, lam):
    m_next = lam * m + lr * grad
    return theta + m_next, m_next
