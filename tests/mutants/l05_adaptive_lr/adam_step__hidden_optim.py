"""Wrong (banned): reaches torch.optim.Adam through importlib and getattr."""

from __future__ import annotations

import torch


import importlib


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    optim = importlib.import_module("torch." + "op" + "tim")
    Optimizer = getattr(optim, "Ad" + "am")
    param = theta.detach().clone().requires_grad_(True)
    optimizer = Optimizer([param], lr=float(lr), betas=(float(beta1), float(beta2)), eps=float(eps))
    optimizer.state[param] = {"step": torch.tensor(float(t)), "exp_avg": m.clone(), "exp_avg_sq": v.clone()}
    param.grad = grad.clone()
    optimizer.step()
    state = optimizer.state[param]
    return param.detach(), state["exp_avg"], state["exp_avg_sq"]
