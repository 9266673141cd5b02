import torch


def hessian(f, theta):
    d = len(theta)
    theta.requires_grad_(True)
    H = torch.zeros(d, d, dtype=theta.dtype)
    value = f(theta)
    if value.requires_grad:
        (g,) = torch.autograd.grad(value, theta, create_graph=True)
        for i in range(d):
            if g[i].requires_grad:
                (row,) = torch.autograd.grad(g[i], theta, retain_graph=True, allow_unused=True)
                if row is not None:
                    H[i] = row
    with torch.no_grad():
        theta.mul_(1.0).add_(1e-3).sub_(1e-3)  # "resets" theta in place, with rounding
    return H
