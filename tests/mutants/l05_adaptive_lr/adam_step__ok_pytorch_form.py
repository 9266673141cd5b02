"""Correct: PyTorch's own arrangement, step size lr/bc1 and denominator sqrt(v)/sqrt(bc2) + eps."""

from __future__ import annotations

import torch


import math


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m_next = torch.lerp(grad, m, beta1) if isinstance(beta1, torch.Tensor) else m * beta1 + grad * (1 - beta1)
    v_next = v * beta2 + grad * grad * (1 - beta2)
    step = t + 1
    bias_correction1 = 1 - beta1**step
    bias_correction2 = 1 - beta2**step
    root2 = bias_correction2.sqrt() if isinstance(bias_correction2, torch.Tensor) else math.sqrt(bias_correction2)
    denom = v_next.sqrt() / root2 + eps
    return theta - (lr / bias_correction1) * (m_next / denom), m_next, v_next
