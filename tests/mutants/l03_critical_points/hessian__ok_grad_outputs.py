import torch


def hessian(f, theta):
    d = theta.numel()
    x = theta.detach().requires_grad_()
    y = f(x)
    if not (isinstance(y, torch.Tensor) and y.requires_grad):
        return theta.new_zeros(d, d)
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    if not g.requires_grad:
        return theta.new_zeros(d, d)
    rows = []
    for i in range(d):
        e = torch.zeros_like(g)
        e[i] = 1
        (r,) = torch.autograd.grad(g, x, grad_outputs=e, retain_graph=True, allow_unused=True)
        rows.append(torch.zeros_like(x) if r is None else r)
    return torch.stack(rows).detach()
