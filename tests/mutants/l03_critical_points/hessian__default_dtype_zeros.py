import torch


def hessian(f, theta):
    d = len(theta)
    H = torch.zeros(d, d)  # float32, whatever theta is
    theta = theta.detach().clone().requires_grad_(True)
    value = f(theta)
    if not value.requires_grad:
        return H
    (g,) = torch.autograd.grad(value, theta, create_graph=True)
    for i in range(d):
        if g[i].requires_grad:
            (row,) = torch.autograd.grad(g[i], theta, retain_graph=True, allow_unused=True)
            if row is not None:
                H[i] = row
    return H
