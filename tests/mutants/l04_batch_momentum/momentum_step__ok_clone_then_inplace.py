"""Correct: in-place operations, but on fresh clones only."""

from __future__ import annotations

import torch


def momentum_step(theta, grad, m, lr, lam):
    m_next = m.clone()
    m_next.mul_(lam)
    m_next.sub_(lr * grad)
    theta_next = theta.clone()
    theta_next.add_(m_next)
    return (theta_next, m_next)
