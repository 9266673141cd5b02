import torch


def project_linf(x, x0, eps):
    return (x0 + eps * torch.sign(x - x0)).clamp(0.0, 1.0)
