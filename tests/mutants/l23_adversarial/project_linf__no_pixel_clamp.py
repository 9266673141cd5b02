import torch


def project_linf(x, x0, eps):
    return torch.clamp(x, x0 - eps, x0 + eps)
