import torch


def project_linf(x, x0, eps):
    return torch.clamp(torch.clamp(x, 0.0, 1.0), x0 - eps, x0 + eps)
