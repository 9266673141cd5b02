import torch


def _grad(f, theta):
    theta = theta.detach().clone().requires_grad_(True)
    value = f(theta)
    if not value.requires_grad:
        return torch.zeros_like(theta)
    (g,) = torch.autograd.grad(value, theta, allow_unused=True)
    return torch.zeros_like(theta) if g is None else g


def hessian(f, theta):
    d = theta.shape[0]
    h = 1e-5
    rows = []
    for i in range(d):
        e = torch.zeros(d, dtype=theta.dtype)
        e[i] = h
        rows.append((_grad(f, theta + e) - _grad(f, theta - e)) / (2 * h))
    return torch.stack(rows)
