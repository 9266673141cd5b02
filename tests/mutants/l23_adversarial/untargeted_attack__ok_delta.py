import torch
import torch.nn.functional as F


def _ce(logits, target):
    z = logits - logits.amax(1, keepdim=True).detach()
    return (torch.log(torch.exp(z).sum(1)) - z.gather(1, target[:, None]).squeeze(1)).mean()


def _project(x, x0, eps):
    return torch.clamp(torch.clamp(x, x0 - eps, x0 + eps), 0.0, 1.0)


def untargeted_attack(model, x0, y, eps, alpha, steps):
    delta = torch.zeros_like(x0)
    for _ in range(steps):
        delta.requires_grad_(True)
        loss = _ce(model(x0 + delta), y)
        (g,) = torch.autograd.grad(loss, delta)
        x = _project(x0 + delta.detach() + alpha * g.sign(), x0, eps)
        delta = x - x0
    return (x0 + delta).detach()
