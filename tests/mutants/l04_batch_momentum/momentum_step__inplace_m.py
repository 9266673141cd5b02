"""Wrong: updates the movement with m.mul_(lam), changing the caller's m."""

from __future__ import annotations

import torch


def momentum_step(theta, grad, m, lr, lam):
    m_next = m.mul_(lam).sub_(lr * grad)
    return theta + m_next, m_next
