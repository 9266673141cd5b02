import torch


def hessian(f, theta):
    d = theta.shape[0]
    x = theta.clone().detach().requires_grad_(True)
    y = f(x)
    if not y.requires_grad:
        return torch.zeros(d, d, dtype=theta.dtype)
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    if not g.requires_grad:
        return torch.zeros(d, d, dtype=theta.dtype)
    eye = torch.eye(d, dtype=theta.dtype)
    (H,) = torch.autograd.grad(g, x, grad_outputs=eye, is_grads_batched=True, allow_unused=True,
                               materialize_grads=True)
    return H
