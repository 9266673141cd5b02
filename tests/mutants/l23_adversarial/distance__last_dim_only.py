import torch

def _validate(x0, x, norm):
    if norm not in ("l2", "linf"):
        raise ValueError(f"unknown norm {norm!r}")
    if x0.shape != x.shape:
        raise ValueError("shapes differ")


def _flat(delta):
    return delta.reshape(delta.shape[0], -1)


def distance(x0, x, norm):
    _validate(x0, x, norm)
    d = x - x0
    return torch.sqrt((d**2).sum(-1)) if norm == 'l2' else d.abs().amax(-1)
