import torch


def project_linf(x, x0, eps):
    # clips the upper bound into [0, 1] but forgets that x0 - eps can be negative
    hi = torch.clamp(x0 + eps, max=1.0)
    return torch.clamp(x, x0 - eps, hi)
