import torch
import torch.nn.functional as F


def _ce(logits, target):
    z = logits - logits.amax(1, keepdim=True).detach()
    return (torch.log(torch.exp(z).sum(1)) - z.gather(1, target[:, None]).squeeze(1)).mean()


def _project(x, x0, eps):
    return torch.clamp(torch.clamp(x, x0 - eps, x0 + eps), 0.0, 1.0)


def targeted_attack(model, x0, y, y_target, eps, alpha, steps):
    x = x0.detach().clone()
    for _ in range(min(steps, 1)):
        x = x.detach().requires_grad_(True)
        logits = model(x)
        loss = -_ce(logits, y) + _ce(logits, y_target)
        (g,) = torch.autograd.grad(loss, x)
        x = _project(x.detach() - alpha * g.sign(), x0, eps)
    return x.detach()
