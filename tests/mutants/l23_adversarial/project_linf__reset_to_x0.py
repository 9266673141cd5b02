import torch


def project_linf(x, x0, eps):
    outside = (x - x0).abs() > eps
    return torch.where(outside, x0, x).clamp(0.0, 1.0)
