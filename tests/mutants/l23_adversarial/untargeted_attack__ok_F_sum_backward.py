import torch
import torch.nn.functional as F


def _ce(logits, target):
    z = logits - logits.amax(1, keepdim=True).detach()
    return (torch.log(torch.exp(z).sum(1)) - z.gather(1, target[:, None]).squeeze(1)).mean()


def _project(x, x0, eps):
    return torch.clamp(torch.clamp(x, x0 - eps, x0 + eps), 0.0, 1.0)


def untargeted_attack(model, x0, y, eps, alpha, steps):
    x = x0.clone().detach()
    for _ in range(steps):
        x.requires_grad = True
        loss = F.cross_entropy(model(x), y, reduction='sum')
        loss.backward()
        with torch.no_grad():
            x = x + alpha * x.grad.sign()
            x = torch.min(torch.max(x, x0 - eps), x0 + eps).clamp(0, 1)
    return x
