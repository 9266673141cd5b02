import torch
import torch.nn.functional as F


def _ce(logits, target):
    z = logits - logits.amax(1, keepdim=True).detach()
    return (torch.log(torch.exp(z).sum(1)) - z.gather(1, target[:, None]).squeeze(1)).mean()


def _project(x, x0, eps):
    return torch.clamp(torch.clamp(x, x0 - eps, x0 + eps), 0.0, 1.0)


def untargeted_attack(model, x0, y, eps, alpha, steps):
    x = x0.detach().clone()
    for _ in range(steps):
        leaf = x.detach().requires_grad_(True)
        (g,) = torch.autograd.grad(_ce(model(leaf), y), leaf)
        x = _project(leaf + alpha * g.sign(), x0, eps)
    return x
