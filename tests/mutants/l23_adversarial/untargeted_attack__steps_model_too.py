import torch
import torch.nn.functional as F


def untargeted_attack(model, x0, y, eps, alpha, steps):
    # An optimiser over the image AND the model: each step also trains the model.
    x = x0.detach().clone()
    params = list(model.parameters())
    for _ in range(steps):
        x.requires_grad_(True)
        loss = F.cross_entropy(model(x), y)
        grads = torch.autograd.grad(loss, [x] + params)
        with torch.no_grad():
            for p, g in zip(params, grads[1:]):
                p -= 0.01 * g
            x = x + alpha * grads[0].sign()
            x = torch.clamp(torch.clamp(x, x0 - eps, x0 + eps), 0, 1)
    return x.detach()
