import torch


def project_linf(x, x0, eps):
    lo, hi = x0 - eps, x0 + eps
    x.clamp_(min=lo, max=hi)
    return x.clamp_(0.0, 1.0)
