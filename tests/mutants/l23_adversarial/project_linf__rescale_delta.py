import torch


def project_linf(x, x0, eps):
    d = x - x0
    m = d.abs().max()
    if m > eps:
        d = d * (eps / m)
    return (x0 + d).clamp(0.0, 1.0)
