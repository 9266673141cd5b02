import torch


def project_linf(x, x0, eps):
    lo = torch.maximum(x0 - eps, torch.zeros_like(x0))
    hi = torch.minimum(x0 + eps, torch.ones_like(x0))
    return torch.minimum(torch.maximum(x, lo), hi)
