import torch


def hessian(f, theta):
    theta = theta.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(f(theta), theta, create_graph=True)
    rows = [torch.autograd.grad(g[i], theta, retain_graph=True)[0] for i in range(len(theta))]
    return torch.stack(rows)
