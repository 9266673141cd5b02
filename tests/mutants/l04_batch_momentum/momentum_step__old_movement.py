"""Wrong: moves theta by the previous movement m, not m_next."""

from __future__ import annotations

import torch


def momentum_step(theta, grad, m, lr, lam):
    theta_next = theta + m
    m_next = lam * m - lr * grad
    return theta_next, m_next
