import torch


def project_linf(x, x0, eps):
    delta = torch.clamp(x - x0, -eps, eps)
    return torch.clamp(x0 + delta, 0.0, 1.0)
