"""Wrong: the classic `theta += ...` changes the caller's theta."""

from __future__ import annotations

import torch


def momentum_step(theta, grad, m, lr, lam):
    m_next = lam * m - lr * grad
    theta += m_next
    return theta, m_next
